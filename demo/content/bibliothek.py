"""Children's events of the city library (kind culture): picture-book cinema, read-aloud
hours, children's film days and the holiday stop-motion workshop — 24 events in the central
Medienhaus and five branch libraries.

Three workshops are the ones the holiday portal also lists (cross-listings); a fourth, in
the autumn holidays 2027, only shares the portal's title (near-miss).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache

from demo.content.ferienspiele import holiday_offers
from demo.content.german import slug
from demo.content.places import Venue, venue
from demo.content.seed import rng
from demo.content.twins import Twin, near_miss, same
from schemas.vocab import OfferKind

LIBRARY = "Stadtbibliothek Mülheim an der Ruhr"
PROVIDER = "bibliothek"

BRANCHES: dict[str, tuple[Venue, str]] = {
    "medienhaus": (
        venue("Medienhaus – Kinderbibliothek", "Innenstadt", "Synagogenplatz", "3"),
        "Kinderbibliothek, 1. OG",
    ),
    "duempten": (
        venue("Stadtteilbibliothek Dümpten", "Dümpten", "Mellinghofer Straße"),
        "Leseecke",
    ),
    "heissen": (venue("Stadtteilbibliothek Heißen", "Heißen", "Heißener Straße"), "Lesesaal"),
    "saarn": (venue("Stadtteilbibliothek Saarn", "Saarn", "Klostermarkt"), "Kinderecke"),
    "speldorf": (
        venue("Stadtteilbibliothek Speldorf", "Speldorf", "Duisburger Straße"),
        "Veranstaltungsraum",
    ),
}

TEXTS = {
    "Bilderbuchkino": (
        "Die Bilder eines Bilderbuchs werden groß an die Wand geworfen, dazu wird die "
        "Geschichte vorgelesen. Im Anschluss wird gemalt oder gebastelt.",
        "Für Kindergartengruppen bitte vorher anmelden.",
    ),
    "Vorlesestunde": (
        "Ehrenamtliche Lesepatinnen und Lesepaten lesen aus neuen und klassischen "
        "Kinderbüchern vor. Eltern dürfen gern dabeibleiben.",
    ),
    "Lesezwerge": (
        "Kniereiter, Fingerspiele und erste Bilderbücher für die Allerkleinsten mit ihren "
        "Eltern oder Großeltern. Danach ist Zeit zum Stöbern in den Pappbilderbüchern.",
    ),
    "Kinderfilmtage": (
        "Kino in der Bibliothek: Jeden Vormittag der Osterferien zeigen wir einen "
        "Kinderfilm auf großer Leinwand.",
        "Eintritt 2 Euro, Kinder mit eigenem Bibliotheksausweis zahlen nichts.",
    ),
    "Familie": (
        "Ein offenes Angebot der Kinderbibliothek. Die Teilnahme ist kostenlos, die Plätze "
        "sind begrenzt.",
    ),
    "Ferienwerkstatt": (
        "Aus Knete, Papier und Bausteinen entstehen Figuren und Kulissen, die Bild für Bild "
        "mit Tablets aufgenommen werden. Die Gruppe entwickelt gemeinsam eine Geschichte, "
        "zeichnet ein Storyboard, vertont den Film und zeigt ihn am letzten Tag den Eltern.",
        "Tablets und Material stellt die Bibliothek. Die Teilnahme ist kostenlos, eine "
        "Anmeldung an der Infotheke oder per E-Mail ist erforderlich.",
    ),
}


@dataclass(frozen=True)
class LibraryEvent:
    """One event page of the library website."""

    key: str
    title: str
    series: str
    branch: str
    first_day: date
    last_day: date
    start: time
    end: time
    ages: tuple[int, int | None]
    price: Decimal
    sold_out: bool
    offset_in_markup: bool  # startDate with or without its UTC offset
    kind: str = OfferKind.CULTURE.value

    @property
    def slug(self) -> str:
        return slug(self.title)

    @property
    def venue(self) -> Venue:
        return BRANCHES[self.branch][0]

    @property
    def room(self) -> str:
        return BRANCHES[self.branch][1]

    @property
    def starts(self) -> datetime:
        return datetime.combine(self.first_day, self.start)

    @property
    def ends(self) -> datetime:
        return datetime.combine(self.last_day, self.end)

    @property
    def text(self) -> tuple[str, ...]:
        return TEXTS[self.series]


def _portal_workshops() -> dict[date, str]:
    """The library's workshops in the holiday portal: first day → portal key."""
    return {o.start: o.key for o in holiday_offers() if o.organiser == LIBRARY}


def _d(y: int, m: int, d: int) -> date:
    return date(y, m, d)


