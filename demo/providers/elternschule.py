"""The hospital parents' school's course API, paged by the HTTP ``Link`` header.

``GET /elternschule/api/kurse?page=1&per_page=5`` answers a bare JSON array of courses; the
next page is only named in ``Link: <…?page=2&per_page=5>; rel="next"`` (absent on the last
page; ``first``/``last``/``prev`` as usual), the total in ``X-Total-Count``. Key: ``id``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from demo.content.elternschule import PROVIDER, SCHOOL, VENUE, ParentCourse, parent_courses
from demo.exchange import DemoRequest, DemoResponse, html_response, json_response, not_found
from demo.providers.base import DemoProvider
from demo.providers.markup import esc
from demo.state import ProviderView

API = f"/{PROVIDER}/api/kurse"
PER_PAGE = 5
MAX_PER_PAGE = 50


def course_json(c: ParentCourse) -> dict[str, Any]:
    t = c.topic
    return {
        "id": int(c.key),
        "kurs": t.title,
        "kategorie": t.category,
        "beschreibung": t.text,
        "termine": [
            {"datum": d.isoformat(), "von": f"{c.start:%H:%M}", "bis": f"{c.end:%H:%M}"}
            for d in c.dates
        ],
        "ort": {
            "haus": VENUE.name,
            "raum": t.room,
            "adresse": f"{VENUE.street}, {VENUE.postcode} Mülheim an der Ruhr",
        },
        "leitung": t.leader,
        "preis": {"betrag": float(t.price), "hinweis": t.price_note},
        "freie_plaetze": c.free,
        "anmeldung": f"/{PROVIDER}/anmeldung?kurs={c.key}",
    }


def _positive(raw: str | None, default: int) -> int:
    value = int(raw) if raw not in (None, "") else default  # ValueError: caller
    if value < 1:
        raise ValueError("must be at least 1")
    return value


def page(shown: Sequence[ParentCourse], request: DemoRequest) -> DemoResponse:
    try:
        number = _positive(request.arg("page"), 1)
        per_page = min(_positive(request.arg("per_page"), PER_PAGE), MAX_PER_PAGE)
    except ValueError:
        return json_response({"message": "Ungültige Seitenangabe"}, 400)
    pages = max(1, math.ceil(len(shown) / per_page))
    chunk = shown[(number - 1) * per_page : number * per_page]

    def link(n: int, rel: str) -> str:
        return f'<{request.absolute(f"{API}?page={n}&per_page={per_page}")}>; rel="{rel}"'

    links = [link(1, "first")]
    if number > 1:
        links.append(link(min(number - 1, pages), "prev"))
    if number < pages:
        links.append(link(number + 1, "next"))
    links.append(link(pages, "last"))
    body = json_response([course_json(c) for c in chunk])
    return DemoResponse(
        200,
        body.body,
        body.content_type,
        (("Link", ", ".join(links)), ("X-Total-Count", str(len(shown)))),
    )


class Elternschule(DemoProvider):
    id = PROVIDER
    name = SCHOOL
    format = "json_api"
    entry_path = f"{API}?page=1&per_page={PER_PAGE}"
    summary = "JSON array API paged only by the HTTP Link header (rel=next), X-Total-Count"

    def records(self) -> Sequence[ParentCourse]:
        return parent_courses()

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        if request.path == API:
            return page(view.visible(self.records()), request)
        if request.sub_path in ("/", "/anmeldung"):
            wanted = request.arg("kurs")
            heading = "Anmeldung" if wanted else SCHOOL
            return html_response(
                f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>'
                f"{esc(SCHOOL)}</title></head><body><h1>{esc(heading)}</h1>"
                f'<form method="post"><input type="hidden" name="kurs" value="{esc(wanted)}">'
                "</form></body></html>"
            )
        return not_found()
