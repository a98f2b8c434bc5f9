"""The source registry: the demo one is valid, a broken one is rejected naming file, source
and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.settings import CONFIG_DIR
from familienpunkt.checks import check_registry
from schemas.source import AdapterKind, Registry, RegistryError

DEMO = CONFIG_DIR / "sources.demo.toml"
GOOD_SOURCE = """
[providers.vhs]
name = "Volkshochschule"
type = "education"

[sources.vhs]
provider = "vhs"
adapter = "json_api"
url = "https://vhs.example/api/kurse"
licence = "dl-by-de/2.0"
key = "kursnummer"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_demo_registry_is_valid_and_checks_clean():
    registry = Registry.load(DEMO)
    assert len(registry.sources) >= 8
    assert {s.adapter for s in registry.sources.values()} >= {
        AdapterKind.SPIDER,
        AdapterKind.CSV,
        AdapterKind.XLSX,
        AdapterKind.ICAL,
        AdapterKind.JSON_API,
        AdapterKind.GEOJSON,
    }
    assert check_registry(registry) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ('licence = "dl-by-de/2.0"', "source 'vhs', field 'licence': unknown licence 'cc-by-nc'"),
        (
            'url = "https://vhs.example/api/kurse"',
            "source 'vhs', field 'url': 'ftp://vhs.example/k' is not an http",
        ),
        ('adapter = "json_api"', "source 'vhs', field 'adapter': Input should be"),
        ('key = "kursnummer"', "source 'vhs', field 'mapping': unknown slot(s) titel"),
        ('provider = "vhs"', "source 'vhs', field 'provider'"),
    ],
)
def test_a_broken_registry_names_file_source_and_field(tmp_path, change, message):
    broken = {
        'licence = "dl-by-de/2.0"': 'licence = "cc-by-nc"',
        'url = "https://vhs.example/api/kurse"': 'url = "ftp://vhs.example/k"',
        'adapter = "json_api"': 'adapter = "pdf"',
        'key = "kursnummer"': 'key = "kursnummer"\nmapping = { titel = "titel" }',
        'provider = "vhs"': 'provider = "volkshochschule"',
    }[change]
    path = write(tmp_path, GOOD_SOURCE.replace(change, broken))
    with pytest.raises(RegistryError) as caught:
        Registry.load(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_bad_toml_and_a_missing_file_are_clear(tmp_path):
    with pytest.raises(RegistryError, match="not valid TOML"):
        Registry.load(write(tmp_path, "[sources.x\n"))
    with pytest.raises(RegistryError, match="registry file not found"):
        Registry.load(tmp_path / "missing.toml")


def test_the_check_names_bad_adapter_options_and_unknown_spiders(tmp_path):
    text = GOOD_SOURCE.replace(
        'key = "kursnummer"', 'key = "kursnummer"\noptions = { pagging = "page" }'
    )
    text += (
        '\n[sources.portal]\nprovider = "vhs"\nadapter = "spider"\nspider = "nope"\n'
        'url = "https://x.example/"\nlicence = "cc-zero"\n'
    )
    registry = Registry.load(write(tmp_path, text))
    problems = check_registry(registry)
    assert any(
        "source 'vhs', field 'options.pagging': Extra inputs are not permitted" in p
        for p in problems
    )
    assert any("source 'portal', field 'spider': no spider named 'nope'" in p for p in problems)


def test_url_variables_come_from_the_environment_or_the_caller(monkeypatch):
    source = Registry.load(DEMO).sources["kitas"]
    assert source.url_variables == ["demo"]
    given = source.resolved({"demo": "http://127.0.0.1:4711"})
    assert given.url.startswith("http://127.0.0.1:4711/kitas/")
    monkeypatch.setenv("FAMILIENPUNKT_URL_DEMO", "http://127.0.0.1:4712/")
    assert source.resolved().url.startswith("http://127.0.0.1:4712/kitas/")
    monkeypatch.delenv("FAMILIENPUNKT_URL_DEMO")
    with pytest.raises(RegistryError, match="FAMILIENPUNKT_URL_DEMO is not set"):
        source.resolved()
