"""Mülheim an der Ruhr as providers write it: Stadtteile, everyday place names, streets, venues.

Street names are real Mülheim streets; house numbers and venue names are invented. Coordinates
are near the centre of the Stadtteil (jittered per venue), good enough for district lookups.
"""

from __future__ import annotations

from dataclasses import dataclass

from demo.content.seed import pick, rng

CITY = "Mülheim an der Ruhr"


@dataclass(frozen=True)
class District:
    """An official Stadtteil with its postcodes, approximate centre and some streets."""

    name: str
    postcodes: tuple[str, ...]
    lat: float
    lon: float
    streets: tuple[str, ...]


@dataclass(frozen=True)
class Quarter:
    """An everyday place name inside a Stadtteil, with streets people locate there."""

    name: str
    district: str
    postcode: str
    lat: float
    lon: float
    streets: tuple[str, ...]


DISTRICTS: dict[str, District] = {
    d.name: d
    for d in (
        District(
            "Altstadt I",
            ("45468",),
            51.4282,
            6.8795,
            (
                "Schloßstraße",
                "Leineweberstraße",
                "Kaiserstraße",
                "Friedrich-Ebert-Straße",
                "Georgstraße",
                "Wallstraße",
                "Delle",
                "Kohlenkamp",
                "Bahnstraße",
                "Löhberg",
                "Ruhrstraße",
                "Dimbeck",
            ),
        ),
        District(
            "Altstadt II",
            ("45468", "45473"),
            51.4338,
            6.8912,
            (
                "Aktienstraße",
                "Hingbergstraße",
                "Sandstraße",
                "Dümptener Straße",
                "Brunshofstraße",
                "Kämpchenstraße",
            ),
        ),
        District(
            "Broich",
            ("45479",),
            51.4215,
            6.8640,
            (
                "Am Schloß Broich",
                "Prinzeß-Luise-Straße",
                "Ritterstraße",
                "Kassenberg",
                "Saarner Straße",
                "Holzstraße",
                "Wilhelminenstraße",
            ),
        ),
        District(
            "Dümpten",
            ("45475",),
            51.4525,
            6.8985,
            (
                "Mellinghofer Straße",
                "Schildberg",
                "Borbecker Straße",
                "Wiescher Weg",
                "Nordstraße",
                "Barbarastraße",
                "Haferacker",
            ),
        ),
        District(
            "Heißen",
            ("45472", "45473"),
            51.4370,
            6.9170,
            (
                "Heißener Straße",
                "Gracht",
                "Rembergstraße",
                "Kleiststraße",
                "Humboldtring",
                "Mühlenfeld",
                "Steinkampstraße",
            ),
        ),
        District(
            "Menden-Holthausen",
            ("45470",),
            51.4050,
            6.9000,
            ("Mendener Straße", "Kölner Straße", "Tilsiter Straße", "Meisenburgstraße"),
        ),
        District(
            "Saarn",
            ("45481",),
            51.4005,
            6.8730,
            (
                "Düsseldorfer Straße",
                "Lintorfer Straße",
                "Klostermarkt",
                "Lehnerstraße",
                "Landsberger Straße",
                "Oemberg",
                "Mintarder Straße",
            ),
        ),
        District(
            "Speldorf",
            ("45478",),
            51.4230,
            6.8410,
            (
                "Duisburger Straße",
                "Blumendeller Straße",
                "Frühlingstraße",
                "Lindenstraße",
                "Hansastraße",
                "Karlsruher Straße",
                "Hochfelder Straße",
            ),
        ),
        District(
            "Styrum",
            ("45476",),
            51.4485,
            6.8620,
            (
                "Oberhausener Straße",
                "Augustastraße",
                "Moritzstraße",
                "Kaiser-Wilhelm-Straße",
                "Neustadtstraße",
                "Friesenstraße",
                "Burgstraße",
                "Hauskampstraße",
            ),
        ),
    )
}

