"""Content of the five providers that are broken on purpose (for fault tests): small, plain
tables of real-looking offers. What is broken is the delivery, not the content — see
``demo/providers/broken_*.py``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from functools import cache

from demo.content.places import Venue, venue
from schemas.vocab import OfferKind


@dataclass(frozen=True)
class SimpleOffer:
    """One dated offer with a place, as the small providers publish them."""

    key: str
    title: str
    day: date
    start: time
    end: time
    place: Venue
    ages: str
    price: str
    text: str
    kind: str


def _offers(prefix: str, kind: str, rows: tuple[tuple, ...]) -> tuple[SimpleOffer, ...]:
    out = []
    for n, (title, day, start, end, place, ages, price, text) in enumerate(rows, start=1):
        out.append(
            SimpleOffer(f"{prefix}{n:02d}", title, day, start, end, place, ages, price, text, kind)
        )
    return tuple(out)


LEISURE = OfferKind.LEISURE.value
COURSE = OfferKind.COURSE.value
MEETING = OfferKind.MEETING_PLACE.value

SPIELMOBIL = "Spielmobil Mülheim e.V."
MUSIKSCHULE = "Musikschule der Stadt Mülheim an der Ruhr"
RUHRAUE = "Naturerlebnisstation Ruhraue e.V."
NACHBARSCHAFTSHAUS = "Nachbarschaftshaus Dümpten e.V."
BUERGERVEREIN = "Bürgerverein Heißen e.V."


@cache
def spielmobil_stops() -> tuple[SimpleOffer, ...]:
    """14 stops of the play bus in spring and summer 2027 (kind leisure)."""
    t14, t17 = time(14), time(17)
    free = "kostenlos"
    text = "Das Spielmobil bringt Rollbretter, Pedalos, Bastelkisten und eine Hüpfburg mit."
    stops = (
        ("Spielplatz Neustadtstraße", "Styrum", "Neustadtstraße"),
        ("Schulhof Grundschule Holzstraße", "Broich", "Holzstraße"),
        ("Spielplatz Haferacker", "Dümpten", "Haferacker"),
        ("Sunderplatz", "Heimaterde", "Sunderplatz"),
        ("Spielplatz Klostermarkt", "Saarn", "Klostermarkt"),
        ("Platz an der Zunftmeisterstraße", "Eppinghofen", "Zunftmeisterstraße"),
        ("Spielplatz Frühlingstraße", "Speldorf", "Frühlingstraße"),
    )
    rows = []
    for i, day in enumerate(
        (date(2027, 4, 14), date(2027, 4, 21), date(2027, 4, 28), date(2027, 5, 5),
         date(2027, 5, 12), date(2027, 5, 19), date(2027, 5, 26), date(2027, 6, 2),
         date(2027, 6, 9), date(2027, 6, 16), date(2027, 6, 23), date(2027, 6, 30),
         date(2027, 7, 7), date(2027, 7, 14))
    ):  # fmt: skip
        name, area, street = stops[i % len(stops)]
        rows.append(
            (f"Spielmobil am {name}", day, t14, t17, venue(name, area, street), "5–12 J.",
             free, text)
        )  # fmt: skip
    return _offers("SM-27-", LEISURE, tuple(rows))


@cache
def music_courses() -> tuple[SimpleOffer, ...]:
    """12 children's courses of the music school (kind course)."""
    school = venue("Musikschule, Haus der Musik", "Altstadt I", "Leineweberstraße")
    branch = venue("Musikschule, Zweigstelle Saarn", "Saarn", "Lehnerstraße")
    d = date
    rows = (
        ("Musikalische Früherziehung (4–6 Jahre)", d(2027, 2, 1), time(15), time(15, 45),
         school, "4–6 J.", "32 € monatlich", "Singen, Tanzen und erste Instrumente."),
        ("Eltern-Kind-Musizieren (1–3 Jahre)", d(2027, 2, 2), time(10), time(10, 45), school,
         "1–3 J.", "28 € monatlich", "Lieder, Kniereiter und Klanginstrumente."),
        ("Blockflöte für Kinder", d(2027, 2, 3), time(14, 30), time(15, 15), branch,
         "6–9 J.", "30 € monatlich", "Gruppenunterricht mit höchstens sechs Kindern."),
        ("Trommelgruppe Groove Kids", d(2027, 2, 4), time(16), time(17), school, "8–12 J.",
         "25 € monatlich", "Cajón, Djembe und Bodypercussion."),
        ("Kinderchor der Musikschule", d(2027, 2, 5), time(15), time(16), school, "6–11 J.",
         "15 € monatlich", "Proben für das Sommerkonzert."),
        ("Gitarre für Einsteiger", d(2027, 2, 8), time(16), time(16, 45), branch, "9–14 J.",
         "38 € monatlich", "Erste Akkorde und Lieder."),
        ("Instrumentenkarussell", d(2027, 2, 9), time(15), time(15, 45), school, "6–8 J.",
         "35 € monatlich", "Jeden Monat ein anderes Instrument ausprobieren."),
        ("Ukulele-Workshop am Samstag", d(2027, 3, 6), time(10), time(13), branch,
         "8–12 J.", "25 €", "Ein Vormittag, Leihinstrumente vorhanden."),
        ("Rhythmik für Vorschulkinder", d(2027, 3, 10), time(14), time(14, 45), branch,
         "5–6 J.", "28 € monatlich", "Bewegung und Musik im Wechsel."),
        ("Bandcoaching für Jugendliche", d(2027, 3, 12), time(17), time(19), school,
         "13–18 J.", "40 € monatlich", "Eigene Songs mit Profis arrangieren."),
        ("Streicherklasse für Anfänger", d(2027, 4, 13), time(15), time(16), school,
         "7–10 J.", "42 € monatlich", "Geige, Bratsche oder Cello, Leihinstrument im Preis."),
        ("Sommer-Musikwoche", d(2027, 7, 26), time(9), time(13), school, "8–12 J.", "95 €",
         "Eine Ferienwoche mit Proben und Abschlusskonzert."),
    )  # fmt: skip
    return _offers("MS-", COURSE, rows)


