"""The city youth office's holiday booking portal: paged HTML listing plus detail pages.

Listing ``/ferienportal/angebote?seite=N`` (15 per page, "Weiter »" link), detail
``/ferienportal/angebot/<FS-key>``, booking ``/ferienportal/buchung/<FS-key>`` (disallowed by
robots.txt), an internal area ``/ferienportal/intern/`` (disallowed, answers 403).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from demo.content.ferienspiele import HolidayOffer, holiday_offers, impossible_date_keys
from demo.content.seed import pick, rng
from demo.exchange import DemoRequest, DemoResponse, html_response, not_found, redirect
from demo.providers.base import DemoProvider
from demo.providers.markup import entities, esc
from demo.state import ProviderView

PER_PAGE = 15
LISTING = "/ferienportal/angebote"


def places_status(offer: HolidayOffer, free: int) -> tuple[str, str]:
    """CSS modifier and text of the live places badge."""
    if offer.cancelled:
        return "abgesagt", "Abgesagt – das Angebot entfällt leider"
    if free == 0 and offer.waitlist:
        return "warteliste", (
            "Warteliste"
            if offer.places_style == 0
            else f"ausgebucht – Warteliste ({offer.waitlist})"
        )
    if free == 0:
        return "ausgebucht", "ausgebucht"
    if free == 1:
        return "frei", "noch 1 freier Platz"
    return "frei", (
        f"noch {free} freie Plätze",
        f"{free} Plätze frei",
        f"Freie Plätze: {free} von {offer.capacity}",
    )[offer.places_style]


def _shell(title: str, body: str, *, crumbs: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} | Ferienportal Mülheim an der Ruhr</title>
<link rel="stylesheet" href="/ferienportal/static/portal.css">
</head>
<body class="ferienportal">
<header class="portal-kopf">
  <a class="logo" href="/ferienportal/">Ferien&shy;portal <span>Mülheim an der Ruhr</span></a>
  <nav class="hauptnavigation"><ul>
    <li><a href="/ferienportal/angebote">Alle Angebote</a></li>
    <li><a href="/ferienportal/intern/">Login für Anbieter</a></li>
    <li><a href="/ferienportal/hilfe">Hilfe &amp; FAQ</a></li>
  </ul></nav>
</header>
<nav class="breadcrumb" aria-label="Sie sind hier"><a href="/ferienportal/">Start</a>{crumbs}</nav>
<main id="inhalt">
{body}
</main>
<footer class="portal-fuss">
  <p>Amt für Kinder, Jugend und Schule · Ferienportal ·
    <a href="/ferienportal/hilfe">Impressum</a></p>
</footer>
</body>
</html>
"""


def _teaser(offer: HolidayOffer, free: int) -> str:
    status, text = places_status(offer, free)
    return f"""  <li class="angebot-kachel" data-nr="{esc(offer.key)}">
    <a class="angebot-link" href="/ferienportal/angebot/{esc(offer.key)}">
      <h2 class="angebot-titel">{esc(offer.title)}</h2></a>
    <p class="angebot-meta"><span class="zeitraum">{esc(offer.date_text)}</span> ·
      <span class="stadtteil">{esc(offer.district_text)}</span> ·
      <span class="alter">{entities(offer.age_text)}</span></p>
    <p class="veranstalter">{esc(offer.organiser)}</p>
    <p class="plaetze status-{status}">{esc(text)}</p>
  </li>
"""


def _pagination(page: int, pages: int) -> str:
    if pages <= 1:
        return ""
    links = []
    if page > 1:
        links.append(
            f'<a class="prev" rel="prev" href="{LISTING}?seite={page - 1}&amp;sort=datum">« '
            "Zurück</a>"
        )
    for n in range(1, pages + 1):
        if n == page:
            links.append(f'<span class="current" aria-current="page">{n}</span>')
        else:
            links.append(f'<a class="seite" href="?seite={n}&amp;sort=datum">{n}</a>')
    if page < pages:
        links.append(
            f'<a class="next" rel="next" href="{LISTING}?seite={page + 1}&amp;sort=datum">Weiter '
            "»</a>"
        )
    return (
        '<nav class="pagination" aria-label="Seitennavigation">\n  '
        + "\n  ".join(links)
        + "\n</nav>"
    )


