"""A neighbourhood centre whose website was relaunched with a new theme.

``/broken-relaunch/veranstaltungen/`` keeps its address and is valid HTML with all events,
but in new markup. The old layout, which a spider written before the relaunch expects, was::

    <div class="termine-liste">
      <div class="termin" id="termin-NH-001">
        <h3 class="termin-titel"><a href="/broken-relaunch/termin/NH-001">…</a></h3>
        <span class="termin-datum">11.01.2027</span> <span class="termin-zeit">15:00</span>
      </div>
    </div>  (+ pagination a.weiter)

The new one is ``section.c-eventgrid > article.c-card.c-card--event[data-uid]`` with
``h2.c-card__title > a`` (detail ``/broken-relaunch/programm/<slug>--<key>``),
``time.c-card__date[datetime]``, ``p.c-card__meta``. The old selectors find nothing, so the
old spider yields 0 records (expected count 0: zero must raise an alarm).
"""

from __future__ import annotations

from collections.abc import Sequence

from demo.content.broken import NACHBARSCHAFTSHAUS, SimpleOffer, neighbourhood_events
from demo.content.calendar import berlin_iso
from demo.content.german import d_weekday, slug
from demo.exchange import DemoRequest, DemoResponse, html_response, not_found
from demo.providers.base import DemoProvider, Record
from demo.providers.markup import esc
from demo.state import ProviderView

PROVIDER = "broken-relaunch"
LISTING = f"/{PROVIDER}/veranstaltungen/"
OLD_SELECTORS = ("div.termine-liste div.termin", "h3.termin-titel a", "span.termin-datum")


def detail_path(o: SimpleOffer) -> str:
    return f"/{PROVIDER}/programm/{slug(o.title)}--{o.key.lower()}"


def _shell(title: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="de" class="no-js">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} · {esc(NACHBARSCHAFTSHAUS)}</title>
<link rel="stylesheet" href="/{PROVIDER}/assets/theme-2026.css">
</head>
<body class="t-2026">
<header class="o-header"><a class="o-header__logo" href="/{PROVIDER}/">Nachbarschaftshaus</a>
<nav class="o-nav"><a class="o-nav__link is-active" href="{LISTING}">Programm</a></nav></header>
<main class="o-main" id="main">
{body}
</main>
<footer class="o-footer"><p>{esc(NACHBARSCHAFTSHAUS)} · Barbarastraße</p></footer>
</body>
</html>
"""


def card(o: SimpleOffer) -> str:
    return f"""  <article class="c-card c-card--event" data-uid="{o.key}">
    <time class="c-card__date" datetime="{berlin_iso(o.day, o.start)}">{d_weekday(o.day)}, {o.start:%H:%M} Uhr</time>
    <h2 class="c-card__title"><a class="c-card__link" href="{detail_path(o)}">{esc(o.title)}</a></h2>
    <p class="c-card__meta"><span class="c-tag">{esc(o.ages)}</span> <span class="c-tag">{esc(o.price)}</span></p>
  </article>
"""  # noqa: E501


def listing(shown: Sequence[SimpleOffer]) -> str:
    cards = "".join(card(o) for o in shown) or '  <p class="c-empty">Keine Termine.</p>\n'
    body = (
        '<h1 class="c-heading">Unser Programm</h1>\n<section class="c-eventgrid" '
        f'aria-label="Veranstaltungen">\n{cards}</section>'
    )
    return _shell("Programm", body)


def detail(o: SimpleOffer) -> str:
    body = f"""<article class="c-event" data-uid="{o.key}">
<h1 class="c-event__title">{esc(o.title)}</h1>
<p class="c-event__when"><time datetime="{berlin_iso(o.day, o.start)}">{d_weekday(o.day)}</time>,
{o.start:%H:%M}–{o.end:%H:%M} Uhr</p>
<p class="c-event__where">{esc(o.place.name)}, {esc(o.place.one_line)}</p>
<p class="c-event__text">{esc(o.text)} Alter: {esc(o.ages)}. Kosten: {esc(o.price)}.</p>
</article>"""
    return _shell(o.title, body)


class BrokenRelaunch(DemoProvider):
    id = PROVIDER
    name = NACHBARSCHAFTSHAUS
    format = "html"
    entry_path = LISTING
    defect = (
        "relaunch: same URL, valid HTML, offers in new markup (article.c-card--event); a spider "
        "for the old layout (div.termine-liste div.termin) yields 0 records and must alarm"
    )
    summary = "Event listing redesigned: old selectors find nothing, offers are in new cards"

    def records(self) -> Sequence[SimpleOffer]:
        return neighbourhood_events()

    def expected_records(self) -> Sequence[Record]:
        return ()

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        shown = view.visible(self.records())
        if request.path in (LISTING, LISTING.rstrip("/")):
            return html_response(listing(shown))
        event = next((o for o in shown if detail_path(o) == request.path.rstrip("/")), None)
        if event is not None:
            return html_response(detail(event))
        if request.sub_path == "/":
            return html_response(_shell("Start", f'<p><a href="{LISTING}">Programm</a></p>'))
        return not_found()
