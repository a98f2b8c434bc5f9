# Familienpunkt — `make run` and `make test` are all a fresh machine needs (Python 3.11).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test bench fuzz lint lock clean env

# The locked environment: every package pinned with its hash; the project installed editable.
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required, found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation \
		--config-settings editable_mode=compat -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

env: $(STAMP)

## run: import every demo provider through Prefect and publish the open-data export
run: $(STAMP)
	$(BIN)/familienpunkt run

## test: the whole test suite (no internet; providers simulated on 127.0.0.1)
test: $(STAMP)
	$(BIN)/python -m pytest

## bench: speed and memory figures of the import road (prints tables)
bench: $(STAMP)
	$(BIN)/python -m benchmarks

lint: $(STAMP)
	$(BIN)/ruff check .

## lock: re-resolve requirements.lock from pyproject.toml (needs the registry)
lock:
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile pyproject.toml --extra dev --python-version 3.11 \
		--python-platform x86_64-manylinux_2_28 --generate-hashes --no-header -o requirements.lock

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache .hypothesis

## fuzz: 10,000 hypothesis examples per German parser (a few minutes)
fuzz: $(STAMP)
	FAMILIENPUNKT_FUZZ=1 $(BIN)/python -m pytest -m fuzz tests/parsers -q
