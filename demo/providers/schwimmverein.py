"""A swimming club's WordPress site with "The Events Calendar": its REST API and iCal export.

``GET /schwimmverein/wp-json/tribe/events/v1/events?page=N&per_page=10&start_date=…`` answers
like the plugin: ``{"events": [...], "rest_url", "next_rest_url" (absent on the last page),
"previous_rest_url", "total", "total_pages"}`` plus ``X-TEC-Total``/``X-TEC-TotalPages``
headers; titles are texturized (``&#8211;``, ``&#038;``), dates local ``YYYY-MM-DD HH:MM:SS``
with ``utc_*`` twins, ``cost`` "120 €" or "kostenlos". ``GET /schwimmverein/?ical=1`` is the
same events as iCalendar (UID ``<id>-<start epoch>-<end epoch>@sv-ruhrwelle.example``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from demo.content.german import euro
from demo.content.schwimmverein import (
    CLUB,
    DOMAIN,
    PROVIDER,
    SwimEvent,
    swim_events,
)
from demo.exchange import DemoRequest, DemoResponse, html_response, json_response, not_found
from demo.providers import ics
from demo.providers.base import DemoProvider
from demo.providers.markup import esc
from demo.state import ProviderView

API = f"/{PROVIDER}/wp-json/tribe/events/v1/events"
ICAL = f"/{PROVIDER}/?ical=1"
DEFAULT_START = "2026-11-16 00:00:00"  # the plugin lists upcoming events from "today"
MAX_PER_PAGE = 50
BERLIN = ZoneInfo("Europe/Berlin")
STAMP = datetime(2026, 11, 16, 7, 0)
CATEGORY_IDS = {"Schwimmkurse": 12, "Ferienkurse": 14, "Vereinsleben": 9}
TAG_IDS = {"Warteliste": 21}


def texturize(text: str) -> str:
    """What WordPress does to a title: ``&`` → ``&#038;``, `` - `` → `` &#8211; ``."""
    return text.replace("&", "&#038;").replace(" - ", " &#8211; ")


def plain(text: str) -> str:
    return text.replace(" - ", " – ")


def _local(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=BERLIN).astimezone(UTC).replace(tzinfo=None)


def _details(moment: datetime) -> dict[str, str]:
    return {
        "year": f"{moment.year}",
        "month": f"{moment.month:02d}",
        "day": f"{moment.day:02d}",
        "hour": f"{moment.hour:02d}",
        "minutes": f"{moment.minute:02d}",
        "seconds": f"{moment.second:02d}",
    }


def cost_text(event: SwimEvent) -> str:
    return euro(event.cost, "plain") if event.cost else "kostenlos"


def description_html(event: SwimEvent) -> str:
    parts = [f"<p>{esc(event.text)}</p>"]
    if event.schedule_text:
        parts.append(f"<p>{esc(event.schedule_text)}</p>")
    lo, hi = event.ages
    if lo is not None:
        ages = f"{lo} bis {hi} Jahre" if hi is not None else f"ab {lo} Jahren"
        parts.append(f"<p><strong>Alter:</strong> {ages}</p>")
    if event.cost_note:
        parts.append(
            f"<p><strong>Kosten:</strong> {esc(cost_text(event))}, {esc(event.cost_note)}</p>"
        )
    if event.waitlist:
        parts.append(
            f"<p><em>Der Kurs ist ausgebucht. Auf der Warteliste stehen bereits "
            f"{event.waitlist} Kinder.</em></p>"
        )
    return "\n".join(parts)


def _term(request: DemoRequest, name: str, term_id: int, taxonomy: str) -> dict[str, Any]:
    base = request.absolute(f"/{PROVIDER}/wp-json/tribe/events/v1/")
    kind = "categories" if taxonomy == "tribe_events_cat" else "tags"
    return {
        "name": name,
        "slug": name.lower(),
        "term_group": 0,
        "term_taxonomy_id": term_id,
        "taxonomy": taxonomy,
        "description": "",
        "parent": 0,
        "count": sum(1 for e in swim_events() if name == e.category or name in e.tags),
        "filter": "raw",
        "id": term_id,
        "urls": {"self": f"{base}{kind}/{term_id}", "collection": f"{base}{kind}"},
    }


def _venue(request: DemoRequest, event: SwimEvent) -> dict[str, Any]:
    v = event.venue
    return {
        "id": 300 + sorted({e.place for e in swim_events()}).index(event.place),
        "author": "1",
        "status": "publish",
        "url": request.absolute(f"/{PROVIDER}/veranstaltungsort/{event.place}/"),
        "venue": v.name,
        "slug": event.place,
        "address": v.street,
        "city": "Mülheim an der Ruhr",
        "country": "Deutschland",
        "province": "NRW",
        "zip": v.postcode,
        "stateprovince": "NRW",
        "show_map": True,
        "show_map_link": True,
        "geo_lat": v.lat,
        "geo_lng": v.lon,
    }


