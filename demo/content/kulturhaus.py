"""Events of a culture venue in Broich (kind culture): children's theatre "ab 6", workshops,
concerts, cinema and family festivals — 40 events from November 2026 to October 2027."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal
from functools import cache

from demo.content.calendar import in_holidays
from demo.content.places import Venue, venue
from demo.content.seed import pick, rng
from schemas.vocab import OfferKind

ORGANISER = "Kulturhaus Lokschuppen gGmbH"
HOUSE = venue("Kulturhaus Lokschuppen", "Broich", "Am Schloß Broich", "40")
MUEGA = venue("MüGa-Park, Festwiese am Wasserbahnhof", "Broich", "Am Schloß Broich", "50")
SCHLOSS = venue("Schloß Broich, Innenhof", "Broich", "Am Schloß Broich", "28")

MONTHS: tuple[tuple[int, int, int], ...] = (
    # year, month, number of events
    (2026, 11, 5),
    (2026, 12, 5),
    (2027, 1, 3),
    (2027, 2, 3),
    (2027, 3, 4),
    (2027, 4, 4),
    (2027, 5, 3),
    (2027, 6, 4),
    (2027, 7, 3),
    (2027, 8, 0),
    (2027, 9, 3),
    (2027, 10, 3),
)
"""Programme months; August 2027 is the summer break and has an empty page."""


@dataclass(frozen=True)
class CultureEvent:
    key: str
    slug: str
    title: str
    genre: str
    day: date
    start: time | None
    end_day: date
    end: time | None
    age_min: int | None
    age_text: str
    venue: Venue
    room: str | None
    price_text: str
    prices: tuple[tuple[str, Decimal], ...]  # (label, amount); empty = free
    performer: str | None
    paragraphs: tuple[str, ...]
    status: str  # scheduled / cancelled / rescheduled
    previous_day: date | None
    date_style: str  # offset / naive / date_only / german
    price_style: str  # number / comma_string
    kind: str = OfferKind.CULTURE.value


@dataclass(frozen=True)
class Show:
    title: str
    genre: str
    age_min: int | None
    age_text: str
    start: time | None
    minutes: int
    prices: tuple[tuple[str, Decimal], ...]
    price_text: str
    performer: str | None
    paragraphs: tuple[str, ...]
    where: str = "house"
    room: str | None = "Saal"
    days: int = 1
    weekend: bool = True


D = Decimal
KIDS_3_6 = (("Kinder", D("3")), ("Erwachsene", D("6")))
SHOWS: tuple[Show, ...] = (
    Show(
        "Das kleine Gespenst",
        "Kindertheater",
        6,
        "ab 6 Jahren",
        time(15),
        60,
        KIDS_3_6,
        "Kinder 3 Euro, Erwachsene 6 Euro",
        "Theater Kunterbunt (Köln)",
        (
            "Punkt zwölf wacht das kleine Gespenst auf – doch eines Tages ist es plötzlich "
            "mittags wach.",
            "Eine fröhliche Inszenierung mit Musik, Schattenspiel und viel Spuk.",
        ),
    ),
    Show(
        "Die Sternenfischer",
        "Kindertheater",
        5,
        "ab 5",
        time(11),
        50,
        (("Kinder", D("5")), ("Erwachsene", D("8"))),
        "Kinder 5 €, Erwachsene 8 €",
        "Ensemble Mondlicht",
        (
            "Zwei Geschwister fischen nachts Sterne aus der Ruhr und merken, dass der Himmel "
            "immer dunkler wird.",
            "Ein poetisches Stück über Mut, Freundschaft und Licht.",
        ),
        room="Studio",
    ),
    Show(
        "Oskar und der Ruhrdrache",
        "Figurentheater",
        4,
        "für Kinder ab 4 Jahren",
        time(16),
        45,
        KIDS_3_6,
        "Kinder 3 Euro, Erwachsene 6 Euro",
        "Figurentheater Pappmaché",
        ("Im Schlamm der Ruhr lebt ein Drache, der Angst vor Wasser hat. Oskar will ihm helfen.",),
        room="Studio",
    ),
    Show(
        "Ronja Räubertochter",
        "Kindertheater",
        8,
        "ab 8 J.",
        time(17),
        90,
        (("Eintritt", D("9")), ("ermäßigt", D("6"))),
        "VVK 9 €, ermäßigt 6 €",
        "Junges Ensemble Lokschuppen",
        (
            "Ronja wächst in der Mattisburg unter Räubern auf – bis sie Birk, den Sohn des "
            "Feindes, trifft.",
            "Gespielt vom Jugendensemble des Hauses.",
        ),
    ),
    Show(
        "Tschick",
        "Jugendtheater",
        13,
        "ab 13 Jahren",
        time(19),
        100,
        (("Eintritt", D("12")), ("Schüler*innen", D("6"))),
        "12 €, Schülerinnen und Schüler 6 €",
        "Theater im Revier",
        (
            "Zwei Jungs, ein geklauter Lada und ein Sommer ohne Eltern: die Roadmovie-Geschichte "
            "auf der Bühne.",
        ),
        weekend=False,
    ),
    Show(
        "Frederick",
        "Figurentheater",
        4,
        "ab 4",
        time(11),
        40,
        KIDS_3_6,
        "Kinder 3 Euro, Erwachsene 6 Euro",
        "Puppenbühne Regenbogen",
        (
            "Während die anderen Mäuse Vorräte sammeln, sammelt Frederick Farben und Wörter für "
            "den Winter.",
        ),
        room="Studio",
    ),
    Show(
        "Tanztheater-Werkstatt für 10- bis 14-Jährige",
        "Workshop",
        10,
        "10- bis 14-Jährige",
        time(10),
        300,
        (("Teilnahme", D("45")),),
        "45 € inkl. Mittagessen (mit Mülheim-Pass 22,50 €)",
        None,
        (
            "An zwei Tagen entwickeln Jugendliche mit einer Choreografin eine eigene kurze "
            "Performance.",
            "Keine Vorkenntnisse nötig.",
        ),
        room="Probebühne",
        days=2,
    ),
    Show(
        "Druckwerkstatt: Stoffbeutel gestalten",
        "Workshop",
        6,
        "ab 6 J. (mit Begleitung)",
        time(14),
        120,
        (("Material", D("8")),),
        "8 Euro Materialkosten",
        None,
        ("Mit Stempeln aus Moosgummi und Kartoffeln bedrucken Familien ihre eigenen Taschen.",),
        room="Werkstatt",
    ),
    Show(
        "Schattentheater bauen",
        "Workshop",
        8,
        "für Kinder von 8 bis 12 Jahren",
        time(10),
        180,
        (("Teilnahme", D("15")),),
        "15 €, Geschwister 10 €",
        None,
        (
            "Figuren aus Pappe, Licht aus dem Projektor: Am Ende spielen die Kinder ihr eigenes "
            "Stück.",
        ),
        room="Werkstatt",
    ),
    Show(
        "Familien-Töpfern",
        "Workshop",
        5,
        "Kinder ab 5 mit Eltern",
        time(15),
        120,
        (("pro Person", D("12")),),
        "12 Euro pro Person inkl. Ton und Brand",
        None,
        (
            "Gemeinsam entstehen Schalen, Tiere und Fantasiewesen. Die Stücke können nach zwei "
            "Wochen abgeholt werden.",
        ),
        room="Werkstatt",
    ),
    Show(
        "Graffiti-Workshop",
        "Workshop",
        12,
        "ab 12",
        time(12),
        240,
        (),
        "kostenlos (gefördert)",
        "Crew Ruhrfarben",
        ("Vom Schriftzug auf Papier zur gesprühten Wand: legal und mit Profis.",),
        where="house",
        room="Hof",
    ),
    Show(
        "Familienkonzert: Peter und der Wolf",
        "Konzert",
        5,
        "für Familien mit Kindern ab 5 Jahren",
        time(16),
        60,
        (("Kinder", D("5")), ("Erwachsene", D("12"))),
        "Kinder 5 €, Erwachsene 12 €",
        "Mülheimer Kammerorchester",
        (
            "Jedes Tier hat sein Instrument: Prokofjews musikalisches Märchen, erzählt und "
            "gespielt für Kinder.",
        ),
    ),
    Show(
        "Mitmach-Konzert für die Kleinsten",
        "Konzert",
        2,
        "für Kinder von 2 bis 6 Jahren",
        time(11),
        45,
        (("Eintritt", D("4")),),
        "4 Euro, Babys frei",
        "Die Rasselbande",
        ("Singen, klatschen, tanzen: ein Konzert, bei dem niemand still sitzen muss.",),
        room="Foyer",
    ),
    Show(
        "Bilderbuchkino",
        "Kino",
        4,
        "ab 4",
        time(15, 30),
        40,
        (),
        "Eintritt frei",
        None,
        ("Ein Bilderbuch wird groß an die Wand projiziert und vorgelesen – danach wird gemalt.",),
        room="Foyer",
    ),
    Show(
        "Kinderfilmtage: Kino für die ganze Familie",
        "Kino",
        6,
        "FSK 0, empfohlen ab 6",
        time(14),
        100,
        (("Eintritt", D("3")),),
        "3 Euro",
        None,
        (
            "Ausgewählte Kinderfilme auf der großen Leinwand, mit kleiner Einführung vor jedem "
            "Film.",
        ),
        room="Saal",
    ),
    Show(
        "Familienfest im Lokschuppen",
        "Familienfest",
        None,
        "für alle Altersgruppen",
        time(11),
        360,
        (),
        "Eintritt frei",
        None,
        (
            "Ein Tag für alle Generationen: Bühnenprogramm, Bastelstationen, Kinderschminken und "
            "Flohmarkt.",
            "Der Förderverein sorgt für Kuchen und Waffeln.",
        ),
        room=None,
    ),
    Show(
        "Kinderkulturtage im Park",
        "Familienfest",
        None,
        "für Familien",
        None,
        0,
        (),
        "Eintritt frei",
        None,
        ("Zwei Tage Theater, Musik und Mitmachaktionen auf der Festwiese – bei jedem Wetter.",),
        where="muega",
        room=None,
        days=2,
    ),
    Show(
        "Puppentheater im Park: Kasper und das Krokodil",
        "Figurentheater",
        3,
        "ab 3 Jahren",
        time(15),
        45,
        (),
        "Eintritt frei, Spenden erwünscht",
        "Kaspertheater Ruhrpott",
        ("Open-Air-Vorstellung im Innenhof. Bitte eine Decke zum Sitzen mitbringen.",),
        where="schloss",
        room=None,
    ),
)


def _slug(title: str) -> str:
    text = title.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _days_in(year: int, month: int) -> list[date]:
    day, out = date(year, month, 1), []
    while day.month == month:
        out.append(day)
        day += timedelta(days=1)
    return out


@cache
def culture_events() -> tuple[CultureEvent, ...]:
    """The 40 events in programme order (by start)."""
    r = rng("kulturhaus")
    events: list[dict] = []
    queue = list(SHOWS) * 3
    r.shuffle(queue)
    for year, month, count in MONTHS:
        days = _days_in(year, month)
        for n in range(count):
            summer = month in (5, 6, 7, 9)
            fits = [i for i, s in enumerate(queue) if (s.where != "house") == (summer and n == 0)]
            show = queue.pop(fits[0] if fits else 0)
            candidates = [d for d in days if (d.weekday() >= 5) == show.weekend]
            if show.genre == "Workshop" and show.days > 1:
                candidates = [d for d in days if d.weekday() < 4 and in_holidays(d)] or candidates
            day = pick(r, candidates[: len(candidates) - show.days + 1] or candidates)
            end_day = day + timedelta(days=show.days - 1)
            start = show.start
            end = None
            if start is not None:
                minutes = start.hour * 60 + start.minute + show.minutes
                end = time(minutes // 60, minutes % 60)
            where = {"house": HOUSE, "muega": MUEGA, "schloss": SCHLOSS}[show.where]
            roll = r.random()
            date_style = "date_only" if start is None else "naive" if roll < 0.15 else "offset"
            events.append(
                {
                    "title": show.title,
                    "genre": show.genre,
                    "day": day,
                    "start": start,
                    "end_day": end_day,
                    "end": end,
                    "age_min": show.age_min,
                    "age_text": show.age_text,
                    "venue": where,
                    "room": show.room,
                    "price_text": show.price_text,
                    "prices": show.prices,
                    "performer": show.performer,
                    "paragraphs": show.paragraphs,
                    "status": "scheduled",
                    "previous_day": None,
                    "date_style": date_style,
                    "price_style": "comma_string" if r.random() < 0.1 else "number",
                }
            )
    events.sort(key=lambda e: (e["day"], e["start"] or time(0), e["title"]))
    events[7]["status"] = "cancelled"
    events[21]["status"] = "rescheduled"
    events[21]["previous_day"] = events[21]["day"] - timedelta(days=14)
    timed = [e for e in events if e["start"] is not None]
    timed[11]["date_style"] = "german"
    out: list[CultureEvent] = []
    number = 3100
    for e in events:
        number += r.randint(1, 23)
        out.append(CultureEvent(key=str(number), slug=_slug(e["title"]), **e))
    return tuple(out)
