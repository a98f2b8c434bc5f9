"""The city sports service's list of swimming courses and holiday sport camps (kind sport):
40 rows, as someone maintains them by hand in a spreadsheet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from demo.content.calendar import HERBST_2027, OSTERN_2027, SOMMER_2027, weekly_dates
from demo.content.german import WD_SHORT
from demo.content.places import Venue, venue
from demo.content.seed import pick, rng
from schemas.vocab import OfferKind

POOLS = {
    "wennmann": venue("Friedrich-Wennmann-Bad", "Heißen", "Mühlenfeld", "7"),
    "sued": venue("Südbad", "Saarn", "Lintorfer Straße", "54"),
    "styrum": venue("Lehrschwimmbecken Styrum", "Styrum", "Neustadtstraße", "18"),
}
GROUNDS = {
    "kuppe": venue("Sportanlage Saarner Kuppe", "Saarn", "Lehnerstraße", "120"),
    "ruhrstadion": venue("Ruhrstadion", "Speldorf", "Duisburger Straße", "300"),
    "tennis": venue("Tennisanlage Uhlenhorst", "Broich", "Kassenberg", "12"),
    "wasserbahnhof": venue("Kanustation am Wasserbahnhof", "Broich", "Am Schloß Broich", "50"),
    "halle": venue("Sporthalle Dümpten", "Dümpten", "Nordstraße", "70"),
}


@dataclass(frozen=True)
class SportRow:
    key: str
    title: str
    category: str  # Schwimmkurs / Ferien-Sportcamp
    venue: Venue
    start: date
    end: date
    start_text: str | None  # when the cell holds text instead of a date
    end_text: str | None
    day_time: str
    age_text: str
    places: int
    price: float
    reduced: float | None
    note: str | None
    kind: str = OfferKind.SPORT.value


SWIM_TYPES = (
    ("Wassergewöhnung", "4–5 J.", 8, 66.0, 33.0, 30),
    ("Seepferdchen-Kurs", "5–7 J.", 10, 79.0, 39.5, 45),
    ("Seepferdchen-Kurs", "ab 5", 10, 79.0, 39.5, 45),
    ("Bronze-Kurs (Freischwimmer)", "ab 7 Jahren", 10, 79.0, 39.5, 45),
    ("Silber-Kurs", "8–12 J.", 10, 85.0, 42.5, 45),
    ("Aqua-Kids", "6 bis 10 Jahre", 8, 56.0, None, 45),
)

CAMPS = (
    # title, ground, ages, price per 5 days, reduced, note, holidays it is offered in
    ("Oster-Sportcamp", "halle", "6–12 J.", 95.0, 47.5, "inkl. Mittagessen", ("oster",)),
    (
        "Ferien-Schwimmkurs (Intensiv)",
        "sued",
        "ab 5",
        75.0,
        37.5,
        "5 Tage à 60 Min., Seepferdchen-Prüfung am Freitag",
        ("oster", "sommer", "herbst"),
    ),
    (
        "Multisport-Camp",
        "kuppe",
        "6 bis 12 Jahre",
        119.0,
        59.5,
        "inkl. Mittagessen und T-Shirt",
        ("sommer",),
    ),
    (
        "Fußballcamp",
        "ruhrstadion",
        "7–13 J.",
        129.0,
        64.5,
        "Geschwisterkind 99 €",
        ("sommer", "herbst"),
    ),
    (
        "Tennis-Feriencamp",
        "tennis",
        "ab 6",
        139.0,
        None,
        "Schläger können geliehen werden",
        ("sommer",),
    ),
    (
        "Kanu-Camp",
        "wasserbahnhof",
        "10–14 J.",
        149.0,
        74.5,
        "Voraussetzung: Bronze-Abzeichen",
        ("sommer",),
    ),
    (
        "Inline-Skate-Camp",
        "halle",
        "8–12 J.",
        89.0,
        44.5,
        "Schutzausrüstung mitbringen",
        ("oster", "sommer"),
    ),
    ("Herbst-Sportcamp", "halle", "6–12 J.", 95.0, 47.5, None, ("herbst",)),
)


def _swim_rows() -> list[dict]:
    r = rng("sportservice:swim")
    rows: list[dict] = []
    terms = (date(2026, 11, 2), date(2027, 1, 11), date(2027, 4, 12), date(2027, 9, 6))
    for n in range(24):
        name, age, sessions, price, reduced, minutes = pick(r, SWIM_TYPES)
        pool = pick(r, tuple(POOLS))
        monday = terms[n % 4] + timedelta(days=7 * r.randint(0, 2))
        first = monday + timedelta(days=r.randint(0, 4))
        dates = weekly_dates(first, sessions)
        hour = pick(r, (15, 16, 16, 17))
        minute = pick(r, (0, 15, 30, 45))
        end_min = hour * 60 + minute + minutes
        until = f"{end_min // 60}.{end_min % 60:02d}"
        day_time = f"{WD_SHORT[first.weekday()]}, {hour}.{minute:02d}–{until} Uhr"
        rows.append(
            dict(
                title=name,
                category="Schwimmkurs",
                venue=POOLS[pool],
                start=dates[0],
                end=dates[-1],
                day_time=day_time,
                age_text=age,
                places=pick(r, (8, 10, 12)),
                price=price,
                reduced=reduced,
                note=pick(
                    r,
                    (
                        None,
                        None,
                        "Badekappe erforderlich",
                        "Eltern bitte nicht mit in die Halle",
                        f"{sessions} Termine à {minutes} Min.",
                    ),
                ),
            )
        )
    return rows


def _camp_rows() -> list[dict]:
    r = rng("sportservice:camps")
    weeks = OSTERN_2027.weeks() + SOMMER_2027.weeks()[:6] + HERBST_2027.weeks()
    rows: list[dict] = []
    used: set[tuple[str, date]] = set()
    for n in range(16):
        start, end = weeks[n % len(weeks)]
        season = (
            "herbst"
            if start >= HERBST_2027.first
            else "oster"
            if start <= OSTERN_2027.last
            else "sommer"
        )
        fitting = [c for c in CAMPS if season in c[6] and (c[0], start) not in used]
        title, ground, age, price, reduced, note, _ = pick(r, fitting)
        used.add((title, start))
        days = (end - start).days + 1
        place = POOLS[ground] if ground in POOLS else GROUNDS[ground]
        rows.append(
            dict(
                title=title,
                category="Ferien-Sportcamp",
                venue=place,
                start=start,
                end=end,
                day_time=f"{WD_SHORT[start.weekday()]}–{WD_SHORT[end.weekday()]} 9–15 Uhr",
                age_text=age,
                places=pick(r, (20, 24, 30, 40)),
                price=(final := price if days == 5 else round(price * days / 5 - 0.01) + 0.0),
                reduced=None if reduced is None else final / 2,
                note=note,
            )
        )
    return rows


def _as_text(r, day: date, first: bool) -> str:
    return pick(
        r,
        (
            f"{day:%d.%m.%Y}",
            f"{day:%d.%m.%y}",
            f"ab {day:%d.%m.%Y}" if first else f"{day:%d.%m.%Y}",
            f"{day:%d.%m.%Y} ",
        ),
    )


@cache
def sport_rows() -> tuple[SportRow, ...]:
    """The 40 rows: 24 swimming courses (SK-…), then 16 holiday camps (FC-…)."""
    r = rng("sportservice")
    out: list[SportRow] = []
    swim = sorted(_swim_rows(), key=lambda d: (d["start"], d["title"]))
    camps = sorted(_camp_rows(), key=lambda d: (d["start"], d["title"]))
    for prefix, rows in (("SK", swim), ("FC", camps)):
        number = 0
        for d in rows:
            number += r.randint(1, 4)
            text_dates = r.random() < 0.3
            out.append(
                SportRow(
                    key=f"{prefix}-{d['start']:%y}-{number:03d}",
                    start_text=_as_text(r, d["start"], True) if text_dates else None,
                    end_text=(_as_text(r, d["end"], False) if r.random() < 0.7 else None)
                    if text_dates
                    else None,
                    **d,
                )
            )
    return tuple(out)