@cache
def nature_events() -> tuple[SimpleOffer, ...]:
    """16 nature events for families on the Ruhr meadows (kind leisure)."""
    station = venue("Naturerlebnisstation Ruhraue", "Menden-Holthausen", "Mendener Straße")
    d = date
    titles = (
        ("Vogelstimmen am Morgen", d(2027, 3, 21), time(8), time(10), "ab 8 J.", "3 €"),
        ("Kräuterwanderung für Familien", d(2027, 4, 11), time(14), time(16), "ab 5 J.", "4 €"),
        ("Bachsafari mit Becherlupe", d(2027, 4, 25), time(14), time(16), "6–12 J.", "3 €"),
        ("Nistkästen bauen", d(2027, 5, 2), time(10), time(13), "ab 8 J.", "8 €"),
        ("Froschkonzert in der Dämmerung", d(2027, 5, 14), time(20), time(22), "ab 8 J.", "3 €"),
        ("Insektenhotel-Werkstatt", d(2027, 5, 29), time(10), time(13), "6–12 J.", "6 €"),
        ("Fledermausnacht", d(2027, 6, 11), time(21), time(23), "ab 8 J.", "4 €"),
        ("Wiesenforscher", d(2027, 6, 20), time(14), time(16), "5–10 J.", "3 €"),
        ("Schmetterlinge zählen", d(2027, 7, 4), time(11), time(13), "ab 6 J.", "kostenlos"),
        ("Ferien-Naturtag: Leben am Fluss", d(2027, 7, 21), time(9), time(14), "7–11 J.", "10 €"),
        ("Ferien-Naturtag: Spuren lesen", d(2027, 8, 4), time(9), time(14), "7–11 J.", "10 €"),
        ("Ferien-Naturtag: Wasser untersuchen", d(2027, 8, 18), time(9), time(14), "7–11 J.",
         "10 €"),
        ("Pilze finden und bestimmen", d(2027, 9, 26), time(10), time(13), "ab 10 J.", "5 €"),
        ("Apfelfest auf der Streuobstwiese", d(2027, 10, 3), time(11), time(17), "alle",
         "kostenlos"),
        ("Herbstferien: Laubhütten bauen", d(2027, 10, 27), time(10), time(14), "6–12 J.",
         "8 €"),
        ("Wildtierspuren im Winter", d(2027, 12, 5), time(14), time(16), "ab 6 J.", "3 €"),
    )  # fmt: skip
    rows = tuple(
        (title, day, start, end, station, ages, price, "Treffpunkt an der Station.")
        for title, day, start, end, ages, price in titles
    )
    return _offers("NR-", LEISURE, rows)


