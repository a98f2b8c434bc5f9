"""Events of a swimming club's WordPress calendar (kind sport): 12 courses, several with long
waiting lists, and 8 club events — 20 events as "The Events Calendar" stores them (a course is
one event on its first date; the text names the further dates).

Three courses are also announced in the city sports federation's OpenActive feed
(cross-listings); two more look like other providers' courses but are not (near-misses).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache

from demo.content.german import WD_ADVERB, slug
from demo.content.places import Venue, venue
from demo.content.seed import rng
from demo.content.sportservice import POOLS, sport_rows
from demo.content.sportverein import club_events
from demo.content.twins import Twin, near_miss
from schemas.vocab import OfferKind

PROVIDER = "schwimmverein"
CLUB = "SV Ruhrwelle Mülheim 1924 e.V."
DOMAIN = "sv-ruhrwelle.example"
CLUBHOUSE: Venue = venue("Vereinsheim SV Ruhrwelle", "Saarn", "Lintorfer Straße", "56")
PLACES: dict[str, Venue] = {**POOLS, "heim": CLUBHOUSE}

COURSES = "Schwimmkurse"
HOLIDAY = "Ferienkurse"
CLUB_LIFE = "Vereinsleben"


@dataclass(frozen=True)
class SwimEvent:
    """One event post of the club's calendar."""

    key: str  # the WordPress post id
    title: str  # as typed in the editor; the REST API texturizes it
    category: str
    tags: tuple[str, ...]
    place: str
    start: datetime
    end: datetime  # all-day events: the last day at 23:59:59, as the plugin stores it
    all_day: bool
    sessions: int
    ages: tuple[int | None, int | None]
    cost: Decimal
    cost_note: str | None
    capacity: int | None
    waitlist: int
    text: str
    created: datetime
    kind: str = OfferKind.SPORT.value

    @property
    def slug(self) -> str:
        return slug(self.title)

    @property
    def venue(self) -> Venue:
        return PLACES[self.place]

    @property
    def schedule_text(self) -> str:
        if self.sessions <= 1:
            return ""
        if self.category == HOLIDAY:
            return (
                f"{self.sessions} Tage hintereinander, jeweils "
                f"{self.start:%H:%M}–{self.end:%H:%M} Uhr"
            )
        return (
            f"{self.sessions} Termine, jeweils {WD_ADVERB[self.start.weekday()]} "
            f"{self.start:%H:%M}–{self.end:%H:%M} Uhr (nicht in den Schulferien)"
        )


def _dt(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm)


def _day(y: int, m: int, d: int) -> date:
    return date(y, m, d)


