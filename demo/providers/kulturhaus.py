"""The culture venue: monthly programme pages (HTML teasers plus one JSON-LD ``@graph`` of
all the month's events) and event detail pages with a full JSON-LD ``Event``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, time
from typing import Any

from demo.content.calendar import berlin_iso
from demo.content.german import MONTHS as MONTH_NAMES
from demo.content.german import WD_SHORT
from demo.content.kulturhaus import MONTHS, ORGANISER, CultureEvent, culture_events
from demo.exchange import DemoRequest, DemoResponse, html_response, not_found, redirect
from demo.providers.base import DemoProvider
from demo.providers.markup import esc, jsonld_script
from demo.state import ProviderView

PROGRAMME = "/kulturhaus/programm/"
STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "rescheduled": "https://schema.org/EventRescheduled",
}
MONTH_CODES = tuple(f"{y}-{m:02d}" for y, m, _ in MONTHS)


def detail_path(event: CultureEvent) -> str:
    return f"/kulturhaus/veranstaltung/{event.key}-{event.slug}"


def _when(day: date, at: time | None, style: str) -> str:
    if at is None or style == "date_only":
        return day.isoformat()
    if style == "naive":
        return f"{day.isoformat()}T{at:%H:%M}"
    if style == "german":
        return f"{day:%d.%m.%Y} {at:%H:%M}"
    return berlin_iso(day, at)


def _place(event: CultureEvent) -> dict[str, Any]:
    v = event.venue
    return {
        "@type": "Place",
        "name": f"{v.name}, {event.room}" if event.room else v.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": v.street,
            "postalCode": v.postcode,
            "addressLocality": "Mülheim an der Ruhr",
            "addressRegion": "NRW",
            "addressCountry": "DE",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": v.lat, "longitude": v.lon},
    }


def _offers(event: CultureEvent) -> list[dict[str, Any]]:
    offers = []
    for label, amount in event.prices:
        price: Any = (
            float(amount) if event.price_style == "number" else f"{amount:.2f}".replace(".", ",")
        )
        offers.append(
            {
                "@type": "Offer",
                "name": label,
                "price": price,
                "priceCurrency": "EUR",
                "url": f"/kulturhaus/tickets/{event.key}",
                "validFrom": "2026-09-01T10:00:00+02:00",
            }
        )
    if not offers:
        offers.append({"@type": "Offer", "price": 0, "priceCurrency": "EUR"})
    return offers


def event_jsonld(event: CultureEvent, *, full: bool) -> dict[str, Any]:
    """The schema.org Event; ``full`` adds description, offers, audience and performer."""
    data: dict[str, Any] = {
        "@type": "Event",
        "@id": detail_path(event) + "#event",
        "identifier": event.key,
        "name": event.title,
        "url": detail_path(event),
        "startDate": _when(event.day, event.start, event.date_style),
        "endDate": _when(event.end_day, event.end, event.date_style),
        "eventStatus": STATUS[event.status],
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": _place(event),
    }
    if event.previous_day is not None:
        data["previousStartDate"] = _when(event.previous_day, event.start, event.date_style)
    if not full:
        return data
    data["description"] = " ".join(event.paragraphs)
    data["image"] = [f"/kulturhaus/media/{event.key}-1200x675.jpg"]
    data["organizer"] = {"@type": "Organization", "name": ORGANISER, "url": "/kulturhaus/"}
    data["offers"] = _offers(event)
    data["isAccessibleForFree"] = not event.prices
    data["inLanguage"] = "de"
    data["keywords"] = event.genre
    if event.performer:
        data["performer"] = {"@type": "PerformingGroup", "name": event.performer}
    if event.age_min is not None:
        data["typicalAgeRange"] = f"{event.age_min}-"
        data["audience"] = {"@type": "PeopleAudience", "suggestedMinAge": event.age_min}
    return data


def _shell(title: str, body: str, head: str = "") -> str:
    return f"""<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>{esc(title)} · Kulturhaus Lokschuppen</title>
<meta property="og:site_name" content="Kulturhaus Lokschuppen">
{head}
</head>
<body>
<header class="site-header"><a class="brand" href="/kulturhaus/">Kulturhaus Lokschuppen</a>
<nav><a href="{PROGRAMME}">Programm</a> <a href="/kulturhaus/">Haus</a></nav></header>
{body}
<footer class="site-footer">{esc(ORGANISER)} · Am Schloß Broich 40 ·
45479 Mülheim an der Ruhr</footer>
</body>
</html>
"""


def _teaser(event: CultureEvent) -> str:
    when = f"{WD_SHORT[event.day.weekday()]} {event.day:%d.%m.}" + (
        f" · {event.start:%H:%M}" if event.start else ""
    )
    datetime_attr = event.day.isoformat() + (f"T{event.start:%H:%M}" if event.start else "")
    badge = {
        "cancelled": '<span class="badge badge--abgesagt">Abgesagt</span>',
        "rescheduled": '<span class="badge badge--verlegt">Neuer Termin</span>',
    }.get(event.status, "")
    info = " · ".join(x for x in (event.age_text, event.room or event.venue.name) if x)
    return f"""  <article class="termin" data-event-id="{event.key}">
    <time class="termin__datum" datetime="{datetime_attr}">{when}</time>
    <p class="termin__rubrik">{esc(event.genre)}</p>
    <h2 class="termin__titel"><a href="{detail_path(event)}">{esc(event.title)}</a>{badge}</h2>
    <p class="termin__info">{esc(info)}</p>
  </article>
