"""The registry entry of the synthetic feed: a CSV source as a data steward would write it."""

from __future__ import annotations

from pathlib import Path

from benchmarks.generate import KEY_COLUMN
from schemas.source import Source

SOURCE_ID = "bench-angebote"
PROVIDER_KEY = "bench-stadt"

MAPPING: dict[str, object] = {
    "title": "Titel",
    "kind": "Angebotsart",
    "categories": {"from": "Kategorie", "split": ","},
    "target_groups": {"from": "Zielgruppe", "split": ","},
    "description": "Beschreibung",
    "organizer": "Anbieter",
    "location_name": "Veranstaltungsort",
    "street": "Straße und Hausnummer",
    "postal_code": "PLZ",
    "city": "Ort",
    "district": "Stadtteil",
    "latitude": "Breitengrad",
    "longitude": "Längengrad",
    "date_text": "Termin",
    "time_text": "Uhrzeit",
    "age_text": "Alter",
    "price_text": "Kosten",
    "prices": [
        {"from": "Preis (€)", "template": "{0} Euro"},
        {"from": "ermäßigt (€)", "template": "ermäßigt mit Mülheim-Pass {0} Euro"},
    ],
    "opening_hours": "Öffnungszeiten",
    "phone": "Telefon",
    "email": "E-Mail",
    "url": "Internet",
    "capacity": "Plätze",
    "free_places": "Freie Plätze",
    "booking_url": "Online-Anmeldung",
    "registration_text": "Anmeldung",
    "languages": {"from": "Sprache", "split": ","},
}


def bench_source(csv_path: Path) -> Source:
    """The source reading one generated feed file through the ordinary CSV reader."""
    return Source.model_validate({
        "id": SOURCE_ID,
        "provider": PROVIDER_KEY,
        "title": "Synthetische Angebote (Benchmark)",
        "adapter": "csv",
        "url": csv_path.resolve().as_uri(),
        "licence": "dl-zero-de/2.0",
        "key": KEY_COLUMN,
        "timeout_s": 6 * 3600,
        "defaults": {"kind": "leisure", "city": "Mülheim an der Ruhr"},
        "mapping": MAPPING,
    })
