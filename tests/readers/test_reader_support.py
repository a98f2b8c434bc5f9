"""Shared reader pieces: stacked headers, the problem log, option errors, the registries."""

from __future__ import annotations

import pytest

from scrapers.readers.base import READERS, ReaderError, get_reader
from scrapers.readers.parsing import PARSERS, get_parser
from scrapers.readers.problems import KeyTracker, ProblemLog, RowProblem
from scrapers.readers.tabular import name_columns, stack_headers


def test_group_cells_fill_to_the_right_within_their_parent_group():
    rows = [
        ["", "Angebot", "", "", "Kosten", ""],
        ["Nr", "Kurs", "", "Termin", "Euro", "Ermäßigt"],
        ["", "Titel", "Alter", "", "", ""],
    ]
    assert stack_headers(rows, " / ", fill_left=True) == [
        "Nr", "Angebot / Kurs / Titel", "Angebot / Kurs / Alter", "Angebot / Termin",
        "Kosten / Euro", "Kosten / Ermäßigt",
    ]


def test_unnamed_trailing_column_does_not_join_the_last_group():
    rows = [["", "Preis", ""], ["Nr", "Euro", ""]]
    assert stack_headers(rows, " / ", fill_left=True) == ["Nr", "Preis / Euro", ""]


def test_parts_are_stripped_and_merged_down_parts_not_repeated():
    rows = [["Stadtgebiet ", "Fläche in km²"], ["Stadtgebiet", " Fläche in km²"]]
    assert stack_headers(rows, "|", fill_left=False) == ["Stadtgebiet", "Fläche in km²"]


def test_single_header_row_is_kept_as_found():
    assert stack_headers([[" Name ", "PLZ"]], " / ", fill_left=True) == [" Name ", "PLZ"]


def test_name_columns_drops_trailing_empties():
    problems = ProblemLog()
    assert name_columns(["a", "b", "", " "], source_id="s", where="header",
                        problems=problems) == ["a", "b"]
    assert problems.count == 0


def test_problem_log_counts_everything_keeps_the_first():
    problems = ProblemLog(keep=2, log_first=0)
    for n in range(5):
        problems.add(RowProblem("quelle", f"line {n + 2}", "PLZ", "fehlt", kind="no_key",
                                skipped=n % 2 == 0))
    assert (problems.count, len(problems.problems), problems.skipped) == (5, 2, 3)
    assert problems.as_dict() == {
        "count": 5, "skipped": 3, "by_kind": {"no_key": 5},
        "messages": ["source 'quelle', line 2, field 'PLZ': fehlt",
                     "source 'quelle', line 3, field 'PLZ': fehlt"],
    }


def test_strict_problem_log_raises():
    with pytest.raises(ReaderError, match=r"^source 'q', row 4: kaputt$"):
        ProblemLog(strict=True).add(RowProblem("q", "row 4", None, "kaputt"))


def test_key_tracker_reports_repeats_only():
    problems = ProblemLog(log_first=0)
    keys = KeyTracker("q", problems)
    for where, key in [("line 2", "a"), ("line 3", "b"), ("line 4", "a"), ("line 5", "a")]:
        keys.see(key, where)
    assert [str(p) for p in problems] == [
        "source 'q', line 4: duplicate record key 'a' (first used at line 2)",
        "source 'q', line 5: duplicate record key 'a' (first used at line 2)",
    ]


def test_registries():
    get_reader("csv")  # imports every reader module
    assert {"csv", "xlsx", "json_api", "geojson", "rss"} <= set(READERS)
    assert {"csv", "xlsx", "json_api", "geojson", "rss"} <= set(PARSERS)
    with pytest.raises(ReaderError, match="no file parser for adapter 'pdf'"):
        get_parser("pdf")
