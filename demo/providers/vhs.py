"""The adult-education centre's paged JSON course API.

``GET /vhs/api/kurse?page=1&per_page=20`` → ``{"meta": {"page", "pages", "per_page", "total"},
"links": {"self", "next", "prev"}, "data": [course, …]}``; ``GET /vhs/api/kurse/<nr>`` one
course; ``/vhs/kurs/<nr>`` the public course page the API's ``url`` points to.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from demo.content.calendar import berlin_iso
from demo.content.german import WEEKDAYS
from demo.content.vhs import CATEGORIES, VhsCourse, vhs_courses
from demo.exchange import DemoRequest, DemoResponse, html_response, json_response, not_found
from demo.providers.base import DemoProvider
from demo.providers.markup import esc
from demo.state import ProviderView

API = "/vhs/api/kurse"
DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
UPDATED = "2026-11-16T09:12:00+01:00"


def status(course: VhsCourse, free: int) -> str:
    if course.cancelled:
        return "abgesagt"
    if free == 0:
        return "Warteliste" if course.capacity >= 14 else "ausgebucht"
    if free <= 2:
        return "wenige Plätze"
    return "buchbar"


def course_json(course: VhsCourse, free: int) -> dict[str, Any]:
    t = course.template
    v = course.venue
    sessions = [
        {"beginn": berlin_iso(d, course.start), "ende": berlin_iso(d, course.end)}
        for d in course.dates
    ]
    return {
        "kursnummer": course.key,
        "titel": t.title,
        "untertitel": t.subtitle,
        "kategorie": CATEGORIES[t.cat],
        "beschreibung": "".join(f"<p>{esc(p)}</p>" for p in t.text),
        "zielgruppe": t.audience,
        "alter_von": t.ages[0],
        "alter_bis": t.ages[1],
        "beginn": sessions[0]["beginn"],
        "ende": sessions[-1]["ende"],
        "wochentag": WEEKDAYS[course.dates[0].weekday()],
        "termine_anzahl": len(sessions),
        "termine": sessions,
        "ort": {
            "name": v.name,
            "raum": course.room,
            "strasse": v.street,
            "plz": v.postcode,
            "ort": "Mülheim an der Ruhr",
            "stadtteil": v.district,
            "geo": {"lat": v.lat, "lon": v.lon},
        },
        "preis": t.price,
        "ermaessigt": t.reduced,
        "waehrung": "EUR",
        "max_teilnehmer": course.capacity,
        "freie_plaetze": free,
        "status": status(course, free),
        "dozent": course.lecturer,
        "url": f"/vhs/kurs/{course.key}",
        "aktualisiert": UPDATED,
    }


def _int_arg(request: DemoRequest, name: str, default: int) -> int:
    raw = request.arg(name)
    if raw is None or raw == "":
        return default
    value = int(raw)  # ValueError handled by the caller
    if value < 1:
        raise ValueError(f"{name} must be at least 1")
    return value


def page_json(
    courses: Sequence[VhsCourse], page: int, per_page: int, view: ProviderView
) -> dict[str, Any]:
    total = len(courses)
    pages = max(1, math.ceil(total / per_page))
    chunk = courses[(page - 1) * per_page : page * per_page]

    def link(n: int) -> str:
        return f"{API}?page={n}&per_page={per_page}"

    return {
        "meta": {"page": page, "pages": pages, "per_page": per_page, "total": total},
        "links": {
            "self": link(page),
            "next": link(page + 1) if page < pages else None,
            "prev": link(page - 1) if page > 1 else None,
        },
        "data": [course_json(c, view.free_places(c.key, c.free, c.capacity)) for c in chunk],
    }


def course_page(course: VhsCourse, free: int) -> str:
    t = course.template
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<title>{esc(t.title)} – VHS Mülheim an der Ruhr</title></head>
<body><main class="kurs">
<h1>{esc(t.title)}</h1>
<p class="kursnummer">Kursnummer {esc(course.key)}</p>
<p class="termin">{course.dates[0]:%d.%m.%Y}, {course.start:%H:%M}–{course.end:%H:%M} Uhr
({len(course.dates)} Termine)</p>
<p class="status">{esc(status(course, free))}</p>
{"".join(f"<p>{esc(p)}</p>" for p in t.text)}
</main></body></html>
"""


class Vhs(DemoProvider):
    id = "vhs"
    name = "Volkshochschule Mülheim an der Ruhr"
    format = "json_api"
    entry_path = f"{API}?page=1&per_page={DEFAULT_PER_PAGE}"
    summary = (
        "Paged JSON course API: meta.page/pages/total, data[] with nested venue, ISO datetimes, "
        "live places"
    )
    bookable = True

    def records(self) -> Sequence[VhsCourse]:
        return vhs_courses()

    def _find(self, key: str, view: ProviderView) -> VhsCourse | None:
        if not view.is_visible(key):
            return None
        return next((c for c in self.records() if c.key == key), None)

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        sub = request.sub_path
        if sub in ("/api/kurse", "/api/kurse/"):
            try:
                page = _int_arg(request, "page", 1)
                per_page = _int_arg(request, "per_page", DEFAULT_PER_PAGE)
            except ValueError as exc:
                return json_response({"error": "invalid_parameter", "message": str(exc)}, 400)
            if per_page > MAX_PER_PAGE:
                return json_response(
                    {
                        "error": "invalid_parameter",
                        "message": f"per_page must be at most {MAX_PER_PAGE}",
                    },
                    400,
                )
            return json_response(page_json(view.visible(self.records()), page, per_page, view))
        if sub.startswith("/api/kurse/"):
            course = self._find(sub.removeprefix("/api/kurse/").strip("/"), view)
            if course is None:
                return json_response({"error": "not_found", "message": "Kurs nicht gefunden"}, 404)
            return json_response(
                {
                    "data": course_json(
                        course, view.free_places(course.key, course.free, course.capacity)
                    )
                }
            )
        if sub.startswith("/kurs/"):
            course = self._find(sub.removeprefix("/kurs/").strip("/"), view)
            if course is None:
                return not_found("Dieser Kurs")
            return html_response(
                course_page(course, view.free_places(course.key, course.free, course.capacity))
            )
        if sub == "/":
            return html_response(
                '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>VHS '
                "Mülheim</title></head>"
                "<body><h1>Volkshochschule</h1><p>API: <a "
                f'href="{self.entry_path}">{API}</a></p></body></html>'
            )
        return not_found()