QUARTERS: dict[str, Quarter] = {
    q.name: q
    for q in (
        Quarter(
            "Stadtmitte",
            "Altstadt I",
            "45468",
            51.4290,
            6.8810,
            ("Schloßstraße", "Leineweberstraße", "Kaiserstraße", "Löhberg"),
        ),
        Quarter(
            "Innenstadt",
            "Altstadt I",
            "45468",
            51.4275,
            6.8830,
            ("Friedrich-Ebert-Straße", "Wallstraße", "Georgstraße"),
        ),
        Quarter(
            "Eppinghofen",
            "Altstadt II",
            "45468",
            51.4350,
            6.8880,
            ("Eppinghofer Straße", "Bruchstraße", "Zunftmeisterstraße", "Sandstraße"),
        ),
        Quarter(
            "Winkhausen",
            "Heißen",
            "45473",
            51.4470,
            6.9190,
            ("Winkhauser Weg", "Hantenweg", "Hardenbergstraße"),
        ),
        Quarter(
            "Heimaterde",
            "Heißen",
            "45472",
            51.4320,
            6.9320,
            ("Sunderplatz", "Fünter Weg", "Hingbergstraße"),
        ),
        Quarter(
            "Fulerum", "Heißen", "45472", 51.4255, 6.9380, ("Fulerumer Straße", "Hatzper Straße")
        ),
        Quarter(
            "Holthausen",
            "Menden-Holthausen",
            "45470",
            51.4120,
            6.8990,
            ("Kalkstraße", "Holthauser Höfe", "Zeppelinstraße"),
        ),
        Quarter(
            "Raadt",
            "Menden-Holthausen",
            "45470",
            51.4060,
            6.9350,
            ("Raadter Straße", "Brunshofstraße"),
        ),
        Quarter(
            "Ickten",
            "Menden-Holthausen",
            "45470",
            51.3900,
            6.9200,
            ("Icktener Straße", "Am Bergbaum"),
        ),
        Quarter(
            "Selbeck",
            "Saarn",
            "45481",
            51.3800,
            6.8780,
            ("Selbecker Straße", "Kölner Straße", "Am Kreuz"),
        ),
        Quarter(
            "Mintard",
            "Saarn",
            "45481",
            51.3750,
            6.8970,
            ("Mintarder Dorfstraße", "August-Thyssen-Straße"),
        ),
    )
}


@dataclass(frozen=True)
class Venue:
    """A named place with a street address, its official Stadtteil and the name people use."""

    name: str
    street: str
    postcode: str
    district: str
    written_area: str
    lat: float
    lon: float

    @property
    def city(self) -> str:
        return CITY

    @property
    def one_line(self) -> str:
        return f"{self.street}, {self.postcode} {CITY}"


def venue(name: str, area: str, street: str | None = None, number: str | None = None) -> Venue:
    """A venue in ``area`` (official Stadtteil or everyday name); address fixed by its name."""
    r = rng(f"venue:{name}:{area}")
    if area in QUARTERS:
        q = QUARTERS[area]
        district, postcode, lat, lon, streets = q.district, q.postcode, q.lat, q.lon, q.streets
    elif area in DISTRICTS:
        d = DISTRICTS[area]
        district, postcode, lat, lon, streets = (
            d.name,
            pick(r, d.postcodes),
            d.lat,
            d.lon,
            d.streets,
        )
    else:
        raise KeyError(f"unknown Mülheim area {area!r}")
    street_name = street or pick(r, streets)
    house = number or str(r.randint(1, 160)) + ("a" if r.random() < 0.08 else "")
    return Venue(
        name=name,
        street=f"{street_name} {house}",
        postcode=postcode,
        district=district,
        written_area=area,
        lat=round(lat + r.uniform(-0.006, 0.006), 6),
        lon=round(lon + r.uniform(-0.008, 0.008), 6),
    )


def phone(r_name: str, *, city_office: bool = False) -> str:
    """A Mülheim phone number in one of the ways people write them (area code 0208)."""
    r = rng(f"phone:{r_name}")
    if city_office:
        return pick(r, ("0208 455-{0}", "0208 / 455-{0}", "(0208) 455 {0}")).format(
            r.randint(2000, 6999)
        )
    number = str(r.randint(300000, 899999))
    return pick(
        r,
        (
            f"0208 {number}",
            f"0208/{number}",
            f"0208 {number[:2]} {number[2:4]} {number[4:]}",
            f"(0208) {number[:3]} {number[3:]}",
        ),
    )