def listing_page(offers: Sequence[HolidayOffer], page: int, view: ProviderView) -> str | None:
    pages = max(1, math.ceil(len(offers) / PER_PAGE))
    if page < 1 or page > pages:
        return None
    chunk = offers[(page - 1) * PER_PAGE : page * PER_PAGE]
    if chunk:
        items = "".join(_teaser(o, view.free_places(o.key, o.free, o.capacity)) for o in chunk)
        results = f'<ul class="angebote">\n{items}</ul>'
    else:
        results = (
            '<p class="keine-treffer">Zurzeit sind keine Angebote verfügbar. '
            "Schauen Sie bald wieder vorbei!</p>"
        )
    body = f"""<h1>Ferienangebote</h1>
<div class="filter"><form method="get" action="{LISTING}">
<label>Stadtteil <select name="stadtteil"><option value="">alle</option></select></label>
<button type="submit">Filtern</button></form></div>
<p class="trefferzahl">{len(offers)} Angebote gefunden – Seite {page} von {pages}</p>
{results}
{_pagination(page, pages)}"""
    return _shell(f"Ferienangebote – Seite {page}", body, crumbs=" › <span>Angebote</span>")


def _capacity_text(offer: HolidayOffer) -> str:
    r = rng(f"ferienportal:capacity:{offer.key}")
    return pick(
        r,
        (
            f"max. {offer.capacity} Kinder",
            f"{offer.capacity} Plätze",
            f"mind. 8, max. {offer.capacity} Teilnehmende",
        ),
    )


def detail_page(offer: HolidayOffer, free: int) -> str:
    r = rng(f"ferienportal:detail:{offer.key}")
    status, text = places_status(offer, free)
    v = offer.venue
    messy = r.random() < 0.3
    price = f"\n      {entities(offer.price_text)}  \n    " if messy else entities(offer.price_text)
    rows = [
        ("Angebotsnummer", esc(offer.key)),
        ("Veranstalter", esc(offer.organiser)),
        ("Veranstaltungsort", esc(v.name)),
        ("Adresse", f"{esc(v.street)}<br>{v.postcode}&nbsp;{esc(v.city)}"),
        ("Stadtteil", esc(offer.district_text)),
        ("Zeitraum", esc(offer.date_text)),
        ("Uhrzeit", entities(offer.time_text)),
        ("Alter", entities(offer.age_text)),
        ("Kosten", price),
    ]
    if r.random() < 0.85:
        rows.append(("Teilnehmerzahl", esc(_capacity_text(offer))))
    rows.append(("Anmeldung", esc(offer.registration_text)))
    table = "\n".join(f'    <tr><th scope="row">{k}</th><td>{val}</td></tr>' for k, val in rows)
    subtitle = (
        f'\n  <p class="angebot-untertitel">{esc(offer.subtitle)}</p>' if offer.subtitle else ""
    )
    booking = (
        '<p class="buchung"><span class="btn btn-deaktiviert">Keine Anmeldung möglich</span></p>'
        if offer.cancelled or (free == 0 and not offer.waitlist)
        else '<p class="buchung"><a class="btn btn-buchen" '
        f'href="/ferienportal/buchung/{esc(offer.key)}">'
        f"{'Auf die Warteliste' if free == 0 else 'Jetzt verbindlich anmelden'}</a></p>"
    )
    body = f"""<article class="angebot-detail" data-angebot="{esc(offer.key)}">
  <h1 class="angebot-titel">{esc(offer.title)}</h1>{subtitle}
  <div class="plaetze status-{status}"><strong>{esc(text)}</strong></div>
  <table class="angebot-daten">
{table}
  </table>
  <section class="beschreibung">
  <h2>Beschreibung</h2>
{offer.description_html}
  </section>
  {booking}
</article>"""
    crumbs = f' › <a href="{LISTING}">Angebote</a> › <span>{esc(offer.key)}</span>'
    return _shell(offer.title, body, crumbs=crumbs)


