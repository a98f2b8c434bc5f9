"""Folding, session days and the comparable features of an offer."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import pytest

from pipelines.dedupe.days import HORIZON_DAYS, offer_days
from pipelines.dedupe.features import extract, kind_family
from pipelines.dedupe.text import fold, split_street, title_tokens
from pipelines.sessions import expand_schedule
from schemas.vocab import OfferKind
from tests.dedupe.builders import BERLIN, SEEN, offer, venue


def ordinals(*days: date) -> frozenset[int]:
    return frozenset(d.toordinal() for d in days)


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Mülheim", "muelheim"), ("Muelheim", "muelheim"), ("Straße", "strasse"),
     ("GROẞ", "gross"), ("Café", "cafe"), ("Mu\u0308lheim", "muelheim")],
)
def test_fold_writes_umlauts_out_consistently(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_title_tokens_drop_stop_words_boilerplate_and_years() -> None:
    assert title_tokens("NEU: Kunstwerkstatt im Museum für Kinder (Sommerferien 2027)") == (
        "kunstwerkstatt", "museum", "kinder",
    )
    assert title_tokens("Eltern-Kind-Gruppe (1–2 Jahre)") == ("eltern", "kind", "gruppe", "1", "2")
    assert title_tokens("Mathe-Fit für die 05. Klasse") == ("mathe", "fit", "5", "klasse")


@pytest.mark.parametrize(
    ("address", "street", "number"),
    [("Blumendeller Straße 12", "blumendellerstrasse", "12"),
     ("Blumendeller Str. 12 a", "blumendellerstrasse", "12a"),
     ("Moritzstraße94", "moritzstrasse", "94"),
     ("Am Schloß Broich 50", "amschlossbroich", "50"),
     ("Gracht", "gracht", None)],
)
def test_split_street(address: str, street: str, number: str | None) -> None:
    assert split_street(address) == (street, number)


def test_days_of_a_holiday_week_written_three_ways_agree() -> None:
    week = ordinals(*(date(2027, 7, d) for d in range(19, 24)))
    daily = offer("a", "1", "x", rrule="FREQ=DAILY;UNTIL=20270723T215959Z")
    weekdays = offer("a", "2", "x", rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")
    plain = offer("a", "3", "x")  # daily time, end after start: daily
    for o in (daily, weekdays, plain):
        days = offer_days(o)
        assert days is not None and days.days == week and not days.open_end


def test_count_beats_a_contradicting_end_date_and_exceptions_are_removed() -> None:
    o = offer("a", "1", "x", first=date(2027, 3, 22), last=date(2027, 3, 22),
              rrule="FREQ=DAILY;COUNT=4")
    assert offer_days(o).days == ordinals(*(date(2027, 3, d) for d in range(22, 26)))
    weekly = offer("a", "2", "x", first=date(2027, 1, 27), last=date(2027, 4, 14),
                   rrule="FREQ=WEEKLY;BYDAY=WE;COUNT=10")
    weekly = weekly.model_copy(update={"schedule": weekly.schedule.model_copy(
        update={"exception_dates": [date(2027, 3, 24), date(2027, 3, 31)]})})
    days = offer_days(weekly)
    assert len(days.days) == 8 and date(2027, 3, 24).toordinal() not in days.days


def test_utc_until_is_read_on_the_berlin_wall_clock() -> None:
    # 22:59:59Z on 23 Jan is 23:59:59 in Berlin: the 23rd is the last day, not the 24th
    o = offer("a", "1", "x", first=date(2027, 1, 16), last=date(2027, 1, 23),
              rrule="FREQ=DAILY;UNTIL=20270123T225959Z")
    assert offer_days(o).last == date(2027, 1, 23).toordinal()


def test_open_ended_series_is_cut_at_the_horizon_and_marked() -> None:
    o = offer("a", "1", "x", first=date(2027, 1, 20), last=None, rrule="FREQ=WEEKLY;BYDAY=WE")
    days = offer_days(o)
    assert days.open_end
    assert days.last - days.first <= HORIZON_DAYS


def test_monthly_rule_falls_back_to_the_full_expansion_and_keeps_its_count() -> None:
    # the sports club's feed: first Sunday monthly, COUNT=8, end date = the first day
    o = offer("a", "1", "x", first=date(2026, 12, 6), last=date(2026, 12, 6), at=time(10),
              rrule="FREQ=MONTHLY;COUNT=8;BYDAY=1SU")
    days = offer_days(o)
    sundays = [date(2026, 12, 6), date(2027, 1, 3), date(2027, 2, 7), date(2027, 3, 7),
               date(2027, 4, 4), date(2027, 5, 2), date(2027, 6, 6), date(2027, 7, 4)]
    assert days.days == ordinals(*sundays)
    schedule = o.schedule.model_copy(update={"end_date": None})
    reference = expand_schedule(o.start, None, schedule, date(2026, 12, 1), date(2028, 1, 1))
    assert days.days == frozenset(occ.start.date().toordinal() for occ in reference)


def test_the_end_of_the_first_session_does_not_close_a_weekly_series() -> None:
    o = offer("a", "1", "x", first=date(2027, 1, 13), last=None, at=time(15),
              rrule="FREQ=WEEKLY;BYDAY=WE")
    assert o.end is not None and o.end.date() == date(2027, 1, 13)
    assert len(offer_days(o).days) > 1


def test_undated_offer_has_no_days_and_is_a_place() -> None:
    o = offer("a", "1", "Café Kinderwagen", first=None, kind="meeting_place")
    assert offer_days(o) is None
    assert extract(o, None).family == "place"
    assert kind_family(OfferKind.HOLIDAY_CARE, True) == kind_family(OfferKind.SPORT, True)
    assert kind_family(OfferKind.KITA, False) != kind_family(OfferKind.MEETING_PLACE, False)


def test_volatile_fields_do_not_change_the_features() -> None:
    place = venue("a", "v")
    base = offer("a", "1", "Zirkuswoche", location=place)
    changed = base.model_copy(update={
        "status": "full", "free_places": 0, "free_places_seen_at": SEEN, "capacity": 30,
        "prices": [{"amount": Decimal("50"), "reduction": "city_pass", "label": "Mülheim-Pass"}],
        "price_text": "50 €, mit Mülheim-Pass 25 €",
        "provenance": base.provenance.model_copy(update={
            "fetched_at": datetime(2027, 1, 1, tzinfo=BERLIN), "run_id": "r2",
            "last_changed": datetime(2027, 1, 1, tzinfo=BERLIN)}),
    })
    assert extract(changed, place) == extract(base, place)


def test_title_core_leaves_out_the_own_venue_and_organiser() -> None:
    school = venue("a", "v", name="Grundschule Holzstraße", street="Holzstraße 33a")
    f = extract(offer("a", "1", "Verlässliche Ferienspiele an der Grundschule Holzstraße",
                      location=school, organiser="OGS (Träger: AWO)"), school)
    assert f.title_core == "verlaessliche ferienspiele"
    kita = venue("k", "v", name=None, street="Dümptener Straße 103a")
    g = extract(offer("k", "1", "Städt. Kita Dümptener Straße", location=kita, first=None,
                      kind="kita"), kita)
    assert g.title_core == "staedt kita"  # something is left, so the core is used
    assert g.title == "staedt kita duemptener strasse"
