"""The city library's event pages, built by an event SaaS that writes schema.org microdata.

Listing ``/bibliothek/veranstaltungen/`` (12 per page, ``?seite=2``, ``a.pager__next``) links
detail pages ``/bibliothek/veranstaltungen/details/<slug>-<key>``; each detail page carries
one ``itemscope itemtype="https://schema.org/Event"`` with ``startDate`` in a ``content``
attribute (with or without offset), ``endDate`` in a ``<meta>``, a nested ``Place`` with a
``PostalAddress``, an ``Offer`` and ``typicalAgeRange``. Every page also has an empty JSON-LD
block left behind by an SEO plugin.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime

from demo.content.bibliothek import LIBRARY, LibraryEvent, library_events
from demo.content.calendar import berlin_iso
from demo.content.german import MONTHS, WD_SHORT, WEEKDAYS, d_full, d_words, euro
from demo.exchange import DemoRequest, DemoResponse, html_response, not_found
from demo.providers.base import DemoProvider
from demo.providers.markup import esc
from demo.state import ProviderView

LISTING = "/bibliothek/veranstaltungen/"
DETAIL = "/bibliothek/veranstaltungen/details/"
PER_PAGE = 12
EMPTY_JSONLD = '<script type="application/ld+json" class="yoast-schema-graph"></script>'


def detail_path(event: LibraryEvent) -> str:
    return f"{DETAIL}{event.slug}-{event.key}"


def _iso(moment: datetime, with_offset: bool) -> str:
    if with_offset:
        return berlin_iso(moment.date(), moment.time())
    return moment.strftime("%Y-%m-%dT%H:%M")


def _age_html(event: LibraryEvent) -> str:
    lo, hi = event.ages
    if hi is None:
        return f'Für Kinder ab <span itemprop="typicalAgeRange">{lo}-</span> Jahren'
    return f'Für Kinder von <span itemprop="typicalAgeRange">{lo}-{hi}</span> Jahren'


def _when(event: LibraryEvent) -> str:
    start = _iso(event.starts, event.offset_in_markup)
    end = _iso(event.ends, event.offset_in_markup)
    if event.first_day == event.last_day:
        shown = (
            f"{WEEKDAYS[event.first_day.weekday()]}, {d_words(event.first_day)}, "
            f"{event.start:%H:%M}–{event.end:%H:%M} Uhr"
        )
    else:
        shown = (
            f"{d_full(event.first_day)} bis {d_full(event.last_day)}, täglich "
            f"{event.start:%H:%M}–{event.end:%H:%M} Uhr"
        )
    return (
        f'<p class="event-detail__date"><span itemprop="startDate" content="{start}">'
        f'{esc(shown)}</span><meta itemprop="endDate" content="{end}"></p>'
    )


def _offer(event: LibraryEvent) -> str:
    availability = "SoldOut" if event.sold_out else "InStock"
    if event.price:
        label = f"Eintritt {euro(event.price, 'plain')}"
    elif event.series == "Ferienwerkstatt":
        label = "kostenlos, Anmeldung erforderlich"
    else:
        label = "Eintritt frei"
    if event.sold_out:
        label += " – leider ausgebucht, Warteliste an der Infotheke"
    return (
        '<div class="event-detail__price" itemprop="offers" itemscope '
        'itemtype="https://schema.org/Offer">'
        f'<meta itemprop="price" content="{event.price:.2f}">'
        '<meta itemprop="priceCurrency" content="EUR">'
        f'<link itemprop="availability" href="https://schema.org/{availability}">'
        f"<span>{esc(label)}</span></div>"
    )


def _shell(title: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>{esc(title)} | {esc(LIBRARY)}</title>
{EMPTY_JSONLD}
</head>
<body class="events">
<header><a class="brand" href="/bibliothek/">Stadtbibliothek im Medienhaus</a></header>
<main>
{body}
</main>
<footer><p>{esc(LIBRARY)} · Synagogenplatz 3 · 45468 Mülheim an der Ruhr</p></footer>
</body>
</html>
"""


