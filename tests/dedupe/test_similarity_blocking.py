"""The pair score, its conflicts, and the blocking that proposes pairs."""

from __future__ import annotations

from datetime import date, time, timedelta

from pipelines.dedupe.blocking import BlockingConfig, candidate_pairs
from pipelines.dedupe.features import extract
from pipelines.dedupe.similarity import DEFAULT_RULE, score_pair, title_similarity
from tests.dedupe.builders import offer, venue

PORTAL = venue("ferienportal", "v1", name="Jugendzentrum Broich", street="Ritterstraße 12")
OWN_SITE = venue("jugendzentren", "v1", name="JZ Broich", street="Ritterstr. 14")
ELSEWHERE = venue("familienkarte", "v9", name="Jugendtreff Dümpten", street="Nordstraße 3",
                  postcode="45475")


def pair(a_offer, a_venue, b_offer, b_venue):
    return score_pair(extract(a_offer, a_venue), extract(b_offer, b_venue))


def test_the_same_week_at_the_same_place_from_two_sources_is_a_duplicate() -> None:
    a = offer("ferienportal", "FS-1", "Zirkuswoche „Manege frei!“", location=PORTAL,
              rrule="FREQ=DAILY;UNTIL=20270723T215959Z")
    b = offer("jugendzentren", "JZ-1", "Zirkuswoche Manege frei (Sommerferien)",
              location=OWN_SITE, rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", ages=(72, None))
    score = pair(a, PORTAL, b, OWN_SITE)
    assert score.conflicts == () and DEFAULT_RULE.accepts(score)
    assert score == pair(b, OWN_SITE, a, PORTAL)  # symmetric


def test_hard_facts_make_conflicts() -> None:
    base = offer("ferienportal", "FS-1", "Zirkuswoche", location=PORTAL)
    week = timedelta(days=7)
    cases = {
        "same_source": (offer("ferienportal", "FS-2", "Zirkuswoche", location=PORTAL), PORTAL),
        "dates": (offer("x", "1", "Zirkuswoche", location=OWN_SITE,
                        first=date(2027, 7, 19) + week, last=date(2027, 7, 23) + week), OWN_SITE),
        "start_time": (offer("x", "2", "Zirkuswoche", location=OWN_SITE, at=time(14)), OWN_SITE),
        "venue": (offer("x", "3", "Zirkuswoche", location=ELSEWHERE), ELSEWHERE),
        "ages": (offer("x", "4", "Zirkuswoche", location=OWN_SITE, ages=(144, 179)), OWN_SITE),
        "family": (offer("x", "5", "Zirkuswoche", location=OWN_SITE, kind="kita"), OWN_SITE),
        "venue_unknown": (offer("x", "6", "Zirkuswoche"), None),
    }
    for conflict, (other, where) in cases.items():
        assert conflict in pair(base, PORTAL, other, where).conflicts, conflict
    numbered = offer("x", "7", "Zirkuswoche Gruppe 2", location=OWN_SITE)
    first = offer("y", "7", "Zirkuswoche Gruppe 1", location=PORTAL)
    assert "title_numbers" in pair(first, PORTAL, numbered, OWN_SITE).conflicts


def test_a_listing_without_venue_is_fine_when_the_organisers_agree() -> None:
    a = offer("ferienportal", "FS-1", "Zirkuswoche", location=PORTAL,
              organiser="Zirkusschule Ruhrtal e.V.")
    b = offer("familienkarte", "FK-1", "Zirkuswoche", organiser="Zirkusschule Ruhrtal")
    assert DEFAULT_RULE.accepts(pair(a, PORTAL, b, None))


def test_one_building_geocoded_a_kilometre_apart_on_the_same_street_is_one_venue() -> None:
    near = venue("a", "v", name="Medienhaus", street="Synagogenplatz 3", lat=51.4268, lon=6.8840)
    far = venue("b", "v", name="Stadtbibliothek im Medienhaus", street="Synagogenplatz 3",
                lat=51.4330, lon=6.8800)
    a = offer("a", "1", "Ferien-Filmstudio", location=near)
    b = offer("b", "1", "Ferien-Filmstudio", location=far)
    assert "venue" not in pair(a, near, b, far).conflicts
    other_street = venue("c", "v", name="Treff", street="Aktienstraße 45", lat=51.4440,
                         lon=6.8950)
    c = offer("c", "1", "Ferien-Filmstudio", location=other_street)
    assert "venue" in pair(a, near, c, other_street).conflicts


def test_an_open_ended_weekly_listing_matches_the_bounded_course() -> None:
    course = offer("vhs", "1", "Englisch für Kinder", location=PORTAL, first=date(2026, 12, 2),
                   last=date(2027, 2, 24), at=time(15, 30),
                   rrule="FREQ=DAILY;UNTIL=20270224T225959Z", ages=(96, 131))
    portal = offer("kursportal", "1", "Englisch für Kinder – spielerisch", location=OWN_SITE,
                   first=date(2026, 12, 2), last=None, at=time(15, 30),
                   rrule="FREQ=WEEKLY;BYDAY=WE", ages=(96, 131))
    assert DEFAULT_RULE.accepts(pair(course, PORTAL, portal, OWN_SITE))


def test_title_similarity_reads_compounds_and_rewordings() -> None:
    assert title_similarity("eltern kind gruppe", "elternkindgruppe") == 1.0
    assert title_similarity("kunstwerkstatt museum", "kunstwerkstatt museum ferienaktion") == 1.0
    assert title_similarity("bronze kurs freischwimmer", "seepferdchen kurs") < 0.6


def test_blocking_proposes_street_geo_and_title_pairs_but_never_one_source() -> None:
    pool = [
        offer("a", "1", "Zirkuswoche", location=PORTAL),
        offer("b", "1", "Zirkuswoche Manege frei", location=OWN_SITE),  # same street
        offer("c", "1", "Manege frei!"),  # no venue: only the title word can find it
        offer("a", "2", "Zirkuswoche", location=PORTAL),  # same source as the first
        offer("d", "1", "Zirkuswoche", location=OWN_SITE, first=date(2027, 10, 4),
              last=date(2027, 10, 8)),  # months later
    ]
    where = {PORTAL.id: PORTAL, OWN_SITE.id: OWN_SITE}
    features = [extract(o, where.get(o.location_id or "")) for o in pool]
    pairs, stats = candidate_pairs(features)
    assert (0, 1) in pairs and (1, 2) in pairs
    assert (0, 3) not in pairs
    assert all(4 not in p for p in pairs)
    assert stats.candidate_pairs == len(pairs) and stats.proposed["street"] >= 1


def test_geo_cells_reach_a_neighbour_within_300_metres() -> None:
    here = venue("a", "v", name="A", street=None, postcode=None, lat=51.42690, lon=6.88390)
    there = venue("b", "v", name="B", street=None, postcode=None, lat=51.42880, lon=6.88600)
    features = [extract(offer("a", "1", "Kanuwoche", location=here), here),
                extract(offer("b", "1", "Paddeln", location=there), there)]
    pairs, stats = candidate_pairs(features, BlockingConfig())
    assert pairs == [(0, 1)] and stats.proposed["geo"] == 1