def _start_page() -> str:
    body = """<h1>Ferienspiele in Mülheim an der Ruhr</h1>
<p>Hier finden Sie alle Ferienangebote der Jugendzentren, Vereine und Offenen
Ganztagsschulen – von den verlässlichen Ferienspielen (8 bis 13 Uhr, für Sechs- bis
Zwölfjährige) bis zur Kanuwoche.</p>
<p>Die Anmeldung wird für jede Ferienzeit an einem festen Tag um 19 Uhr freigeschaltet.
Kinder mit Mülheim-Pass zahlen bei vielen Angeboten nur die Hälfte.</p>
<p><a class="btn" href="/ferienportal/angebote">Alle Angebote ansehen</a></p>"""
    return _shell("Start", body)


def _help_page() -> str:
    body = """<h1>Hilfe &amp; Impressum</h1>
<h2>Wie melde ich mein Kind an?</h2>
<p>Wählen Sie ein Angebot und klicken Sie auf „Jetzt verbindlich anmelden“.
Sie benötigen ein Benutzerkonto.</p>
<h2>Impressum</h2><p>Stadt Mülheim an der Ruhr – Amt für Kinder, Jugend und Schule (Demo)</p>"""
    return _shell("Hilfe", body)


def _booking_page(offer: HolidayOffer) -> str:
    body = f"""<h1>Anmeldung: {esc(offer.title)}</h1>
<form class="buchungsformular" method="post" action="/ferienportal/buchung/{esc(offer.key)}">
<p>Bitte melden Sie sich mit Ihrem Benutzerkonto an, um Ihr Kind verbindlich anzumelden.</p>
<label>E-Mail <input type="email" name="email" required></label>
<label>Passwort <input type="password" name="passwort" required></label>
<button type="submit">Weiter</button>
</form>"""
    return _shell("Anmeldung", body)


class Ferienportal(DemoProvider):
    id = "ferienportal"
    name = "Ferienportal der Stadt Mülheim an der Ruhr (Amt für Kinder, Jugend und Schule)"
    format = "html"
    entry_path = LISTING
    summary = (
        "Holiday booking portal: paged listing (15 per page) and detail pages with live free places"
    )
    bookable = True

    def records(self) -> Sequence[HolidayOffer]:
        return holiday_offers()

    def quarantine_keys(self) -> tuple[str, ...]:
        return impossible_date_keys()

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        sub = request.sub_path
        if sub in ("/", ""):
            return html_response(_start_page())
        if sub == "/hilfe":
            return html_response(_help_page())
        if sub in ("/angebote", "/angebote/"):
            try:
                page = int(request.arg("seite", "1") or "1")
            except ValueError:
                page = 0
            markup = listing_page(view.visible(self.records()), page, view)
            return html_response(markup) if markup else not_found("Diese Ergebnisseite")
        if sub.startswith("/angebot/"):
            key = sub.removeprefix("/angebot/").strip("/")
            offer = self._visible(key, view)
            if offer is None:
                return not_found("Dieses Angebot")
            return html_response(
                detail_page(offer, view.free_places(key, offer.free, offer.capacity))
            )
        if sub.startswith("/buchung/"):
            offer = self._visible(sub.removeprefix("/buchung/").strip("/"), view)
            return html_response(_booking_page(offer)) if offer else not_found("Dieses Angebot")
        if sub.startswith("/intern"):
            return html_response(
                _shell("Login", "<h1>Anbieter-Login</h1><p>Zugriff nur nach Anmeldung.</p>"), 403
            )
        if sub == "/static/portal.css":
            return DemoResponse(200, b"body{font-family:sans-serif}\n", "text/css; charset=utf-8")
        if sub == "/angebot":
            return redirect(LISTING, 301)
        return not_found()

    def _visible(self, key: str, view: ProviderView) -> HolidayOffer | None:
        if not view.is_visible(key):
            return None
        return next((o for o in self.records() if o.key == key), None)