def detail_page(event: LibraryEvent) -> str:
    v = event.venue
    text = "".join(f"<p>{esc(p)}</p>" for p in event.text)
    body = f"""<article class="event-detail" itemscope itemtype="https://schema.org/Event">
  <h1 class="event-detail__title" itemprop="name">{esc(event.title)}</h1>
  <link itemprop="url" href="{detail_path(event)}">
  <p class="event-detail__number">Veranstaltungsnummer {event.key}</p>
  {_when(event)}
  <meta itemprop="eventStatus" content="https://schema.org/EventScheduled">
  <meta itemprop="eventAttendanceMode" content="https://schema.org/OfflineEventAttendanceMode">
  <div class="event-detail__location" itemprop="location" itemscope
       itemtype="https://schema.org/Place">
    <span itemprop="name">{esc(v.name)}</span>, <span class="room">{esc(event.room)}</span>
    <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
      <span itemprop="streetAddress">{esc(v.street)}</span><br>
      <span itemprop="postalCode">{v.postcode}</span>
      <span itemprop="addressLocality">{esc(v.city)}</span>
    </div>
  </div>
  <p class="event-detail__age">{_age_html(event)}</p>
  {_offer(event)}
  <div class="event-detail__text" itemprop="description">{text}</div>
  <div itemprop="organizer" itemscope itemtype="https://schema.org/Organization">
    <meta itemprop="name" content="{esc(LIBRARY)}">
    <link itemprop="url" href="/bibliothek/">
  </div>
</article>"""
    return _shell(event.title, body)


def _teaser(event: LibraryEvent) -> str:
    day = event.first_day
    return (
        f'  <li class="event-list__item" data-event-id="{event.key}">\n'
        f'    <a class="event-list__link" href="{detail_path(event)}">{esc(event.title)}</a>\n'
        f'    <span class="event-list__date">{WD_SHORT[day.weekday()]}, {d_full(day)}, '
        f"{event.start:%H:%M} Uhr</span>\n"
        f'    <span class="event-list__place">{esc(event.venue.name)}</span>\n'
        "  </li>\n"
    )


def listing_page(events: Sequence[LibraryEvent], page: int) -> str | None:
    pages = max(1, math.ceil(len(events) / PER_PAGE))
    if page < 1 or page > pages:
        return None
    chunk = events[(page - 1) * PER_PAGE : page * PER_PAGE]
    groups: list[str] = []
    month = None
    for event in chunk:
        key = (event.first_day.year, event.first_day.month)
        if key != month:
            if month is not None:
                groups.append("</ul>")
            month = key
            groups.append(f'<h2 class="monat">{MONTHS[key[1] - 1]} {key[0]}</h2>')
            groups.append('<ul class="event-list">')
        groups.append(_teaser(event))
    if month is not None:
        groups.append("</ul>")
    else:
        groups.append('<p class="event-list__empty">Derzeit sind keine Termine geplant.</p>')
    pager = ""
    if page < pages:
        pager = (
            f'<nav class="pager"><a class="pager__next" rel="next" '
            f'href="{LISTING}?seite={page + 1}">Weitere Termine</a></nav>'
        )
    body = (
        "<h1>Veranstaltungen für Kinder und Familien</h1>\n"
        f'<p class="event-count">{len(events)} Termine</p>\n' + "\n".join(groups) + "\n" + pager
    )
    return _shell("Veranstaltungen", body)


class Bibliothek(DemoProvider):
    id = "bibliothek"
    name = LIBRARY
    format = "html_microdata"
    entry_path = LISTING
    summary = (
        "Listing + detail pages with schema.org Event microdata (startDate in content attrs, "
        "some without offset; endDate in <meta>; nested Place/PostalAddress; Offer; "
        "typicalAgeRange) and an empty JSON-LD block on every page"
    )

    def records(self) -> Sequence[LibraryEvent]:
        return library_events()

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        sub = request.sub_path
        events = view.visible(self.records())
        if sub in ("/veranstaltungen/", "/veranstaltungen"):
            try:
                page = int(request.arg("seite", "1") or "1")
            except ValueError:
                return not_found("Diese Seite")
            markup = listing_page(events, page)
            return html_response(markup) if markup else not_found("Diese Seite")
        if sub.startswith("/veranstaltungen/details/"):
            key = sub.rstrip("/").rsplit("-", 1)[-1]
            event = next((e for e in events if e.key == key), None)
            if event is None or detail_path(event) != request.path.rstrip("/"):
                return not_found("Diese Veranstaltung")
            return html_response(detail_page(event))
        if sub == "/":
            return html_response(
                _shell(
                    "Start",
                    f'<h1>Stadtbibliothek</h1><p><a href="{LISTING}">Veranstaltungen</a></p>',
                )
            )
        return not_found()
