"""Clusters, their guard against chaining, and the surviving record built field by field."""

from __future__ import annotations

import random
from datetime import time
from decimal import Decimal

from pipelines.dedupe import MERGED_FLAG, find_duplicates
from tests.dedupe.builders import SEEN, offer, venue

OWN = venue("jugendzentren", "v", name="JZ Broich", street="Ritterstr. 12")
PORTAL = venue("ferienportal", "v", name="Jugendzentrum Broich", street="Ritterstraße 12")
CARD = venue("familienkarte", "v", name="Jugendzentrum Broich", street=None)
LOCATIONS = {v.id: v for v in (OWN, PORTAL, CARD)}
PRIORITY = ["jugendzentren", "ferienportal", "familienkarte"]


def three_listings():
    own = offer("jugendzentren", "JZ-7", "Zirkuswoche „Manege frei!“", location=OWN,
                description="Eine Woche Manege.", organiser="Zirkusschule Ruhrtal e.V.",
                categories=["culture"], url="https://jz.example/zirkus")
    portal = offer(
        "ferienportal", "FS-0767", "Zirkuswoche Manege frei (Sommerferien)", location=PORTAL,
        description="Jonglieren, Balancieren, Zaubern: eine Woche lang wird das Zelt zur "
        "Manege. Am Freitag zeigen alle Kinder ihr Können.",
        prices=[{"amount": Decimal("50")},
                {"amount": Decimal("25"), "reduction": "city_pass", "label": "Mülheim-Pass"}],
        price_text="50 €, mit Mülheim-Pass 25 €", is_free=False, capacity=30, free_places=4,
        free_places_seen_at=SEEN, status="active", booking_url="https://portal.example/b/767",
        categories=["care.holiday"],
    )
    card = offer("familienkarte", "FK-12", "Zirkuswoche Manege frei", location=CARD,
                 description="Zirkus für Kinder.", contact_email="info@zirkus.example")
    return own, portal, card


def test_three_listings_become_one_survivor_built_field_by_field() -> None:
    own, portal, card = three_listings()
    result = find_duplicates([card, portal, own], LOCATIONS, priority=PRIORITY,
                             field_priority={"live": ["ferienportal"]})
    assert len(result.clusters) == 1 and len(result.survivors) == 1
    survivor = result.survivors[0]
    # the id and provenance of the best-ranked source: never invented
    assert survivor.id == own.id and survivor.provenance == own.provenance
    assert result.clusters[0].member_ids == (own.id, portal.id, card.id)
    assert result.absorbed == {portal.id, card.id}
    # best source where it has a value; a value present beats an empty one
    assert survivor.title == own.title and survivor.url == own.url
    assert survivor.location_id == OWN.id
    assert survivor.organizer_name == "Zirkusschule Ruhrtal e.V."
    assert survivor.prices == portal.prices and survivor.price_text == portal.price_text
    assert survivor.booking_url == portal.booking_url
    assert survivor.contact_email == "info@zirkus.example"
    # the booking portal wins live places (with their capacity and time); the richest text wins
    assert (survivor.free_places, survivor.capacity, survivor.free_places_seen_at) == (4, 30, SEEN)
    assert survivor.description == portal.description
    assert survivor.categories == ["care.holiday", "culture"]
    assert MERGED_FLAG in survivor.quality_flags
    links = {link.member_id: link for link in result.links}
    assert set(links) == {own.id, portal.id, card.id}
    assert links[own.id].score == 1.0 and links[own.id].survivor_id == own.id
    assert (links[card.id].source_id, links[card.id].record_key) == ("familienkarte", "FK-12")
    assert all(0.5 <= link.score <= 1.0 for link in result.links)


def test_apply_replaces_the_cluster_by_its_survivor_in_input_order() -> None:
    own, portal, card = three_listings()
    lone = offer("familienkarte", "FK-99", "Kanuwoche", location=CARD, at=time(14))
    result = find_duplicates([portal, lone, own, card], LOCATIONS, priority=PRIORITY)
    published = result.apply([portal, lone, own, card])
    assert [o.id for o in published] == [lone.id, own.id]
    assert published[1] is result.survivors[0]


def test_result_does_not_depend_on_input_order() -> None:
    offers = [*three_listings(), offer("familienkarte", "FK-2", "Kanuwoche", location=CARD)]
    first = find_duplicates(offers, LOCATIONS, priority=PRIORITY)
    shuffled = offers[:]
    random.Random(3).shuffle(shuffled)
    second = find_duplicates(shuffled, LOCATIONS, priority=PRIORITY)
    assert first.clusters == second.clusters and first.links == second.links
    assert first.survivors == second.survivors and first.absorbed == second.absorbed


def test_unknown_sources_rank_after_named_ones() -> None:
    own, portal, card = three_listings()
    result = find_duplicates([own, portal, card], LOCATIONS, priority=["familienkarte"])
    assert result.survivors[0].id == card.id
    assert result.clusters[0].member_ids == (card.id, portal.id, own.id)  # then alphabetical


def test_a_listing_compatible_with_two_groups_does_not_chain_them() -> None:
    morning = offer("ferienportal", "FS-1", "Zirkuswoche", location=PORTAL, at=time(9))
    afternoon = offer("jugendzentren", "JZ-1", "Zirkuswoche", location=OWN, at=time(14))
    no_time = offer("familienkarte", "FK-1", "Zirkuswoche", location=CARD, at=None)
    result = find_duplicates([morning, afternoon, no_time], LOCATIONS, priority=PRIORITY)
    assert len(result.clusters) == 1
    assert no_time.id in result.clusters[0].member_ids
    assert len(result.clusters[0].member_ids) == 2
    assert [k.reason for k in result.kept_apart] == ["weak_link"]


def test_a_cluster_never_holds_two_offers_of_one_source() -> None:
    listed_twice = [offer("ferienportal", key, "Lego-Robotik für Einsteiger", location=PORTAL)
                    for key in ("FS-0369", "FS-0373")]
    elsewhere = offer("familienkarte", "FK-3", "Lego Robotik für Einsteiger*innen",
                      location=CARD)
    result = find_duplicates([*listed_twice, elsewhere], LOCATIONS, priority=PRIORITY)
    assert len(result.clusters) == 1 and len(result.clusters[0].member_ids) == 2
    assert [k.reason for k in result.kept_apart] == ["same_source"]
    assert result.stats["candidate_pairs"] == 2  # the one-source pair is never proposed


def test_nothing_to_merge_gives_an_empty_result() -> None:
    own, _, _ = three_listings()
    result = find_duplicates([own], LOCATIONS, priority=PRIORITY)
    assert (result.clusters, result.survivors, result.links, result.absorbed) == ([], [], [], set())
    assert result.apply([own]) == [own]
