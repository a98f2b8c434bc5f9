"""The family card portal's partner API, paged by offset and limit.

``GET /familienkarte/api/v1/angebote?offset=0&limit=10`` → ``{"total", "offset", "limit",
"items": [...]}``; an offset past the end gives ``"items": []``; ``limit`` at most 50. Key:
``id`` (``FK-1081``). ``ort.vertraulich: true`` marks an address that must never be
published (it is delivered anyway, for the portal's own staff).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from demo.content.familienkarte import (
    PORTAL,
    PROVIDER,
    SHELTER_NOTE,
    CardOffer,
    card_offers,
    confidential_keys,
    registered,
)
from demo.exchange import DemoRequest, DemoResponse, html_response, json_response, not_found
from demo.providers.base import DemoProvider
from demo.providers.markup import esc
from demo.state import ProviderView

API = f"/{PROVIDER}/api/v1/angebote"
DEFAULT_LIMIT = 25
MAX_LIMIT = 50


def offer_json(o: CardOffer) -> dict[str, Any]:
    v = o.place
    lo, hi = o.ages
    place: dict[str, Any] = {
        "name": v.name,
        "strasse": v.street,
        "plz": v.postcode,
        "ort": "Mülheim an der Ruhr",
        "stadtteil": v.written_area,
        "koordinaten": {"lat": v.lat, "lon": v.lon},
        "vertraulich": o.confidential,
    }
    if o.confidential:
        place["hinweis"] = SHELTER_NOTE
    return {
        "id": o.key,
        "titel": o.title,
        "kurzbeschreibung": o.summary,
        "kategorie": o.category,
        "anbieter": {"name": o.organiser},
        "termin": {
            "beginn": o.first_day.isoformat(),
            "ende": o.last_day.isoformat(),
            "text": o.date_text,
            "uhrzeit": o.time_text,
        },
        "alter": {"von": lo, "bis": hi},
        "preis": {
            "betrag": float(o.price) if o.price is not None else None,
            "text": o.price_text,
            "familienkarte": o.discount,
        },
        "ort": place,
        "freie_plaetze": o.free_places,
        "stand": registered(o).strftime("%Y-%m-%dT%H:%M:%S+01:00"),
    }


def _number(raw: str | None, default: int, least: int) -> int:
    value = int(raw) if raw not in (None, "") else default
    if value < least:
        raise ValueError
    return value


def page(shown: Sequence[CardOffer], request: DemoRequest) -> DemoResponse:
    try:
        offset = _number(request.arg("offset"), 0, 0)
        limit = _number(request.arg("limit"), DEFAULT_LIMIT, 1)
    except ValueError:
        return json_response({"fehler": "offset und limit müssen ganze Zahlen sein"}, 400)
    if limit > MAX_LIMIT:
        return json_response({"fehler": f"limit höchstens {MAX_LIMIT}"}, 400)
    return json_response(
        {
            "total": len(shown),
            "offset": offset,
            "limit": limit,
            "items": [offer_json(o) for o in shown[offset : offset + limit]],
        }
    )


class Familienkarte(DemoProvider):
    id = PROVIDER
    name = PORTAL
    format = "json_api"
    entry_path = f"{API}?offset=0&limit=10"
    summary = (
        "Partner JSON API paged by offset/limit ({total, items}); categories map to kinds; one "
        "address flagged 'vertraulich' (women's shelter) must never be published"
    )

    def records(self) -> Sequence[CardOffer]:
        return card_offers()

    def confidential_keys(self) -> tuple[str, ...]:
        return confidential_keys()

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        if request.path == API:
            return page(view.visible(self.records()), request)
        if request.sub_path == "/":
            return html_response(
                f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>'
                f"{esc(PORTAL)}</title></head><body><h1>{esc(PORTAL)}</h1></body></html>"
            )
        return not_found()