"""


def month_page(code: str, events: Sequence[CultureEvent]) -> str:
    year, month = int(code[:4]), int(code[5:])
    index = MONTH_CODES.index(code)
    in_month = [e for e in events if (e.day.year, e.day.month) == (year, month)]
    nav = []
    if index > 0:
        y, m = MONTH_CODES[index - 1].split("-")
        nav.append(
            f'<a class="monat-zurueck" rel="prev" href="{PROGRAMME}{MONTH_CODES[index - 1]}/">« '
            f"{MONTH_NAMES[int(m) - 1]} {y}</a>"
        )
    nav.append(f'<span class="monat-aktuell">{MONTH_NAMES[month - 1]} {year}</span>')
    if index < len(MONTH_CODES) - 1:
        y, m = MONTH_CODES[index + 1].split("-")
        nav.append(
            '<a class="monat-weiter" rel="next" '
            f'href="{PROGRAMME}{MONTH_CODES[index + 1]}/">{MONTH_NAMES[int(m) - 1]} {y} »</a>'
        )
    if in_month:
        listing = '<div class="programm">\n' + "".join(_teaser(e) for e in in_month) + "</div>"
        graph = {
            "@context": "https://schema.org",
            "@graph": [event_jsonld(e, full=False) for e in in_month],
        }
        head = jsonld_script(graph, indent=None)
    else:
        text = (
            "Sommerpause – im August finden keine Veranstaltungen statt."
            if month == 8
            else "In diesem Monat sind noch keine Veranstaltungen eingetragen."
        )
        listing = f'<p class="programm-leer">{text}</p>'
        head = ""
    body = f"""<main class="programmseite">
<h1>Programm {MONTH_NAMES[month - 1]} {year}</h1>
<nav class="monatsnavigation">{" ".join(nav)}</nav>
{listing}
</main>"""
    return _shell(f"Programm {MONTH_NAMES[month - 1]} {year}", body, head)


def detail_page(event: CultureEvent) -> str:
    data = {"@context": "https://schema.org", **event_jsonld(event, full=True)}
    text = "".join(f"<p>{esc(p)}</p>" for p in event.paragraphs)
    when = f"{WD_SHORT[event.day.weekday()]}, {event.day:%d.%m.%Y}"
    if event.end_day != event.day:
        when += f" – {WD_SHORT[event.end_day.weekday()]}, {event.end_day:%d.%m.%Y}"
    if event.start:
        when += f", {event.start:%H:%M}" + (f"–{event.end:%H:%M}" if event.end else "") + " Uhr"
    status = {
        "cancelled": '<p class="hinweis hinweis--abgesagt">Diese Veranstaltung muss leider '
        "entfallen.</p>",
        "rescheduled": '<p class="hinweis hinweis--verlegt">Neuer Termin! Ursprünglich geplant '
        f"am {event.previous_day:%d.%m.%Y}.</p>"
        if event.previous_day
        else "",
    }.get(event.status, "")
    performer = (
        f'<p class="veranstaltung__ensemble">{esc(event.performer)}</p>' if event.performer else ""
    )
    body = f"""<main class="veranstaltung" data-event-id="{event.key}">
<p class="veranstaltung__rubrik">{esc(event.genre)}</p>
<h1 class="veranstaltung__titel">{esc(event.title)}</h1>
{status}{performer}
<ul class="veranstaltung__fakten">
  <li class="datum">{esc(when)}</li>
  <li class="ort">{esc(event.venue.name)}{(" · " + esc(event.room)) if event.room else ""}</li>
  <li class="alter">{esc(event.age_text)}</li>
  <li class="preis">{esc(event.price_text)}</li>
</ul>
<div class="veranstaltung__text">{text}</div>
<p><a class="tickets" href="/kulturhaus/tickets/{event.key}">Tickets</a></p>
</main>"""
    head = f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'
    return _shell(event.title, body, head)


class Kulturhaus(DemoProvider):
    id = "kulturhaus"
    name = "Kulturhaus Lokschuppen"
    format = "html+jsonld"
    entry_path = PROGRAMME
    summary = (
        "Monthly programme pages with a JSON-LD @graph of events, detail pages with a JSON-LD Event"
    )

    def records(self) -> Sequence[CultureEvent]:
        return culture_events()

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        sub = request.sub_path
        if sub == "/":
            return html_response(
                _shell(
                    "Start",
                    f'<main><h1>Kulturhaus Lokschuppen</h1><p><a href="{PROGRAMME}">Zum '
                    "Programm</a></p></main>",
                )
            )
        if sub in ("/programm", "/programm/"):
            return redirect(f"{PROGRAMME}{MONTH_CODES[0]}/")
        if sub.startswith("/programm/"):
            code = sub.removeprefix("/programm/").strip("/")
            if code not in MONTH_CODES:
                return not_found("Dieser Monat")
            return html_response(month_page(code, view.visible(self.records())))
        if sub.startswith("/veranstaltung/"):
            ref = sub.removeprefix("/veranstaltung/").strip("/")
            key = ref.split("-", 1)[0]
            event = next((e for e in self.records() if e.key == key), None)
            if event is None or not view.is_visible(key):
                return not_found("Diese Veranstaltung")
            if ref != f"{event.key}-{event.slug}":
                return redirect(detail_path(event), 301)
            return html_response(detail_page(event))
        if sub.startswith("/tickets/"):
            return html_response(
                _shell(
                    "Tickets",
                    "<main><h1>Ticketshop</h1><p>Der Vorverkauf läuft über die "
                    "Theaterkasse.</p></main>",
                )
            )
        return not_found()
