"""Strategies and invariants for the parser property tests (imported by test_parse_properties).

Every check calls a parser on generated text and accepts exactly three outcomes: a value of
the right type that satisfies the invariants, an :class:`Unparsed`, or :class:`InvalidValue`.
Anything else (another exception, a wrong type, a broken invariant) fails.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from pipelines.parsers import (
    AgeSpec,
    DateSpec,
    InvalidValue,
    OpeningHours,
    Places,
    PriceInfo,
    TimeSpan,
    Unparsed,
    html_to_text,
    parse_ages,
    parse_bool,
    parse_capacity,
    parse_dates,
    parse_datetime,
    parse_email,
    parse_int,
    parse_moment,
    parse_opening_hours,
    parse_phone,
    parse_places,
    parse_prices,
    parse_times,
    parse_url,
)
from pipelines.parsers.times import MIDNIGHT
from pipelines.parsers.words import WEEKDAYS
from schemas.base import PlainText, WebUrl
from schemas.offer import MAX_AGE_MONTHS, Email, PhoneE164, Price
from schemas.vocab import AgeScope

_COMMON: dict[str, Any] = dict(
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
    print_blob=True,
)
settings.register_profile("parsers", derandomize=True, **_COMMON)
settings.register_profile("parsers-fuzz", derandomize=False, **_COMMON)
PROFILE = settings.get_profile(os.environ.get("FAMILIENPUNKT_HYPOTHESIS_PROFILE", "parsers"))
FUZZ_PROFILE = settings.get_profile(
    os.environ.get("FAMILIENPUNKT_HYPOTHESIS_PROFILE", "parsers-fuzz")
)
PROPERTY_EXAMPLES = int(os.environ.get("FAMILIENPUNKT_PROPERTY_EXAMPLES", "500"))
"""Examples per parser in the normal suite (~0.5 s per parser)."""
FUZZ_EXAMPLES = int(os.environ.get("FAMILIENPUNKT_FUZZ_EXAMPLES", "10000"))
"""Examples per parser in the opt-in fuzz run (10,000 x 12 parsers took 111 s on 2 cores)."""
FUZZ_ENABLED = os.environ.get("FAMILIENPUNKT_FUZZ", "") not in ("", "0")
REFERENCE = date(2026, 11, 21)
BERLIN = ZoneInfo("Europe/Berlin")

_EMAIL = TypeAdapter(Email)
_PHONE = TypeAdapter(PhoneE164)
_URL = TypeAdapter(WebUrl)
_PLAIN = TypeAdapter(PlainText)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# --------------------------------------------------------------------------- strategies

_WORDS = [
    "Plätze",
    "freie",
    "frei",
    "ausgebucht",
    "Warteliste",
    "noch",
    "max.",
    "mind.",
    "Teilnehmende",
    "Anmeldung",
    "von",
    # dates
    "12.",
    "07.",
    "12.07.",
    "31.06.",
    "29.02.",
    "1.5.",
    "2026",
    "2027",
    "26",
    "12.07.2026",
    "2026-07-12",
    "2026-02-30",
    "-",
    "–",
    "bis",
    "vom",
    "von",
    "ab",
    "am",
    "den",
    "und",
    ",",
    "/",
    "zwischen",
    "dem",
    "außer",
    "nicht am",
    "jeden",
    "jeweils",
    "immer",
    "täglich",
    "Mo",
    "Di",
    "Mi",
    "Do",
    "Fr",
    "Sa",
    "So",
    "Mo.",
    "Montag",
    "mittwochs",
    "Samstag",
    "Wochenende",
    "werktags",
    "Juli",
    "Oktober",
    "März",
    "Mai",
    "in der",
    "in den",
    "ersten",
    "zweiten",
    "letzten",
    "beiden",
    "Sommerferienwoche",
    "Herbstferienwochen",
    "Osterferien",
    "Weihnachtsferien",
    "Pfingstferien",
    "Ferien",
    "Feiertagen",
    "14-tägig",
    "(",
    ")",
    # times
    "8",
    "13",
    "13.30",
    "16:30",
    "24",
    "25",
    "00:00",
    "Uhr",
    "h",
    "ganztägig",
    "um",
    # prices
    "15",
    "15,50",
    "0",
    "1.500,00",
    "€",
    "EUR",
    "Euro",
    "pro",
    "Woche",
    "Kind",
    "Kinder",
    "Erwachsene",
    "Familie",
    "kostenlos",
    "frei",
    "Eintritt",
    "mit",
    "Mülheim-Pass",
    "die Hälfte",
    "50 %",
    "Ermäßigung",
    "ermäßigt",
    "weniger",
    "Geschwisterkind",
    "jedes weitere",
    "Bildungsgutscheine",
    "werden angenommen",
    "einkommensabhängig",
    "ca.",
    "zzgl.",
    "monatlich",
    # ages
    "Jahre",
    "Jahren",
    "J.",
    "Monate",
    "Wochen",
    "Sechs-",
    "Zwölfjährige",
    "-Jährige",
    "unter",
    "über",
    "U3",
    "Ü3",
    "Babys",
    "für alle Altersgruppen",
    "Lebensjahr",
    "3.",
    "älter",
    "+",
    # hours and contact
    "geschlossen",
    "nur",
    "nach Vereinbarung",
    "feiertags geschlossen",
    "PH off",
    "24/7",
    ";",
    "||",
    '"',
    "Tel.",
    "0208",
    "455-0",
    "+49",
    "@",
    "info",
    "muelheim-ruhr.de",
    "http://",
    "https://",
    "www.",
    "javascript:",
    "<p>",
    "</p>",
    "<br>",
    "&amp;",
    "&lt;",
    "<li>",
    "x",
]
_word = st.one_of(
    st.sampled_from(_WORDS),
    st.integers(0, 9999).map(str),
    st.builds(lambda d, m: f"{d}.{m}.", st.integers(0, 40), st.integers(0, 14)),
    st.builds(lambda h, m: f"{h}:{m:02d}", st.integers(0, 30), st.integers(0, 70)),
)
soup = st.lists(_word, min_size=1, max_size=9).map(" ".join)
glued = st.lists(_word, min_size=1, max_size=6).map("".join)
texts = st.one_of(soup, glued, st.text(max_size=40))
"""German-ish token soup, glued tokens and arbitrary unicode."""


def _outcome(call: Callable[[], Any]) -> Any:
    """The parser's value, or None for Unparsed/InvalidValue (both are allowed answers)."""
    try:
        value = call()
    except InvalidValue as exc:
        assert str(exc), "InvalidValue needs a message"
        return None
    if isinstance(value, Unparsed):
        assert not value, "Unparsed must be falsy"
        assert isinstance(value.reason, str) and value.reason
        return None
    return value


