"""Holiday workshops of the city art museum (kind holiday_care): 14 "Ferienwerkstatt" weeks,
plus the tours, talks and pages that share the museum's sitemaps but are no workshops.

Three workshops are the ones the holiday portal lists as well; two others share a portal
title but not the week or the house (near-misses).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from functools import cache

from demo.content.ferienspiele import HolidayOffer, holiday_offers
from demo.content.german import slug
from demo.content.places import Venue, venue
from demo.content.seed import rng
from demo.content.twins import Twin, near_miss, same
from schemas.vocab import OfferKind

PROVIDER = "kunstmuseum"
MUSEUM = "Kunstmuseum Mülheim an der Ruhr"
PORTAL_ORGANISER = "Kunstmuseum Mülheim – Museumspädagogik"
VENUE: Venue = venue("Kunstmuseum in der Alten Post", "Innenstadt", "Viktoriaplatz")
PORTAL_AGES = (6, 10)


@dataclass(frozen=True)
class Workshop:
    key: str
    title: str
    first_day: date
    last_day: date
    start: time
    end: time
    ages: tuple[int, int]
    price: Decimal
    sibling_price: Decimal | None
    capacity: int
    sold_out: bool
    text: str
    modified: date
    kind: str = OfferKind.HOLIDAY_CARE.value

    @property
    def venue(self) -> Venue:
        return VENUE

    @property
    def path(self) -> str:
        return f"/{PROVIDER}/ferienwerkstatt/{slug(self.title)}-{self.key}.html"


@dataclass(frozen=True)
class OtherPage:
    """A page of the sitemap that is not a workshop (a spider must skip it)."""

    path: str
    title: str
    text: str
    event_start: date | None = None  # tours and talks carry a JSON-LD Event too
    modified: date = date(2026, 10, 1)


def _d(y: int, m: int, d: int) -> date:
    return date(y, m, d)


_TEXTS = {
    "druck": "Nach einem Rundgang durch die Sammlung probieren die Kinder im Atelier Linoldruck, "
    "Filzen und Malen mit Naturfarben aus. Alle Werke dürfen mit nach Hause.",
    "ton": "Inspiriert von den Plastiken der Sammlung formen die Kinder eigene Figuren aus Ton.",
    "comic": "Figuren erfinden, Bildgeschichten planen, Sprechblasen setzen – mit einem "
    "Zeichner aus dem Ruhrgebiet.",
    "foto": "Ohne Kamera fotografieren: Mit lichtempfindlichem Papier und Sonnenlicht entstehen "
    "blaue Bilder von Blättern, Federn und Fundstücken.",
    "klein": "Für die Jüngsten mit einer Begleitperson: Farben mischen, kleben, schauen und "
    "erzählen.",
    "papier": "Aus Altpapier wird neues Papier geschöpft, getrocknet und bemalt.",
    "collage": "Schnipsel, Kleister und Fantasie: Aus Zeitungen und Zeitschriften entstehen "
    "neue Bilder.",
    "ruhr": "Wie malt man Wasser? Die Kinder entdecken Ruhrbilder der Sammlung und malen am "
    "Ende ein großes Gemeinschaftsbild.",
    "graphic": "Von der Idee zur eigenen Graphic Novel: Storyboard, Tusche und Farbe.",
}

# title, first day, last day, start, end, ages, price, sibling price, capacity, text
_WORKSHOPS: tuple[tuple, ...] = (
    ("Herbstatelier: Farben der Ruhr", _d(2026, 10, 19), _d(2026, 10, 23), time(10), time(13),
     (6, 10), "35", "25", 14, "ruhr"),
    ("Comic-Werkstatt im Museum", _d(2026, 10, 26), _d(2026, 10, 30), time(10), time(14),
     (10, 14), "40", None, 12, "comic"),
    ("Winteratelier: Kunstwerkstatt für Kinder", _d(2027, 1, 4), _d(2027, 1, 6), time(10),
     time(13), (6, 10), "35", "25", 16, "druck"),
    ("Skulpturen aus Ton", _d(2027, 3, 22), _d(2027, 3, 25), time(10), time(13), (8, 12),
     "30", None, 12, "ton"),
    ("Osterferienwerkstatt: Malen, Drucken, Filzen", _d(2027, 3, 30), _d(2027, 4, 2),
     time(10), time(13), (6, 10), "35", "25", 14, "druck"),
    ("Graphic Novel für Jugendliche", _d(2027, 3, 30), _d(2027, 4, 2), time(13), time(16),
     (12, 15), "40", None, 10, "graphic"),
    ("Pfingstwerkstatt: Papier schöpfen", _d(2027, 5, 18), _d(2027, 5, 18), time(10), time(13),
     (6, 10), "12", None, 14, "papier"),
    ("Fotogramm und Cyanotypie – Sommeratelier", _d(2027, 7, 19), _d(2027, 7, 23), time(10),
     time(14), (10, 14), "45", None, 10, "foto"),
    ("Kunstwerkstatt im Museum", _d(2027, 7, 26), _d(2027, 7, 30), time(10), time(13),
     (6, 10), "35", "25", 14, "druck"),
    ("Kleine Kunstentdecker", _d(2027, 8, 2), _d(2027, 8, 6), time(10), time(12), (4, 6),
     "25", None, 10, "klein"),
    ("Sommeratelier: Malen, Drucken, Filzen", _d(2027, 8, 16), _d(2027, 8, 20), time(10),
     time(13), (6, 10), "35", "25", 14, "druck"),
    ("Kreativwoche: Malen, Drucken, Filzen", _d(2027, 8, 23), _d(2027, 8, 27), time(10),
     time(13), (6, 10), "35", "25", 14, "druck"),
    ("Herbstatelier: Linolschnitt", _d(2027, 10, 25), _d(2027, 10, 29), time(10), time(13),
     (8, 12), "35", "25", 12, "druck"),
    ("Collagen aus der Zeitung", _d(2027, 11, 2), _d(2027, 11, 5), time(10), time(13),
     (6, 10), "28", None, 14, "collage"),
)  # fmt: skip


def _listed(first_day: date, ages: tuple[int, int]) -> HolidayOffer | None:
    """The portal's listing of a workshop: same first day, and the portal only carries the
    museum's workshops for six- to ten-year-olds."""
    if ages != PORTAL_AGES:
        return None
    return next(
        (o for o in holiday_offers() if o.organiser == PORTAL_ORGANISER and o.start == first_day),
        None,
    )


