"""Shape ``SCHEMA_ORG``: one schema.org object (JSON-LD or microdata, as extracted) -> draft slots.

Reads Event (and its subtypes), Course with ``hasCourseInstance``, CourseInstance, ChildCare,
LocalBusiness and Place objects. Values stay text as found (dates, prices, ages are parsed by
the German value parsers later); this mapper only knows where schema.org keeps them and puts
structured parts into the slots' words:

* ``eventSchedule`` / ``courseSchedule`` -> ``rrule`` (``FREQ``, ``INTERVAL``, ``BYDAY``,
  ``BYMONTHDAY``, ``BYMONTH``, ``COUNT``, ``UNTIL`` from the schedule's own ``endDate``),
  ``exception_dates`` and ``time_text`` (``"10:00-10:45"``); only the first schedule is read;
* ``offers`` -> ``prices`` (``"Kinder: 3 EUR"``), ``is_free`` (``isAccessibleForFree`` or every
  price zero), ``booking_url``, status ``full`` for ``SoldOut``;
* ``typicalAgeRange`` (``"6-12"``, ``"8-"``) and ``audience`` (``suggestedMinAge``,
  ``suggestedMaxAge``, ``suggestedAge``; unit ``MON`` -> ``"6 Monate"``) -> ages;
* ``openingHoursSpecification`` -> ``"Mo-Th 07:00-16:30; Fr 07:00-14:00"`` (else ``openingHours``);
* ``eventStatus`` ``EventCancelled`` -> status ``cancelled``.

A Course takes dates, location, offers and schedule from its first ``hasCourseInstance``
(falling back to the course's own). A text ``location`` goes to ``address`` when it holds a
digit (a street number or postcode), else to ``location_name``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

from pipelines.mapping.base import register_shape
from schemas.raw import RawRecord, RawShape
from schemas.source import Source
from scrapers.schemaorg import expand_types, type_names

Slots = dict[str, Any]

PLACE_TYPES = expand_types({"Place", "LocalBusiness"}) | {"Place", "Organization"}
KINDS = {
    "ChildCare": "kita",
    "Preschool": "kita",
    "Course": "course",
    "CourseInstance": "course",
    "SportsEvent": "sport",
    "SportsActivityLocation": "sport",
    "SportsClub": "sport",
    "PublicSwimmingPool": "sport",
    "ExerciseGym": "sport",
    "TheaterEvent": "culture",
    "MusicEvent": "culture",
    "ExhibitionEvent": "culture",
    "ScreeningEvent": "culture",
    "DanceEvent": "culture",
    "LiteraryEvent": "culture",
    "VisualArtsEvent": "culture",
    "Festival": "culture",
    "ComedyEvent": "culture",
    "Museum": "culture",
    "Library": "culture",
    "Playground": "leisure",
    "Park": "leisure",
    "Zoo": "leisure",
}
DAYS = {
    "monday": "MO",
    "tuesday": "TU",
    "wednesday": "WE",
    "thursday": "TH",
    "friday": "FR",
    "saturday": "SA",
    "sunday": "SU",
}
OSM_DAYS = {"MO": "Mo", "TU": "Tu", "WE": "We", "TH": "Th", "FR": "Fr", "SA": "Sa", "SU": "Su"}
FREQUENCIES = {"D": "DAILY", "W": "WEEKLY", "M": "MONTHLY", "Y": "YEARLY"}
WORD_FREQUENCIES = {"daily": "DAILY", "weekly": "WEEKLY", "monthly": "MONTHLY", "yearly": "YEARLY"}

_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_AGE_RANGE = re.compile(r"^\s*(\d+)?\s*(?:-|–|bis)\s*(\d+)?\s*$|^\s*(\d+)\s*\+\s*$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_ICAL_DAY = re.compile(r"^[+-]?\d{0,2}(MO|TU|WE|TH|FR|SA|SU)$")
_DURATION = re.compile(r"^P(\d+)([DWMY])$")


@register_shape(RawShape.SCHEMA_ORG)
def map_schema_org(record: RawRecord, source: Source) -> Slots:
    obj = record.fields
    types = set(type_names(obj))
    when = _course_instance(obj) if "Course" in types else obj
    place_like = bool(types & PLACE_TYPES)
    slots: Slots = {
        "title": text(obj.get("name")),
        "subtitle": text(obj.get("alternativeHeadline") or obj.get("disambiguatingDescription")),
        "description": _longest(obj.get("description")),
        "url": text(obj.get("url")) or record.url,
        "kind": next((KINDS[t] for t in type_names(obj) if t in KINDS), None),
        "start": text(when.get("startDate")) or text(obj.get("startDate")),
        "end": text(when.get("endDate")) or text(obj.get("endDate")),
        "organizer": _names(
            obj.get("organizer") or obj.get("provider") or obj.get("parentOrganization")
        ),
        "categories": _categories(obj),
        "languages": _languages(obj.get("inLanguage")),
        "capacity": text(when.get("maximumAttendeeCapacity")),
        "free_places": text(when.get("remainingAttendeeCapacity")),
        "opening_hours": _opening_hours(obj),
    }
    if place_like:
        slots |= _place(obj) | {
            "email": _email(obj.get("email")),
            "phone": text(obj.get("telephone")),
        }
    else:
        slots |= _location(when.get("location") or obj.get("location"))
    slots |= _schedule(
        _first_dict(
            when.get("eventSchedule") or when.get("courseSchedule") or obj.get("eventSchedule")
        ),
        slots,
    )
    slots |= _ages(obj)
    slots |= _offers(when.get("offers") or obj.get("offers"), obj.get("isAccessibleForFree"))
    if _last_segment(obj.get("eventStatus")) == "EventCancelled":
        slots["status"] = "cancelled"
    return {slot: value for slot, value in slots.items() if value not in (None, "", [])}


def text(value: Any) -> str | None:
    """A schema.org value as text: numbers without a needless ``.0``, lists by their first
    usable member, HTML entities decoded; objects (other than ``@value``) give None."""
    if isinstance(value, list):
        return next((t for t in (text(v) for v in value) if t), None)
    if isinstance(value, dict):
        return text(value.get("@value")) if "@value" in value else None
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    result = str(value).strip()
    return html.unescape(result) if _ENTITY.search(result) else result or None


def _dicts(value: Any) -> Iterator[dict[str, Any]]:
    for member in value if isinstance(value, list) else [value]:
        if isinstance(member, dict):
            yield member


def _first_dict(value: Any) -> dict[str, Any]:
    return next(_dicts(value), {})


def _last_segment(value: Any) -> str | None:
    value = (
        text(value) if not isinstance(value, dict) else text(value.get("@id") or value.get("name"))
    )
    return re.split(r"[/#:]", value)[-1] if value else None


def _longest(value: Any) -> str | None:
    texts = [t for t in (text(v) for v in (value if isinstance(value, list) else [value])) if t]
    return max(texts, key=len) if texts else None


def _names(value: Any) -> list[str]:
    names = []
    for member in value if isinstance(value, list) else [value]:
        name = (
            text(member.get("name") or member.get("legalName"))
            if isinstance(member, dict)
            else text(member)
        )
        if name and name not in names:
            names.append(name)
    return names


def _course_instance(course: dict[str, Any]) -> dict[str, Any]:
    instance = _first_dict(course.get("hasCourseInstance"))
    return instance or course


def _categories(obj: dict[str, Any]) -> list[str]:
    found: list[str] = []
    for value in (obj.get("keywords"), obj.get("about")):
        for member in value if isinstance(value, list) else [value]:
            if isinstance(member, dict):
                words = _names(member)
            else:
                words = [w.strip() for w in (text(member) or "").split(",")]
            found += [w for w in words if w and w not in found]
    return found


def _languages(value: Any) -> list[str]:
    found = []
    for member in value if isinstance(value, list) else [value]:
        if isinstance(member, dict):
            member = member.get("alternateName") or member.get("name")
        if (language := text(member)) and language not in found:
            found.append(language)
    return found


def _place(place: dict[str, Any]) -> Slots:
    slots: Slots = {"location_name": text(place.get("name")), "location_key": _key(place)}
    address = place.get("address")
    if isinstance(address, dict):
        slots |= _postal(address)
    else:
        slots["address"] = text(address)
    geo = _first_dict(place.get("geo"))
    slots["latitude"] = text(geo.get("latitude") or place.get("latitude"))
    slots["longitude"] = text(geo.get("longitude") or place.get("longitude"))
    return slots


def _postal(address: dict[str, Any]) -> Slots:
    return {
        "street": text(address.get("streetAddress")),
        "postal_code": text(address.get("postalCode")),
        "city": text(address.get("addressLocality")),
    }


def _location(value: Any) -> Slots:
    places = list(_dicts(value))
    physical = [p for p in places if "VirtualLocation" not in type_names(p)]
    if physical:
        place = physical[0]
        return _postal(place) if "PostalAddress" in type_names(place) else _place(place)
    where = text(value) if not places else None
    if not where:
        return {}
    return {"address": where} if any(c.isdigit() for c in where) else {"location_name": where}


def _key(obj: dict[str, Any]) -> str | None:
    node_id = text(obj.get("@id"))
    if node_id and not node_id.startswith("_:"):
        return node_id
    identifier = obj.get("identifier")
    return text(identifier.get("value") if isinstance(identifier, dict) else identifier)


def _schedule(schedule: dict[str, Any], slots: Slots) -> Slots:
    if not schedule:
        return {}
    out: Slots = {"exception_dates": _texts(schedule.get("exceptDate"))}
    if not slots.get("start"):
        out["start"] = text(schedule.get("startDate"))
    if not slots.get("end"):
        out["end"] = text(schedule.get("endDate"))
    start_time, end_time = _hhmm(schedule.get("startTime")), _hhmm(schedule.get("endTime"))
    if start_time:
        out["time_text"] = f"{start_time}-{end_time}" if end_time else start_time
    out["rrule"] = _rrule(schedule)
    return out


def _rrule(schedule: dict[str, Any]) -> str | None:
    frequency, interval = _frequency(schedule.get("repeatFrequency"))
    days = [code for day in _as_list(schedule.get("byDay")) if (code := _day_code(day))]
    if not frequency and days:
        frequency, interval = "WEEKLY", 1
    if not frequency:
        return None
    parts = [f"FREQ={frequency}"]
    if interval > 1:
        parts.append(f"INTERVAL={interval}")
    if days:
        parts.append(f"BYDAY={','.join(days)}")
    for name, key in (("BYMONTHDAY", "byMonthDay"), ("BYMONTH", "byMonth")):
        if numbers := _texts(schedule.get(key)):
            parts.append(f"{name}={','.join(numbers)}")
    if count := text(schedule.get("repeatCount")):
        parts.append(f"COUNT={count}")
    elif (until := _ISO_DATE.match(text(schedule.get("endDate")) or "")) is not None:
        parts.append(f"UNTIL={''.join(until.groups())}")
    return ";".join(parts)


def _frequency(value: Any) -> tuple[str | None, int]:
    word = (text(value) or "").strip()
    if word.lower() in WORD_FREQUENCIES:
        return WORD_FREQUENCIES[word.lower()], 1
    match = _DURATION.match(word.upper())
    if not match:
        return None, 1
    count, unit = int(match.group(1)), match.group(2)
    if unit == "D" and count % 7 == 0:
        return "WEEKLY", count // 7
    return FREQUENCIES[unit], count


def _day_code(day: Any) -> str | None:
    name = _last_segment(day)
    if not name:
        return None
    if _ICAL_DAY.match(name.upper()):
        return name.upper()
    return DAYS.get(name.lower())


def _hhmm(value: Any) -> str | None:
    time = text(value)
    if time and (match := re.match(r"^(\d{1,2}:\d{2})(?::\d{2})?", time)):
        return match.group(1)
    return time


def _opening_hours(obj: dict[str, Any]) -> str | None:
    groups: dict[str, list[str]] = {}
    for spec in _dicts(obj.get("openingHoursSpecification")):
        opens, closes = _hhmm(spec.get("opens")), _hhmm(spec.get("closes"))
        hours = (
            "off" if opens == closes == "00:00" or not (opens or closes) else f"{opens}-{closes}"
        )
        for day in _as_list(spec.get("dayOfWeek")):
            name = _last_segment(day) or ""
            code = "PH" if name == "PublicHolidays" else DAYS.get(name.lower())
            if code and code not in groups.setdefault(hours, []):
                groups[hours].append(code)
    if groups:
        return "; ".join(f"{_day_ranges(days)} {hours}" for hours, days in groups.items())
    return "; ".join(_texts(obj.get("openingHours"))) or None


def _day_ranges(codes: list[str]) -> str:
    order = list(OSM_DAYS)
    week = sorted((c for c in codes if c in OSM_DAYS), key=order.index)
    runs: list[list[str]] = []
    for code in week:
        if runs and order.index(code) == order.index(runs[-1][-1]) + 1:
            runs[-1].append(code)
        else:
            runs.append([code])
    parts = [
        f"{OSM_DAYS[run[0]]}-{OSM_DAYS[run[-1]]}"
        if len(run) > 2
        else ",".join(OSM_DAYS[c] for c in run)
        for run in runs
    ]
    return ",".join(parts + (["PH"] if "PH" in codes else []))


def _ages(obj: dict[str, Any]) -> Slots:
    slots: Slots = {"age_text": text(obj.get("typicalAgeRange"))}
    if slots["age_text"] and (match := _AGE_RANGE.match(slots["age_text"])):
        slots["age_min"] = match.group(1) or match.group(3)
        slots["age_max"] = match.group(2)
    for audience in _dicts(obj.get("audience")):
        suggested = _first_dict(audience.get("suggestedAge"))
        unit = suggested.get("unitCode") or suggested.get("unitText")
        youngest = _age(audience.get("suggestedMinAge"), unit) or _age(
            suggested.get("minValue"), unit
        )
        oldest = _age(audience.get("suggestedMaxAge"), unit) or _age(
            suggested.get("maxValue"), unit
        )
        if exact := _age(suggested.get("value"), unit):
            youngest, oldest = youngest or exact, oldest or exact
        youngest = youngest or _age(audience.get("requiredMinAge"), None)
        oldest = oldest or _age(audience.get("requiredMaxAge"), None)
        slots["age_min"] = youngest or slots.get("age_min")
        slots["age_max"] = oldest or slots.get("age_max")
        slots["target_groups"] = _texts(audience.get("audienceType"))
    return slots


def _age(value: Any, unit: Any) -> str | None:
    if isinstance(value, dict):
        unit = value.get("unitCode") or value.get("unitText") or unit
        value = value.get("value")
    number = text(value)
    if not number:
        return None
    months = str(unit or "").strip().upper() in ("MON", "MONTH", "MONTHS", "MONATE")
    return f"{number} Monate" if months else number


def _offers(value: Any, free_flag: Any) -> Slots:
    offers = list(_dicts(value))
    prices, zero, booking, sold_out = [], 0, None, False
    for offer in offers:
        spec = _first_dict(offer.get("priceSpecification"))
        price = offer.get("price", spec.get("price"))
        amount = text(price)
        if amount is None and (low := text(offer.get("lowPrice"))):
            high = text(offer.get("highPrice"))
            amount = f"{low}-{high}" if high and high != low else low
        if amount is not None:
            currency = text(offer.get("priceCurrency") or spec.get("priceCurrency"))
            label = text(offer.get("name"))
            expression = f"{amount} {currency}" if currency else amount
            prices.append(f"{label}: {expression}" if label else expression)
            zero += _is_zero(amount)
        booking = booking or text(offer.get("url"))
        sold_out = sold_out or _last_segment(offer.get("availability")) == "SoldOut"
    slots: Slots = {
        "prices": prices,
        "booking_url": booking,
        "status": "full" if sold_out else None,
    }
    if not offers and (words := text(value)):
        slots["price_text"] = words
    flag = _last_segment(free_flag) if not isinstance(free_flag, bool) else str(free_flag)
    if flag and flag.lower() in ("true", "false"):
        slots["is_free"] = flag.lower()
    elif prices and zero == len(prices):
        slots["is_free"] = "true"
    return slots


def _is_zero(amount: str) -> bool:
    try:
        return float(amount.replace(",", ".")) == 0
    except ValueError:
        return False


def _texts(value: Any) -> list[str]:
    return [t for t in (text(v) for v in _as_list(value)) if t]


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _email(value: Any) -> str | None:
    email = text(value)
    return email.removeprefix("mailto:") if email else None
