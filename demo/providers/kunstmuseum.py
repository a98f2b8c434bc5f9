"""The art museum's website, where holiday workshops are reachable only through the sitemap.

``/kunstmuseum/sitemap.xml`` is a sitemap index of ``sitemap-seiten.xml`` and
``sitemap-veranstaltungen.xml`` (absolute ``<loc>`` URLs, as the protocol requires). Workshop
pages match ``/kunstmuseum/ferienwerkstatt/<slug>-<key>.html`` and carry one JSON-LD ``Event``
(``identifier`` = key); tours, talks and site pages in the same sitemaps must be skipped (tours
and talks have JSON-LD Events too). One workshop URL is listed in both sitemaps.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from typing import Any

from demo.content.calendar import berlin_iso
from demo.content.german import d_full, euro
from demo.content.kunstmuseum import (
    MUSEUM,
    PROVIDER,
    VENUE,
    OtherPage,
    Workshop,
    other_pages,
    workshops,
)
from demo.exchange import DemoRequest, DemoResponse, html_response, not_found
from demo.providers.base import DemoProvider
from demo.providers.markup import esc, jsonld_script
from demo.state import ProviderView

INDEX = f"/{PROVIDER}/sitemap.xml"
PAGES = f"/{PROVIDER}/sitemap-seiten.xml"
EVENTS = f"/{PROVIDER}/sitemap-veranstaltungen.xml"
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
STAMP = "2026-11-14T06:00:00+01:00"


def _url(request: DemoRequest, path: str, lastmod: str, priority: str) -> str:
    return (
        f"  <url>\n    <loc>{esc(request.absolute(path))}</loc>\n    <lastmod>{lastmod}</lastmod>\n"
        f"    <changefreq>weekly</changefreq>\n    <priority>{priority}</priority>\n  </url>\n"
    )


def sitemap_index(request: DemoRequest) -> bytes:
    entries = "".join(
        f"  <sitemap>\n    <loc>{esc(request.absolute(p))}</loc>\n"
        f"    <lastmod>{STAMP}</lastmod>\n  </sitemap>\n"
        for p in (PAGES, EVENTS)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{NS}">\n{entries}'
        "</sitemapindex>\n"
    ).encode()


def urlset(entries: list[str]) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NS}">\n{"".join(entries)}'
        "</urlset>\n"
    ).encode()


def pages_sitemap(request: DemoRequest, shown: Sequence[Workshop]) -> bytes:
    entries = [
        _url(request, p.path, p.modified.isoformat(), "0.8")
        for p in other_pages()
        if p.event_start is None
    ]
    if shown:  # the editors also pinned the winter workshop to the page tree
        pinned = next((w for w in shown if w.first_day.month == 1), shown[0])
        entries.insert(7, _url(request, pinned.path, pinned.modified.isoformat(), "0.6"))
    return urlset(entries)


def events_sitemap(request: DemoRequest, shown: Sequence[Workshop]) -> bytes:
    rows: list[tuple[str, str]] = [(w.path, w.modified.isoformat()) for w in shown]
    rows += [(p.path, p.modified.isoformat()) for p in other_pages() if p.event_start]
    rows.sort(key=lambda row: row[0].rsplit("-", 1)[-1])  # CMS order: by page id
    return urlset([_url(request, path, lastmod, "0.5") for path, lastmod in rows])


def workshop_jsonld(w: Workshop) -> dict[str, Any]:
    start = datetime.combine(w.first_day, w.start)
    end = datetime.combine(w.last_day, w.end)
    offers: dict[str, Any] = {
        "@type": "Offer",
        "price": f"{w.price:.2f}",
        "priceCurrency": "EUR",
        "availability": "https://schema.org/" + ("SoldOut" if w.sold_out else "InStock"),
        "url": f"/{PROVIDER}/ferienwerkstatt/anmeldung.html",
    }
    if w.sibling_price is not None:
        offers["description"] = f"Geschwisterkinder {euro(w.sibling_price, 'plain')}"
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "identifier": w.key,
        "name": w.title,
        "description": w.text,
        "startDate": berlin_iso(start.date(), start.time()),
        "endDate": berlin_iso(end.date(), end.time()),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "typicalAgeRange": f"{w.ages[0]}-{w.ages[1]}",
        "maximumAttendeeCapacity": w.capacity,
        "location": {
            "@type": "Place",
            "name": VENUE.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": VENUE.street,
                "postalCode": VENUE.postcode,
                "addressLocality": VENUE.city,
                "addressCountry": "DE",
            },
        },
        "organizer": {"@type": "Organization", "name": MUSEUM, "url": f"/{PROVIDER}/"},
        "offers": offers,
    }


def _page(title: str, body: str, head: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>{esc(title)} – {esc(MUSEUM)}</title>
{head}</head>
<body><header><a href="/{PROVIDER}/">Kunstmuseum Alte Post</a></header>
<main>
{body}
</main></body></html>
"""


def workshop_page(w: Workshop) -> str:
    price = euro(w.price, "plain")
    if w.sibling_price is not None:
        price += f", Geschwisterkinder {euro(w.sibling_price, 'plain')}"
    when = (
        d_full(w.first_day)
        if w.first_day == w.last_day
        else f"{d_full(w.first_day)} – {d_full(w.last_day)}"
    )
    body = f"""<article class="workshop">
<h1>{esc(w.title)}</h1>
<p class="termin">{when}, {w.start:%H:%M}–{w.end:%H:%M} Uhr</p>
<p class="alter">{w.ages[0]} bis {w.ages[1]} Jahre</p>
<p class="preis">{esc(price)}</p>
<p>{esc(w.text)}</p>
</article>"""
    return _page(w.title, body, jsonld_script(workshop_jsonld(w)))


def other_page(p: OtherPage) -> str:
    head = ""
    if p.event_start is not None:
        head = jsonld_script(
            {
                "@context": "https://schema.org",
                "@type": "Event",
                "name": p.title,
                "startDate": berlin_iso(p.event_start, time(15)),
                "location": {"@type": "Place", "name": VENUE.name},
            }
        )
    return _page(p.title, f"<h1>{esc(p.title)}</h1>\n<p>{esc(p.text)}</p>", head)


class Kunstmuseum(DemoProvider):
    id = PROVIDER
    name = MUSEUM
    format = "sitemap"
    entry_path = INDEX
    summary = (
        "Sitemap index → two sitemaps; workshop pages /kunstmuseum/ferienwerkstatt/<slug>-<id>"
        ".html with a JSON-LD Event; tours, talks and site pages in the same sitemaps to skip"
    )

    def records(self) -> Sequence[Workshop]:
        return workshops()

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        path = request.path
        shown = view.visible(self.records())
        if path == INDEX:
            return DemoResponse(200, sitemap_index(request), "application/xml; charset=utf-8")
        if path == PAGES:
            return DemoResponse(200, pages_sitemap(request, shown), "application/xml")
        if path == EVENTS:
            return DemoResponse(200, events_sitemap(request, shown), "application/xml")
        workshop = next((w for w in shown if w.path == path), None)
        if workshop is not None:
            return html_response(workshop_page(workshop))
        page = next((p for p in other_pages() if p.path == path), None)
        if page is not None:
            return html_response(other_page(page))
        return not_found()
