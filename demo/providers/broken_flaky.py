"""A play-bus association's JSON API on an overloaded server: every resource answers
``500`` to its first two requests and works from the third one on.

``/broken-flaky/api/einsaetze?seite=1`` → ``{"seite", "seiten", "einsaetze": [...],
"naechste_seite"}`` (8 per page, 2 pages). Counting is per request target (path and query)
and starts afresh with ``DemoWorld.reset()``. A retrying importer gets all 14 offers.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from demo import faults
from demo.content.broken import SPIELMOBIL, SimpleOffer, spielmobil_stops
from demo.exchange import DemoRequest, DemoResponse, html_response, json_response, not_found
from demo.providers.base import DemoProvider
from demo.state import ProviderView

PROVIDER = "broken-flaky"
API = f"/{PROVIDER}/api/einsaetze"
PER_PAGE = 8
FAILURES = 2


def stop_json(o: SimpleOffer) -> dict[str, Any]:
    return {
        "id": o.key,
        "titel": o.title,
        "datum": o.day.isoformat(),
        "zeit": f"{o.start:%H:%M}–{o.end:%H:%M}",
        "ort": {"name": o.place.name, "adresse": o.place.one_line, "stadtteil": o.place.district},
        "alter": o.ages,
        "kosten": o.price,
        "info": o.text,
    }


class BrokenFlaky(DemoProvider):
    id = PROVIDER
    name = SPIELMOBIL
    format = "json_api"
    entry_path = f"{API}?seite=1"
    defect = (
        "flaky: every resource answers HTTP 500 to its first two requests, then 200; a "
        "retrying importer gets all offers"
    )
    summary = "Paged JSON API (seite/naechste_seite) behind a server that fails twice per URL"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[str, int] = {}

    def reset(self) -> None:
        with self._lock:
            self._seen.clear()

    def _fails(self, request: DemoRequest) -> bool:
        target = request.path + "?" + urlencode(sorted((k, v[0]) for k, v in request.query.items()))
        with self._lock:
            self._seen[target] = self._seen.get(target, 0) + 1
            return self._seen[target] <= FAILURES

    def records(self) -> Sequence[SimpleOffer]:
        return spielmobil_stops()

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        if self._fails(request):
            return faults.server_error()
        if request.path == API:
            stops = view.visible(self.records())
            arg = request.arg("seite", "1") or "1"
            page = int(arg) if arg.isdigit() else 0
            pages = max(1, math.ceil(len(stops) / PER_PAGE))
            if not 1 <= page <= pages:
                return json_response({"fehler": "Seite nicht vorhanden"}, 404)
            return json_response(
                {
                    "seite": page,
                    "seiten": pages,
                    "einsaetze": [
                        stop_json(o) for o in stops[(page - 1) * PER_PAGE : page * PER_PAGE]
                    ],
                    "naechste_seite": f"{API}?seite={page + 1}" if page < pages else None,
                }
            )
        if request.sub_path == "/":
            return html_response(
                '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Spielmobil'
                "</title></head><body><h1>Spielmobil Mülheim</h1></body></html>"
            )
        return not_found()
