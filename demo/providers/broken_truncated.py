"""A nature association's event export that its CMS cuts off mid-record.

``/broken-truncated/export/termine.json`` is a JSON array whose bytes stop at ~55 %, inside a
record; ``Content-Length`` matches the shortened body, so the HTTP exchange is well-formed and
only the JSON is broken. A correct importer rejects the file (expected count 0) instead of
importing a partial list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from demo import faults
from demo.content.broken import RUHRAUE, SimpleOffer, nature_events
from demo.exchange import DemoRequest, DemoResponse, html_response, json_response, not_found
from demo.providers.base import DemoProvider, Record
from demo.state import ProviderView

PROVIDER = "broken-truncated"
EXPORT = f"/{PROVIDER}/export/termine.json"


def event_json(o: SimpleOffer) -> dict[str, Any]:
    return {
        "uid": o.key,
        "name": o.title,
        "start": f"{o.day.isoformat()} {o.start:%H:%M}",
        "ende": f"{o.day.isoformat()} {o.end:%H:%M}",
        "treffpunkt": {"name": o.place.name, "anschrift": o.place.one_line},
        "zielgruppe": o.ages,
        "beitrag": o.price,
        "beschreibung": o.text,
    }


class BrokenTruncated(DemoProvider):
    id = PROVIDER
    name = RUHRAUE
    format = "json_file"
    entry_path = EXPORT
    defect = (
        "truncated: the JSON export is cut inside a record (Content-Length matches); a "
        "correct importer rejects the file and keeps nothing"
    )
    summary = "JSON array export served cut off at ~55 %"

    def records(self) -> Sequence[SimpleOffer]:
        return nature_events()

    def expected_records(self) -> Sequence[Record]:
        return ()

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        if request.path == EXPORT:
            shown = view.visible(self.records())
            full = json_response([event_json(o) for o in shown])
            return faults.truncate(full) if shown else full
        if request.sub_path == "/":
            return html_response(
                '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Ruhraue'
                f'</title></head><body><a href="{EXPORT}">Termine (JSON)</a></body></html>'
            )
        return not_found()
