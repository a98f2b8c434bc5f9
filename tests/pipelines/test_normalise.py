"""The one normalisation road on realistic raw records: whole offers, flags, quarantine."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from pipelines.normalise import Deletion, Normalised, Rejected, normalise_record
from pipelines.source_run import make_context
from schemas import ids
from schemas.offer import Price
from schemas.raw import RawRecord
from schemas.source import Source
from schemas.vocab import (
    AgeScope,
    OfferKind,
    OfferStatus,
    PriceUnit,
    Reduction,
    TargetGroup,
)
from tests.conftest import FROZEN_NOW

BERLIN = ZoneInfo("Europe/Berlin")


def portal_source(**extra) -> Source:
    return Source.model_validate(
        {
            "id": "ferienportal",
            "provider": "jugendamt",
            "adapter": "spider",
            "spider": "ferienportal",
            "url": "https://ferien.example/angebote",
            "licence": "dl-by-de/2.0",
            "defaults": {
                "kind": "holiday_care",
                "city": "Mülheim an der Ruhr",
                "languages": ["de"],
            },
            **extra,
        }
    )


def raw(fields: dict, key: str = "FS-2027-0412", source_id: str = "ferienportal") -> RawRecord:
    return RawRecord(
        source_id=source_id,
        record_key=key,
        url=f"https://ferien.example/angebot/{key}",
        fetched_at=FROZEN_NOW,
        fields=fields,
    )


PORTAL_FIELDS = {
    "title": "Verlässliche Ferienspiele",
    "subtitle": "Betreuung von 8 bis 13 Uhr",
    "description": (
        "<p>Gespielt, gebastelt und getobt wird in <b>festen Gruppen</b>.</p>"
        "<ul><li>Frühstück</li></ul>"
    ),
    "organizer": "OGS (Träger: Caritas)",
    "location_name": "Grundschule Meisenburgstraße",
    "address": "Meisenburgstraße 152\n45470 Mülheim an der Ruhr",
    "district": "Menden-Holthausen",
    "date_text": "19.07.–23.07.2027",
    "time_text": "8–13 Uhr",
    "age_text": "Sechs- bis Zwölfjährige",
    "price_text": "15 Euro pro Woche, mit Mülheim-Pass die Hälfte",
    "free_places": "noch 4 freie Plätze",
    "capacity": "max. 20 Teilnehmende",
    "registration_text": "Anmeldung ab 19 Uhr am 07.03.2027",
    "booking_url": "/buchung/FS-2027-0412",
}


def normalise(record: RawRecord, source: Source | None = None):
    ctx = make_context(
        source or portal_source(), provider_key="jugendamt", reference=date(2026, 11, 21)
    )
    return normalise_record(record, ctx), ctx


def test_a_portal_record_becomes_a_whole_canonical_offer():
    result, ctx = normalise(raw(PORTAL_FIELDS))
    assert isinstance(result, Normalised)
    offer = result.offer
    assert offer.id == ids.offer_id("ferienportal", "FS-2027-0412")
    assert offer.organization_id == ids.organization_id("jugendamt")
    assert (offer.kind, offer.status) == (OfferKind.HOLIDAY_CARE, OfferStatus.ACTIVE)
    assert offer.title == "Verlässliche Ferienspiele"
    assert offer.description == (
        "Betreuung von 8 bis 13 Uhr\n\n"
        "Gespielt, gebastelt und getobt wird in festen Gruppen.\n\n- Frühstück"
    )
    assert offer.url is None  # the record names no page of its own
    assert offer.booking_url == "https://ferien.example/buchung/FS-2027-0412"
    assert offer.start == datetime(2027, 7, 19, 8, 0, tzinfo=BERLIN)
    assert offer.end == datetime(2027, 7, 23, 13, 0, tzinfo=BERLIN)
    assert offer.schedule.start_date == date(2027, 7, 19) and offer.schedule.end_date == date(
        2027, 7, 23
    )
    assert (offer.schedule.start_time, offer.schedule.end_time) == (time(8), time(13))
    assert offer.schedule.rrule == "FREQ=DAILY;UNTIL=20270723T215959Z"
    assert offer.schedule.text == "19.07.–23.07.2027; 8–13 Uhr"
    assert (
        offer.audience.age_scope,
        offer.audience.age_min_months,
        offer.audience.age_max_months,
    ) == (AgeScope.RANGE, 72, 155)
    assert offer.audience.target_groups == [TargetGroup.CHILDREN]
    assert offer.is_free is False
    assert offer.prices == [
        Price(amount=Decimal("15.00"), unit=PriceUnit.PER_WEEK),
        Price(
            amount=Decimal("7.50"),
            unit=PriceUnit.PER_WEEK,
            reduction=Reduction.CITY_PASS,
            label="mit Mülheim-Pass",
        ),
    ]
    assert (offer.free_places, offer.capacity, offer.free_places_seen_at) == (4, 20, FROZEN_NOW)
    assert offer.registration_opens == datetime(2027, 3, 7, 19, 0, tzinfo=BERLIN)
    assert offer.booking_required is True
    assert offer.languages == ["de"]
    assert "care.holiday" in offer.categories
    assert offer.quality_flags == []
    assert offer.provenance.source_licence == "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
    location = result.location
    assert (location.name, location.street_address, location.postal_code, location.locality) == (
        "Grundschule Meisenburgstraße",
        "Meisenburgstraße 152",
        "45470",
        "Mülheim an der Ruhr",
    )
    assert offer.location_id == location.id
    assert ctx.stats.flags == {}


def test_the_content_hash_ignores_fetch_time_but_not_content():
    first, _ = normalise(raw(PORTAL_FIELDS))
    later = raw(PORTAL_FIELDS).model_copy(
        update={"fetched_at": datetime(2026, 11, 22, tzinfo=BERLIN)}
    )
    again, _ = normalise(later)
    changed, _ = normalise(raw({**PORTAL_FIELDS, "time_text": "8–14 Uhr"}))
    assert first.content_hash == again.content_hash
    assert first.content_hash != changed.content_hash


def test_defaults_fill_only_what_the_record_leaves_empty():
    source = portal_source(
        defaults={"kind": "holiday_care", "city": "Mülheim an der Ruhr", "age_text": "ab 6 Jahre"}
    )
    result, _ = normalise(
        raw({**PORTAL_FIELDS, "address": "Meisenburgstraße 152\n45470 Essen"}), source
    )
    assert result.location.locality == "Essen"  # the record's own town wins
    assert (
        result.offer.audience.age_min_months == 72 and result.offer.audience.age_max_months == 155
    )
    no_age = {k: v for k, v in PORTAL_FIELDS.items() if k != "age_text"}
    result, _ = normalise(raw(no_age), source)
    assert (result.offer.audience.age_min_months, result.offer.audience.age_max_months) == (
        72,
        None,
    )


def test_a_field_that_does_not_parse_is_cleared_flagged_and_counted():
    result, ctx = normalise(
        raw({**PORTAL_FIELDS, "price_text": "Preis auf Anfrage", "age_text": "für Kinder"})
    )
    offer = result.offer
    assert offer.prices == [] and offer.is_free is None
    assert offer.price_text == "Preis auf Anfrage"  # the words stay, as published
    assert (
        offer.audience.age_scope is AgeScope.NOT_STATED and offer.audience.age_text == "für Kinder"
    )
    assert offer.quality_flags == ["age_text_unparsed", "price_text_unparsed"]
    assert ctx.stats.unparsed["price_text"] == 1 and ctx.stats.flags["age_text_unparsed"] == 1


def test_an_impossible_date_rejects_the_record_naming_source_record_and_field():
    with pytest.raises(Rejected) as caught:
        normalise(
            raw({**PORTAL_FIELDS, "date_text": "30.08.2027 – 31.06.2027"}, key="FS-2027-0824")
        )
    error = caught.value
    assert (error.field, error.reason) == ("date_text", "invalid")
    assert error.message == (
        "source 'ferienportal', record 'FS-2027-0824', field 'date_text': day 31 is out of range "
        "for June 2027 ('30.08.2027 – 31.06.2027')"
    )


def test_a_record_without_title_or_kind_is_rejected():
    with pytest.raises(Rejected, match="field 'title': the record has no title"):
        normalise(raw({**PORTAL_FIELDS, "title": "  "}))
    no_default = portal_source(defaults={})
    with pytest.raises(Rejected, match="field 'kind': no offer kind"):
        normalise(raw({**PORTAL_FIELDS, "title": "Irgendwas"}), no_default)


def test_status_words_and_full_places():
    full, _ = normalise(raw({**PORTAL_FIELDS, "free_places": "ausgebucht – Warteliste (3)"}))
    assert (full.offer.status, full.offer.free_places) == (OfferStatus.FULL, 0)
    cancelled, _ = normalise(
        raw({**PORTAL_FIELDS, "status": "status-abgesagt", "free_places": "Abgesagt"})
    )
    assert cancelled.offer.status is OfferStatus.CANCELLED and cancelled.offer.free_places is None


def test_a_tombstone_is_a_deletion():
    result, _ = normalise(raw({"state": "deleted", "id": "FS-2027-0412"}))
    assert result == Deletion(ids.offer_id("ferienportal", "FS-2027-0412"), "FS-2027-0412")


def test_an_evening_session_ending_at_midnight():
    result, _ = normalise(
        raw({**PORTAL_FIELDS, "date_text": "12.07.2027", "time_text": "18–24 Uhr"})
    )
    assert result.offer.start == datetime(2027, 7, 12, 18, tzinfo=BERLIN)
    assert result.offer.end == datetime(2027, 7, 13, 0, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("time_text", "16–9 Uhr", "field 'time_text'"),
        ("start", "31.06.2027", "field 'start': day 31 is out of range for June 2027"),
        ("date_text", "29.02.2027", "field 'date_text'"),
    ],
)
def test_impossible_values_in_any_time_slot_reject_only_the_record(field, value, message):
    with pytest.raises(Rejected) as caught:
        normalise(raw({**PORTAL_FIELDS, "date_text": "12.07.2027", field: value}))
    assert message in caught.value.message


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        ("FREQ=HOURLY;BYMINUTE=0,1,2,3,4,5,6,7,8,9;BYSECOND=0,1,2,3,4,5,6,7,8,9",
         "repeats more often than daily (FREQ=HOURLY)"),
        ("FREQ=SECONDLY", "repeats more often than daily (FREQ=SECONDLY)"),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "could not be expanded within 2 s of CPU time"),
    ],
)
def test_a_recurrence_bomb_is_quarantined_with_its_reason(rule, reason):
    from scrapers.readers.ical import parse

    calendar = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:bomb\r\n"
        "DTSTART:19700101T000000\r\nDTEND:19700101T000100\r\nSUMMARY:Ferienspiele\r\n"
        f"RRULE:{rule}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    source = Source(id="kalender", provider="verein", adapter="ical", url="file:///dev/null",
                    licence="dl-by-de/2.0", defaults={"kind": "leisure"})
    (record,) = parse(calendar, source, url=None, fetched_at=FROZEN_NOW)
    with pytest.raises(Rejected) as rejected:
        normalise(record, source)
    assert rejected.value.field == "rrule" and rejected.value.reason == "degenerate"
    assert reason in rejected.value.message and "'kalender', record 'bomb'" in rejected.value.message


# --------------------------------------------------------------------------- facts in text

SENTENCE_ONLY = {
    "title": "Zirkuswoche in den Sommerferien",
    "description": (
        "<p>Die Zirkuswoche findet vom 19. bis 23. Juli 2027 statt, die Kinder werden jeweils "
        "von 9 bis 15 Uhr betreut.</p><p>Mitmachen können Kinder im Alter von sechs bis zwölf "
        "Jahren. Die Teilnahme kostet 60 Euro, Geschwisterkinder zahlen 45 Euro.</p>"
        "<p>Die Teilnehmerzahl ist auf 24 Kinder begrenzt. Anmeldeschluss ist Freitag, der "
        "2. Juli 2027.</p>"
    ),
    "location_name": "Zirkuszelt am Ruhrufer",
}


def test_an_empty_field_is_filled_from_the_description_and_marked_as_read_in_text():
    result, ctx = normalise(raw(SENTENCE_ONLY, key="ZW-1"))
    offer = result.offer
    assert offer.schedule is not None
    assert (offer.schedule.start_date, offer.schedule.end_date) == (
        date(2027, 7, 19), date(2027, 7, 23))
    assert offer.start == datetime(2027, 7, 19, 9, 0, tzinfo=BERLIN)
    assert offer.end == datetime(2027, 7, 23, 15, 0, tzinfo=BERLIN)
    assert (offer.audience.age_min_months, offer.audience.age_max_months) == (72, 155)
    assert [(p.amount, p.audience.value) for p in offer.prices] == [
        (Decimal("60.00"), "any"), (Decimal("45.00"), "sibling")]
    assert offer.capacity == 24
    assert offer.registration_closes == datetime(2027, 7, 2, 23, 59, tzinfo=BERLIN)
    assert [f.value for f in offer.provenance.from_text] == [
        "dates", "times", "ages", "prices", "places", "registration"]
    assert ctx.stats.as_dict(1)["from_text"] == {
        "ages": 1, "dates": 1, "places": 1, "prices": 1, "registration": 1, "times": 1}


def test_a_description_that_names_two_different_dates_gives_none():
    fields = {**SENTENCE_ONLY, "description": (
        "Die erste Gruppe trifft sich vom 19. bis 23. Juli 2027. Die zweite Gruppe kommt "
        "vom 26. bis 30. Juli 2027 zusammen.")}
    offer = normalise(raw(fields, key="ZW-2"))[0].offer
    assert offer.schedule is None and offer.start is None
    assert offer.provenance.from_text == []


def test_a_field_holding_a_sentence_is_read_inside_the_sentence_not_marked_as_from_text():
    fields = {**PORTAL_FIELDS,
              "time_text": "Die Ferienspiele beginnen jeweils um 9.30 Uhr und gehen bis 16.30 Uhr",
              "age_text": "Kinder, die bereits eingeschult und maximal zwölf Jahre alt sind",
              "registration_text": "Anmeldeschluss ist der 30. Juni 2027."}
    result, ctx = normalise(raw(fields))
    offer = result.offer
    assert (offer.schedule.start_time, offer.schedule.end_time) == (time(9, 30), time(16, 30))
    assert (offer.audience.age_min_months, offer.audience.age_max_months) == (72, 155)
    assert offer.registration_opens is None
    assert offer.registration_closes == datetime(2027, 6, 30, 23, 59, tzinfo=BERLIN)
    assert offer.provenance.from_text == []
    assert ctx.stats.in_sentence["time_text"] == 1 and ctx.stats.in_sentence["age_text"] == 1
    assert "time_text_unparsed" not in offer.quality_flags