@cache
def workshops() -> tuple[Workshop, ...]:
    """The 14 workshops by date; keys are the CMS page ids at the end of the URL."""
    r = rng(PROVIDER)
    number, out = 1120, []
    for title, first, last, start, end, ages, price, sibling, capacity, text in _WORKSHOPS:
        number += r.randint(4, 40)
        listed = _listed(first, ages)
        out.append(
            Workshop(
                key=str(number),
                title=title,
                first_day=first,
                last_day=last,
                start=start,
                end=end,
                ages=ages,
                price=Decimal(price),
                sibling_price=Decimal(sibling) if sibling else None,
                capacity=capacity,
                sold_out=listed is not None and listed.free == 0,
                text=_TEXTS[text],
                modified=_d(2026, r.randint(8, 11), r.randint(1, 28)),
            )
        )
    return tuple(out)


@cache
def other_pages() -> tuple[OtherPage, ...]:
    """Sitemap entries that are no workshops: site pages, tours, talks."""
    p = f"/{PROVIDER}"
    return (
        OtherPage(f"{p}/", "Kunstmuseum Mülheim an der Ruhr", "Willkommen in der Alten Post."),
        OtherPage(f"{p}/besuch/", "Besuch", "Di–So 11–18 Uhr, Do bis 21 Uhr."),
        OtherPage(f"{p}/sammlung/", "Sammlung", "Expressionismus und Kunst der Region."),
        OtherPage(f"{p}/ausstellungen/", "Ausstellungen", "Aktuelle und kommende Ausstellungen."),
        OtherPage(f"{p}/ausstellungen/linie-und-fluss.html", "Linie und Fluss", "Zeichnungen."),
        OtherPage(f"{p}/ausstellungen/ruhrlicht.html", "Ruhrlicht", "Malerei an der Ruhr."),
        OtherPage(f"{p}/ferienwerkstatt/", "Ferienwerkstatt", "Das Programm erscheint als PDF."),
        OtherPage(f"{p}/ferienwerkstatt/anmeldung.html", "Anmeldung", "Anmeldung per Formular."),
        OtherPage(f"{p}/ferienwerkstatt/archiv/2025.html", "Archiv 2025", "Rückblick auf 2025."),
        OtherPage(
            f"{p}/fuehrungen/familienfuehrung-am-sonntag-2211.html",
            "Familienführung am Sonntag",
            "Eine Stunde durch die Sammlung für Familien mit Kindern ab 6.",
            _d(2026, 11, 29),
        ),
        OtherPage(
            f"{p}/fuehrungen/kuratorinnenfuehrung-linie-und-fluss-2218.html",
            "Kuratorinnenführung: Linie und Fluss",
            "Die Kuratorin führt durch die Ausstellung.",
            _d(2026, 12, 3),
        ),
        OtherPage(
            f"{p}/fuehrungen/familienfuehrung-am-sonntag-2240.html",
            "Familienführung am Sonntag",
            "Eine Stunde durch die Sammlung für Familien mit Kindern ab 6.",
            _d(2027, 1, 31),
        ),
        OtherPage(
            f"{p}/fuehrungen/blinddate-mit-einem-bild-2263.html",
            "Blind Date mit einem Bild",
            "Eine Führung zu einem einzigen Werk.",
            _d(2027, 2, 18),
        ),
        OtherPage(
            f"{p}/vortraege/expressionismus-an-der-ruhr-2230.html",
            "Vortrag: Expressionismus an der Ruhr",
            "Ein Abendvortrag mit Bildern.",
            _d(2027, 1, 14),
        ),
        OtherPage(
            f"{p}/vortraege/sammeln-heute-2271.html",
            "Vortrag: Sammeln heute",
            "Gespräch über die Zukunft der Sammlung.",
            _d(2027, 3, 11),
        ),
    )


def twins() -> tuple[Twin, ...]:
    all_portal = holiday_offers()
    out: list[Twin] = []
    for w in workshops():
        listed = _listed(w.first_day, w.ages)
        if listed is not None:
            out.append(same(PROVIDER, w.key, "ferienportal", listed.key))
            continue
        namesakes = [o for o in all_portal if o.title == w.title]
        for o in namesakes:
            note = "same week, other house" if o.start == w.first_day else "other week"
            out.append(near_miss(PROVIDER, w.key, "ferienportal", o.key, note))
    return tuple(out)
