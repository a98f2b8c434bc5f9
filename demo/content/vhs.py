"""Family-relevant courses of the adult-education centre (kind course), as its course
database exports them: 60 courses, spring semester 2027 plus a few late-2026 dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import cache

from demo.content.calendar import in_holidays, weekly_dates
from demo.content.places import Venue, venue
from demo.content.seed import pick, rng
from schemas.vocab import OfferKind

VENUES: dict[str, tuple[Venue, tuple[str, ...]]] = {
    "zentrum": (
        venue("VHS-Zentrum", "Altstadt II", "Aktienstraße", "45"),
        ("Raum 1.04", "Raum 2.11", "Küche", "Werkraum"),
    ),
    "medienhaus": (
        venue("Medienhaus (Stadtbibliothek)", "Innenstadt", "Synagogenplatz", "3"),
        ("Lernlabor", "Saal"),
    ),
    "saarn": (
        venue("Schulzentrum Saarn", "Saarn", "Landsberger Straße"),
        ("Raum A 12", "Lehrküche"),
    ),
    "styrum": (venue("Bürgerbegegnungsstätte Styrum", "Styrum", "Moritzstraße"), ("Gruppenraum",)),
    "duempten": (
        venue("Gesamtschule Dümpten", "Dümpten", "Nordstraße", "70"),
        ("Raum 014", "Kunstraum"),
    ),
    "heissen": (venue("Haus der Begegnung", "Heißen", "Gracht"), ("Saal", "Raum 2")),
}

CATEGORIES = {
    "J": "Junge VHS",
    "F": "Eltern und Familie",
    "S": "Sprachen",
    "K": "Kultur und Gestalten",
    "G": "Gesundheit",
}


@dataclass(frozen=True)
class VhsTemplate:
    title: str
    subtitle: str | None
    cat: str
    audience: str
    ages: tuple[int | None, int | None]
    weekday: int
    start: time
    minutes: int
    sessions: int
    price: float
    reduced: float | None
    capacity: int
    venues: tuple[str, ...]
    text: tuple[str, ...]


T = VhsTemplate
TEMPLATES: tuple[VhsTemplate, ...] = (
    T(
        "Englisch für Kinder",
        "Spielerisch in die neue Sprache",
        "J",
        "Kinder von 8 bis 10 Jahren",
        (8, 10),
        2,
        time(15, 30),
        60,
        10,
        55.0,
        27.5,
        10,
        ("zentrum", "saarn"),
        ("Mit Liedern, Reimen und kleinen Rollenspielen lernen die Kinder erste englische Sätze.",),
    ),
    T(
        "Programmieren mit Scratch",
        None,
        "J",
        "10- bis 14-Jährige",
        (10, 14),
        5,
        time(10),
        180,
        3,
        45.0,
        22.5,
        12,
        ("medienhaus",),
        (
            "Eigene Spiele und Animationen programmieren – ohne Vorkenntnisse.",
            "Laptops werden gestellt.",
        ),
    ),
    T(
        "Babysitter-Führerschein",
        "mit Zertifikat",
        "J",
        "Jugendliche ab 13 Jahren",
        (13, None),
        5,
        time(10),
        360,
        2,
        39.0,
        19.5,
        16,
        ("zentrum", "heissen"),
        (
            "Wickeln, Trösten, Spielen, Erste Hilfe: Alles, was Babysitterinnen und Babysitter "
            "wissen müssen.",
            "Am Ende gibt es ein Zertifikat und die Aufnahme in die Babysitter-Kartei des "
            "Familienbüros.",
        ),
    ),
    T(
        "Nähen für Kids",
        None,
        "J",
        "ab 10 Jahren",
        (10, None),
        1,
        time(16),
        120,
        5,
        62.0,
        31.0,
        8,
        ("duempten",),
        (
            "An der Nähmaschine entstehen Kissen, Turnbeutel und Mäppchen. Material bitte "
            "mitbringen, Liste folgt.",
        ),
    ),
    T(
        "Mathe-Fit für die 5. Klasse",
        "Auffrischung am Samstag",
        "J",
        "Schülerinnen und Schüler nach der 4. Klasse",
        (9, 11),
        5,
        time(9),
        180,
        4,
        48.0,
        24.0,
        10,
        ("zentrum", "styrum"),
        (
            "Der Übergang zur weiterführenden Schule: Grundrechenarten sicher beherrschen, "
            "Textaufgaben knacken.",
        ),
    ),
    T(
        "Comic zeichnen",
        None,
        "J",
        "11- bis 15-Jährige",
        (11, 15),
        3,
        time(16, 30),
        90,
        6,
        52.0,
        26.0,
        12,
        ("duempten", "medienhaus"),
        ("Figuren entwickeln, Panels planen, Sprechblasen setzen.",),
    ),
    T(
        "Spanisch für Kinder",
        None,
        "S",
        "Kinder von 6 bis 9 Jahren",
        (6, 9),
        4,
        time(15),
        60,
        10,
        55.0,
        27.5,
        10,
        ("saarn",),
        ("¡Hola! Mit Spielen und Geschichten lernen die Kinder die ersten Wörter auf Spanisch.",),
    ),
    T(
        "Smartphone-Fotografie für Jugendliche",
        None,
        "K",
        "Jugendliche von 12 bis 16 Jahren",
        (12, 16),
        5,
        time(11),
        180,
        2,
        29.0,
        14.5,
        12,
        ("medienhaus",),
        ("Licht, Perspektive, Bildbearbeitung: So werden Handyfotos richtig gut.",),
    ),
    T(
        "Bewerbungstraining für Schüler*innen",
        None,
        "J",
        "Jugendliche der Klassen 8 bis 10",
        (13, 17),
        5,
        time(10),
        240,
        1,
        0.0,
        None,
        15,
        ("zentrum",),
        (
            "Anschreiben, Lebenslauf, Vorstellungsgespräch – mit Übungen vor der Kamera. "
            "Entgeltfrei.",
        ),
    ),
    T(
        "Eltern-Kind-Töpfern",
        None,
        "F",
        "Kinder ab 4 Jahren mit einem Elternteil",
        (4, None),
        5,
        time(10),
        150,
        3,
        58.0,
        29.0,
        8,
        ("duempten",),
        ("Gemeinsam Schalen und Tiere aus Ton formen. Inklusive Material und Brand.",),
    ),
    T(
        "Kochen mit Kindern",
        "Gesund und lecker",
        "F",
        "Kinder von 6 bis 10 Jahren mit Begleitperson",
        (6, 10),
        5,
        time(11),
        180,
        1,
        24.0,
        12.0,
        10,
        ("saarn", "zentrum"),
        (
            "Wir kochen ein buntes Menü, das Kindern schmeckt. Lebensmittelkosten (8 €) werden "
            "im Kurs eingesammelt.",
        ),
    ),
    T(
        "Medienerziehung: Wie viel Bildschirm ist gut?",
        "Elternabend",
        "F",
        "Eltern von Kindern zwischen 3 und 12",
        (None, None),
        1,
        time(19),
        90,
        1,
        0.0,
        None,
        40,
        ("medienhaus", "heissen"),
        (
            "Ein Abend mit einer Medienpädagogin: Regeln, Apps, Jugendschutz. Entgeltfrei, "
            "Anmeldung erbeten.",
        ),
    ),
    T(
        "Stressfrei durch die Pubertät",
        "Vortrag mit Gespräch",
        "F",
        "Eltern von Kindern ab 10 Jahren",
        (None, None),
        3,
        time(19),
        90,
        1,
        8.0,
        0.0,
        40,
        ("zentrum", "styrum"),
        (
            "Türen knallen, Gespräche verstummen? Was im Kopf von Jugendlichen passiert und wie "
            "Eltern gelassen bleiben.",
        ),
    ),
    T(
        "Familien-Fotokurs",
        "Ausflug in die MüGa",
        "K",
        "Familien mit Kindern ab 8",
        (8, None),
        6,
        time(10),
        180,
        1,
        35.0,
        17.5,
        12,
        ("medienhaus",),
        (
            "Treffpunkt am Medienhaus, dann geht es in den Park. Eigene Kamera oder Handy "
            "mitbringen.",
        ),
    ),
    T(
        "Erste Hilfe für Eltern",
        None,
        "G",
        "Eltern und Großeltern",
        (None, None),
        5,
        time(9),
        420,
        1,
        39.0,
        19.5,
        16,
        ("heissen", "zentrum"),
        ("Notfälle bei Säuglingen und Kleinkindern: Wiederbelebung, Verschlucken, Unfälle.",),
    ),
    T(
        "Deutschkurs mit Kinderbetreuung",
        "Niveau A1",
        "S",
        "Eltern mit Kindern im Kita-Alter",
        (None, None),
        1,
        time(9),
        180,
        20,
        0.0,
        None,
        14,
        ("styrum", "zentrum"),
        (
            "Deutsch lernen, während die Kinder nebenan betreut werden. Gefördert vom Land NRW, "
            "entgeltfrei.",
        ),
    ),
    T(
        "Yoga für Schwangere",
        None,
        "G",
        "Schwangere ab der 12. Woche",
        (None, None),
        3,
        time(18),
        75,
        8,
        72.0,
        36.0,
        10,
        ("saarn", "heissen"),
        ("Sanfte Übungen, Atmung und Entspannung für die Schwangerschaft.",),
    ),
    T(
        "Tanzen mit Baby im Tragetuch",
        None,
        "G",
        "Eltern mit Babys von 3 bis 12 Monaten",
        (None, None),
        2,
        time(10, 30),
        60,
        6,
        42.0,
        21.0,
        10,
        ("zentrum",),
        ("Bewegung zu Musik, das Baby ist im Tuch immer ganz nah dabei.",),
    ),
    T(
        "Familienwerkstatt: Vogelhäuser bauen",
        None,
        "K",
        "Familien mit Kindern ab 6 Jahren",
        (6, None),
        5,
        time(10),
        240,
        1,
        28.0,
        14.0,
        10,
        ("duempten",),
        ("Gemeinsam sägen, bohren, schrauben – jede Familie nimmt ihr Vogelhaus mit.",),
    ),
    T(
        "Mehrsprachig aufwachsen",
        "Elternkurs",
        "F",
        "Eltern in mehrsprachigen Familien",
        (None, None),
        2,
        time(19),
        90,
        3,
        15.0,
        0.0,
        16,
        ("styrum",),
        ("Wie Kinder mehrere Sprachen lernen und wie Eltern sie dabei unterstützen.",),
    ),
)


@dataclass(frozen=True)
class VhsCourse:
    key: str
    template: VhsTemplate
    venue: Venue
    room: str
    dates: tuple[date, ...]
    start: time
    end: time
    capacity: int
    free: int
    cancelled: bool
    lecturer: str | None
    kind: str = OfferKind.COURSE.value


def _weeks(first: date, last: date) -> list[date]:
    day, out = first, []
    while day <= last:
        if not any(in_holidays(day + timedelta(days=i)) for i in range(7)):
            out.append(day)
        day += timedelta(days=7)
    return out


LECTURERS = (
    "Dr. Ines Markwart",
    "Jonas Petersen",
    "Ayşe Yıldız",
    "N. N.",
    "Claudia Reuter",
    "Mehmet Kaya",
    "Birgit Schröder",
    "Hannah Wolff",
)


@cache
def vhs_courses() -> tuple[VhsCourse, ...]:
    """The 60 courses, ordered by start and course number."""
    r = rng("vhs")
    mondays = _weeks(date(2026, 11, 16), date(2026, 12, 7)) + _weeks(
        date(2027, 1, 11), date(2027, 6, 14)
    )
    drafts = []
    for n in range(60):
        t = TEMPLATES[n % len(TEMPLATES)]
        monday = pick(r, mondays)
        dates = tuple(weekly_dates(monday + timedelta(days=t.weekday), t.sessions))
        minutes = t.start.hour * 60 + t.start.minute + t.minutes
        venue_key = pick(r, t.venues)
        place, rooms = VENUES[venue_key]
        roll = r.random()
        free = 0 if roll < 0.15 else t.capacity if roll > 0.8 else r.randint(1, t.capacity - 1)
        drafts.append(
            dict(
                template=t,
                venue=place,
                room=pick(r, rooms),
                dates=dates,
                start=t.start,
                end=time(minutes // 60, minutes % 60),
                capacity=t.capacity,
                free=free,
                lecturer=pick(r, LECTURERS),
            )
        )
    drafts.sort(key=lambda d: (d["dates"][0], d["start"], d["template"].title))
    out: list[VhsCourse] = []
    counters: dict[str, int] = {}
    for i, d in enumerate(drafts):
        semester = "262" if d["dates"][0].year == 2026 else "271"
        prefix = semester + d["template"].cat
        counters[prefix] = counters.get(prefix, 1000) + r.randint(1, 30)
        out.append(VhsCourse(key=f"{prefix}{counters[prefix]}", cancelled=i == 17, **d))
    return tuple(out)
