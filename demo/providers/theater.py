"""The theatre's ticketing JSON API, paged by an opaque cursor.

``GET /theater/api/vorstellungen?limit=6`` → ``{"data": [performance, ...], "next_cursor":
"…"}``; the next page is ``?limit=6&cursor=<next_cursor>``; the last page has
``"next_cursor": null``. An unknown cursor answers 400. Key: ``id`` (``V27112``).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from demo.content.calendar import berlin_iso
from demo.content.theater import (
    FAMILY_TICKET,
    PRICES,
    PROVIDER,
    THEATRE,
    Performance,
    performances,
)
from demo.exchange import DemoRequest, DemoResponse, html_response, json_response, not_found
from demo.providers.base import DemoProvider
from demo.providers.markup import esc
from demo.state import ProviderView

API = f"/{PROVIDER}/api/vorstellungen"
DEFAULT_LIMIT = 6
MAX_LIMIT = 20


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"pos:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise ValueError("invalid cursor") from exc
    prefix, _, number = text.partition(":")
    if prefix != "pos" or not number.isdigit():
        raise ValueError("invalid cursor")
    return int(number)


def performance_json(p: Performance) -> dict[str, Any]:
    end = p.start + timedelta(minutes=p.play.minutes)
    v = p.venue
    return {
        "id": p.key,
        "stueck": {
            "titel": p.play.title,
            "untertitel": p.play.subtitle,
            "empfohlen_ab": p.play.min_age,
            "dauer_minuten": p.play.minutes,
            "beschreibung": p.play.text,
        },
        "beginn": berlin_iso(p.start.date(), p.start.time()),
        "ende": berlin_iso(end.date(), end.time()),
        "spielstaette": {
            "name": v.name,
            "adresse": f"{v.street}, {v.postcode} Mülheim an der Ruhr",
            "stadtteil": v.district,
        },
        "preise": [{"kategorie": name, "betrag": float(amount)} for name, amount in PRICES]
        + [{"kategorie": "Familienkarte (2 Erw. + 2 Kinder)", "betrag": float(FAMILY_TICKET)}],
        "waehrung": "EUR",
        "kartenstatus": p.status,
        "tickets": f"/{PROVIDER}/tickets/{p.key}",
    }


def page(shown: Sequence[Performance], request: DemoRequest) -> DemoResponse:
    try:
        limit = int(request.arg("limit") or DEFAULT_LIMIT)
        offset = decode_cursor(request.arg("cursor") or "") if request.arg("cursor") else 0
    except ValueError as exc:
        return json_response({"error": "bad_request", "detail": str(exc)}, 400)
    if not 1 <= limit <= MAX_LIMIT:
        return json_response({"error": "bad_request", "detail": "limit must be 1..20"}, 400)
    chunk = shown[offset : offset + limit]
    following = offset + limit
    return json_response(
        {
            "data": [performance_json(p) for p in chunk],
            "next_cursor": encode_cursor(following) if following < len(shown) else None,
        }
    )


class Theater(DemoProvider):
    id = PROVIDER
    name = THEATRE
    format = "json_api"
    entry_path = f"{API}?limit={DEFAULT_LIMIT}"
    summary = "Ticketing JSON API paged by an opaque next_cursor (null on the last page)"

    def records(self) -> Sequence[Performance]:
        return performances()

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        shown = view.visible(self.records())
        if request.path == API:
            return page(shown, request)
        if request.sub_path.startswith("/tickets/"):
            wanted = request.sub_path.removeprefix("/tickets/")
            show = next((p for p in shown if p.key == wanted), None)
            if show is None:
                return not_found("Diese Vorstellung")
            return html_response(
                f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Karten: '
                f"{esc(show.play.title)}</title></head><body><h1>{esc(show.play.title)}</h1>"
                f'<p class="status">{esc(show.status)}</p></body></html>'
            )
        if request.sub_path == "/":
            return html_response(
                f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>'
                f"{esc(THEATRE)}</title></head><body><h1>Spielplan</h1></body></html>"
            )
        return not_found()
