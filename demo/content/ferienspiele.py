"""Offers of the city youth office's holiday booking portal (Ferienspiele), kind holiday_care.

90 offers across the autumn 2026 to autumn 2027 holidays. Exactly one offer carries an
impossible date ("31.06.2027"), a typo the pipeline must quarantine.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, time
from functools import cache

from demo.content.calendar import (
    HERBST_2026,
    HERBST_2027,
    OSTERN_2027,
    PFINGSTEN_2027,
    SOMMER_2027,
    WEIHNACHTEN_2026,
    Holiday,
)
from demo.content.german import ORDINALS, WEEKDAYS, age_range, d_full, d_words, span, times
from demo.content.places import Venue, venue
from demo.content.seed import pick, rng
from demo.content.sloppy import sloppy
from schemas.vocab import OfferKind

IMPOSSIBLE_DATE_TEXT = "30.08.2027 – 31.06.2027"


@dataclass(frozen=True)
class HolidayOffer:
    """One portal offer as the portal shows it (texts as written, plus live-place basics)."""

    key: str
    title: str
    subtitle: str | None
    organiser: str
    venue: Venue
    district_text: str
    holiday: Holiday
    start: date
    end: date
    date_text: str
    time_text: str
    age_text: str
    price_text: str
    description_html: str
    capacity: int
    free: int
    waitlist: int
    cancelled: bool
    registration_text: str
    places_style: int
    kind: str = OfferKind.HOLIDAY_CARE.value


@dataclass(frozen=True)
class Theme:
    titles: tuple[str, ...]
    ages: tuple[int, int | None]
    hours: tuple[time, time]
    prices: tuple[str, ...]
    hosts: tuple[tuple[str, str, str, str | None], ...]  # organiser, venue, area, street
    capacity: tuple[int, ...]
    intro: tuple[str, ...]
    items: tuple[str, ...]
    bring: str
    seasons: tuple[str, ...] = ()


YOUTH_CENTRES = (
    (
        "Jugendzentrum Stadtmitte (Stadt Mülheim an der Ruhr)",
        "Jugendzentrum Stadtmitte",
        "Stadtmitte",
        "Georgstraße",
    ),
    ("Ev. Jugend Styrum", "Jugendcafé Augusta", "Styrum", "Augustastraße"),
    ("Jugendhaus Speldorf", "Jugendhaus Speldorf", "Speldorf", "Frühlingstraße"),
    ("Jugendzentrum Broich", "Jugendzentrum Broich", "Broich", "Ritterstraße"),
    ("AWO-Haus Holthausen", "AWO-Haus Holthausen", "Holthausen", "Kalkstraße"),
    ("Kinder- und Jugendtreff Eppinghofen", "Treff Eppinghofen", "Eppinghofen", "Bruchstraße"),
    ("Jugendtreff Dümpten (Stadt Mülheim an der Ruhr)", "Jugendtreff Dümpten", "Dümpten", None),
    ("Offene Tür Heißen e.V.", "OT Heißen", "Heißen", "Gracht"),
    ("Falken-Treff Heimaterde", "Falken-Treff Heimaterde", "Heimaterde", "Sunderplatz"),
    ("Jugendtreff Winkhausen", "Jugendtreff Winkhausen", "Winkhausen", "Winkhauser Weg"),
)

OGS = (
    ("OGS (Träger: AWO)", "Grundschule Zunftmeisterstraße", "Eppinghofen", "Zunftmeisterstraße"),
    ("OGS (Träger: Diakonie)", "Grundschule am Oemberg", "Saarn", "Oemberg"),
    ("OGS (Träger: Caritas)", "Grundschule Blumendeller Straße", "Speldorf", "Blumendeller Straße"),
    ("OGS (Träger: AWO)", "Grundschule Augustastraße", "Styrum", "Augustastraße"),
    (
        "OGS (Träger: Ev. Jugendhilfe)",
        "Grundschule Mellinghofer Straße",
        "Dümpten",
        "Mellinghofer Straße",
    ),
    ("OGS (Träger: Diakonie)", "Grundschule am Humboldtring", "Heißen", "Humboldtring"),
    (
        "OGS (Träger: Caritas)",
        "Grundschule Meisenburgstraße",
        "Menden-Holthausen",
        "Meisenburgstraße",
    ),
    ("OGS (Träger: AWO)", "Grundschule Holzstraße", "Broich", "Holzstraße"),
    ("OGS (Träger: Ev. Jugendhilfe)", "Grundschule Selbeck", "Selbeck", "Selbecker Straße"),
)

RELIABLE = Theme(
    titles=(
        "Verlässliche Ferienspiele",
        "Verlässliche Ferienspiele {venue}",
        "Verlässliche Ferienbetreuung an der {venue}",
        "Ferienspiele – verlässliche Betreuung",
    ),
    ages=(6, 12),
    hours=(time(8), time(13)),
    prices=(
        "15 Euro pro Woche, mit Mülheim-Pass die Hälfte",
        "15,00 € / Woche (mit Mülheim-Pass 7,50 €)",
        "15 € pro Woche; Kinder mit Mülheim-Pass zahlen 7,50 €. Bildungsgutscheine werden "
        "angenommen.",
    ),
    hosts=OGS,
    capacity=(25, 30, 40),
    intro=(
        "Die verlässlichen Ferienspiele bieten berufstätigen Eltern eine sichere Betreuung am "
        "Vormittag. "
        "Gespielt, gebastelt und getobt wird in festen Gruppen mit bekannten Betreuerinnen und "
        "Betreuern.",
        "Montag bis Freitag ist von 8 bis 13 Uhr jemand da – auch Kinder, die nicht die OGS "
        "besuchen, "
        "sind herzlich willkommen.",
        "Jede Woche steht unter einem eigenen Motto. Es gibt ein gesundes Frühstück, viel Zeit "
        "draußen und einen kleinen Ausflug in der Nachbarschaft.",
    ),
    items=(
        "Bastel- und Werkangebote",
        "Spiele auf dem Schulhof",
        "gemeinsames Frühstück",
        "ein Ausflug pro Woche (z.&nbsp;B. Witthausbusch oder MüGa)",
        "Vorlesen und Ruhezeit",
    ),
    bring="Bitte an Wechselkleidung und eine Trinkflasche denken.",
)

THEMES: tuple[Theme, ...] = (
    Theme(
        titles=(
            "Zirkuswoche „Manege frei!“",
            "Zirkusprojekt: Hereinspaziert!",
            "Kleine Artisten – Zirkuswoche",
        ),
        ages=(6, 12),
        hours=(time(9), time(15)),
        prices=(
            "50 Euro pro Kind und Woche",
            "115 Euro, jedes weitere Geschwisterkind 85 Euro",
            "50 € inkl. Mittagessen, mit Mülheim-Pass 25 €",
        ),
        hosts=(
            (
                "Zirkusschule Ruhrtal e.V.",
                "Zirkuszelt an der Gesamtschule",
                "Dümpten",
                "Nordstraße",
            ),
        ),
        capacity=(30, 40),
        intro=(
            "Jonglieren, Balancieren, Zaubern: Eine Woche lang wird das Zelt zur Manege.",
            "Am Freitag zeigen alle Kinder ihr Können bei einer großen Vorstellung für Eltern "
            "und Geschwister.",
        ),
        items=(
            "Akrobatik und Pyramiden",
            "Jonglage mit Tüchern, Bällen und Tellern",
            "Seiltanz und Einrad",
            "Clownerie und Zauberei",
        ),
        bring="Bequeme Kleidung und Turnschuhe mitbringen.",
        seasons=("ostern2027", "sommer2027", "herbst2027"),
    ),
    Theme(
        titles=("Abenteuer im Witthausbusch", "Waldwoche in Selbeck", "Wald-Detektive unterwegs"),
        ages=(7, 11),
        hours=(time(9), time(14)),
        prices=(
            "kostenlos",
            "20 Euro (inkl. Material), ermäßigt 10 Euro",
            "Die Teilnahme ist kostenlos.",
        ),
        hosts=(
            ("Naturschutzjugend Mülheim", "Waldschule Selbeck", "Selbeck", "Selbecker Straße"),
            (
                "Naturschutzjugend Mülheim",
                "Treffpunkt Tiergehege Witthausbusch",
                "Holthausen",
                None,
            ),
        ),
        capacity=(15, 18),
        intro=(
            "Wir bauen Hütten, suchen Spuren und finden heraus, wer nachts durch den Wald "
            "schleicht.",
            "Die Gruppe ist bei jedem Wetter draußen – Gummistiefel sind Pflicht!",
        ),
        items=(
            "Tierspuren lesen",
            "Lagerfeuer und Stockbrot",
            "Waldsofa bauen",
            "Bachsafari mit Becherlupen",
        ),
        bring="Wetterfeste Kleidung, Rucksack mit Frühstück und Getränk.",
        seasons=("herbst2026", "ostern2027", "sommer2027", "herbst2027"),
    ),
    Theme(
        titles=(
            "Forscherwerkstatt: Wasser marsch!",
            "Experimente im Wassermuseum",
            "Kleine Forscher an der Ruhr",
        ),
        ages=(8, 12),
        hours=(time(10), time(15)),
        prices=("25 Euro pro Woche", "kostenlos (gefördert durch den Kulturrucksack NRW)"),
        hosts=(("Aquarius Wassermuseum", "Aquarius Wassermuseum", "Styrum", "Burgstraße"),),
        capacity=(12, 15),
        intro=(
            "Warum schwimmt ein Schiff aus Stahl? Wo kommt unser Trinkwasser her?",
            "In der Forscherwerkstatt wird gemessen, gebaut und ausprobiert – nass werden "
            "ausdrücklich erlaubt.",
        ),
        items=(
            "Wasserräder bauen",
            "Filter aus Sand und Kies",
            "Ausflug zur Ruhr",
            "Forscher-Diplom zum Abschluss",
        ),
        bring="Bitte Frühstück und Getränk mitbringen.",
    ),
    Theme(
        titles=(
            "Kreativwoche: Malen, Drucken, Filzen",
            "Kunstwerkstatt im Museum",
            "Farbe, Kleister, Fantasie",
        ),
        ages=(6, 10),
        hours=(time(10), time(13)),
        prices=("30 € inkl. Material", "Kinder 3 Euro pro Tag", "35,- € (Geschwister 25,- €)"),
        hosts=(
            (
                "Kunstmuseum Mülheim – Museumspädagogik",
                "Kunstmuseum in der Alten Post",
                "Innenstadt",
                "Viktoriaplatz",
            ),
            (
                "Kinder- und Jugendtreff Eppinghofen",
                "Treff Eppinghofen",
                "Eppinghofen",
                "Bruchstraße",
            ),
        ),
        capacity=(12, 14, 16),
        intro=(
            "Nach einem Rundgang durch die Ausstellung wird im Atelier selbst gearbeitet.",
            "Jeden Tag lernen die Kinder eine neue Technik kennen und nehmen ihre Werke am Ende "
            "mit nach Hause.",
        ),
        items=(
            "Linoldruck",
            "Filzen mit Wolle und Seife",
            "Collagen aus Zeitungspapier",
            "Malen mit Naturfarben",
        ),
        bring="Malkittel oder altes T-Shirt mitbringen.",
    ),
    Theme(
        titles=(
            "Fußball-Ferienschule",
            "Kicker-Camp in den Ferien",
            "Fußballcamp für Mädchen und Jungen",
        ),
        ages=(6, 13),
        hours=(time(9), time(16)),
        prices=(
            "115 Euro, jedes weitere Geschwisterkind 85 Euro",
            "89 € inkl. Trikot und Mittagessen",
        ),
        hosts=(
            ("Mülheimer SportService", "Sportanlage Saarner Kuppe", "Saarn", "Lehnerstraße"),
            ("SV Heißen 1912 e.V.", "Sportplatz Mühlenfeld", "Heißen", "Mühlenfeld"),
        ),
        capacity=(40, 50),
        intro=(
            "Technik, Taktik und jede Menge Spaß: Lizenzierte Trainerinnen und Trainer leiten "
            "das Camp.",
            "Gespielt wird in Altersgruppen, am letzten Tag steigt ein Turnier mit Siegerehrung.",
        ),
        items=(
            "tägliches Techniktraining",
            "Torwartschule",
            "warmes Mittagessen",
            "Abschlussturnier",
        ),
        bring="Sportkleidung, Fußballschuhe und Schienbeinschoner mitbringen.",
        seasons=("ostern2027", "sommer2027", "herbst2027", "herbst2026"),
    ),
    Theme(
        titles=("Ruhrpiraten – Kanu und Floßbau", "Kanu-Woche am Wasserbahnhof"),
        ages=(10, 14),
        hours=(time(10), time(16)),
        prices=(
            "60 € inkl. Mittagessen und Ausflug; Bildungsgutscheine werden angenommen",
            "75 Euro, mit Mülheim-Pass 37,50 Euro",
        ),
        hosts=(
            ("Kanu-Club Ruhr e.V.", "Bootshaus am Wasserbahnhof", "Broich", "Am Schloß Broich"),
        ),
        capacity=(12, 16),
        intro=(
            "Paddeln auf der Ruhr, Knoten lernen und am Ende ein eigenes Floß bauen.",
            "Voraussetzung ist das Schwimmabzeichen in Bronze (Freischwimmer).",
        ),
        items=(
            "Kanu-Grundkurs",
            "Floßbau mit Seilen und Fässern",
            "Sicherheit am Wasser",
            "Grillen am Ufer",
        ),
        bring="Kleidung, die nass werden darf, Handtuch und Sonnenschutz.",
        seasons=("sommer2027",),
    ),
    Theme(
        titles=("Trickfilm-Werkstatt", "Stop-Motion: Wir drehen einen Film", "Ferien-Filmstudio"),
        ages=(10, 14),
        hours=(time(13, 30), time(16, 30)),
        prices=("kostenlos", "Eintritt frei – Anmeldung erforderlich"),
        hosts=(
            ("Stadtbibliothek Mülheim an der Ruhr", "Medienhaus", "Innenstadt", "Synagogenplatz"),
        ),
        capacity=(10, 12),
        intro=(
            "Aus Knete, Papier und Lego entstehen kleine Filme, die mit Tablets Bild für Bild "
            "aufgenommen werden.",
            "Zum Abschluss gibt es eine Filmpremiere im Veranstaltungsraum der Bibliothek.",
        ),
        items=(
            "Storyboard entwickeln",
            "Figuren und Kulissen bauen",
            "Aufnahme mit der Stop-Motion-App",
            "Vertonung und Geräusche",
        ),
        bring="Nichts – alles Material ist vorhanden.",
    ),
    Theme(
        titles=(
            "Kochen wie die Profis – Kinderkochwoche",
            "Die Ferienküche",
            "Kochwerkstatt: Rund um die Welt",
        ),
        ages=(8, 12),
        hours=(time(10), time(14)),
        prices=(
            "40 Euro inkl. Lebensmittel",
            "5 € pro Tag",
            "30 Euro, mit Mülheim-Pass die Hälfte",
        ),
        hosts=(
            (
                "Familienzentrum Styrum",
                "Familienzentrum Styrum (Lehrküche)",
                "Styrum",
                "Moritzstraße",
            ),
            ("AWO-Haus Holthausen", "AWO-Haus Holthausen", "Holthausen", "Kalkstraße"),
        ),
        capacity=(10, 12),
        intro=(
            "Schnippeln, rühren, probieren: Jeden Tag kochen wir ein anderes Gericht aus einem "
            "anderen Land.",
            "Am Ende der Woche bekommt jedes Kind ein kleines Kochbuch mit allen Rezepten.",
        ),
        items=(
            "Pizza aus dem Steinofen",
            "Linsensuppe aus der Türkei",
            "Pfannkuchen-Turm",
            "Obstsalat-Wettbewerb",
        ),
        bring="Bitte eine Schürze und eine Dose für Reste mitbringen.",
    ),
    Theme(
        titles=("Theaterwoche", "Bühne frei! Theater-Ferienprojekt", "Theater, Tanz und Kostüme"),
        ages=(8, 13),
        hours=(time(10), time(15)),
        prices=("45 Euro", "kostenlos (Kulturrucksack NRW)"),
        hosts=(
            (
                "Kulturhaus Lokschuppen – Theaterpädagogik",
                "Kulturhaus Lokschuppen, Studiobühne",
                "Broich",
                "Am Schloß Broich",
            ),
        ),
        capacity=(16, 20),
        intro=(
            "Gemeinsam erfinden die Kinder ein Stück, proben Szenen und nähen Kostüme.",
            "Am letzten Tag wird vor Publikum gespielt – mit Licht, Musik und Applaus.",
        ),
        items=(
            "Improvisationsspiele",
            "Stimme und Sprechen",
            "Kostüm- und Maskenbau",
            "Aufführung am Freitag",
        ),
        bring="Bequeme Kleidung und Hausschuhe.",
    ),
    Theme(
        titles=("Ferienspaß auf dem Bauernhof", "Hofwoche: Tiere versorgen"),
        ages=(5, 10),
        hours=(time(9), time(13)),
        prices=("70 € pro Woche", "15 Euro pro Tag, Geschwister 10 Euro"),
        hosts=(
            (
                "Kinderbauernhof Mintard e.V.",
                "Kinderbauernhof Mintard",
                "Mintard",
                "August-Thyssen-Straße",
            ),
        ),
        capacity=(12, 15),
        intro=(
            "Ziegen füttern, Ställe ausmisten, Eier einsammeln – auf dem Hof gibt es immer etwas "
            "zu tun.",
            "Zum Abschluss backen wir Brot im Holzofen.",
        ),
        items=("Tierpflege", "Gemüsebeet", "Ponyputzen", "Holzofenbrot"),
        bring="Gummistiefel und Kleidung, die schmutzig werden darf.",
        seasons=("ostern2027", "sommer2027", "herbst2026", "herbst2027", "pfingsten2027"),
    ),
    Theme(
        titles=("Lego-Robotik für Einsteiger", "MINT-Werkstatt: Roboter programmieren"),
        ages=(9, 13),
        hours=(time(9), time(13)),
        prices=("49 €", "kostenlos (zdi-gefördert)"),
        hosts=(("zdi-Netzwerk Mülheim", "Technikwerkstatt Heißen", "Heißen", "Steinkampstraße"),),
        capacity=(12,),
        intro=(
            "Mit Lego-Spike-Sets bauen die Kinder Roboter, die Hindernissen ausweichen und "
            "Linien folgen.",
            "Vorkenntnisse sind nicht nötig, Neugier reicht.",
        ),
        items=(
            "Bauen nach Plan und frei",
            "Programmieren mit Blöcken",
            "Sensoren testen",
            "Roboter-Parcours",
        ),
        bring="Frühstück und Getränk.",
    ),
    Theme(
        titles=("Mädchenwoche: Stark und mutig", "Mädchen-Ferienwoche"),
        ages=(9, 13),
        hours=(time(10), time(15)),
        prices=("10 Euro", "kostenlos"),
        hosts=(
            (
                "Mädchentreff Eppinghofen",
                "Mädchentreff Eppinghofen",
                "Eppinghofen",
                "Eppinghofer Straße",
            ),
        ),
        capacity=(12, 14),
        intro=(
            "Eine Woche nur für Mädchen: Selbstbehauptung, Klettern und ein Tag im Kletterpark.",
            "Das Team besteht ausschließlich aus Frauen.",
        ),
        items=("Selbstbehauptungstraining", "Klettern", "Schmuck-Werkstatt", "Abschlussparty"),
        bring="Sportkleidung.",
    ),
    Theme(
        titles=("Hip-Hop & Breakdance", "Dance-Camp in den Ferien"),
        ages=(10, 14),
        hours=(time(13, 30), time(16, 30)),
        prices=("kostenlos", "10 € für die ganze Woche"),
        hosts=(
            (
                "Jugendzentrum Stadtmitte (Stadt Mülheim an der Ruhr)",
                "Jugendzentrum Stadtmitte",
                "Stadtmitte",
                "Georgstraße",
            ),
            ("Jugendhaus Speldorf", "Jugendhaus Speldorf", "Speldorf", "Frühlingstraße"),
        ),
        capacity=(15, 20),
        intro=(
            "Mit zwei Tänzern aus der Mülheimer Szene lernen die Jugendlichen Grundschritte und "
            "eine eigene Choreografie.",
            "Am Freitag gibt es eine kleine Show im Jugendzentrum.",
        ),
        items=("Toprock und Footwork", "Freezes", "Choreografie", "Battle zum Abschluss"),
        bring="Sportschuhe mit heller Sohle.",
    ),
    Theme(
        titles=(
            "Weihnachtsbastelwerkstatt",
            "Winterferienspiele",
            "Zwischen den Jahren: Spielewerkstatt",
        ),
        ages=(6, 11),
        hours=(time(9), time(13)),
        prices=("5 € pro Tag", "kostenlos", "12 Euro für alle Tage"),
        hosts=YOUTH_CENTRES,
        capacity=(15, 20),
        intro=(
            "Zwischen den Feiertagen wird gebastelt, gebacken und gespielt.",
            "Für alle, die in den Ferien nicht verreisen – Eltern können ihre Kinder ab 8.30 Uhr "
            "bringen.",
        ),
        items=(
            "Sterne und Laternen basteln",
            "Plätzchen backen",
            "Spiele-Turnier",
            "Winterspaziergang",
        ),
        bring="Hausschuhe mitbringen.",
        seasons=("weihnachten2026",),
    ),
    Theme(
        titles=(
            "Kürbis- und Laternenwerkstatt",
            "Herbstferien-Werkstatt",
            "Gruselwoche im Jugendtreff",
        ),
        ages=(6, 11),
        hours=(time(10), time(14)),
        prices=("8 Euro Materialkosten", "kostenlos", "3 Euro pro Tag"),
        hosts=YOUTH_CENTRES,
        capacity=(14, 18, 20),
        intro=(
            "Passend zur Jahreszeit schnitzen wir Kürbisse, basteln Laternen und gehen auf "
            "Gespensterjagd.",
            "Am letzten Tag gibt es eine kleine Herbstparty mit Kinderdisco.",
        ),
        items=(
            "Kürbisse schnitzen",
            "Laternen aus Transparentpapier",
            "Nachtwanderung (mit Eltern)",
            "Kinderdisco",
        ),
        bring="Ein Messer ist nicht nötig – das Werkzeug stellen wir.",
        seasons=("herbst2026", "herbst2027"),
    ),
    Theme(
        titles=("Oster-Werkstatt", "Frühlingsferien im Treff", "Eier, Hasen, Frühlingsfest"),
        ages=(5, 10),
        hours=(time(9), time(13)),
        prices=("6 € pro Tag", "kostenlos", "20 Euro pro Woche"),
        hosts=YOUTH_CENTRES,
        capacity=(15, 20),
        intro=(
            "Wir färben Eier mit Naturfarben, säen Kresse und suchen den Osterhasen im Garten.",
            "Zum Abschluss feiern wir ein kleines Frühlingsfest.",
        ),
        items=("Eier färben", "Kresse-Köpfe", "Ostereiersuche", "Frühlingsfest"),
        bring="Frühstück und Getränk.",
        seasons=("ostern2027",),
    ),
    Theme(
        titles=(
            "Pfingst-Aktionstag: Stadtrallye",
            "Pfingstferien-Spieletag",
            "Spielefest am Pfingstdienstag",
        ),
        ages=(6, 12),
        hours=(time(10), time(15)),
        prices=("Eintritt frei", "kostenlos", "2 Euro"),
        hosts=YOUTH_CENTRES,
        capacity=(20, 30),
        intro=(
            "Ein Tag voller Rätsel: In kleinen Teams geht es quer durch den Stadtteil.",
            "Wer alle Stationen findet, gewinnt einen Preis.",
        ),
        items=("Rätselstationen", "Foto-Aufgaben", "Picknick", "Siegerehrung"),
        bring="Gutes Schuhwerk.",
        seasons=("pfingsten2027",),
    ),
    Theme(
        titles=("Sommer im Treff", "Ferienprogramm im Jugendtreff", "Sommerferien-Aktionswoche"),
        ages=(6, 12),
        hours=(time(10), time(16)),
        prices=("kostenlos", "15 Euro pro Woche", "Tagesausflüge je 5 Euro, sonst kostenlos"),
        hosts=YOUTH_CENTRES,
        capacity=(20, 25),
        intro=(
            "Wasserschlacht, Ausflüge und Grillen: Das Sommerprogramm des Treffs bringt "
            "Abwechslung in die Ferien.",
            "Jeden Tag gibt es ein Mittagessen gegen einen kleinen Beitrag.",
        ),
        items=("Ausflug ins Freibad", "Wasserspiele", "Grillnachmittag", "Kinderdisco"),
        bring="Sonnencreme, Kappe und Badesachen.",
        seasons=("sommer2027",),
    ),
)

PLAN: tuple[tuple[Holiday, tuple[int, ...]], ...] = (
    # holiday and how many offers start in each of its spans
    (HERBST_2026, (4, 4)),
    (WEIHNACHTEN_2026, (1, 3, 2)),
    (OSTERN_2027, (9, 9)),
    (PFINGSTEN_2027, (4,)),
    (SOMMER_2027, (8, 8, 7, 6, 5, 6, 2)),
    (HERBST_2027, (6, 6)),
)

REGISTRATION = {
    "herbst2026": date(2026, 9, 7),
    "weihnachten2026": date(2026, 11, 16),
    "ostern2027": date(2027, 2, 8),
    "pfingsten2027": date(2027, 2, 8),
    "sommer2027": date(2027, 5, 3),
    "herbst2027": date(2027, 9, 6),
}


def _registration_text(r: random.Random, day: date) -> str:
    return pick(
        r,
        (
            f"Anmeldung ab 19 Uhr am {d_full(day)}",
            f"Anmeldestart: {WEEKDAYS[day.weekday()][:2]}., {d_full(day)}, 19:00 Uhr",
            f"Die Anmeldung ist ab dem {d_words(day)} um 19 Uhr freigeschaltet.",
            f"Anmeldung ab {d_full(day)}, 19 Uhr, ausschließlich online",
        ),
    )


def _date_text(r: random.Random, holiday: Holiday, week: int, start: date, end: date) -> str:
    roll = r.random()
    if start == end:
        return pick(r, (span(start, end, "words"), span(start, end, "weekday"), d_full(start)))
    if roll < 0.12 and len(holiday.weeks()) > 1:
        phrase = f"in der {ORDINALS[week]} {holiday.stem}ferienwoche"
        return f"{phrase} ({span(start, end, 'compact')})"
    if roll < 0.20:
        return span(start, end, "words")
    if roll < 0.30:
        return span(start, end, "no_year")
    return span(start, end, pick(r, ("full", "full", "compact", "weekday", "hyphen")))


def _two_week_text(holiday: Holiday, start: date, end: date) -> str:
    return f"in beiden {holiday.stem}ferienwochen, {span(start, end, 'compact')}"


def _district_text(r: random.Random, v: Venue) -> str:
    if v.written_area != v.district:
        return pick(
            r,
            (
                v.written_area,
                f"{v.district} / {v.written_area}",
                f"{v.written_area} ({v.district})",
            ),
        )
    return v.district


def _description(r: random.Random, theme: Theme) -> str:
    paragraphs = "".join(f"<p>{p}</p>\n" for p in theme.intro[:2])
    items = list(theme.items)
    r.shuffle(items)
    bullet = "".join(f"  <li>{i}</li>\n" for i in items[: r.randint(3, len(items))])
    lead = pick(
        r, ("Auf dem Programm:", "Das erwartet euch:", "Programm (Änderungen vorbehalten):")
    )
    return f"{paragraphs}<p><strong>{lead}</strong></p>\n<ul>\n{bullet}</ul>\n<p>{theme.bring}</p>"


def _places(r: random.Random, capacity: int) -> tuple[int, int]:
    roll = r.random()
    if roll < 0.10:
        return capacity, 0
    if roll < 0.64:
        return r.randint(1, capacity - 1), 0
    if roll < 0.82:
        return 0, 0
    return 0, r.randint(1, 9)


def _theme_for(r: random.Random, holiday: Holiday) -> Theme:
    if holiday.code != "pfingsten2027" and r.random() < 0.33:
        return RELIABLE
    fitting = [t for t in THEMES if not t.seasons or holiday.code in t.seasons]
    return pick(r, fitting)


@cache
def holiday_offers() -> tuple[HolidayOffer, ...]:
    """All 90 portal offers, sorted by start date; keys FS-<year>-<nnnn>."""
    r = rng("ferienportal")
    mess = rng("ferienportal:sloppy")
    drafts: list[dict] = []
    for holiday, counts in PLAN:
        spans = holiday.weeks()
        if holiday.code == "weihnachten2026":
            spans = spans[:3]
        for week, count in enumerate(counts):
            for _ in range(count):
                theme = _theme_for(r, holiday)
                start, end = spans[week]
                two_weeks = (
                    holiday.code.startswith("herbst")
                    and theme is not RELIABLE
                    and r.random() < 0.25
                )
                if two_weeks:
                    start, end = spans[0][0], spans[1][1]
                host = pick(r, theme.hosts)
                organiser, venue_name, area, street = host
                v = venue(venue_name, area, street)
                title = pick(r, theme.titles).format(venue=venue_name)
                if theme is not RELIABLE and r.random() < 0.2:
                    title = f"{title} ({holiday.stem}ferien)"
                if two_weeks:
                    date_text = _two_week_text(holiday, start, end)
                else:
                    date_text = _date_text(r, holiday, week, start, end)
                lo, hi = theme.ages
                age_style = (
                    "nouns"
                    if theme is RELIABLE and r.random() < 0.5
                    else pick(r, ("nouns", "hyphen", "dash", "between", "von", "plain"))
                )
                age_text = age_range(lo, hi, age_style)
                if theme is not RELIABLE and r.random() < 0.15:
                    age_text = pick(r, (f"ab {lo} J.", f"ab {lo}", age_range(lo, None, "ab_words")))
                t_style = pick(r, ("bis", "dash", "dot0", "colon"))
                time_text = times(*theme.hours, t_style)
                if r.random() < 0.2 and start.weekday() == 0 and end.weekday() == 4:
                    time_text = f"Mo–Fr {time_text}"
                if theme.hours == (time(9), time(16)) and r.random() < 0.4:
                    time_text = pick(r, ("ganztägig", "ganztägig (9–16 Uhr)"))
                capacity = pick(r, theme.capacity)
                free, waitlist = _places(r, capacity)
                drafts.append(
                    {
                        "title": title,
                        "subtitle": pick(
                            r,
                            (
                                None,
                                None,
                                "Ferienangebot mit Übermittagbetreuung",
                                "Ein Angebot im Rahmen der Mülheimer Ferienspiele",
                            ),
                        )
                        if theme is not RELIABLE
                        else pick(r, (None, "Betreuung von 8 bis 13 Uhr")),
                        "organiser": organiser,
                        "venue": v,
                        "district_text": _district_text(r, v),
                        "holiday": holiday,
                        "start": start,
                        "end": end,
                        "date_text": date_text,
                        "time_text": sloppy(mess, time_text, 0.08),
                        "age_text": age_text,
                        "price_text": sloppy(mess, pick(r, theme.prices), 0.12),
                        "description_html": _description(r, theme),
                        "capacity": capacity,
                        "free": free,
                        "waitlist": waitlist,
                        "cancelled": False,
                        "registration_text": _registration_text(r, REGISTRATION[holiday.code]),
                        "places_style": r.randrange(3),
                    }
                )
    drafts.sort(key=lambda d: (d["start"], d["end"], d["venue"].name, d["title"]))
    drafts[57]["cancelled"] = True
    typo = next(i for i, d in enumerate(drafts) if d["start"] == date(2027, 8, 30))
    drafts[typo]["date_text"] = IMPOSSIBLE_DATE_TEXT
    offers: list[HolidayOffer] = []
    counters = {2026: 100, 2027: 300}
    for d in drafts:
        year = d["start"].year
        counters[year] += r.randint(1, 14)
        offers.append(HolidayOffer(key=f"FS-{year}-{counters[year]:04d}", **d))
    return tuple(offers)


def impossible_date_keys() -> tuple[str, ...]:
    return tuple(o.key for o in holiday_offers() if o.date_text == IMPOSSIBLE_DATE_TEXT)
