"""Nursing and changing spots ("Stillinseln") of the city map portal (kind nursing_changing):
20 points with opening hours as text and yes/no flags, as a GIS layer exports them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from demo.content.places import Venue, venue
from schemas.vocab import OfferKind


@dataclass(frozen=True)
class NursingSpot:
    key: str  # objectid
    name: str
    category: str
    operator: str
    venue: Venue
    hours: str | None
    changing_table: str
    nursing_room: str
    accessible: str
    note: str | None
    checked: str
    swapped_coordinates: bool = False
    kind: str = OfferKind.NURSING_CHANGING.value


_SPOTS: tuple[tuple, ...] = (
    # name, category, operator, area, street, number, hours, changing, nursing, accessible, note
    (
        "Stadtbibliothek im Medienhaus",
        "Still- und Wickelplatz",
        "Stadt Mülheim an der Ruhr",
        "Innenstadt",
        "Synagogenplatz",
        "3",
        "Di–Fr 10–19 Uhr, Sa 10–14 Uhr",
        "ja",
        "ja",
        "ja",
        "Stillsessel in der Kinderbibliothek, 1. OG",
    ),
    (
        "Bürgeramt im Rathaus",
        "Wickelplatz",
        "Stadt Mülheim an der Ruhr",
        "Stadtmitte",
        "Ruhrstraße",
        "32",
        "Mo–Fr 8–16 Uhr, Do bis 18 Uhr",
        "ja",
        "nein",
        "ja",
        "Wickeltisch im barrierefreien WC, Erdgeschoss",
    ),
    (
        "Familienbüro",
        "Stillinsel",
        "Stadt Mülheim an der Ruhr",
        "Stadtmitte",
        "Kaiserstraße",
        "6",
        "Mo–Do 9–15 Uhr, Fr 9–12 Uhr",
        "ja",
        "ja",
        "ja",
        "Separater Raum mit Sessel, Wasser wird angeboten",
    ),
    (
        "Kunstmuseum in der Alten Post",
        "Still- und Wickelplatz",
        "Stadt Mülheim an der Ruhr",
        "Innenstadt",
        "Viktoriaplatz",
        "1",
        "täglich außer montags 11–18 Uhr",
        "ja",
        "ja",
        "eingeschränkt",
        None,
    ),
    (
        "Aquarius Wassermuseum",
        "Wickelplatz",
        "Museumsverein",
        "Styrum",
        "Burgstraße",
        "70",
        "Di–So 10–18 Uhr",
        "ja",
        "Stillecke",
        "eingeschränkt",
        "Aufzug nur bis zur 2. Ebene",
    ),
    (
        "Camera Obscura – Museum zur Vorgeschichte des Films",
        "Wickelplatz",
        "Stadt Mülheim an der Ruhr",
        "Broich",
        "Am Schloß Broich",
        "42",
        "Mi–Fr 14–18 Uhr, Sa/So 11–18 Uhr",
        "ja",
        "nein",
        "nein",
        None,
    ),
    (
        "Schloß Broich – Besucherzentrum",
        "Still- und Wickelplatz",
        "MST Mülheimer Stadtmarketing",
        "Broich",
        "Am Schloß Broich",
        "28",
        "Mo–Fr 10–17 Uhr",
        "ja",
        "ja",
        "ja",
        None,
    ),
    (
        "MüGa-Café am Wasserbahnhof",
        "Wickelplatz",
        "Gastronomie",
        "Broich",
        "Am Schloß Broich",
        "50",
        "April–Oktober täglich 10–19 Uhr",
        "ja",
        "nein",
        "ja",
        "nur in der Saison geöffnet",
    ),
    (
        "Forum-Passage, Kundenservice",
        "Still- und Wickelplatz",
        "Centermanagement",
        "Stadtmitte",
        "Hans-Böckler-Platz",
        "7",
        "Mo–Sa 10–20 Uhr",
        "ja",
        "ja",
        "ja",
        "Eltern-Kind-Raum neben dem Kundenservice",
    ),
    (
        "Evangelisches Krankenhaus, Elternschule",
        "Stillinsel",
        "Ev. Krankenhaus Mülheim",
        "Altstadt I",
        "Wertgasse",
        "30",
        "rund um die Uhr",
        "ja",
        "ja",
        "ja",
        "Eingang über die Geburtshilfe",
    ),
    (
        "Stadtteilbüro Eppinghofen",
        "Stillinsel",
        "Stadt Mülheim an der Ruhr",
        "Eppinghofen",
        "Eppinghofer Straße",
        "50",
        "Mo, Mi, Fr 9–13 Uhr",
        "ja",
        "ja",
        "ja",
        None,
    ),
    (
        "Familienzentrum Styrum",
        "Still- und Wickelplatz",
        "AWO Mülheim",
        "Styrum",
        "Moritzstraße",
        "94",
        "Mo–Fr 7.30–16 Uhr",
        "ja",
        "ja",
        "ja",
        "Bitte an der Tür klingeln",
    ),
    (
        "Drogeriemarkt Schloßstraße",
        "Wickelplatz",
        "Einzelhandel",
        "Stadtmitte",
        "Schloßstraße",
        "21",
        "Mo–Sa 9–20 Uhr",
        "ja",
        "nein",
        "ja",
        None,
    ),
    (
        "Apotheke am Dümptener Markt",
        "Stillinsel",
        "Einzelhandel",
        "Dümpten",
        "Mellinghofer Straße",
        "206",
        "Mo–Fr 8.30–18.30 Uhr, Sa 9–13 Uhr",
        "nein",
        "ja",
        "eingeschränkt",
        "Beratungsraum wird zum Stillen geöffnet",
    ),
    (
        "Café Kinderwagen",
        "Still- und Wickelplatz",
        "Café",
        "Saarn",
        "Düsseldorfer Straße",
        "89",
        "Di–So 9–18 Uhr",
        "ja",
        "ja",
        "ja",
        "Spielecke vorhanden",
    ),
    (
        "Sparkasse Heißen",
        "Wickelplatz",
        "Sparkasse",
        "Heißen",
        "Heißener Straße",
        "16",
        "Mo–Fr 9–12.30 Uhr und 14–16 Uhr, Do bis 18 Uhr",
        "ja",
        "nein",
        "ja",
        None,
    ),
    (
        "Tiergehege Witthausbusch, Kiosk",
        "Wickelplatz",
        "Stadt Mülheim an der Ruhr",
        "Holthausen",
        "Kalkstraße",
        "1",
        "täglich 9–17 Uhr",
        "ja",
        "nein",
        "eingeschränkt",
        "Wickelauflage im Toilettenhäuschen",
    ),
    (
        "Friedrich-Wennmann-Bad",
        "Still- und Wickelplatz",
        "Mülheimer SportService",
        "Heißen",
        "Mühlenfeld",
        "7",
        "laut Badöffnungszeiten",
        "ja",
        "ja",
        "ja",
        None,
    ),
    (
        "Bezirksbibliothek Speldorf",
        "Stillinsel",
        "Stadt Mülheim an der Ruhr",
        "Speldorf",
        "Duisburger Straße",
        "400",
        "Di und Do 10–18 Uhr, Fr 10–13 Uhr",
        "ja",
        "ja",
        "nein",
        "Treppenlift vorhanden, aber häufig defekt",
    ),
    (
        "Gemeindehaus Saarn – Krabbeltreff",
        "Still- und Wickelplatz",
        "Ev. Kirchengemeinde Saarn",
        "Saarn",
        "Lintorfer Straße",
        "12",
        None,
        "ja",
        "ja",
        "ja",
        "Öffnungszeiten siehe Aushang",
    ),
)


@cache
def nursing_spots() -> tuple[NursingSpot, ...]:
    """The 20 spots, by objectid; objectid 17 carries swapped coordinates (a data error)."""
    out: list[NursingSpot] = []
    for n, spec in enumerate(_SPOTS, start=1):
        (
            name,
            category,
            operator,
            area,
            street,
            number,
            hours,
            changing,
            nursing,
            accessible,
            note,
        ) = spec
        object_id = str(n if n < 10 else n + 3)
        out.append(
            NursingSpot(
                key=object_id,
                name=name,
                category=category,
                operator=operator,
                venue=venue(name, area, street, number),
                hours=hours,
                changing_table=changing,
                nursing_room=nursing,
                accessible=accessible,
                note=note,
                checked=f"2026-{(n % 9) + 1:02d}-{(n * 3) % 27 + 1:02d}",
                swapped_coordinates=object_id == "17",
            )
        )
    return tuple(out)
