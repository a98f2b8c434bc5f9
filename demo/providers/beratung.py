"""The family services directory: one plain HTML page of cards (no structured data), in three
sections; each card's rubric label (and ``data-rubrik``) tells counselling, childminding,
meeting place and leisure apart."""

from __future__ import annotations

import re
from collections.abc import Sequence

from demo.content.beratung import SECTIONS, Service, services
from demo.exchange import DemoRequest, DemoResponse, html_response, not_found
from demo.providers.base import DemoProvider
from demo.providers.markup import esc
from demo.state import ProviderView

PAGE = "/beratung/"
RUBRIC_SLUGS = {
    "Beratung": "beratung",
    "Frühe Hilfen": "fruehe-hilfen",
    "Kindertagespflege": "kindertagespflege",
    "Familientreffpunkt": "familientreffpunkt",
    "Freizeit": "freizeit",
}


def _tel(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    return "+49" + digits[1:] if digits.startswith("0") else digits


def card(s: Service) -> str:
    parts = [
        f'<article class="karte" id="eintrag-{esc(s.key.lower())}" data-eintrag="{esc(s.key)}" '
        f'data-rubrik="{RUBRIC_SLUGS[s.rubric]}">',
        f'  <span class="karte__rubrik">{esc(s.rubric)}</span>',
        f'  <h3 class="karte__titel">{esc(s.title)}</h3>',
        f'  <p class="karte__traeger">{esc(s.operator)}</p>',
        f'  <p class="karte__text">{esc(s.text)}</p>',
    ]
    if s.audience:
        parts.append(f'  <p class="karte__zielgruppe">Für: {esc(s.audience)}</p>')
    if s.venue:
        v = s.venue
        parts.append(
            f'  <address class="karte__adresse">{esc(v.street)}<br>\n    '
            f"{v.postcode}&nbsp;Mülheim an der Ruhr"
            f' <span class="karte__stadtteil">({esc(v.written_area)})</span></address>'
        )
    if s.address_note:
        parts.append(
            f'  <p class="karte__adresse karte__adresse--hinweis">{esc(s.address_note)}</p>'
        )
    if s.hours:
        parts.append(f'  <p class="karte__zeiten"><strong>Zeiten:</strong> {esc(s.hours)}</p>')
    if s.cost:
        parts.append(f'  <p class="karte__kosten"><strong>Kosten:</strong> {esc(s.cost)}</p>')
    contact = []
    if s.phone:
        contact.append(
            f'<li class="tel">Tel.&nbsp;<a href="tel:{_tel(s.phone)}">{esc(s.phone)}</a></li>'
        )
    if s.email:
        contact.append(f'<li class="mail"><a href="mailto:{esc(s.email)}">{esc(s.email)}</a></li>')
    if contact:
        parts.append(f'  <ul class="karte__kontakt">{"".join(contact)}</ul>')
    parts.append("</article>")
    return "\n".join(parts)


def directory_page(entries: Sequence[Service]) -> str:
    sections = []
    for anchor, heading, rubrics in SECTIONS:
        cards = [card(s) for s in entries if s.rubric in rubrics]
        inner = "\n".join(cards) if cards else '<p class="leer">Zurzeit keine Einträge.</p>'
        sections.append(
            f'<section class="rubrik" id="{anchor}">\n<h2>{esc(heading)}</h2>\n<div '
            f'class="karten">\n{inner}\n</div>\n</section>'
        )
    body = "\n".join(sections)
    return f"""<!DOCTYPE html>
<html lang="de">
<head><meta charset="utf-8">
<title>Hilfe und Beratung für Familien | Familienwegweiser Mülheim an der Ruhr</title></head>
<body>
<header><p class="portal">Familienwegweiser Mülheim an der Ruhr</p></header>
<main>
<h1>Beratung, Treffpunkte und Freizeit für Familien</h1>
<p class="einleitung">Hier finden Sie Beratungsstellen, Frühe Hilfen, Familientreffpunkte
und Freizeitangebote in Mülheim an der Ruhr. Alle Angaben ohne Gewähr, Stand November&nbsp;2026.</p>
<nav class="sprungmarken">{" | ".join(f'<a href="#{a}">{esc(h)}</a>' for a, h, _ in SECTIONS)}</nav>
{body}
</main>
</body>
</html>
"""


class Beratung(DemoProvider):
    id = "beratung"
    name = "Familienwegweiser Mülheim an der Ruhr"
    format = "html"
    entry_path = PAGE
    summary = (
        "One HTML page of cards (no structured data): counselling, childminding, meeting places, "
        "leisure"
    )

    def records(self) -> Sequence[Service]:
        return services()

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        if request.sub_path in ("/", "/index.html"):
            return html_response(directory_page(view.visible(self.records())))
        return not_found()