def event_json(event: SwimEvent, request: DemoRequest) -> dict[str, Any]:
    utc_start, utc_end = _utc(event.start), _utc(event.end)
    abbr = event.start.replace(tzinfo=BERLIN).tzname()
    return {
        "id": int(event.key),
        "global_id": f"{DOMAIN}?id={event.key}",
        "global_id_lineage": [f"{DOMAIN}?id={event.key}"],
        "author": "2",
        "status": "publish",
        "date": _local(event.created),
        "date_utc": _local(_utc(event.created)),
        "modified": _local(event.created + timedelta(days=3)),
        "modified_utc": _local(_utc(event.created + timedelta(days=3))),
        "url": request.absolute(f"/{PROVIDER}/veranstaltung/{event.slug}/"),
        "rest_url": request.absolute(f"{API}/{event.key}"),
        "title": texturize(event.title),
        "description": description_html(event),
        "excerpt": f"<p>{esc(event.text)}</p>",
        "slug": event.slug,
        "image": False,
        "all_day": event.all_day,
        "start_date": _local(event.start),
        "start_date_details": _details(event.start),
        "end_date": _local(event.end),
        "end_date_details": _details(event.end),
        "utc_start_date": _local(utc_start),
        "utc_start_date_details": _details(utc_start),
        "utc_end_date": _local(utc_end),
        "utc_end_date_details": _details(utc_end),
        "timezone": "Europe/Berlin",
        "timezone_abbr": abbr,
        "cost": cost_text(event),
        "cost_details": {
            "currency_symbol": "€",
            "currency_code": "EUR",
            "currency_position": "postfix",
            "values": [f"{event.cost.normalize():f}"],
        },
        "website": "",
        "show_map": True,
        "show_map_link": True,
        "hide_from_listings": False,
        "sticky": False,
        "featured": bool(event.waitlist),
        "categories": [
            _term(request, event.category, CATEGORY_IDS[event.category], "tribe_events_cat")
        ],
        "tags": [_term(request, t, TAG_IDS[t], "post_tag") for t in event.tags],
        "venue": _venue(request, event),
        "organizer": [
            {
                "id": 290,
                "author": "1",
                "status": "publish",
                "url": request.absolute(f"/{PROVIDER}/veranstalter/schwimmabteilung/"),
                "organizer": f"{CLUB} – Schwimmabteilung",
                "slug": "schwimmabteilung",
                "phone": "",
                "website": f"https://www.{DOMAIN}/",
                "email": f"kurse@{DOMAIN}",
            }
        ],
    }


def _error(code: str, message: str) -> DemoResponse:
    return json_response({"code": code, "message": message, "data": {"status": 400}}, 400)


def _positive(request: DemoRequest, name: str, default: int) -> int | None:
    raw = request.arg(name)
    if raw in (None, ""):
        return default
    return int(raw) if raw.isdigit() and int(raw) >= 1 else None


def events_response(events: Sequence[SwimEvent], request: DemoRequest) -> DemoResponse:
    page = _positive(request, "page", 1)
    per_page = _positive(request, "per_page", 10)
    if page is None or per_page is None or per_page > MAX_PER_PAGE:
        return _error("rest_invalid_param", "Ungültiger Parameter: page oder per_page")
    start_arg = request.arg("start_date") or DEFAULT_START
    try:
        since = datetime.fromisoformat(start_arg.strip())
    except ValueError:
        return _error("rest_invalid_param", "Ungültiger Parameter: start_date")
    matching = [e for e in events if e.end >= since]
    total = len(matching)
    pages = math.ceil(total / per_page)
    if total and page > pages:
        return _error(
            "rest_event_invalid_page", "Die angefragte Seite ist größer als die Seitenanzahl."
        )

    def link(n: int) -> str:
        params: dict[str, str | int] = {"page": n, "per_page": per_page}
        if request.arg("start_date"):
            params["start_date"] = start_arg
        return request.absolute(f"{API}?{urlencode(params)}")

    body: dict[str, Any] = {
        "events": [
            event_json(e, request) for e in matching[(page - 1) * per_page : page * per_page]
        ],
        "rest_url": link(page),
    }
    if page < pages:
        body["next_rest_url"] = link(page + 1)
    if page > 1:
        body["previous_rest_url"] = link(page - 1)
    body["total"] = total
    body["total_pages"] = pages
    response = json_response(body)
    return DemoResponse(
        200,
        response.body,
        response.content_type,
        (
            ("X-TEC-Total", str(total)),
            ("X-TEC-TotalPages", str(pages)),
            ("Link", f'<{request.absolute(f"/{PROVIDER}/wp-json/")}>; rel="https://api.w.org/"'),
        ),
    )


