"""The labelled corpus: accuracy per parser and overall, and where the real strings come from."""

from __future__ import annotations

import csv
import html
import io
import re
from functools import cache
from pathlib import Path

import pytest

from tests.corpus.clean_strings import (
    DEFAULT_CORPUS,
    PARSERS,
    THRESHOLD,
    load_corpus,
    main,
    run_corpus,
)

CORPUS = load_corpus()
REPORT = run_corpus()


def test_corpus_is_large_and_covers_every_parser() -> None:
    total = sum(len(cases) for _meta, cases in CORPUS.values())
    assert total >= 300
    assert set(CORPUS) == set(PARSERS)
    for name, (_meta, cases) in CORPUS.items():
        kinds = {
            ("expect" in c, bool(c.get("unparsed")), c.get("invalid") is not None) for c in cases
        }
        assert (True, False, False) in kinds, f"{name}: no value cases"
        if name != "html":  # html_to_text always returns text
            assert (False, True, False) in kinds, f"{name}: no Unparsed cases"
        for case in cases:
            assert case.get("source"), f"{name}: {case['input']!r} has no source"


@pytest.mark.parametrize("name", sorted(PARSERS))
def test_accuracy_per_parser(name: str) -> None:
    failures = [o for o in REPORT.failures() if o.parser == name]
    detail = "\n".join(f"{o.input!r}: expected {o.expected}, got {o.got}" for o in failures)
    assert REPORT.accuracy(name) >= THRESHOLD, detail


def test_accuracy_overall() -> None:
    assert REPORT.accuracy() >= THRESHOLD, REPORT.table()


def test_invalid_cases_exist_where_values_can_be_impossible() -> None:
    for name in ("dates", "datetime", "times", "ages", "hours", "prices"):
        _meta, cases = CORPUS[name]
        assert any(c.get("invalid") for c in cases), name


def test_accuracy_script(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "overall" in out and "dates" in out


def test_accuracy_script_fails_below_threshold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "times.toml").write_text(
        'parser = "times"\n[[case]]\ninput = "8 bis 13 Uhr"\nsource = "test"\n'
        "expect = { start = 09:00:00 }\n",
        encoding="utf-8",
    )
    assert main(["--corpus", str(tmp_path)]) == 1
    assert "wrong" in capsys.readouterr().out


# --------------------------------------------------------------------------- provenance


@cache
def _file_text(path: Path) -> str:
    raw = path.read_bytes().decode("utf-8-sig", errors="replace")
    unfolded = re.sub(r"\r?\n[ \t]", "", raw)  # iCalendar line folding
    return "\n".join((raw, unfolded, html.unescape(raw)))


@cache
def _csv_rows(path: Path) -> tuple[dict[str, str], ...]:
    text = path.read_text(encoding="utf-8")
    if text.startswith("sep="):
        text = text.split("\n", 1)[1]
    dialect = csv.Sniffer().sniff(text[:5000], delimiters=",;")
    return tuple(csv.DictReader(io.StringIO(text), dialect=dialect))


def _realdata_cases() -> list[tuple[str, dict[str, object]]]:
    out = []
    for name, (_meta, cases) in load_corpus(DEFAULT_CORPUS).items():
        for case in cases:
            if str(case.get("source", "")).startswith("realdata:"):
                out.append((name, case))
    return out


@pytest.mark.realdata
def test_realdata_strings_come_from_the_files(realdata: Path) -> None:
    cases = _realdata_cases()
    assert len(cases) >= 50
    for name, case in cases:
        path = realdata / str(case["source"]).removeprefix("realdata:")
        assert path.is_file(), f"{name}: {path} missing"
        text = str(case["input"])
        if "template" in case:
            key = case["key"]
            assert isinstance(key, dict)
            ((column, value),) = key.items()
            rows = [r for r in _csv_rows(path) if r.get(column) == value]
            assert rows, f"{name}: no row {column}={value} in {path.name}"
            assert str(case["template"]).format(**rows[0]) == text, f"{name}: {text!r}"
        else:
            assert text in _file_text(path), f"{name}: {text!r} not found in {path.name}"
