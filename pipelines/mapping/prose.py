"""Facts that feeds write into their text: "Wann: Sa., 17.04.2027, 11 bis 15 Uhr", "Kosten: 3 Euro",
or prose like "Am 11.12.2026, 17.00–20.00 Uhr, im Jugendhaus Speldorf. … an 12- bis 17-Jährige."

Only explicit phrases are lifted into draft slots, as written; the German value parsers judge
them later. Labelled lines win over phrases found in sentences; nothing is inferred.
"""

from __future__ import annotations

import re

from pipelines.parsers import html_to_text

LABELS: dict[str, str] = {
    "wann": "date_text", "termin": "date_text", "termine": "date_text", "datum": "date_text",
    "zeitraum": "date_text", "zeit": "time_text", "uhrzeit": "time_text",
    "für wen": "age_text", "alter": "age_text", "zielgruppe": "age_text",
    "kosten": "price_text", "preis": "price_text", "gebühr": "price_text", "eintritt": "price_text",
    "teilnahmegebühr": "price_text",
    "plätze": "capacity", "teilnehmer": "capacity", "teilnehmerzahl": "capacity",
    "wo": "address", "ort": "address", "veranstaltungsort": "address",
    "anmeldung": "registration_text",
}
_LABEL_LINE = re.compile(
    r"^\s*(?:-\s*)?("
    + "|".join(sorted(map(re.escape, LABELS), key=len, reverse=True))
    + r")\s*:\s*(.+?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_WEEKDAY = r"(?:mo|di|mi|do|fr|sa|so)[a-z]*\.?,?\s*"
_MONTH = r"(?:jan|feb|mär|maerz|apr|mai|jun|jul|aug|sep|okt|nov|dez)[a-zä]*\.?"
_FULL = rf"\d{{1,2}}\.\s*(?:\d{{1,2}}\.\s*(?:\d{{4}}|\d{{2}}\b)?|{_MONTH}\s*(?:\d{{4}})?)"
_RANGE = re.compile(
    rf"\b(?:(?:vom|am|ab)\s+)?(?:{_WEEKDAY})?(?:{_FULL}|\d{{1,2}}\.)\s*(?:–|-|bis)\s*"
    rf"(?:{_WEEKDAY})?{_FULL}",
    re.IGNORECASE,
)
_DATE = re.compile(rf"\b(?:(?:am|ab)\s+)?(?:{_WEEKDAY})?{_FULL}", re.IGNORECASE)
_TIME = re.compile(
    r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:–|-|bis)\s*\d{1,2}(?:[.:]\d{2})?\s*Uhr\b", re.IGNORECASE
)
_AUDIENCE = re.compile(r"richtet sich an\s+(.+?)(?:\.\s|\.$|,\s*Familien)", re.IGNORECASE)
_AGES = re.compile(
    r"\b(?:\d{1,2}-?\s*(?:bis|–|-)\s*\d{1,2}-Jährige|(?:Kinder\s+)?(?:von|ab|zwischen)\s+\d{1,2}"
    r"(?:\s*(?:bis|und)\s*\d{1,2})?\s+Jahren?)\b",
    re.IGNORECASE,
)
_PRICE = re.compile(r"\b(?:Kosten|Preis|Eintritt|Teilnahme)\s*:\s*([^.\n]+)", re.IGNORECASE)
_FREE = re.compile(r"\b(?:kostenlos|Eintritt frei|gebührenfrei)\b", re.IGNORECASE)
_PLACES = re.compile(r"\((\d{1,4})\s+(?:Plätze|Teilnehmende)\)", re.IGNORECASE)
_VENUE = re.compile(r",\s*(?:im|in der|in dem|auf dem)\s+([^.,]+)\.", re.IGNORECASE)


def facts_from_text(text: str | None) -> dict[str, str]:
    """Slots a text states explicitly (labelled lines first, then phrases in sentences)."""
    if not text:
        return {}
    plain = html_to_text(text)
    facts: dict[str, str] = {}
    for label, value in _LABEL_LINE.findall(plain):
        facts.setdefault(LABELS[label.lower()], value.strip())
    if "date_text" not in facts and (found := _RANGE.search(plain) or _DATE.search(plain)):
        phrase = found.group(0)
        rest = plain[found.end():found.end() + 40]
        if (time := _TIME.match(rest.lstrip(" ,"))) is not None:
            phrase += ", " + time.group(0)
        facts["date_text"] = phrase.strip(" ,")
    if (
        "date_text" in facts
        and "time_text" not in facts
        and not _TIME.search(facts["date_text"])
        and (time := _TIME.search(plain)) is not None
    ):
        facts["time_text"] = time.group(0)
    if "age_text" not in facts:
        if (audience := _AUDIENCE.search(plain)) is not None:
            facts["age_text"] = audience.group(1).strip()
        elif (ages := _AGES.search(plain)) is not None:
            facts["age_text"] = ages.group(0)
    if "price_text" not in facts:
        if (price := _PRICE.search(plain)) is not None:
            facts["price_text"] = price.group(1).strip()
        elif (free := _FREE.search(plain)) is not None:
            facts["price_text"] = free.group(0)
    if "capacity" not in facts and (places := _PLACES.search(plain)) is not None:
        facts["capacity"] = places.group(1)
    if "address" not in facts and (venue := _VENUE.search(plain)) is not None:
        facts["location_name"] = venue.group(1).strip()
    return facts
