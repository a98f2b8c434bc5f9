"""The music school's course API that never finishes answering.

``/broken-slow/api/kurse.json`` sends its headers (with the full ``Content-Length``) and the
first 200 bytes, then hangs until the world stops or its ``timeout_fault_s`` passes — longer
than any sane client timeout. A correct importer times out and imports nothing (expected
count 0); the site's start page answers normally.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from demo.content.broken import MUSIKSCHULE, SimpleOffer, music_courses
from demo.exchange import DemoRequest, DemoResponse, html_response, json_response, not_found
from demo.providers.base import DemoProvider, Record
from demo.state import ProviderView

PROVIDER = "broken-slow"
API = f"/{PROVIDER}/api/kurse.json"
SENT_BEFORE_STALL = 200


def course_json(o: SimpleOffer) -> dict[str, Any]:
    return {
        "kursnr": o.key,
        "titel": o.title,
        "beginn": f"{o.day.isoformat()}T{o.start:%H:%M}",
        "ende": f"{o.day.isoformat()}T{o.end:%H:%M}",
        "ort": o.place.name,
        "adresse": o.place.one_line,
        "alter": o.ages,
        "entgelt": o.price,
        "text": o.text,
    }


class BrokenSlow(DemoProvider):
    id = PROVIDER
    name = MUSIKSCHULE
    format = "json_api"
    entry_path = API
    defect = (
        "slow: the API sends headers and 200 bytes, then hangs past any sane timeout; a "
        "correct importer times out and keeps nothing"
    )
    summary = "JSON course list whose answer stalls after the first bytes"

    def records(self) -> Sequence[SimpleOffer]:
        return music_courses()

    def expected_records(self) -> Sequence[Record]:
        return ()

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        if request.path == API:
            full = json_response({"kurse": [course_json(o) for o in view.visible(self.records())]})
            return DemoResponse(200, full.body, full.content_type, stall_after=SENT_BEFORE_STALL)
        if request.sub_path == "/":
            return html_response(
                '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Musikschule'
                f'</title></head><body><h1>Musikschule</h1><a href="{API}">Kurse</a></body></html>'
            )
        return not_found()