# --------------------------------------------------------------------------- invariants


def _check_timespan(t: TimeSpan) -> None:
    assert isinstance(t, TimeSpan)
    if t.all_day:
        assert t.start is None and t.end is None
    else:
        assert t.start is not None or t.end is not None
    if t.start is not None and t.end is not None:
        assert t.end > t.start or t.end == MIDNIGHT  # 00:00-00:00 only from "0-24"


def check_dates(text: str) -> None:
    v = _outcome(lambda: parse_dates(text, reference=REFERENCE))
    if v is None:
        return
    assert isinstance(v, DateSpec)
    assert v.start is not None or v.end is not None or v.weekdays
    if v.start and v.end:
        assert v.start <= v.end
    assert list(v.weekdays) == sorted(set(v.weekdays), key=WEEKDAYS.index)
    assert list(v.exceptions) == sorted(set(v.exceptions))
    for day in v.exceptions:
        assert v.start is None or day >= v.start
        assert v.end is None or day <= v.end
    if v.times is not None:
        _check_timespan(v.times)
    if v.holiday is not None:
        assert re.fullmatch(r"[a-z]+ferien-\d{4}", v.holiday)
        assert v.start is not None and v.end is not None


def check_datetime(text: str) -> None:
    v = _outcome(lambda: parse_datetime(text))
    if v is None:
        return
    assert isinstance(v, date)
    if isinstance(v, datetime):
        assert v.tzinfo is not None
        assert v.utcoffset() == v.astimezone(BERLIN).utcoffset()


def check_times(text: str) -> None:
    v = _outcome(lambda: parse_times(text))
    if v is not None:
        _check_timespan(v)


def check_prices(text: str) -> None:
    v = _outcome(lambda: parse_prices(text))
    if v is None:
        return
    assert isinstance(v, PriceInfo)
    assert v.prices or v.is_free is True
    for p in v.prices:
        assert isinstance(p, Price)
        assert isinstance(p.amount, Decimal)
        assert p.amount >= 0
        assert p.amount == p.amount.quantize(Decimal("0.01"))
        Price.model_validate(p.model_dump())
    if v.is_free:
        assert all(p.amount == 0 for p in v.prices)
    if any(p.amount > 0 and p.reduction is None for p in v.prices):
        assert v.is_free is False