@cache
def neighbourhood_events() -> tuple[SimpleOffer, ...]:
    """12 events of a neighbourhood centre: family cafés (meeting place) and outings."""
    house = venue("Nachbarschaftshaus Dümpten", "Dümpten", "Barbarastraße")
    d = date
    rows = (
        ("Familiencafé am Montag", d(2027, 1, 11), time(15), time(17), MEETING, "alle",
         "kostenlos"),
        ("Krabbelgruppe (0–3 Jahre)", d(2027, 1, 13), time(9, 30), time(11), MEETING,
         "0–3 J.", "kostenlos"),
        ("Hausaufgabencafé", d(2027, 1, 14), time(14), time(16), MEETING, "6–12 J.",
         "kostenlos"),
        ("Kinderkino im Saal", d(2027, 1, 22), time(16), time(18), LEISURE, "ab 6 J.", "1 €"),
        ("Spielenachmittag für Groß und Klein", d(2027, 2, 7), time(14), time(17), MEETING,
         "alle", "kostenlos"),
        ("Karnevalsfeier für Kinder", d(2027, 2, 7), time(15), time(18), LEISURE, "3–10 J.",
         "2 €"),
        ("Väterfrühstück", d(2027, 2, 20), time(10), time(12), MEETING, "alle", "Spende"),
        ("Osterbasteln", d(2027, 3, 24), time(10), time(12), LEISURE, "4–10 J.", "3 €"),
        ("Familienausflug in den Zoo", d(2027, 5, 15), time(9), time(17), LEISURE, "alle",
         "8 € pro Person"),
        ("Sommerfest im Hof", d(2027, 6, 19), time(14), time(19), LEISURE, "alle",
         "kostenlos"),
        ("Ferienspiele im Nachbarschaftshaus", d(2027, 7, 26), time(9), time(13), LEISURE,
         "6–12 J.", "10 € pro Woche"),
        ("Laternenbasteln", d(2027, 11, 3), time(15), time(17), LEISURE, "3–8 J.", "2 €"),
    )  # fmt: skip
    out = []
    for n, (title, day, start, end, kind, ages, price) in enumerate(rows, start=1):
        text = "Im Nachbarschaftshaus, ohne Anmeldung."
        out.append(
            SimpleOffer(f"NH-{n:03d}", title, day, start, end, house, ages, price, text, kind)
        )
    return tuple(out)


@cache
def citizen_events() -> tuple[SimpleOffer, ...]:
    """10 family events of a citizens' association (kind leisure)."""
    d = date
    rows = (
        ("Kinderflohmarkt auf dem Marktplatz", d(2027, 4, 17), "Heißen", "Heißener Straße"),
        ("Maibaumfest mit Kinderprogramm", d(2027, 5, 1), "Heißen", "Gracht"),
        ("Fahrradrallye für Familien", d(2027, 5, 22), "Heißen", "Rembergstraße"),
        ("Stadtteilfest Heißen", d(2027, 6, 5), "Heißen", "Heißener Straße"),
        ("Lesesommer im Park", d(2027, 7, 10), "Heißen", "Kleiststraße"),
        ("Sommerkino unter freiem Himmel", d(2027, 8, 14), "Heißen", "Humboldtring"),
        ("Apfelmarkt mit Kinderkarussell", d(2027, 9, 18), "Heißen", "Heißener Straße"),
        ("Herbstwanderung zur Ruhr", d(2027, 10, 10), "Heimaterde", "Sunderplatz"),
        ("Laternenumzug", d(2027, 11, 11), "Heißen", "Gracht"),
        ("Nikolausmarkt", d(2027, 12, 4), "Heißen", "Heißener Straße"),
    )
    out = []
    for n, (title, day, area, street) in enumerate(rows, start=1):
        place = venue(f"{BUERGERVEREIN}: {title}", area, street)
        out.append(
            SimpleOffer(f"BV-{day:%y}{n:02d}", title, day, time(11), time(17), place, "alle",
                        "kostenlos", "Ein Fest des Bürgervereins.", LEISURE)
        )  # fmt: skip
    return tuple(out)
