"""A synthetic city of offers with known duplicates, for the 100k benchmark.

The shape follows the demo world, scaled up: venues spread over a 10 × 10 km city, each running
a small repertoire of programmes again and again (so the same title at the same venue in other
weeks is everywhere: the near-miss that matters most), some programmes run at several venues
by one organiser, and about one real offer in six listed by two or three sources. A second
listing is written the way re-listing sites write: title reordered, hyphenated, with boilerplate
or without its qualifier; venue without coordinates, name or with an abbreviated street; weekly
courses as a date span or "from …"; ages or organiser dropped.

``generate(n)`` is deterministic for a given ``n`` and ``seed``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import combinations
from zoneinfo import ZoneInfo

from schemas.ids import location_id, offer_id, organization_id
from schemas.location import Location
from schemas.offer import Offer

BERLIN = ZoneInfo("Europe/Berlin")
LICENCE = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
START = date(2026, 9, 7)  # a Monday
DAYS = 700
POSTCODES = ("45468", "45470", "45472", "45473", "45475", "45476", "45478", "45479", "45481")

STEMS = [
    "Wald",
    "Kunst",
    "Tanz",
    "Koch",
    "Zirkus",
    "Forscher",
    "Theater",
    "Musik",
    "Natur",
    "Sport",
    "Spiel",
    "Bastel",
    "Mal",
    "Foto",
    "Film",
    "Lese",
    "Schreib",
    "Garten",
    "Bauernhof",
    "Ritter",
    "Piraten",
    "Detektiv",
    "Robotik",
    "Technik",
    "Kletter",
    "Schwimm",
    "Fußball",
    "Tennis",
    "Judo",
    "Yoga",
    "Töpfer",
    "Näh",
    "Zauber",
    "Comic",
    "Trommel",
    "Gitarren",
    "Chor",
    "Medien",
    "Stadt",
    "Ruhr",
    "Insekten",
    "Sternen",
    "Wasser",
    "Erfinder",
    "Bücher",
    "Märchen",
    "Kräuter",
    "Holz",
    "Lego",
    "Schach",
]
HEADS = [
    "werkstatt",
    "woche",
    "camp",
    "kurs",
    "treff",
    "tag",
    "club",
    "labor",
    "gruppe",
    "projekt",
    "schule",
    "abenteuer",
    "akademie",
    "safari",
    "atelier",
    "studio",
    "zeit",
    "fest",
    "nachmittag",
    "rallye",
]
QUALIFIERS = (
    "für Kinder",
    "für Familien",
    "für Jugendliche",
    "für Einsteiger",
    "für Fortgeschrittene",
    "in den Ferien",
    "am Wochenende",
    "mit Eltern",
    "für Mädchen",
    "drinnen und draußen",
    "im Stadtteil",
    "für Groß und Klein",
    "mit Picknick",
    "zum Mitmachen",
)
THEMES = (
    "Entdecker",
    "Kleine Helden",
    "Abenteuer Ruhr",
    "Bunte Welt",
    "Mutmacher",
    "Sommerwind",
    "Farbenfroh",
    "Volle Kraft",
    "Neugier",
    "Weltenbummler",
    "Zeitreise",
    "Funkenflug",
)
PLACES = (
    "Grundschule",
    "Jugendzentrum",
    "Familienzentrum",
    "Sporthalle",
    "Gemeindehaus",
    "Begegnungsstätte",
    "Jugendtreff",
    "Stadtteilbüro",
    "Schulzentrum",
    "Vereinsheim",
)
STREET_STEMS = [
    "Linden",
    "Birken",
    "Eichen",
    "Garten",
    "Schul",
    "Kirch",
    "Mühlen",
    "Wald",
    "Feld",
    "Berg",
    "Bach",
    "Ruhr",
    "Markt",
    "Bahnhof",
    "Post",
    "Schloss",
    "Park",
    "Wiesen",
    "Brunnen",
    "Rosen",
    "Tannen",
    "Buchen",
    "Ahorn",
    "Ulmen",
    "Kastanien",
    "Falken",
    "Adler",
    "Raben",
    "Finken",
    "Meisen",
    "Lerchen",
    "Amsel",
    "Drossel",
    "Schwalben",
    "Hirsch",
    "Reh",
    "Fuchs",
    "Dachs",
    "Biber",
    "Otter",
    "Kamp",
    "Hof",
    "Heide",
    "Moor",
    "Au",
    "Weiden",
    "Erlen",
    "Pappel",
    "Eschen",
    "Holunder",
    "Flieder",
    "Tulpen",
    "Nelken",
    "Veilchen",
    "Klee",
    "Hafer",
    "Roggen",
    "Weizen",
    "Gersten",
    "Korn",
    "Sonnen",
    "Mond",
    "Stern",
    "Regen",
    "Wolken",
    "Nebel",
    "Tau",
    "Quell",
    "Teich",
    "See",
]
STREET_TAILS = (
    "straße",
    "weg",
    "allee",
    "platz",
    "ring",
    "gasse",
    "pfad",
    "kamp",
    "feld",
    "hof",
    "stieg",
    "ufer",
    "damm",
    "chaussee",
)
SOURCES = tuple(f"quelle{i:02d}" for i in range(12))
DATED_KINDS = ("holiday_care", "course", "sport", "culture", "leisure")


@dataclass(frozen=True)
class _Venue:
    key: str
    name: str
    street: str
    number: str
    postcode: str
    lat: float
    lon: float


@dataclass(frozen=True)
class _Programme:
    stem: str
    head: str
    qualifier: str | None
    theme: str | None
    kind: str
    pattern: str  # single | week | weekly | undated
    ages: tuple[int, int] | None
    organiser: str
    hour: int


@dataclass
class SyntheticWorld:
    offers: list[Offer] = field(default_factory=list)
    locations: dict[str, Location] = field(default_factory=dict)
    real: dict[str, int] = field(default_factory=dict)
    """Offer id → number of the real offer it lists."""

    def true_pairs(self) -> set[frozenset[str]]:
        by_real: dict[int, list[str]] = {}
        for oid, number in self.real.items():
            by_real.setdefault(number, []).append(oid)
        return {frozenset(p) for ids in by_real.values() for p in combinations(ids, 2)}


def _venues(r: random.Random, count: int) -> list[_Venue]:
    """Venues on streets that each lie in one place (a street is ~200 m long here) and one
    postcode; at most one venue of a kind per street."""
    streets = {
        s + t: (51.38 + r.random() * 0.09, 6.80 + r.random() * 0.15, r.choice(POSTCODES))
        for s in STREET_STEMS
        for t in STREET_TAILS
    }
    names = list(streets)
    seen: set[str] = set()
    venues: list[_Venue] = []
    while len(venues) < count and len(seen) < len(names) * len(PLACES):
        street = r.choice(names)
        name = f"{r.choice(PLACES)} {street}"
        if name in seen:
            continue
        seen.add(name)
        lat, lon, postcode = streets[street]
        venues.append(
            _Venue(
                key=f"v{len(venues)}",
                name=name,
                street=street,
                number=str(r.randint(1, 180)),
                postcode=postcode,
                lat=round(lat + r.uniform(-1e-3, 1e-3), 6),
                lon=round(lon + r.uniform(-1.5e-3, 1.5e-3), 6),
            )
        )
    return venues


def _programme(r: random.Random) -> _Programme:
    pattern = r.choices(("single", "week", "weekly", "undated"), (40, 30, 20, 10))[0]
    low = r.randint(0, 12)
    return _Programme(
        stem=r.choice(STEMS),
        head=r.choice(HEADS),
        qualifier=r.choice(QUALIFIERS) if r.random() < 0.5 else None,
        theme=r.choice(THEMES) if r.random() < 0.3 else None,
        kind="meeting_place" if pattern == "undated" else r.choice(DATED_KINDS),
        pattern=pattern,
        ages=(low, low + r.randint(2, 6)) if r.random() < 0.6 else None,
        organiser=f"{r.choice(('Verein', 'Initiative', 'Förderkreis', 'Netzwerk'))} "
        f"{r.choice(STEMS)} {r.choice(STREET_STEMS)}",
        hour=r.choice((9, 10, 11, 14, 15, 16, 17)),
    )


def _title(p: _Programme, r: random.Random, variant: bool) -> str:
    core = p.stem + p.head
    if not variant:
        title = " ".join([core] + ([p.qualifier] if p.qualifier else []))
        return f"{title}: {p.theme}" if p.theme else title
    style = r.randrange(5)
    if style == 0:
        core = f"{p.stem}-{p.head.capitalize()}"
    elif style == 1:
        core = f"Ferienangebot: {core}"
    elif style == 2:
        core = f"{core} (NEU)"
    elif style == 3 and p.theme:
        return f"„{p.theme}“ – {core}"
    return core if r.random() < 0.5 or not p.qualifier else f"{core} {p.qualifier}"


def _timing(p: _Programme, day: date, r: random.Random, variant: bool) -> dict:
    if p.pattern == "undated":
        return {}
    start_time = time(p.hour)
    if p.pattern == "single":
        first, last, rule, by_day = day, day, None, []
    elif p.pattern == "week":
        first = day - timedelta(days=day.weekday())
        last = first + timedelta(days=4)
        rule = None if variant else f"FREQ=DAILY;UNTIL={last:%Y%m%d}"
        by_day = ["MO", "TU", "WE", "TH", "FR"] if variant else []
    else:
        first, weeks = day, r.randint(6, 12)
        last = first + timedelta(weeks=weeks - 1)
        code = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[first.weekday()]
        rule, by_day = f"FREQ=WEEKLY;BYDAY={code};UNTIL={last:%Y%m%d}", []
        if variant and r.random() < 0.5:
            rule = None  # only the span
    start = datetime.combine(first, start_time, BERLIN)
    end = datetime.combine(last, time(p.hour + 2), BERLIN)
    return {
        "start": start,
        "end": end,
        "schedule": {
            "start_date": first,
            "end_date": last,
            "start_time": start_time,
            "end_time": time(p.hour + 2),
            "rrule": rule,
            "by_day": by_day,
        },
    }


def _location(v: _Venue, source: str, key: str, r: random.Random, variant: bool) -> Location:
    name: str | None = v.name
    street: str | None = f"{v.street} {v.number}"
    lat: float | None = v.lat
    lon: float | None = v.lon
    if variant:
        change = r.randrange(4)
        if change == 0:
            lat = lon = None
        elif change == 1:
            name = None
        elif change == 2 and street:
            street = street.replace("straße", "str.")
        else:
            lat, lon = (
                round(v.lat + r.uniform(-4e-4, 4e-4), 6),
                round(v.lon + r.uniform(-6e-4, 6e-4), 6),
            )
    return Location(
        id=location_id(source, f"{key}/ort"),
        source_id=source,
        name=name,
        street_address=street,
        postal_code=v.postcode,
        locality="Mülheim an der Ruhr",
        latitude=lat,
        longitude=lon,
        geo_precision="street" if lat is not None else None,
    )


def generate(n: int, seed: int = 7, listed_again: float = 0.16) -> SyntheticWorld:
    """About ``n`` offers (listings), with duplicates and near-misses."""
    r = random.Random(f"dedupe-synthetic:{seed}:{n}")
    world = SyntheticWorld()
    venues = _venues(r, max(20, n // 25))
    programmes = [_programme(r) for _ in range(max(10, n // 12))]
    repertoire = {v.key: r.sample(programmes, r.randint(1, 4)) for v in venues}
    fetched = datetime(2026, 11, 21, 9, 30, tzinfo=BERLIN)
    number = 0
    taken: set[tuple[str, int, int]] = set()
    while len(world.offers) < n:
        venue = r.choice(venues)
        choice = r.randrange(len(repertoire[venue.key]))
        programme = repertoire[venue.key][choice]
        day = START + timedelta(days=r.randrange(DAYS))
        # one run of a programme per venue and week (an undated one once): two runs closer
        # than that would be the same offer under two numbers
        week = -1 if programme.pattern == "undated" else (day - START).days // 7
        if (
            (venue.key, choice, week) in taken
            or (venue.key, choice, week - 1) in taken
            or (venue.key, choice, week + 1) in taken
        ):
            continue
        taken.add((venue.key, choice, week))
        copies = 1
        if r.random() < listed_again:
            copies = 3 if r.random() < 0.3 else 2
        for copy, source in enumerate(r.sample(SOURCES, copies)):
            variant = copy > 0
            key = f"{source}-{number}-{copy}"
            location = _location(venue, source, key, r, variant)
            ages = programme.ages if not (variant and r.random() < 0.3) else None
            organiser = programme.organiser if not (variant and r.random() < 0.3) else None
            data = {
                "id": offer_id(source, key),
                "kind": programme.kind,
                "title": _title(programme, r, variant),
                "organization_id": organization_id(f"{source}:{programme.organiser}"),
                "organizer_name": organiser,
                "location_id": location.id,
                "audience": {
                    "age_scope": "range",
                    "age_min_months": ages[0] * 12,
                    "age_max_months": ages[1] * 12 + 11,
                }
                if ages
                else {},
                "provenance": {
                    "source_id": source,
                    "source_record_key": key,
                    "source_licence": LICENCE,
                    "fetched_at": fetched,
                },
                **_timing(programme, day, r, variant),
            }
            offer = Offer.model_validate(data)
            world.offers.append(offer)
            world.locations[location.id] = location
            world.real[offer.id] = number
        number += 1
    return world