def check_ages(text: str) -> None:
    v = _outcome(lambda: parse_ages(text))
    if v is None:
        return
    assert isinstance(v, AgeSpec)
    if v.scope is AgeScope.RANGE:
        assert v.min_months is not None or v.max_months is not None
    else:
        assert v.scope is AgeScope.ALL_AGES and v.min_months is None and v.max_months is None
    for bound in (v.min_months, v.max_months):
        assert bound is None or 0 <= bound <= MAX_AGE_MONTHS
    if v.min_months is not None and v.max_months is not None:
        assert v.min_months <= v.max_months
    v.to_audience()  # the canonical model accepts it


def check_hours(text: str) -> None:
    v = _outcome(lambda: parse_opening_hours(text))
    if v is None:
        return
    assert isinstance(v, OpeningHours)
    assert v.osm and len(v.osm) <= 500
    assert v.spec or v.by_appointment
    for row in v.spec:
        assert row.closes > row.opens or row.closes == MIDNIGHT
    again = parse_opening_hours(v.osm)
    assert isinstance(again, OpeningHours), f"OSM string {v.osm!r} does not parse back: {again}"
    assert again.spec == v.spec, f"{v.osm!r} does not round-trip"
    assert again.by_appointment == v.by_appointment
    assert again.osm == v.osm


def check_phone(text: str) -> None:
    v = _outcome(lambda: parse_phone(text))
    if v is not None:
        _PHONE.validate_python(v)


def check_email(text: str) -> None:
    v = _outcome(lambda: parse_email(text))
    if v is not None:
        _EMAIL.validate_python(v)
        assert parse_email(v) == v


def check_url(text: str) -> None:
    v = _outcome(lambda: parse_url(text, base="https://www.example.de/a/b.html"))
    if v is not None:
        assert _URL.validate_python(v) == v
        assert parse_url(v) == v


def check_int(text: str) -> None:
    v = _outcome(lambda: parse_int(text))
    if v is not None:
        assert isinstance(v, int) and not isinstance(v, bool)


def check_bool(text: str) -> None:
    v = _outcome(lambda: parse_bool(text))
    if v is not None:
        assert isinstance(v, bool)


def check_html(text: str) -> None:
    out = html_to_text(text)
    assert isinstance(out, str)
    assert unicodedata.is_normalized("NFC", out)
    assert not _CONTROL.search(out.replace("\n", ""))
    assert out == out.strip()
    _PLAIN.validate_python(out)


_HTML_WORDS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<br>",
        "<ul>",
        "<li>",
        "</li>",
        "</ul>",
        "<b>",
        "</b>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "&amp;",
        "&lt;",
        "&gt;",
        "&nbsp;",
        "<div>",
        "</div>",
        "<td>",
        "text",
        " ",
        "\n",
        "Mu\u0308lheim",
        "\x00",
        "\x07",
        "&lt;b&gt;",
        "&amp;lt;p&amp;gt;",
        "<table>",
        "<tr>",
    ]
)
html_texts = st.one_of(texts, st.lists(_HTML_WORDS, max_size=12).map("".join))

def check_places(text: str) -> None:
    v = _outcome(lambda: parse_places(text))
    if v is None:
        return
    assert isinstance(v, Places)
    assert v.free is not None and v.free >= 0
    if v.capacity is not None:
        assert v.free <= v.capacity


def check_capacity(text: str) -> None:
    v = _outcome(lambda: parse_capacity(text))
    if v is not None:
        assert isinstance(v, int) and v >= 0


def check_moment(text: str) -> None:
    v = _outcome(lambda: parse_moment(text, reference=REFERENCE))
    if v is None:
        return
    if isinstance(v, datetime):
        assert v.tzinfo is not None
    else:
        assert isinstance(v, date)


PROPERTIES: dict[str, tuple[Any, Callable[[str], None]]] = {
    "dates": (texts, check_dates),
    "datetime": (texts, check_datetime),
    "times": (texts, check_times),
    "prices": (texts, check_prices),
    "ages": (texts, check_ages),
    "hours": (texts, check_hours),
    "phone": (texts, check_phone),
    "email": (texts, check_email),
    "url": (texts, check_url),
    "int": (texts, check_int),
    "bool": (texts, check_bool),
    "html": (html_texts, check_html),
    "places": (texts, check_places),
    "capacity": (texts, check_capacity),
    "moments": (texts, check_moment),
}

__all__ = [
    "FUZZ_ENABLED",
    "FUZZ_EXAMPLES",
    "FUZZ_PROFILE",
    "PROFILE",
    "PROPERTIES",
    "PROPERTY_EXAMPLES",
    "REFERENCE",
    "time",
]
