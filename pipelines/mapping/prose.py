"""Facts that feeds write into their text under labels: "Wann: Sa., 17.04.2027, 11 bis 15 Uhr",
"Kosten: 3 Euro", "Ort: Jugendhaus Speldorf, Frühlingstraße 52".

Labelled lines are lifted into draft slots, as written; the German value parsers judge them
later. Facts told in sentences ("Wir treffen uns am Freitag, 11.12.2026 von 17 bis 20 Uhr")
stay in the description: the normaliser reads them there, for every source alike
(:mod:`pipelines.text_facts`), and marks them as read in text.
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
_VENUE = re.compile(r",\s*(?:im|in der|in dem|auf dem)\s+([^.,]+)\.", re.IGNORECASE)


def facts_from_text(text: str | None) -> dict[str, str]:
    """Slots a text states under labels (and the venue a sentence names after a comma)."""
    if not text:
        return {}
    plain = html_to_text(text)
    facts: dict[str, str] = {}
    for label, value in _LABEL_LINE.findall(plain):
        facts.setdefault(LABELS[label.lower()], value.strip())
    if "address" not in facts and (venue := _VENUE.search(plain)) is not None:
        facts["location_name"] = venue.group(1).strip()
    return facts
