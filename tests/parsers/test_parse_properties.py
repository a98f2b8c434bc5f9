"""Property tests: no input crashes a parser, and every value satisfies its invariants.

* ``test_parser_properties``: 500 generated inputs per parser, derandomised (normal suite).
* ``test_parser_fuzz`` (marker ``fuzz``): 10,000 per parser with a fresh seed; opt-in because
  it takes about two minutes on two cores:
  ``FAMILIENPUNKT_FUZZ=1 pytest -m fuzz tests/parsers``
  (``FAMILIENPUNKT_FUZZ_EXAMPLES`` changes the count).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from parser_properties import (
    FUZZ_ENABLED,
    FUZZ_EXAMPLES,
    FUZZ_PROFILE,
    PROFILE,
    PROPERTIES,
    PROPERTY_EXAMPLES,
)

from pipelines.parsers import html_to_text, parse_opening_hours


@pytest.mark.parametrize("name", sorted(PROPERTIES))
def test_parser_properties(name: str) -> None:
    strategy, check = PROPERTIES[name]
    settings(PROFILE, max_examples=PROPERTY_EXAMPLES)(given(strategy)(check))()


@pytest.mark.fuzz
@pytest.mark.skipif(
    not FUZZ_ENABLED, reason="opt-in: FAMILIENPUNKT_FUZZ=1 (10,000 examples per parser)"
)
@pytest.mark.parametrize("name", sorted(PROPERTIES))
def test_parser_fuzz(name: str) -> None:
    strategy, check = PROPERTIES[name]
    settings(FUZZ_PROFILE, max_examples=FUZZ_EXAMPLES)(given(strategy)(check))()


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\x00",
        "\ud7ff" * 50,
        "1" * 5000,
        "-" * 1000,
        "12." * 300,
        "Mo-" * 300,
        "<p>" * 2000,
        "€ " * 500,
        "ab " * 500 + "6",
        "a" * 100_000,
    ],
)
def test_hostile_inputs_do_not_crash_or_hang(text: str) -> None:
    for _name, (_strategy, check) in PROPERTIES.items():
        check(text)


def test_osm_round_trip_of_every_corpus_value() -> None:
    from tests.corpus.clean_strings import load_corpus

    _meta, cases = load_corpus()["hours"]
    checked = 0
    for case in cases:
        if "expect" not in case:
            continue
        value = parse_opening_hours(case["input"])
        again = parse_opening_hours(value.osm)  # type: ignore[union-attr]
        assert again.spec == value.spec, case["input"]  # type: ignore[union-attr]
        checked += 1
    assert checked >= 40


def test_html_output_is_stable_plain_text() -> None:
    assert html_to_text(html_to_text("<p>a &amp; b</p><ul><li>c</li></ul>")) == "a & b\n\n- c"
