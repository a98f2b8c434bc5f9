"""Public performances of a theatre for young audiences (kind culture): five plays, 16
performances between November 2026 and June 2027, each with its own ticket status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache

from demo.content.places import Venue, venue
from demo.content.seed import pick, rng
from schemas.vocab import OfferKind

PROVIDER = "theater"
THEATRE = "Ruhrbühne Speldorf – Theater für junges Publikum"
STAGES: dict[str, Venue] = {
    "saal": venue("Ruhrbühne Speldorf, Großer Saal", "Speldorf", "Hansastraße", "41"),
    "studio": venue("Ruhrbühne Speldorf, Studio", "Speldorf", "Hansastraße", "41"),
}


@dataclass(frozen=True)
class Play:
    code: str
    title: str
    subtitle: str
    min_age: int
    minutes: int
    stage: str
    text: str


PLAYS: dict[str, Play] = {
    p.code: p
    for p in (
        Play(
            "wal",
            "Der Wal im Kanal",
            "Ein Abenteuer mit Musik",
            5,
            55,
            "saal",
            "Ein junger Wal verirrt sich vom Meer bis in den Kanal mitten im Ruhrgebiet. Zwei "
            "Kinder helfen ihm zurück – und entdecken dabei ihre Stadt neu.",
        ),
        Play(
            "mond",
            "Mia und der Mondfisch",
            "Figurentheater",
            4,
            45,
            "studio",
            "Mia kann nicht schlafen. Da schwimmt ein leuchtender Fisch durch ihr Zimmer.",
        ),
        Play(
            "kraehen",
            "Stadt der Krähen",
            "Schauspiel",
            10,
            75,
            "saal",
            "Eine Stadt, in der die Krähen alles sehen. Ein Stück über Freundschaft und Mut.",
        ),
        Play(
            "nachtzug",
            "Nachtzug nach Nirgendwo",
            "Jugendstück",
            12,
            90,
            "studio",
            "Drei Jugendliche, ein verpasster Zug und eine Nacht, die alles verändert.",
        ),
        Play(
            "haensel",
            "Hänsel und Gretel – neu erzählt",
            "Märchen für alle",
            6,
            60,
            "saal",
            "Das Märchen, wie man es noch nicht kennt: mit Live-Musik und viel Humor.",
        ),
    )
}

PRICES = (("Kinder", Decimal("8")), ("Erwachsene", Decimal("14")))
FAMILY_TICKET = Decimal("38")

# play, day, start
_SHOWS: tuple[tuple[str, date, time], ...] = (
    ("wal", date(2026, 11, 22), time(16)),
    ("mond", date(2026, 11, 29), time(11)),
    ("haensel", date(2026, 12, 6), time(16)),
    ("haensel", date(2026, 12, 13), time(16)),
    ("mond", date(2026, 12, 20), time(11)),
    ("kraehen", date(2027, 1, 17), time(16)),
    ("wal", date(2027, 1, 31), time(16)),
    ("nachtzug", date(2027, 2, 12), time(19)),
    ("wal", date(2027, 2, 28), time(16)),
    ("mond", date(2027, 3, 14), time(11)),
    ("kraehen", date(2027, 3, 24), time(11)),
    ("haensel", date(2027, 4, 11), time(16)),
    ("nachtzug", date(2027, 4, 23), time(19)),
    ("wal", date(2027, 5, 9), time(16)),
    ("mond", date(2027, 6, 6), time(11)),
    ("kraehen", date(2027, 6, 13), time(16)),
)


@dataclass(frozen=True)
class Performance:
    key: str
    play: Play
    start: datetime
    status: str
    kind: str = OfferKind.CULTURE.value

    @property
    def venue(self) -> Venue:
        return STAGES[self.play.stage]


@cache
def performances() -> tuple[Performance, ...]:
    """All 16 performances by date; keys V<yy><nnn> as printed on the tickets."""
    r = rng(PROVIDER)
    out: list[Performance] = []
    number = 100
    for code, day, start in _SHOWS:
        number += r.randint(1, 12)
        status = pick(r, ("verfügbar", "verfügbar", "verfügbar", "Restkarten", "ausverkauft"))
        out.append(
            Performance(
                key=f"V{day:%y}{number:03d}",
                play=PLAYS[code],
                start=datetime.combine(day, start),
                status=status,
            )
        )
    return tuple(out)
