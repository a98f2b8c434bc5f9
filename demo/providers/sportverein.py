"""The sports club's WordPress site with an events plugin: a small HTML page and the
iCalendar export ``/sportverein/events/?ical=1``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from demo.content.sportverein import CLUB, DOMAIN, HALLS, ClubEvent, club_events
from demo.exchange import DemoRequest, DemoResponse, html_response, not_found
from demo.providers import ics
from demo.providers.base import DemoProvider
from demo.providers.markup import esc
from demo.state import ProviderView

FEED = "/sportverein/events/?ical=1"
STAMP = datetime(2026, 11, 15, 8, 0)


def _location(hall: str) -> str:
    v = HALLS[hall]
    return f"{v.name}, {v.street}, {v.postcode} Mülheim an der Ruhr, Deutschland"


def _vevent(event: ClubEvent) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        ics.when("DTSTART", event.start),
        ics.when("DTEND", event.end),
        f"DTSTAMP:{ics.utc(STAMP)}",
        f"CREATED:{ics.utc(datetime(2026, 8, 1, 10, 15))}",
        f"LAST-MODIFIED:{ics.utc(event.modified)}",
        f"UID:{event.key}",
        f"SUMMARY:{ics.text(event.summary)}",
        f"DESCRIPTION:{ics.text(event.description)}",
        f"URL:/sportverein/veranstaltung/{event.slug}/",
        f"LOCATION:{ics.text(_location(event.hall))}",
        f"CATEGORIES:{','.join(ics.text(c) for c in event.categories)}",
    ]
    if event.rrule:
        lines.append(f"RRULE:{event.rrule}")
    if event.exdates:
        lines.append("EXDATE;TZID=Europe/Berlin:" + ",".join(ics.local(d) for d in event.exdates))
    lines += [f'ORGANIZER;CN="{CLUB}":MAILTO:geschaeftsstelle@{DOMAIN}', "END:VEVENT"]
    if event.moved:
        m = event.moved
        lines += [
            "BEGIN:VEVENT",
            f"RECURRENCE-ID;TZID=Europe/Berlin:{ics.local(m.original)}",
            ics.when("DTSTART", m.start),
            ics.when("DTEND", m.end),
            f"DTSTAMP:{ics.utc(STAMP)}",
            f"LAST-MODIFIED:{ics.utc(datetime(2026, 11, 12, 9, 5))}",
            f"UID:{event.key}",
            "SEQUENCE:1",
            f"SUMMARY:{ics.text(m.summary)}",
            f"DESCRIPTION:{ics.text(m.description)}",
            f"LOCATION:{ics.text(_location(m.hall))}",
            "END:VEVENT",
        ]
    return lines


def ical_feed(events: Sequence[ClubEvent]) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{CLUB} - ECPv6.6.4//NONSGML v1.0//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{CLUB}",
        "X-ORIGINAL-URL:/sportverein/",
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


def home_page(events: Sequence[ClubEvent]) -> str:
    items = "".join(
        '<li class="tribe-events-list-event"><a '
        f'href="/sportverein/veranstaltung/{e.slug}/">{esc(e.summary)}</a></li>'
        for e in events
    )
    return f"""<!DOCTYPE html>
<html lang="de-DE"><head><meta charset="UTF-8"><title>Termine – {esc(CLUB)}</title>
<link rel="alternate" type="text/calendar" title="{esc(CLUB)} » iCal Feed" href="{FEED}">
</head><body class="post-type-archive-tribe_events">
<h1>Termine &amp; Kurse</h1>
<ul class="tribe-events-list">{items}</ul>
<p class="tribe-events-c-ical">
  <a class="tribe-events-c-ical__link" href="{FEED}">iCal exportieren</a></p>
</body></html>
"""


class Sportverein(DemoProvider):
    id = "sportverein"
    name = CLUB
    format = "ics"
    entry_path = FEED
    summary = (
        "iCalendar export of a club's events plugin: RRULE, EXDATE, RECURRENCE-ID, "
        "all-day events, folding"
    )

    def records(self) -> Sequence[ClubEvent]:
        return club_events()

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        sub = request.sub_path
        events = view.visible(self.records())
        if sub in ("/events/", "/events") and request.arg("ical") == "1":
            return DemoResponse(
                200,
                ical_feed(events),
                "text/calendar; charset=utf-8",
                (
                    (
                        "Content-Disposition",
                        'attachment; filename="tsv-ruhrtal-1911-e.v.-termine.ics"',
                    ),
                ),
            )
        if sub in ("/", "/events/", "/events"):
            return html_response(home_page(events))
        if sub.startswith("/veranstaltung/"):
            slug = sub.removeprefix("/veranstaltung/").strip("/")
            event = next((e for e in events if e.slug == slug), None)
            if event is None:
                return not_found("Dieser Termin")
            return html_response(
                '<!DOCTYPE html><html lang="de-DE"><head><meta '
                f'charset="UTF-8"><title>{esc(event.summary)}</title></head>'
                f'<body><h1 class="tribe-events-single-event-title">{esc(event.summary)}</h1>'
                '<div class="tribe-events-single-event-description">'
                f"<p>{esc(event.description)}</p></div></body></html>"
            )
        return not_found()
