"""The youth centre tells half its posts' facts in sentences ("Wir treffen uns am Freitag,
11.12.2026 von 17 bis 20 Uhr."): read through the one normalisation road, every post is
published with the days, hours, ages, price, places and deadline the demo world declares."""

from __future__ import annotations

import os
from datetime import datetime, time
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from core.clock import today_berlin
from core.settings import CONFIG_DIR
from demo import DemoWorld
from demo.content.jugendzentrum import youth_posts
from pipelines.normalise import Normalised, normalise_record
from pipelines.source_run import make_context
from schemas.raw import RawRecord
from schemas.source import Registry
from scrapers.extract import extract_feed

BERLIN = ZoneInfo("Europe/Berlin")
SOURCES = ("jugendhaus-termine", "jugendhaus-ferien")


@pytest.fixture
def offers(world: DemoWorld, tmp_path: Path) -> list[tuple[Normalised, str]]:
    os.environ["FAMILIENPUNKT_URL_DEMO"] = world.base_url
    try:
        registry = Registry.load(CONFIG_DIR / "sources.demo.toml")
        out: list[tuple[Normalised, str]] = []
        for source_id in SOURCES:
            source = registry.sources[source_id].resolved()
            raw_path = tmp_path / f"{source_id}.jsonl"
            stats = extract_feed(source, raw_path, tmp_path / f"{source_id}.stats.json")
            assert stats["error"] is None
            ctx = make_context(source, provider_key=source.provider, reference=today_berlin())
            for line in raw_path.read_text(encoding="utf-8").splitlines():
                raw = RawRecord.model_validate_json(line)
                result = normalise_record(raw, ctx)
                assert isinstance(result, Normalised), raw.record_key
                out.append((result, raw.record_key))
        return out
    finally:
        os.environ.pop("FAMILIENPUNKT_URL_DEMO", None)


def test_every_post_is_published_as_declared_whether_listed_or_told(offers) -> None:
    posts = {p.guid: p for p in youth_posts()}
    told = 0
    for normalised, key in offers:
        offer, post = normalised.offer, posts[key]
        schedule = offer.schedule
        assert schedule is not None, post.title
        assert (schedule.start_date, schedule.end_date or schedule.start_date) == (
            post.first_day, post.last_day), post.title
        assert (schedule.start_time, schedule.end_time) == (post.start, post.end), post.title
        if post.ages is None:
            assert offer.audience.age_scope.value == "all_ages", post.title
        else:
            lo, hi = post.ages
            assert (offer.audience.age_min_months, offer.audience.age_max_months) == (
                lo * 12, hi * 12 + 11), post.title
        amounts = sorted(p.amount for p in offer.prices)
        declared = [Decimal(n) for n in _amounts(post.price_text)]
        assert amounts == declared or (not declared and offer.is_free), post.title
        if "ausgebucht" in (post.places_text or ""):
            assert offer.free_places == 0 and offer.status.value == "full", post.title
        deadline = post.registration_closes
        expected_close = datetime.combine(deadline, time(23, 59), BERLIN) if deadline else None
        assert offer.registration_closes == expected_close, post.title
        if offer.provenance.from_text:
            told += 1
            assert {f.value for f in offer.provenance.from_text} >= {"dates", "times"}
    assert len(offers) == len(posts) == 24
    assert 6 <= told <= 18  # about half the posts tell their facts in sentences


def _amounts(price_text: str) -> list[str]:
    import re

    return [f"{int(n)}.00" for n in re.findall(r"(\d+)\s*(?:Euro|€)", price_text)]
