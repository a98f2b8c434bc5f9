"""Courses of the AWO family education service, as its course software exports them: 7 courses
with 16 presentations (dated runs) — parenting courses, postnatal exercise and first aid (kind
course), baby groups and family breakfasts (kind meeting_place).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from functools import cache

from demo.content.calendar import weekly_dates
from demo.content.places import Venue, venue
from demo.content.seed import rng
from schemas.vocab import OfferKind

PROVIDER = "awo-familienbildung"
OPERATOR = "AWO Kreisverband Mülheim an der Ruhr e.V."
SITE = "https://www.awo-muelheim.example"

VENUES: dict[str, Venue] = {
    "fbs": venue("AWO-Familienbildungsstätte", "Altstadt I", "Bahnstraße", "12"),
    "holthausen": venue("AWO-Haus Holthausen", "Holthausen", "Kalkstraße"),
    "styrum": venue("AWO-Familienzentrum Styrum", "Styrum", "Oberhausener Straße"),
}

COURSE, MEETING = OfferKind.COURSE.value, OfferKind.MEETING_PLACE.value


@dataclass(frozen=True)
class AwoCourse:
    code: str
    title: str
    subject: str
    abstract: str
    description: str
    kind: str
    sessions: int
    minutes: int
    price: Decimal
    reduced: Decimal | None
    places: int


@dataclass(frozen=True)
class Presentation:
    """One dated run of a course: the offer."""

    key: str
    course: AwoCourse
    place: str
    first_day: date
    start: time
    dates: tuple[date, ...]

    @property
    def kind(self) -> str:
        return self.course.kind

    @property
    def venue(self) -> Venue:
        return VENUES[self.place]

    @property
    def last_day(self) -> date:
        return self.dates[-1]

    @property
    def end(self) -> time:
        minutes = self.start.hour * 60 + self.start.minute + self.course.minutes
        return time(minutes // 60, minutes % 60)


def _c(
    code: str,
    title: str,
    subject: str,
    abstract: str,
    description: str,
    kind: str,
    sessions: int,
    minutes: int,
    price: str,
    reduced: str | None,
    places: int,
) -> AwoCourse:
    return AwoCourse(
        code,
        title,
        subject,
        abstract,
        description,
        kind,
        sessions,
        minutes,
        Decimal(price),
        Decimal(reduced) if reduced is not None else None,
        places,
    )


COURSES: tuple[AwoCourse, ...] = (
    _c("ELT-TROTZ", "Elternkurs: Gelassen durch die Trotzphase", "Elternbildung",
       "Sechs Abende für Eltern von Kindern zwischen zwei und vier Jahren.",
       "Wutanfälle, Machtkämpfe, Nein-Sagen: Wir schauen, was hinter dem Verhalten steckt, "
       "üben gelassene Reaktionen und tauschen uns aus. Kinderbetreuung auf Anfrage.",
       COURSE, 6, 90, "48", "24", 12),
    _c("RUECK", "Rückbildungsgymnastik", "Gesundheit",
       "Beckenboden, Bauch und Rücken stärken – acht Termine ab der sechsten Woche nach "
       "der Geburt.",
       "Eine Hebamme leitet die Übungen an. Babys dürfen mitgebracht werden. Die Kosten "
       "übernimmt in der Regel die Krankenkasse.",
       COURSE, 8, 60, "0", None, 10),
    _c("BABYTREFF", "Babytreff für Eltern mit Babys von 0–12 Monaten", "Eltern-Kind-Gruppen",
       "Offener Treff mit Spiel, Austausch und Fragen rund ums erste Lebensjahr.",
       "Eine Fachkraft der Familienbildung begleitet den Treff. Ohne Anmeldung, einfach "
       "vorbeikommen.",
       MEETING, 10, 90, "0", None, 15),
    _c("EH-BABY", "Erste Hilfe am Säugling und Kleinkind", "Gesundheit",
       "Ein Samstag mit den wichtigsten Handgriffen für Notfälle mit kleinen Kindern.",
       "Wiederbelebung, Verschlucken, Fieberkrampf, Verbrennungen – mit Übungen an "
       "Säuglings- und Kinderpuppen.",
       COURSE, 1, 420, "35", "17.50", 16),
    _c("FRUEHSTUECK", "Familienfrühstück im Stadtteil", "Familientreff",
       "Einmal im Monat frühstücken Familien gemeinsam und lernen sich kennen.",
       "Für das Buffet bitten wir um eine kleine Spende. Kinder spielen in der Spielecke.",
       MEETING, 1, 120, "0", None, 40),
    _c("VATER-KIND", "Väter-Kind-Werkstatt", "Väterarbeit",
       "Drei Samstagvormittage für Väter und Kinder von fünf bis zehn Jahren.",
       "Gemeinsam wird gesägt, geschraubt und gebaut – am Ende nimmt jedes Team ein "
       "Werkstück mit nach Hause.",
       COURSE, 3, 180, "25", "12.50", 8),
    _c("PUBERTAET", "Pubertät verstehen – Elternkurs", "Elternbildung",
       "Vier Abende für Eltern von Kindern zwischen zehn und vierzehn Jahren.",
       "Was im Kopf von Jugendlichen passiert, wie Gespräche gelingen und wo Grenzen nötig "
       "sind.",
       COURSE, 4, 90, "32", "16", 14),
)  # fmt: skip

# course code, place, first day, start
_RUNS: tuple[tuple[str, str, date, time], ...] = (
    ("ELT-TROTZ", "fbs", date(2027, 1, 19), time(19, 30)),
    ("ELT-TROTZ", "holthausen", date(2027, 4, 20), time(19, 30)),
    ("RUECK", "fbs", date(2027, 1, 13), time(10)),
    ("RUECK", "styrum", date(2027, 3, 3), time(10)),
    ("RUECK", "fbs", date(2027, 5, 5), time(10)),
    ("BABYTREFF", "holthausen", date(2027, 1, 11), time(10)),
    ("BABYTREFF", "styrum", date(2027, 1, 14), time(9, 30)),
    ("BABYTREFF", "holthausen", date(2027, 4, 12), time(10)),
    ("EH-BABY", "fbs", date(2027, 2, 13), time(9)),
    ("EH-BABY", "fbs", date(2027, 6, 19), time(9)),
    ("FRUEHSTUECK", "styrum", date(2027, 1, 30), time(10)),
    ("FRUEHSTUECK", "holthausen", date(2027, 2, 27), time(10)),
    ("VATER-KIND", "holthausen", date(2027, 3, 6), time(10)),
    ("VATER-KIND", "holthausen", date(2027, 9, 11), time(10)),
    ("PUBERTAET", "fbs", date(2027, 2, 24), time(19, 30)),
    ("PUBERTAET", "styrum", date(2027, 9, 15), time(19, 30)),
)


@cache
def presentations() -> tuple[Presentation, ...]:
    """The 16 presentations in catalogue order (by course, then date); keys AWO-27F-nnn
    (spring term) or AWO-27H-nnn (autumn term)."""
    r = rng(PROVIDER)
    courses = {c.code: c for c in COURSES}
    out: list[Presentation] = []
    number = 0
    for code, place, first, start in _RUNS:
        course = courses[code]
        number += r.randint(1, 6)
        term = "F" if first.month < 8 else "H"
        out.append(
            Presentation(
                key=f"AWO-27{term}-{number:03d}",
                course=course,
                place=place,
                first_day=first,
                start=start,
                dates=tuple(weekly_dates(first, course.sessions)),
            )
        )
    return tuple(out)


def by_course(code: str) -> tuple[Presentation, ...]:
    return tuple(p for p in presentations() if p.course.code == code)
