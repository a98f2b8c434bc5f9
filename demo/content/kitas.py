"""The city's Kita directory (kind kita): 90 day-care centres with number, name, Träger,
address, places, opening hours, Familienzentrum flag, contact and a short concept.

Every text is representable in Windows-1252; the concepts use typographic quotes, dashes,
the euro sign and ellipses, which only cp1252 (not Latin-1) can encode.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

from demo.content.places import Venue, phone, venue
from demo.content.seed import pick, rng
from demo.content.sloppy import sloppy
from schemas.vocab import OfferKind

AREAS: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    # official Stadtteil, number of Kitas, other names written in the Stadtteil column
    ("Altstadt I", 8, ("Stadtmitte",)),
    ("Altstadt II", 12, ("Eppinghofen",)),
    ("Broich", 8, ()),
    ("Dümpten", 11, ()),
    ("Heißen", 13, ("Heimaterde", "Winkhausen", "Fulerum")),
    ("Menden-Holthausen", 8, ("Holthausen", "Raadt", "Ickten")),
    ("Saarn", 13, ("Selbeck", "Mintard")),
    ("Speldorf", 9, ()),
    ("Styrum", 8, ()),
)


@dataclass(frozen=True)
class Provider:
    name: str
    kind: str  # Trägerart
    mail_domain: str
    names: tuple[str, ...]
    pattern: str


PROVIDERS: tuple[tuple[Provider, int], ...] = (
    (
        Provider(
            "Stadt Mülheim an der Ruhr",
            "öffentlich",
            "kitas.muelheim.example",
            (),
            "Städt. Kita {street}",
        ),
        26,
    ),
    (
        Provider(
            "Ev. Kita-Verbund Mülheim",
            "kirchlich (ev.)",
            "ev-kitas-mh.example",
            (
                "Arche Noah",
                "Regenbogen",
                "Senfkorn",
                "Sonnenblume",
                "Lukas",
                "Markus",
                "Paulus",
                "Friedenskirche",
                "Lichtblick",
                "Kreuzkirche",
                "Apostel",
                "Petri",
                "Johannes",
                "Gnadenkirche",
            ),
            "Ev. Kita {name}",
        ),
        14,
    ),
    (
        Provider(
            "Kath. Kita-Verbund Mülheim",
            "kirchlich (kath.)",
            "kath-kitas-mh.example",
            (
                "St. Barbara",
                "St. Engelbert",
                "St. Joseph",
                "St. Michael",
                "Herz Jesu",
                "St. Elisabeth",
                "St. Mariae Rosenkranz",
                "St. Theresia",
                "St. Raphael",
                "Heilig Kreuz",
                "St. Ludger",
                "St. Laurentius",
                "Christus König",
            ),
            "Kath. Kita {name}",
        ),
        13,
    ),
    (
        Provider(
            "AWO Mülheim an der Ruhr e.V.",
            "freier Träger",
            "awo-mh.example",
            (
                "Pusteblume",
                "Kunterbunt",
                "Spatzennest",
                "Löwenzahn",
                "Sternschnuppe",
                "Villa Kunterbunt",
                "Purzelbaum",
                "Sonnenschein",
                "Wirbelwind",
                "Schatzkiste",
            ),
            "AWO-Kita „{name}“",
        ),
        10,
    ),
    (
        Provider(
            "DRK Mülheim an der Ruhr",
            "freier Träger",
            "drk-mh.example",
            (
                "Kleine Strolche",
                "Wichtelhaus",
                "Abenteuerland",
                "Zauberwald",
                "Bullerbü",
                "Traumland",
            ),
            "DRK-Kita {name}",
        ),
        6,
    ),
    (
        Provider(
            "Diakonie Mülheim gGmbH",
            "freier Träger",
            "diakonie-mh.example",
            (
                "Buntstift",
                "Farbklecks",
                "Himmelszelt",
                "Schneckenhaus",
                "Weltentdecker",
                "Rasselbande",
            ),
            "Kita „{name}“ der Diakonie",
        ),
        6,
    ),
    (
        Provider(
            "Elterninitiative e.V.",
            "Elterninitiative",
            "elterninitiative.example",
            (
                "Zwergenstübchen",
                "Kleine Füchse",
                "Rappelkiste",
                "Die Ruhrzwerge",
                "Kinderstube",
                "Flohkiste",
                "Wühlmäuse",
                "Naseweis",
            ),
            "Elterninitiative „{name}“ e.V.",
        ),
        8,
    ),
    (
        Provider(
            "Lebenshilfe Mülheim e.V.",
            "freier Träger",
            "lebenshilfe-mh.example",
            ("Miteinander", "Vielfalt", "Brückenbauer"),
            "Integrative Kita „{name}“",
        ),
        3,
    ),
    (
        Provider(
            "Montessori- und Waldorfverein Mülheim e.V.",
            "freier Träger",
            "freie-kitas-mh.example",
            (
                "Montessori-Kinderhaus",
                "Waldorfkindergarten",
                "Waldkindergarten",
                "Freie Kinderschule",
            ),
            "{name} {area}",
        ),
        4,
    ),
)

HOURS: tuple[tuple[str, float], ...] = (
    ("Mo–Fr 7.00–16.30 Uhr", 9.5),
    ("Mo–Do 7.00–16.30 Uhr; Fr 7.00–14.00 Uhr", 9.5),
    ("7:15 - 16:15 Uhr", 9.0),
    ("Mo-Fr 7.30 bis 16.30 Uhr", 9.0),
    ("montags bis freitags 7–17 Uhr", 10.0),
    ("Mo–Fr 7.00–14.00 Uhr (Blocköffnung)", 7.0),
    ("Mo–Fr 7.30–15.30 Uhr", 8.0),
    ("Mo – Fr 7:00 – 16:45 Uhr", 9.75),
)

CONCEPTS: tuple[str, ...] = (
    "Offenes Konzept mit Funktionsräumen; Schwerpunkt Bewegung und Psychomotorik.",
    "Teiloffene Arbeit in drei Stammgruppen; „Haus der kleinen Forscher“ seit 2019.",
    "Sprach-Kita im Bundesprogramm; alltagsintegrierte Sprachbildung – auch mehrsprachig.",
    "Naturnahes Außengelände mit Matschanlage, Hochbeeten und Obstwiese.",
    "Religionspädagogische Arbeit im Jahreskreis; Kooperation mit der Gemeinde.",
    "Inklusive Einrichtung mit heilpädagogischen Fachkräften; Therapie im Haus (Logopädie, "
    "Ergotherapie).",
    "Situationsansatz: Themen der Kinder stehen im Mittelpunkt – Projekte statt Wochenplan.",
    "Mittagessen aus der eigenen Küche, Bio-Anteil über 50 %; Essensgeld 3,80 € pro Tag.",
    "U3-Bereich mit eigenem Schlafraum und Wickelbereich; Eingewöhnung nach dem Berliner Modell.",
    "Musikalische Früherziehung in Kooperation mit der Musikschule; Singen, Rhythmus, "
    "Instrumente …",
    "Waldtage jede Woche; bei jedem Wetter draußen.",
    "Partizipation und Kinderrechte: Kinderparlament und Beschwerdeverfahren für Kinder.",
    "Zertifizierter Bewegungskindergarten (Landessportbund NRW).",
    "Montessori-Pädagogik: „Hilf mir, es selbst zu tun.“",
)

FAMILY_CENTRE_MARKS = (
    "ja",
    "ja",
    "ja",
    "Ja",
    "ja",
    "JA",
    "ja (im Verbund)",
    "Ja – zertifiziert 2024",
)


@dataclass(frozen=True)
class Kita:
    key: str  # Einrichtungsnummer, 4 digits with leading zero
    name: str
    provider: str
    provider_kind: str
    venue: Venue
    district_text: str
    places_u3: int
    places_ue3: int
    hours_text: str
    hours_per_day: float
    family_centre: str
    phone: str
    email: str
    concept: str
    kind: str = OfferKind.KITA.value


def _concept(r: random.Random) -> str:
    parts = r.sample(CONCEPTS, r.randint(1, 3))
    joiner = pick(r, (" ", "\n", "\n\n", " "))
    return joiner.join(parts)


@cache
def kitas() -> tuple[Kita, ...]:
    """The 90 Kitas ordered by number (Stadtteil code + running number)."""
    r = rng("kitas")
    mess = rng("kitas:sloppy")
    bag: list[Provider] = [p for p, n in PROVIDERS for _ in range(n)]
    r.shuffle(bag)
    name_pools = {p.name: list(p.names) for p, _ in PROVIDERS}
    for pool in name_pools.values():
        r.shuffle(pool)
    family_slots = set(r.sample(range(90), 21))
    out: list[Kita] = []
    index = 0
    used_names: set[str] = set()
    for code, (district, count, quarters) in enumerate(AREAS, start=1):
        for n in range(1, count + 1):
            provider = bag[index]
            area = pick(r, quarters) if quarters and r.random() < 0.45 else district
            street = None
            if provider.pattern.startswith("Städt."):
                v = venue(f"kita-{code}-{n}", area)
                street_name = v.street.rsplit(" ", 1)[0]
                name = provider.pattern.format(street=street_name)
                if name in used_names:
                    name = f"Städt. Tageseinrichtung für Kinder {street_name} {n}"
            else:
                base = name_pools[provider.name].pop() if name_pools[provider.name] else f"Nr. {n}"
                name = provider.pattern.format(name=base, area=area)
                v = venue(name, area, street)
            used_names.add(name)
            family = index in family_slots
            if family:
                name = pick(r, (f"{name} – Familienzentrum", f"Familienzentrum {name}", name))
            hours, per_day = pick(r, HOURS)
            u3 = pick(r, (0, 6, 10, 12, 12, 14, 16, 20, 22, 24))
            ue3 = pick(r, (25, 35, 40, 45, 50, 55, 60, 70, 75, 90))
            plain = (
                name.lower()
                .replace("ä", "ae")
                .replace("ö", "oe")
                .replace("ü", "ue")
                .replace("ß", "ss")
            )
            slug = "".join(ch for ch in plain if ch.isascii() and ch.isalnum())[:24]
            family_text = (
                pick(r, FAMILY_CENTRE_MARKS)
                if family
                else pick(r, ("nein", "nein", "nein", "Nein", ""))
            )
            out.append(
                Kita(
                    key=f"{code:02d}{n:02d}",
                    name=name,
                    provider=provider.name,
                    provider_kind=provider.kind,
                    venue=v,
                    district_text=v.written_area,
                    places_u3=u3,
                    places_ue3=ue3,
                    hours_text=sloppy(mess, hours, 0.1),
                    hours_per_day=per_day,
                    family_centre=family_text,
                    phone=sloppy(mess, phone(name), 0.06),
                    email=f"kita.{slug}@{provider.mail_domain}",
                    concept=_concept(r),
                )
            )
            index += 1
    return tuple(out)