_WAIT = ("Warteliste",)
# title, category, tags, place, start, end (None: all-day until given day), sessions, ages,
# cost, note, capacity, waiting list, text
_EVENTS: tuple[tuple, ...] = (
    ("Seepferdchen-Kurs - donnerstags", COURSES, _WAIT, "sued", _dt(2027, 1, 14, 17),
     _dt(2027, 1, 14, 17, 45), 10, (5, 7), "120", "inkl. drei Monate Vereinsmitgliedschaft",
     10, 14, "Unser Klassiker: In kleinen Gruppen lernen die Kinder Gleiten, Atmen und "
     "Schwimmen bis zum Abzeichen."),
    ("Seepferdchen-Kurs - samstags", COURSES, _WAIT, "wennmann", _dt(2027, 1, 16, 9),
     _dt(2027, 1, 16, 9, 45), 10, (5, 7), "120", "inkl. drei Monate Vereinsmitgliedschaft",
     10, 9, "Der Samstagskurs für alle, die unter der Woche keine Zeit haben."),
    ("Aqua-Baby (6-18 Monate)", COURSES, (), "sued", _dt(2027, 1, 23, 11),
     _dt(2027, 1, 23, 11, 30), 8, (None, None), "85", None, 8, 0,
     "Babys erleben mit Mama oder Papa das warme Wasser im Lehrschwimmbecken (32 Grad)."),
    ("Bronze-Kurs (Freischwimmer)", COURSES, (), "styrum", _dt(2027, 2, 2, 17),
     _dt(2027, 2, 2, 17, 45), 10, (7, None), "110", None, 10, 0,
     "Für Kinder mit Seepferdchen: 15 Minuten Schwimmen, Sprung vom Beckenrand, Tieftauchen."),
    ("Eltern & Kind: Wassergewöhnung", COURSES, (), "sued", _dt(2027, 2, 6, 10),
     _dt(2027, 2, 6, 10, 30), 8, (2, 4), "80", "für ein Kind mit einer Begleitperson", 8, 0,
     "Spielerisch ans Wasser gewöhnen, mit einem Elternteil im Becken."),
    ("Kraulkurs für Kinder", COURSES, (), "wennmann", _dt(2027, 3, 1, 17, 30),
     _dt(2027, 3, 1, 18, 15), 8, (8, 12), "95", None, 12, 0,
     "Kraultechnik, Atmung zur Seite und Wenden für sichere Schwimmerinnen und Schwimmer."),
    ("Schwimmen lernen für Mädchen", COURSES, _WAIT, "styrum", _dt(2027, 3, 3, 16),
     _dt(2027, 3, 3, 16, 45), 10, (6, 10), "110", "Trainerinnen, Halle nur für Frauen und "
     "Mädchen", 10, 6, "Ein Kurs nur für Mädchen, geleitet von zwei Trainerinnen."),
    ("Seepferdchen-Intensivkurs in den Osterferien", HOLIDAY, (), "sued",
     _dt(2027, 3, 22, 9), _dt(2027, 3, 22, 10), 4, (5, 7), "90", None, 8, 0,
     "Vier Tage hintereinander eine Stunde – am Donnerstag wird das Abzeichen abgenommen."),
    ("Seepferdchen-Kurs - dienstags", COURSES, _WAIT, "sued", _dt(2027, 4, 27, 17, 15),
     _dt(2027, 4, 27, 18), 10, (5, 7), "120", "inkl. drei Monate Vereinsmitgliedschaft",
     10, 11, "Neuer Kurs ab Ende April, wieder mit Warteliste."),
    ("Silber-Kurs", COURSES, (), "wennmann", _dt(2027, 4, 29, 17), _dt(2027, 4, 29, 17, 45),
     10, (8, 12), "110", None, 10, 0,
     "Für Kinder mit Bronze-Abzeichen: 20 Minuten Schwimmen, Tauchen in zwei Meter Tiefe."),
    ("Ferien-Schwimmkurs im Sommer", HOLIDAY, (), "styrum", _dt(2027, 7, 19, 10),
     _dt(2027, 7, 19, 11), 5, (5, 8), "90", None, 8, 0,
     "Eine Woche täglich schwimmen – ideal für Kinder, die kurz vor dem Seepferdchen stehen."),
    ("Rettungsschwimmen für Jugendliche (Bronze)", COURSES, (), "wennmann",
     _dt(2027, 9, 4, 14), _dt(2027, 9, 4, 16), 6, (12, 17), "60", None, 14, 0,
     "Theorie und Praxis zum Rettungsschwimmabzeichen Bronze, mit Erste-Hilfe-Teil."),
    ("Nikolausschwimmen für die ganze Familie", CLUB_LIFE, (), "sued", _dt(2026, 12, 6, 10),
     _dt(2026, 12, 6, 13), 1, (None, None), "0", None, None, 0,
     "Spiele im Wasser, Rutsche und ein Besuch vom Nikolaus am Beckenrand."),
    ("Info-Abend für Eltern: Wie kommt mein Kind in einen Schwimmkurs?", CLUB_LIFE, (),
     "heim", _dt(2027, 1, 12, 19), _dt(2027, 1, 12, 20), 1, (None, None), "0", None, None, 0,
     "Wir erklären Warteliste, Kursvergabe und Mitgliedschaft."),
    ("Schnupperschwimmen für Kinder", CLUB_LIFE, (), "styrum", _dt(2027, 2, 20, 14),
     _dt(2027, 2, 20, 16), 1, (6, 10), "0", None, 30, 0,
     "Reinschnuppern ins Vereinstraining – Schwimmabzeichen Seepferdchen erforderlich."),
    ("Vereinsmeisterschaften 2027", CLUB_LIFE, (), "wennmann", _dt(2027, 3, 6), None, 1,
     (None, None), "0", "Zuschauer frei", None, 0,
     "Alle Altersklassen, Meldeschluss eine Woche vorher."),
    ("Trainingswochenende der Jugend", CLUB_LIFE, (), "wennmann", _dt(2027, 4, 30),
     _day(2027, 5, 2), 3, (10, 18), "45", "inkl. Verpflegung", 24, 0,
     "Drei Tage Training, Teamspiele und Übernachtung im Vereinsheim."),
    ("Ruhrwellen-Cup: Kinderschwimmfest", CLUB_LIFE, (), "sued", _dt(2027, 5, 22), None, 1,
     (6, 12), "5", "Meldegeld pro Kind", None, 0,
     "Unser Schwimmfest für die Jüngsten mit Staffeln und Urkunden."),
    ("Schwimmabzeichen-Tag", CLUB_LIFE, (), "sued", _dt(2027, 6, 12, 9), _dt(2027, 6, 12, 13),
     1, (5, None), "5", "pro Abzeichen", None, 0,
     "Abnahme aller Schwimmabzeichen vom Seepferdchen bis Gold."),
    ("Sommerfest am Südbad", CLUB_LIFE, (), "sued", _dt(2027, 6, 26, 14),
     _dt(2027, 6, 26, 19), 1, (None, None), "0", None, None, 0,
     "Grillen, Wasserball-Turnier und Tombola für die ganze Familie."),
)  # fmt: skip


