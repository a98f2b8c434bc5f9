"""A directory of counselling and early-help services, the childminder placement office,
family meeting places (Familienzentren) and leisure offers for families — 32 entries whose
rubric decides the offer kind."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from demo.content.places import Venue, phone, venue
from schemas.vocab import OfferKind

RUBRIC_KINDS = {
    "Beratung": OfferKind.COUNSELLING.value,
    "Frühe Hilfen": OfferKind.COUNSELLING.value,
    "Kindertagespflege": OfferKind.CHILDMINDING.value,
    "Familientreffpunkt": OfferKind.MEETING_PLACE.value,
    "Freizeit": OfferKind.LEISURE.value,
}
"""Rubric label on a card → offer kind."""

SECTIONS = (
    ("beratung", "Beratung und Frühe Hilfen", ("Beratung", "Frühe Hilfen", "Kindertagespflege")),
    ("treffpunkte", "Familientreffpunkte", ("Familientreffpunkt",)),
    ("freizeit", "Freizeit mit Kindern", ("Freizeit",)),
)


@dataclass(frozen=True)
class Service:
    key: str
    rubric: str
    title: str
    operator: str
    text: str
    audience: str | None
    venue: Venue | None
    address_note: str | None
    hours: str | None
    cost: str | None
    phone: str | None
    email: str | None

    @property
    def kind(self) -> str:
        return RUBRIC_KINDS[self.rubric]


CITY = "Stadt Mülheim an der Ruhr"
_ENTRIES: tuple[tuple, ...] = (
    # rubric, title, operator, text, audience, (area, street, number) or None, address note,
    # hours, cost, mail
    (
        "Frühe Hilfen",
        "Familienhebammen und Familienkinderkrankenpflege",
        f"Gesundheitsamt, {CITY}",
        "Speziell fortgebildete Hebammen und Kinderkrankenpflegerinnen besuchen Familien zu "
        "Hause, wenn es nach der "
        "Geburt nicht rund läuft – bei Sorgen um Gesundheit, Ernährung oder Entwicklung des Babys.",
        "Schwangere und Familien mit Babys bis zum 1. Geburtstag",
        ("Stadtmitte", "Ruhrstraße", "1"),
        None,
        "telefonisch Mo–Do 8.30–15.30 Uhr, Fr 8.30–12 Uhr",
        "kostenlos",
        "familienhebammen@muelheim.example",
    ),
    (
        "Frühe Hilfen",
        "Koordinierungsstelle Netzwerk Frühe Hilfen",
        f"Amt für Kinder, Jugend und Schule, {CITY}",
        "Die Koordinierungsstelle kennt alle Angebote für Familien mit kleinen Kindern und "
        "vermittelt passende Hilfe – "
        "vom Babykurs bis zur Unterstützung im Alltag.",
        "Familien mit Kindern von 0 bis 3 Jahren",
        ("Altstadt I", "Georgstraße", "11"),
        None,
        "Mo–Fr 9–12 Uhr und nach Vereinbarung",
        "kostenlos",
        "fruehehilfen@muelheim.example",
    ),
    (
        "Frühe Hilfen",
        "Willkommensbesuche für Neugeborene",
        f"Amt für Kinder, Jugend und Schule, {CITY}",
        "Alle Familien mit einem neugeborenen Kind bekommen ein Besuchsangebot mit "
        "Begrüßungspaket und Informationen "
        "zu Angeboten im Stadtteil. Der Besuch ist freiwillig.",
        "Eltern von Neugeborenen",
        None,
        "Der Besuch findet bei Ihnen zu Hause statt.",
        "nach Terminvereinbarung",
        "kostenlos",
        "willkommen@muelheim.example",
    ),
    (
        "Beratung",
        "Psychologische Beratungsstelle für Eltern, Kinder und Jugendliche",
        "Caritasverband Mülheim",
        "Beratung bei Erziehungsfragen, Schulproblemen, Trennung und Scheidung oder Krisen in der "
        "Familie. Auch "
        "Kinder und Jugendliche können sich allein melden.",
        "Eltern, Kinder und Jugendliche bis 27 Jahre",
        ("Eppinghofen", "Bruchstraße", "6"),
        None,
        "Mo–Do 8–17 Uhr, Fr 8–14 Uhr; offene Sprechstunde Mi 15–17 Uhr",
        "kostenlos",
        "erziehungsberatung@caritas-mh.example",
    ),
    (
        "Beratung",
        "Ev. Beratungsstelle für Erziehungs-, Ehe- und Lebensfragen",
        "Diakonie Mülheim gGmbH",
        "Erziehungsberatung, Paarberatung und Lebensberatung unter einem Dach. Beratung ist auch "
        "auf Englisch und "
        "Türkisch möglich.",
        "Eltern, Paare, Familien",
        ("Altstadt I", "Delle", "44"),
        None,
        "Mo–Fr 9–12 Uhr, Mo–Do 14–17 Uhr",
        "kostenlos, Spenden willkommen",
        "beratung@diakonie-mh.example",
    ),
    (
        "Beratung",
        "Städtische Erziehungsberatungsstelle",
        f"Amt für Kinder, Jugend und Schule, {CITY}",
        "Hilfe bei Fragen zur Entwicklung und Erziehung, bei Konflikten in der Familie und nach "
        "Trennung. Termine "
        "meist innerhalb von zwei Wochen.",
        "Familien mit Kindern und Jugendlichen",
        ("Heißen", "Kleiststraße", "5"),
        None,
        "Mo–Fr 8.30–16 Uhr",
        "kostenlos",
        "erziehungsberatung@muelheim.example",
    ),
    (
        "Beratung",
        "Schwangerschaftsberatung und Schwangerschaftskonfliktberatung",
        "Beratungsstelle Lebensanfang e.V.",
        "Beratung rund um Schwangerschaft, finanzielle Hilfen und Rechtsansprüche; anerkannte "
        "Konfliktberatung mit "
        "Beratungsschein nach § 219 StGB.",
        "Schwangere und ihre Partner",
        ("Altstadt II", "Aktienstraße", "22"),
        None,
        "Termine nach Vereinbarung, Mo–Fr 9–13 Uhr telefonisch",
        "kostenlos",
        "info@lebensanfang-mh.example",
    ),
    (
        "Beratung",
        "Katholische Schwangerschaftsberatung",
        "Caritasverband Mülheim",
        "Begleitung in der Schwangerschaft und bis zum dritten Geburtstag des Kindes; "
        "Unterstützung bei Anträgen an die "
        "Bundesstiftung Mutter und Kind.",
        "Schwangere und Familien mit Kindern bis 3 Jahre",
        ("Eppinghofen", "Bruchstraße", "6"),
        None,
        "Di und Do 9–12 Uhr offene Sprechstunde",
        "kostenlos",
        "schwangerschaft@caritas-mh.example",
    ),
    (
        "Beratung",
        "Schwangerenberatung der AWO",
        "AWO Mülheim an der Ruhr e.V.",
        "Informationen zu Mutterschutz, Elternzeit, Elterngeld und Kindergeld; Hilfe bei Anträgen.",
        "werdende Eltern",
        ("Styrum", "Moritzstraße", "94"),
        None,
        "Mo 14–17 Uhr, Mi 9–12 Uhr",
        "kostenlos",
        "schwangerenberatung@awo-mh.example",
    ),
    (
        "Beratung",
        "Beratung für Alleinerziehende",
        "Verein für Einelternfamilien e.V.",
        "Beratung zu Unterhalt, Umgang und Existenzsicherung, dazu ein offener Treff mit "
        "Kinderbetreuung.",
        "Alleinerziehende Mütter und Väter",
        ("Eppinghofen", "Eppinghofer Straße", "50"),
        None,
        "Beratung Di 10–13 Uhr; Treff jeden 1. Samstag 10–13 Uhr",
        "kostenlos",
        "kontakt@einelternfamilien.example",
    ),
    (
        "Frühe Hilfen",
        "Schreiambulanz",
        "Ev. Krankenhaus Mülheim",
        "Für Eltern von Säuglingen, die viel schreien, schlecht schlafen oder schwer zu füttern "
        "sind. Die Beratung "
        "findet in ruhiger Atmosphäre mit dem Baby statt.",
        "Eltern mit Babys von 0–12 Monaten",
        ("Saarn", "Düsseldorfer Straße", "18"),
        None,
        "Termine nach telefonischer Vereinbarung",
        "kostenlos (Kassenleistung)",
        "schreiambulanz@evkmh.example",
    ),
    (
        "Frühe Hilfen",
        "Stillberatung und offene Stillgruppe",
        "Familienzentrum Dümpten",
        "Eine Still- und Laktationsberaterin hilft bei Fragen zum Stillen und Abstillen. Jeden "
        "zweiten Dienstag trifft "
        "sich die offene Stillgruppe.",
        "stillende Mütter, Schwangere",
        ("Dümpten", "Barbarastraße", "21"),
        None,
        "jeden 2. Dienstag 10–11.30 Uhr",
        "kostenlos",
        None,
    ),
    (
        "Beratung",
        "Familienbüro",
        CITY,
        "Erste Anlaufstelle für Familien: Hilfe bei Anträgen, Mülheim-Pass, Bildungs- und "
        "Teilhabepaket, Elterngeld "
        "und Kita-Suche. Ohne Termin.",
        "alle Familien",
        ("Stadtmitte", "Kaiserstraße", "6"),
        None,
        "Mo–Do 9–15 Uhr, Fr 9–12 Uhr",
        "kostenlos",
        "familienbuero@muelheim.example",
    ),
    (
        "Beratung",
        "Frauenberatung und Schutz bei häuslicher Gewalt",
        "Frauen helfen Frauen e.V.",
        "Vertrauliche Beratung für Frauen, die Gewalt erleben, auch anonym. Vermittlung in "
        "geschützte Unterkünfte.",
        "Frauen und ihre Kinder",
        None,
        "Die Adresse wird bei der Terminvereinbarung mitgeteilt.",
        "Mo–Fr 9–13 Uhr telefonisch, außerhalb der Zeiten: Hilfetelefon",
        "kostenlos und vertraulich",
        "beratung@frauenhelfenfrauen.example",
    ),
    (
        "Beratung",
        "Trennungs- und Scheidungsberatung",
        "Kinderschutzbund Mülheim e.V.",
        "Beratung für Eltern, die sich trennen, mit dem Blick auf die Kinder: Umgangsregelungen, "
        "begleiteter Umgang, "
        "Gruppen für Kinder aus Trennungsfamilien.",
        "Eltern in Trennung und ihre Kinder",
        ("Broich", "Ritterstraße", "3"),
        None,
        "Mo–Fr 9–12 Uhr",
        "kostenlos",
        "beratung@kinderschutzbund-mh.example",
    ),
    (
        "Kindertagespflege",
        "Fachdienst Kindertagespflege – Vermittlung von Tagesmüttern und Tagesvätern",
        f"Amt für Kinder, Jugend und Schule, {CITY}",
        "Der Fachdienst berät Eltern zur Betreuung bei Tagesmüttern und Tagesvätern und "
        "vermittelt freie Plätze – "
        "rund 1.100 Plätze gibt es im Stadtgebiet, vor allem für Kinder unter drei Jahren. "
        "Elternbeiträge richten sich "
        "nach dem Einkommen.",
        "Eltern von Kindern von 0 bis 3 Jahren (und Schulkindern in Randzeiten)",
        ("Altstadt I", "Georgstraße", "11"),
        None,
        "Sprechzeiten Di 9–12 Uhr, Do 14–17 Uhr und nach Vereinbarung",
        "Beratung kostenlos; Elternbeitrag einkommensabhängig",
        "kindertagespflege@muelheim.example",
    ),
    (
        "Familientreffpunkt",
        "Elterncafé im Familienzentrum Eppinghofen",
        "Familienzentrum Eppinghofen",
        "Kaffee, Tee und Gespräche: Eltern treffen sich, während die Kinder spielen. Einmal im "
        "Monat kommt eine Fachkraft "
        "mit einem Thema vorbei.",
        "Eltern mit Kindern bis 6 Jahre",
        ("Eppinghofen", "Zunftmeisterstraße", "14"),
        None,
        "jeden Dienstag 9–11 Uhr",
        "kostenlos",
        None,
    ),
    (
        "Familientreffpunkt",
        "Café Kinderwagen",
        "Familienzentrum Styrum",
        "Der Treff für Eltern mit Babys: Krabbeldecke, Wickelplatz und nette Leute.",
        "für Babys von 0–12 Monaten mit Eltern",
        ("Styrum", "Moritzstraße", "94"),
        None,
        "mittwochs 9.30–11.30 Uhr",
        "kostenlos",
        None,
    ),
    (
        "Familientreffpunkt",
        "Krabbeltreff im Familienzentrum Saarn",
        "Ev. Familienzentrum Saarn",
        "Offene Gruppe zum Kennenlernen, ohne Anmeldung. Geschwisterkinder sind willkommen.",
        "Babys bis 18 Monate und Eltern",
        ("Saarn", "Lintorfer Straße", "12"),
        None,
        "donnerstags 10–11.30 Uhr",
        "kostenlos",
        None,
    ),
    (
        "Familientreffpunkt",
        "Familienfrühstück im Stadtteiltreff Heimaterde",
        "Stadtteiltreff Heimaterde",
        "Gemeinsam frühstücken und Nachbarn kennenlernen – mit Spielecke für die Kinder.",
        "Familien",
        ("Heimaterde", "Sunderplatz", "5"),
        None,
        "jeden 1. Samstag im Monat 10–12 Uhr",
        "2 € pro Person, Kinder frei",
        None,
    ),
    (
        "Familientreffpunkt",
        "Mehrgenerationenhaus Dümpten – Offener Treff",
        "Diakonie Mülheim gGmbH",
        "Ein Wohnzimmer für den Stadtteil: Mittagstisch, Hausaufgabenhilfe, Spielenachmittage "
        "für Jung und Alt.",
        "alle Generationen",
        ("Dümpten", "Mellinghofer Straße", "182"),
        None,
        "Mo–Fr 10–17 Uhr",
        "Mittagstisch 3,50 €",
        None,
    ),
    (
        "Familientreffpunkt",
        "Vätertreff im Familienzentrum Heißen",
        "Familienzentrum Heißen",
        "Väter und ihre Kinder treffen sich zum Spielen, Bauen und Frühstücken.",
        "Väter mit Kindern von 1 bis 6 Jahren",
        ("Heißen", "Kleiststraße", "12"),
        None,
        "jeden 2. Samstag 10–12 Uhr",
        "kostenlos",
        None,
    ),
    (
        "Familientreffpunkt",
        "Internationales Müttercafé Broich",
        "Familienzentrum Broich",
        "Frauen aus vielen Ländern treffen sich, sprechen Deutsch und tauschen sich aus. Die "
        "Kinder werden nebenan betreut.",
        "Mütter mit Kindern",
        ("Broich", "Prinzeß-Luise-Straße", "60"),
        None,
        "freitags 9–11 Uhr",
        "kostenlos",
        None,
    ),
    (
        "Familientreffpunkt",
        "Offene Spielgruppe im Familienzentrum Speldorf",
        "Familienzentrum Speldorf",
        "Spielen, singen, basteln – eine offene Gruppe für Kinder, die noch keine Kita besuchen.",
        "Kinder von 1 bis 3 Jahren mit Begleitung",
        ("Speldorf", "Frühlingstraße", "20"),
        None,
        "montags 15–17 Uhr",
        "kostenlos",
        None,
    ),
    (
        "Freizeit",
        "Abenteuerspielplatz Heißen",
        "Verein Bauspielplatz e.V.",
        "Hütten bauen, Feuer machen, Tiere versorgen: Auf dem Abenteuerspielplatz bestimmen die "
        "Kinder selbst, was sie tun.",
        "Kinder von 6 bis 14 Jahren",
        ("Heißen", "Steinkampstraße", "40"),
        None,
        "Di–Fr 14–18 Uhr, in den Ferien 10–17 Uhr",
        "kostenlos",
        None,
    ),
    (
        "Freizeit",
        "Spielmobil – unterwegs in den Stadtteilen",
        f"Amt für Kinder, Jugend und Schule, {CITY}",
        "Das Spielmobil bringt Spielgeräte, Bastelmaterial und Riesenspiele auf Plätze in allen "
        "Stadtteilen.",
        "Kinder ab 4 Jahren",
        None,
        "wechselnde Orte, Standorte siehe Aushang",
        "in den Sommerferien täglich außer montags 14–18 Uhr",
        "kostenlos",
        "spielmobil@muelheim.example",
    ),
    (
        "Freizeit",
        "Wasserspielplatz in der MüGa",
        "MST Mülheimer Stadtmarketing",
        "Pumpen, Rinnen und Matsch: Der Wasserspielplatz ist an warmen Tagen der Treffpunkt für "
        "Familien.",
        "Kinder bis 10 Jahre",
        ("Broich", "Am Schloß Broich", "50"),
        None,
        "Mai bis September täglich 10–19 Uhr",
        "Eintritt frei",
        None,
    ),
    (
        "Freizeit",
        "Tiergehege Witthausbusch",
        CITY,
        "Im Wald zwischen Holthausen und Heißen leben Damwild, Ziegen und Wildschweine. Mit "
        "Spielplatz und Kiosk.",
        "Familien",
        ("Holthausen", "Kalkstraße", "1"),
        None,
        "täglich 9–17 Uhr",
        "Eintritt frei",
        None,
    ),
    (
        "Freizeit",
        "Jugendverkehrsschule – offene Fahrradnachmittage",
        "Polizei und Stadt Mülheim an der Ruhr",
        "Auf dem Übungsplatz mit Ampeln und Kreisverkehr üben Kinder Radfahren, Räder werden "
        "gestellt.",
        "Kinder ab 6",
        ("Speldorf", "Hansastraße", "12"),
        None,
        "mittwochs 15–17 Uhr (nicht in den Ferien)",
        "kostenlos",
        None,
    ),
    (
        "Freizeit",
        "Kinderbauernhof Mintard – offener Hof",
        "Kinderbauernhof Mintard e.V.",
        "Am Wochenende ist der Hof für alle offen: Tiere streicheln, Ponys putzen, Hofcafé.",
        "Familien mit Kindern",
        ("Mintard", "August-Thyssen-Straße", "200"),
        None,
        "Sa und So 11–17 Uhr",
        "Kinder 2 Euro, Erwachsene 3 Euro",
        None,
    ),
    (
        "Freizeit",
        "Skatepark an der Ruhr",
        CITY,
        "Bowl, Rails und Rampen für Skateboard, Scooter und BMX. Helm empfohlen.",
        "ab 8 J.",
        ("Styrum", "Friesenstraße", "2"),
        None,
        "täglich, frei zugänglich",
        "kostenlos",
        None,
    ),
    (
        "Freizeit",
        "Minigolf am Ruhrufer",
        "Freizeitanlage Ruhrufer GmbH",
        "18 Bahnen direkt am Wasser, mit Kiosk und Liegewiese.",
        "für alle Altersgruppen",
        ("Saarn", "Mintarder Straße", "5"),
        None,
        "April–Oktober täglich außer montags 10–18 Uhr",
        "Kinder 3 Euro, Erwachsene 6 Euro",
        None,
    ),
)


@cache
def services() -> tuple[Service, ...]:
    """The 32 entries in page order; keys B-<nnn>."""
    out: list[Service] = []
    number = 0
    for i, (rubric, title, operator, text, audience, where, note, hours, cost, mail) in enumerate(
        _ENTRIES
    ):
        number += 3 + (i * 7) % 5
        place = venue(title, *where) if where else None
        out.append(
            Service(
                key=f"B-{number:03d}",
                rubric=rubric,
                title=title,
                operator=operator,
                text=text,
                audience=audience,
                venue=place,
                address_note=note,
                hours=hours,
                cost=cost,
                phone=phone(title, city_office=CITY in operator or "Amt für" in operator)
                if mail or rubric != "Freizeit"
                else None,
                email=mail,
            )
        )
    return tuple(out)