T15, T1545 = time(15), time(15, 45)
# title, series, branch, first day, last day (None: same day), start, end, ages, price
_EVENTS: tuple[tuple, ...] = (
    ("Bilderbuchkino: Der Mond hat Schluckauf", "Bilderbuchkino", "medienhaus",
     _d(2026, 11, 18), None, T15, T1545, (4, 7), "0"),
    ("Vorlesestunde mit den Lesepaten", "Vorlesestunde", "saarn",
     _d(2026, 11, 21), None, time(11), time(12), (4, 8), "0"),
    ("Gaming-Nachmittag: Gemeinsam spielen in der Bibliothek", "Familie", "medienhaus",
     _d(2026, 11, 25), None, time(16), time(17, 30), (8, 12), "0"),
    ("Bilderbuchkino: Wer hat den Schnee geklaut?", "Bilderbuchkino", "duempten",
     _d(2026, 12, 2), None, T15, T1545, (4, 7), "0"),
    ("Vorlesestunde: Wintergeschichten bei Kerzenschein", "Vorlesestunde", "medienhaus",
     _d(2026, 12, 9), None, T15, time(16), (5, 8), "0"),
    ("Bilderbuchkino: Fünf Schafe im Schlafanzug", "Bilderbuchkino", "heissen",
     _d(2026, 12, 12), None, time(11), time(11, 45), (3, 6), "0"),
    ("Bilderbuchkino: Ein Igel zieht um", "Bilderbuchkino", "medienhaus",
     _d(2027, 1, 13), None, T15, T1545, (4, 7), "0"),
    ("Lesezwerge: Reime und Fingerspiele", "Lesezwerge", "medienhaus",
     _d(2027, 1, 16), None, time(10, 30), time(11, 15), (1, 3), "0"),
    ("Vorlesestunde auf Türkisch und Deutsch", "Vorlesestunde", "speldorf",
     _d(2027, 1, 23), None, time(11), time(12), (4, 8), "0"),
    ("Bilderbuchkino: Oma Ottilies Fahrrad", "Bilderbuchkino", "saarn",
     _d(2027, 2, 10), None, T15, T1545, (4, 7), "0"),
    ("Makerspace: Calliope mini für Kids", "Familie", "medienhaus",
     _d(2027, 2, 20), None, time(14), time(16), (9, 12), "0"),
    ("Bilderbuchkino: Das Nilpferd im Aufzug", "Bilderbuchkino", "medienhaus",
     _d(2027, 3, 3), None, T15, T1545, (4, 7), "0"),
    ("Vorlesestunde mit den Lesepaten", "Vorlesestunde", "duempten",
     _d(2027, 3, 13), None, time(11), time(12), (4, 8), "0"),
    ("Trickfilm-Werkstatt in den Osterferien", "Ferienwerkstatt", "medienhaus",
     _d(2027, 3, 22), _d(2027, 3, 25), time(13, 30), time(16, 30), (10, 14), "0"),
    ("Kinderfilmtage: Die Wolkenfänger", "Kinderfilmtage", "medienhaus",
     _d(2027, 3, 23), None, time(10), time(11, 30), (6, None), "2.00"),
    ("Kinderfilmtage: Kommissar Kröte ermittelt", "Kinderfilmtage", "medienhaus",
     _d(2027, 3, 24), None, time(10), time(11, 20), (5, None), "2.00"),
    ("Kinderfilmtage: Das Floß der Freunde", "Kinderfilmtage", "medienhaus",
     _d(2027, 3, 25), None, time(10), time(11, 40), (8, None), "2.00"),
    ("Kinderfilmtage: Funkelzahn, der kleine Drache", "Kinderfilmtage", "medienhaus",
     _d(2027, 3, 31), None, time(10), time(11, 15), (4, None), "2.00"),
    ("Bilderbuchkino: Lotta baut ein Boot", "Bilderbuchkino", "heissen",
     _d(2027, 4, 14), None, T15, T1545, (4, 7), "0"),
    ("Lesezwerge: Reime und Fingerspiele", "Lesezwerge", "medienhaus",
     _d(2027, 5, 8), None, time(10, 30), time(11, 15), (1, 3), "0"),
    ("Bilderbuchkino: Der kleine Drache Funkelzahn", "Bilderbuchkino", "speldorf",
     _d(2027, 6, 9), None, T15, T1545, (4, 7), "0"),
    ("Stop-Motion-Studio: Wir drehen einen Trickfilm", "Ferienwerkstatt", "medienhaus",
     _d(2027, 8, 9), _d(2027, 8, 13), time(13, 30), time(16, 30), (10, 14), "0"),
    ("Ferienwerkstatt Trickfilm (für 10- bis 14-Jährige)", "Ferienwerkstatt", "medienhaus",
     _d(2027, 8, 23), _d(2027, 8, 27), time(13, 30), time(16, 30), (10, 14), "0"),
    ("Ferien-Filmstudio", "Ferienwerkstatt", "medienhaus",
     _d(2027, 10, 25), _d(2027, 10, 29), time(13, 30), time(16, 30), (10, 14), "0"),
)  # fmt: skip


@cache
def library_events() -> tuple[LibraryEvent, ...]:
    """The 24 events in date order; keys are the CMS's five-digit event numbers."""
    r = rng(PROVIDER)
    sold_out = {o.start for o in holiday_offers() if o.organiser == LIBRARY and o.free == 0}
    number = 40100
    out: list[LibraryEvent] = []
    for i, (title, series, branch, first, last, start, end, ages, price) in enumerate(_EVENTS):
        number += r.randint(3, 60)
        out.append(
            LibraryEvent(
                key=str(number),
                title=title,
                series=series,
                branch=branch,
                first_day=first,
                last_day=last or first,
                start=start,
                end=end,
                ages=ages,
                price=Decimal(price),
                sold_out=first in sold_out,
                offset_in_markup=i % 3 != 1,
            )
        )
    return tuple(out)


def twins() -> tuple[Twin, ...]:
    portal = _portal_workshops()
    out: list[Twin] = []
    for event in library_events():
        if event.series != "Ferienwerkstatt":
            continue
        if event.first_day in portal:
            out.append(same(PROVIDER, event.key, "ferienportal", portal[event.first_day]))
        else:
            last_summer = max(d for d in portal if d < event.first_day - timedelta(days=30))
            out.append(
                near_miss(
                    PROVIDER,
                    event.key,
                    "ferienportal",
                    portal[last_summer],
                    "same title, another holiday week",
                )
            )
    return tuple(out)
