"""Public playgrounds of the city's parks department (kind leisure): 26 of the city's ~100
playgrounds, grouped by Stadtbezirk, with coordinates in ETRS89 / UTM zone 32N (EPSG:25832)
as the department's GIS exports them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pyproj import Transformer

from demo.content.places import Venue, venue
from schemas.vocab import OfferKind

PROVIDER = "spielplaetze"
DEPARTMENT = "Stadt Mülheim an der Ruhr – Grünflächenmanagement"
BEZIRKE = {1: "Rechtsruhr-Süd", 2: "Rechtsruhr-Nord", 3: "Linksruhr"}


@dataclass(frozen=True)
class Playground:
    key: str  # Bezirk.laufende Nummer, e.g. "3.07"
    bezirk: int
    name: str
    place: Venue
    ages: str
    equipment: str
    size_m2: int
    accessible: str
    easting: float
    northing: float
    kind: str = OfferKind.LEISURE.value


# Bezirk, number, name, area, street, ages, equipment, size m², barrier-free
_PLAYGROUNDS: tuple[tuple, ...] = (
    (1, 2, "Spielplatz Löhberg", "Stadtmitte", "Löhberg", "0–6 J.",
     "Sandkasten, Wippe, Kleinkindrutsche", 640, "ja"),
    (1, 4, "Spielplatz an der Dimbeck", "Altstadt I", "Dimbeck", "3–12 J.",
     "Kletterturm, Schaukel, Tischtennisplatte", 1850, "teilweise"),
    (1, 5, "Wasserspielplatz in der MüGa", "Innenstadt", "Friedrich-Ebert-Straße",
     "alle Altersgruppen", "Wasserpumpe, Matschrinne, „Flussbett“ mit Stauwehr", 3200, "ja"),
    (1, 9, "Spielplatz Kämpchenstraße", "Altstadt II", "Kämpchenstraße", "6–14 J.",
     "Seilbahn, Basketballkorb", 2100, "nein"),
    (1, 11, "Spielplatz Witthausbusch", "Holthausen", "Kalkstraße", "alle Altersgruppen",
     "Waldspielplatz, Balancierbalken, Weidentunnel", 4100, "teilweise"),
    (1, 14, "Spielplatz Raadter Straße", "Raadt", "Raadter Straße", "0–6 J.",
     "Sandkasten, Federwippe, Spielhaus", 520, "ja"),
    (1, 17, "Spielplatz Icktener Höhe", "Ickten", "Icktener Straße", "3–12 J.",
     "Kletterspinne, Nestschaukel", 1330, "nein"),
    (1, 20, "Spielplatz Fulerum", "Fulerum", "Fulerumer Straße", "6–14 J.",
     "Bolzplatz, Kletterwand", 2600, "teilweise"),
    (2, 1, "Abenteuerspielplatz Styrum", "Styrum", "Augustastraße", "6–14 J.",
     "Hüttenbau, Feuerstelle, Tiergehege (betreut)", 5200, "teilweise"),
    (2, 3, "Spielplatz Neustadtstraße", "Styrum", "Neustadtstraße", "0–6 J.",
     "Sandkasten, Rutsche, Schaukel", 780, "ja"),
    (2, 6, "Spielplatz Mellinghofer Straße", "Dümpten", "Mellinghofer Straße", "3–12 J.",
     "„Piratenschiff“ mit Rutsche, Drehkarussell", 1560, "ja"),
    (2, 8, "Spielplatz Haferacker", "Dümpten", "Haferacker", "0–6 J.",
     "Sandbaustelle mit Bagger, Wippe", 610, "ja"),
    (2, 10, "Spielplatz Winkhauser Weg", "Winkhausen", "Winkhauser Weg", "6–14 J.",
     "Parcours, Trampolin (bodeneben)", 1900, "teilweise"),
    (2, 12, "Spielplatz Heimaterde", "Heimaterde", "Sunderplatz", "alle Altersgruppen",
     "Rutschenhügel, Schaukeln, Sitzmauer", 2400, "ja"),
    (2, 15, "Spielplatz Eppinghofer Straße", "Eppinghofen", "Eppinghofer Straße", "3–12 J.",
     "Kletterschiff, Sandkasten", 1120, "teilweise"),
    (2, 18, "Bolzplatz Oberhausener Straße", "Styrum", "Oberhausener Straße", "10–16 J.",
     "Kunstrasen-Bolzplatz, Streetball", 2800, "nein"),
    (2, 21, "Spielplatz Humboldtring", "Heißen", "Humboldtring", "0–6 J.",
     "Kleinkindbereich, Wasserspiel (Sommer)", 900, "ja"),
    (3, 1, "Spielplatz am Kassenberg", "Broich", "Kassenberg", "3–12 J.",
     "Burganlage mit Rutsche, Schaukel", 1700, "teilweise"),
    (3, 4, "Spielplatz Ritterstraße", "Broich", "Ritterstraße", "0–6 J.",
     "Sandkasten, Spielhaus, Federtiere", 560, "ja"),
    (3, 7, "Spielplatz Saarner Auen", "Saarn", "Mintarder Straße", "alle Altersgruppen",
     "Naturspielraum, Findlinge, Wasserlauf", 3900, "teilweise"),
    (3, 9, "Spielplatz Klostermarkt", "Saarn", "Klostermarkt", "0–6 J.",
     "Sandkasten, Kletterhaus", 700, "ja"),
    (3, 12, "Spielplatz Oemberg", "Saarn", "Oemberg", "6–14 J.",
     "Seilzirkus, Tischtennis", 2050, "nein"),
    (3, 13, "Spielplatz Selbeck", "Selbeck", "Selbecker Straße", "3–12 J.",
     "Holzlok, Schaukel, Wippe", 1250, "teilweise"),
    (3, 16, "Spielplatz Frühlingstraße", "Speldorf", "Frühlingstraße", "3–12 J.",
     "Kletterkombination, Nestschaukel", 1480, "ja"),
    (3, 19, "Bolzplatz Speldorf", "Speldorf", "Hansastraße", "10–16 J.",
     "Bolzplatz, Skateelemente", 3100, "nein"),
    (3, 22, "Spielplatz Mintard", "Mintard", "Mintarder Dorfstraße", "0–6 J.",
     "Sandkasten, Schaukel", 480, "ja"),
)  # fmt: skip


@cache
def playgrounds() -> tuple[Playground, ...]:
    """The 26 playgrounds in list order (by Stadtbezirk and number)."""
    to_utm = Transformer.from_crs("EPSG:4326", "EPSG:25832", always_xy=True)
    out: list[Playground] = []
    for bezirk, number, name, area, street, ages, equipment, size, accessible in _PLAYGROUNDS:
        place = venue(name, area, street)
        easting, northing = to_utm.transform(place.lon, place.lat)
        out.append(
            Playground(
                key=f"{bezirk}.{number:02d}",
                bezirk=bezirk,
                name=name,
                place=place,
                ages=ages,
                equipment=equipment,
                size_m2=size,
                accessible=accessible,
                easting=round(easting, 2),
                northing=round(northing, 2),
            )
        )
    return tuple(out)
