"""Judging source runs: failed, suspicious (nothing withdrawn) or ok."""

from __future__ import annotations

from datetime import date

from flows.health import judge
from schemas.source import Source

SOURCE = Source.model_validate(
    {
        "id": "ferien",
        "provider": "p",
        "adapter": "csv",
        "url": "https://x.example/f.csv",
        "licence": "cc-zero",
        "min_records": 10,
        "empty_seasons": [{"start": "09-01", "end": "05-31"}],
    }
)


def verdict(**kwargs):
    base = dict(
        extracted_ok=True,
        extract_reason=None,
        fetched=50,
        valid=50,
        recent=[],
        today=date(2026, 7, 1),
    )
    return judge(SOURCE, **{**base, **kwargs})


def test_ok_failed_and_suspicious():
    assert verdict() == ("ok", None)
    assert verdict(extracted_ok=False, extract_reason="HTTP 500") == ("failed", "HTTP 500")
    assert verdict(fetched=0, valid=0)[0] == "suspicious"
    assert verdict(fetched=5, valid=5)[1] == "5 records, below the minimum of 10: nothing withdrawn"
    assert verdict(fetched=12, valid=0)[0] == "suspicious"
    assert verdict(fetched=20, valid=20, recent=[50, 48, 52])[1].startswith(
        "20 records against a recent median of 50"
    )


def test_empty_is_fine_in_a_declared_season():
    assert verdict(fetched=0, valid=0, today=date(2026, 11, 21)) == (
        "ok",
        "empty, as expected out of season",
    )