@cache
def swim_events() -> tuple[SwimEvent, ...]:
    """The 20 events by start; keys are WordPress post ids."""
    r = rng(PROVIDER)
    rows = sorted(_EVENTS, key=lambda row: (row[4], row[0]))
    number, out = 4010, []
    for row in rows:
        title, category, tags, place, start, end, sessions, ages, cost, note, cap, wait, text = row
        number += r.randint(3, 27)
        all_day = end is None or isinstance(end, date) and not isinstance(end, datetime)
        if all_day:
            last = start.date() if end is None else end
            end = datetime.combine(last, time(23, 59, 59))
        created = datetime(2026, 8, 3, 9) + timedelta(
            days=r.randint(0, 100), minutes=r.randrange(600)
        )
        out.append(
            SwimEvent(
                key=str(number),
                title=title,
                category=category,
                tags=tags,
                place=place,
                start=start,
                end=end,
                all_day=all_day,
                sessions=sessions,
                ages=ages,
                cost=Decimal(cost),
                cost_note=note,
                capacity=cap,
                waitlist=wait,
                text=text,
                created=created,
            )
        )
    return tuple(out)


def cross_listed() -> tuple[SwimEvent, ...]:
    """The courses the sports federation's OpenActive feed announces too."""
    wanted = (
        "Bronze-Kurs (Freischwimmer)",
        "Eltern & Kind: Wassergewöhnung",
        "Kraulkurs für Kinder",
    )
    return tuple(e for e in swim_events() if e.title in wanted)


def twins() -> tuple[Twin, ...]:
    out: list[Twin] = []
    events = {e.title: e for e in swim_events()}
    intensive = events["Seepferdchen-Intensivkurs in den Osterferien"]
    club_course = next(c for c in club_events() if c.summary == intensive.title)
    out.append(
        near_miss(PROVIDER, intensive.key, "sportverein", club_course.key, "same week, other club")
    )
    tuesday = events["Seepferdchen-Kurs - dienstags"]
    city_course = next(
        row
        for row in sport_rows()
        if row.title == "Seepferdchen-Kurs"
        and row.venue.name == tuesday.venue.name
        and row.start.weekday() == tuesday.start.weekday()
    )
    out.append(
        near_miss(PROVIDER, tuesday.key, "sportservice", city_course.key, "same pool, other week")
    )
    return tuple(out)
