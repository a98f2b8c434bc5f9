"""Courses of a hospital's parents' school (kind course): birth preparation, baby care,
breastfeeding, baby massage, first aid, postnatal exercise — 14 courses in the first half of
2027. One postnatal course runs in the same week as the AWO's (a near-miss)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal
from functools import cache

from demo.content import awo
from demo.content.calendar import weekly_dates
from demo.content.places import Venue, venue
from demo.content.seed import rng
from demo.content.twins import Twin, near_miss
from schemas.vocab import OfferKind

PROVIDER = "elternschule"
SCHOOL = "Elternschule am Ruhrklinikum Mülheim"
VENUE: Venue = venue("Ruhrklinikum Mülheim, Haus C", "Broich", "Wilhelminenstraße")


@dataclass(frozen=True)
class Topic:
    title: str
    category: str
    text: str
    minutes: int
    sessions: int
    weekend_pair: bool  # Saturday and Sunday of one weekend
    price: Decimal
    price_note: str | None
    leader: str
    room: str


TOPICS: dict[str, Topic] = {
    "paare": Topic(
        "Geburtsvorbereitung für Paare (Wochenendkurs)",
        "Geburtsvorbereitung",
        "Ablauf der Geburt, Atmung, Positionen, Schmerzlinderung und die ersten Tage – "
        "gemeinsam mit der Begleitperson.",
        360,
        2,
        True,
        Decimal("90"),
        "Gebühr für die Begleitperson; den Anteil der Schwangeren zahlt die Krankenkasse.",
        "Hebamme",
        "Kursraum 1",
    ),
    "frauen": Topic(
        "Geburtsvorbereitung für Frauen",
        "Geburtsvorbereitung",
        "Sieben Abende mit Körperarbeit, Information und Austausch.",
        120,
        7,
        False,
        Decimal("0"),
        "Abrechnung über die Krankenkasse.",
        "Hebamme",
        "Kursraum 1",
    ),
    "pflege": Topic(
        "Säuglingspflege",
        "Rund ums Baby",
        "Baden, Wickeln, Anziehen, Tragen – an Puppen geübt.",
        120,
        2,
        False,
        Decimal("30"),
        "pro Paar",
        "Kinderkrankenschwester",
        "Kursraum 2",
    ),
    "stillen": Topic(
        "Stillvorbereitung",
        "Rund ums Baby",
        "Anlegen, Stillpositionen, Milchbildung und Hilfe bei Problemen.",
        120,
        1,
        False,
        Decimal("15"),
        None,
        "Still- und Laktationsberaterin",
        "Kursraum 2",
    ),
    "massage": Topic(
        "Babymassage",
        "Nach der Geburt",
        "Sanfte Massage für Babys von 6 Wochen bis 6 Monaten.",
        60,
        5,
        False,
        Decimal("55"),
        None,
        "Kinderkrankenschwester",
        "Bewegungsraum",
    ),
    "notfall": Topic(
        "Erste Hilfe am Säugling",
        "Rund ums Baby",
        "Notfälle erkennen und handeln: Atemwege, Wiederbelebung, Fieber.",
        240,
        1,
        False,
        Decimal("25"),
        "pro Person",
        "Kinderarzt der Kinderklinik",
        "Kursraum 1",
    ),
    "rueck": Topic(
        "Rückbildungsgymnastik",
        "Nach der Geburt",
        "Acht Termine für Beckenboden, Bauch und Rücken, ab der 6. Woche nach der Geburt.",
        60,
        8,
        False,
        Decimal("0"),
        "Abrechnung über die Krankenkasse.",
        "Hebamme",
        "Bewegungsraum",
    ),
    "geschwister": Topic(
        "Ich werde große Schwester / großer Bruder",
        "Familie",
        "Geschwisterkurs für Kinder ab 3 Jahren mit einem Elternteil: Puppen wickeln, "
        "Kreißsaal anschauen.",
        120,
        1,
        False,
        Decimal("10"),
        None,
        "Kinderkrankenschwester",
        "Kursraum 2",
    ),
}

# topic, first day, start
_RUNS: tuple[tuple[str, date, time], ...] = (
    ("rueck", date(2027, 1, 12), time(18)),
    ("paare", date(2027, 1, 23), time(10)),
    ("stillen", date(2027, 1, 27), time(18)),
    ("pflege", date(2027, 2, 2), time(18, 30)),
    ("massage", date(2027, 2, 8), time(10)),
    ("geschwister", date(2027, 2, 20), time(10)),
    ("frauen", date(2027, 2, 24), time(18)),
    ("paare", date(2027, 3, 6), time(10)),
    ("notfall", date(2027, 3, 20), time(9)),
    ("stillen", date(2027, 4, 21), time(18)),
    ("pflege", date(2027, 4, 27), time(18, 30)),
    ("rueck", date(2027, 5, 4), time(18)),
    ("massage", date(2027, 5, 10), time(10)),
    ("paare", date(2027, 5, 15), time(10)),
)


@dataclass(frozen=True)
class ParentCourse:
    key: str
    topic: Topic
    dates: tuple[date, ...]
    start: time
    free: int
    kind: str = OfferKind.COURSE.value

    @property
    def venue(self) -> Venue:
        return VENUE

    @property
    def end(self) -> time:
        minutes = self.start.hour * 60 + self.start.minute + self.topic.minutes
        return time(minutes // 60, minutes % 60)


@cache
def parent_courses() -> tuple[ParentCourse, ...]:
    """The 14 courses by date; keys are the booking system's four-digit course ids."""
    r = rng(PROVIDER)
    out: list[ParentCourse] = []
    number = 3400
    for code, first, start in _RUNS:
        topic = TOPICS[code]
        number += r.randint(2, 23)
        if topic.weekend_pair:
            dates = (first, first + timedelta(days=1))
        else:
            dates = tuple(weekly_dates(first, topic.sessions))
        out.append(
            ParentCourse(
                key=str(number), topic=topic, dates=dates, start=start, free=r.randint(0, 6)
            )
        )
    return tuple(out)


def twins() -> tuple[Twin, ...]:
    awo_may = next(p for p in awo.by_course("RUECK") if p.first_day.month == 5)
    mine = next(
        c
        for c in parent_courses()
        if c.topic.title == "Rückbildungsgymnastik" and c.dates[0].month == 5
    )
    return (near_miss(PROVIDER, mine.key, awo.PROVIDER, awo_may.key, "same week, other provider"),)