def _epoch(moment: datetime) -> int:
    return int(moment.replace(tzinfo=BERLIN).timestamp())


def _vevent(event: SwimEvent) -> list[str]:
    v = event.venue
    if event.all_day:
        start, end = (
            ics.when("DTSTART", event.start.date()),
            ics.when("DTEND", event.end.date() + timedelta(days=1)),
        )
    else:
        start, end = ics.when("DTSTART", event.start), ics.when("DTEND", event.end)
    text = "\n\n".join(
        p for p in (event.text, event.schedule_text, f"Kosten: {cost_text(event)}") if p
    )
    return [
        "BEGIN:VEVENT",
        start,
        end,
        f"DTSTAMP:{ics.utc(STAMP)}",
        f"CREATED:{ics.utc(_utc(event.created))}",
        f"LAST-MODIFIED:{ics.utc(_utc(event.created + timedelta(days=3)))}",
        f"UID:{event.key}-{_epoch(event.start)}-{_epoch(event.end)}@{DOMAIN}",
        f"SUMMARY:{ics.text(plain(event.title))}",
        f"DESCRIPTION:{ics.text(text)}",
        f"URL:/{PROVIDER}/veranstaltung/{event.slug}/",
        f"LOCATION:{ics.text(f'{v.name}, {v.street}, {v.postcode} Mülheim an der Ruhr')}",
        f"CATEGORIES:{ics.text(event.category)}",
        f'ORGANIZER;CN="{CLUB}":MAILTO:kurse@{DOMAIN}',
        "END:VEVENT",
    ]


def ical_feed(events: Sequence[SwimEvent]) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{CLUB} - ECPv6.6.4//NONSGML v1.0//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics.text(CLUB)}",
        f"X-ORIGINAL-URL:/{PROVIDER}/",
        f"X-WR-CALDESC:Veranstaltungen für {ics.text(CLUB)}",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
        "X-WR-TIMEZONE:Europe/Berlin",
        *ics.VTIMEZONE_BERLIN,
    ]
    for event in events:
        lines += _vevent(event)
    lines.append("END:VCALENDAR")
    return ics.calendar(lines)


def event_page(event: SwimEvent) -> str:
    return (
        f'<!DOCTYPE html><html lang="de-DE"><head><meta charset="UTF-8"><title>'
        f"{texturize(event.title)} – {esc(CLUB)}</title></head>"
        f'<body class="single-tribe_events"><h1 class="tribe-events-single-event-title">'
        f"{texturize(event.title)}</h1>"
        f'<div class="tribe-events-single-event-description">{description_html(event)}</div>'
        "</body></html>"
    )


class Schwimmverein(DemoProvider):
    id = PROVIDER
    name = CLUB
    format = "tec_rest"
    entry_path = f"{API}?page=1&per_page=10&start_date=2026-11-01"
    extra_paths = (ICAL,)
    summary = (
        "WordPress 'The Events Calendar' REST API (page/per_page, next_rest_url, total_pages; "
        "texturized titles, local + UTC dates, cost strings, venue/organizer/categories) and "
        "its iCal export with the same events"
    )

    def records(self) -> Sequence[SwimEvent]:
        return swim_events()

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        events = view.visible(self.records())
        path = request.path
        if path in (API, API + "/"):
            return events_response(events, request)
        if path.startswith(API + "/"):
            event = next((e for e in events if e.key == path.rsplit("/", 1)[-1]), None)
            if event is None:
                return json_response(
                    {"code": "rest_event_not_found", "message": "Veranstaltung nicht gefunden",
                     "data": {"status": 404}},
                    404,
                )  # fmt: skip
            return json_response(event_json(event, request))
        if request.sub_path == "/" and request.arg("ical") == "1":
            return DemoResponse(
                200,
                ical_feed(events),
                "text/calendar; charset=utf-8",
                (("Content-Disposition", 'attachment; filename="sv-ruhrwelle-termine.ics"'),),
            )
        if request.sub_path.startswith("/veranstaltung/"):
            wanted = request.sub_path.removeprefix("/veranstaltung/").strip("/")
            event = next((e for e in events if e.slug == wanted), None)
            return html_response(event_page(event)) if event else not_found("Dieser Termin")
        if request.sub_path == "/":
            return html_response(
                f'<!DOCTYPE html><html lang="de-DE"><head><meta charset="UTF-8"><title>'
                f"{esc(CLUB)}</title></head><body><h1>{esc(CLUB)}</h1><p>"
                f'<a href="{ICAL}">iCal exportieren</a></p></body></html>'
            )
        return not_found()
