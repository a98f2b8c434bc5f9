"""Calendar of a sports club (kind sport): weekly groups with RRULE/EXDATE, one moved session
(RECURRENCE-ID), single dates and all-day camps — 30 events, as a WordPress events plugin
exports them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache

from demo.content.calendar import HERBST_2026, OSTERN_2027, PUBLIC_HOLIDAYS, WEIHNACHTEN_2026
from demo.content.places import Venue, venue
from schemas.vocab import OfferKind

CLUB = "TSV Ruhrtal 1911 e.V."
DOMAIN = "tsv-ruhrtal.example"

HALLS = {
    "lierberg": venue("Turnhalle Lierberg", "Saarn", "Lehnerstraße", "10"),
    "oemberg": venue("Sporthalle am Oemberg", "Saarn", "Oemberg", "2"),
    "bad": venue("Lehrschwimmbecken Saarn", "Saarn", "Landsberger Straße", "61"),
    "platz": venue("Sportplatz Lehnerstraße", "Saarn", "Lehnerstraße", "80"),
    "tennis": venue("Tennisanlage Mintard", "Mintard", "August-Thyssen-Straße", "33"),
    "clubhaus": venue("Vereinsheim TSV Ruhrtal", "Saarn", "Lehnerstraße", "82"),
}


@dataclass(frozen=True)
class Moved:
    """One occurrence of a series that takes place differently (RECURRENCE-ID)."""

    original: datetime
    start: datetime
    end: datetime
    summary: str
    description: str
    hall: str


@dataclass(frozen=True)
class ClubEvent:
    key: str  # the UID
    post_id: int
    slug: str
    summary: str
    description: str
    hall: str
    categories: tuple[str, ...]
    start: datetime | date
    end: datetime | date  # exclusive for all-day events
    rrule: str | None = None
    exdates: tuple[datetime, ...] = ()
    moved: Moved | None = None
    modified: datetime = datetime(2026, 11, 10, 16, 30)
    kind: str = OfferKind.SPORT.value

    @property
    def venue(self) -> Venue:
        return HALLS[self.hall]

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)


def _holiday_dates(weekdays: tuple[int, ...], at: time, *holidays) -> tuple[datetime, ...]:
    out: list[datetime] = []
    for h in holidays:
        day = h.first
        while day <= h.last:
            if day.weekday() in weekdays:
                out.append(datetime.combine(day, at))
            day += timedelta(days=1)
    return tuple(out)


def _public(weekdays: tuple[int, ...], at: time, until: date) -> tuple[datetime, ...]:
    return tuple(
        datetime.combine(d, at)
        for d in sorted(PUBLIC_HOLIDAYS)
        if d.weekday() in weekdays and d <= until
    )


def _uid(post_id: int, start: datetime | date, end: datetime | date) -> str:
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")
    s = start if isinstance(start, datetime) else datetime.combine(start, time())
    e = end if isinstance(end, datetime) else datetime.combine(end, time())
    start_ts = int(s.replace(tzinfo=berlin).timestamp())
    end_ts = int(e.replace(tzinfo=berlin).timestamp())
    return f"{post_id}-{start_ts}-{end_ts}@{DOMAIN}"


def _dt(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm)


SERIES_HOLIDAYS = (HERBST_2026, WEIHNACHTEN_2026, OSTERN_2027)

_SPECS: tuple[dict, ...] = (
    dict(
        slug="kinderturnen-3-6-jahre",
        summary="Kinderturnen (3–6 Jahre)",
        hall="lierberg",
        categories=("Kinderturnen", "Kinder"),
        description="Klettern, Balancieren, Rollen: Im Kinderturnen entdecken Drei- bis "
        "Sechsjährige spielerisch, "
        "was ihr Körper alles kann. Bitte Turnschläppchen und eine Trinkflasche mitbringen. "
        "Schnuppern ist jederzeit möglich, danach ist eine Vereinsmitgliedschaft nötig (Kinder 8 "
        "€ im Monat).",
        start=_dt(2026, 9, 7, 16),
        end=_dt(2026, 9, 7, 17),
        rrule="FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20270714T215959Z",
        ex=((0, 2), time(16)),
    ),
    dict(
        slug="eltern-kind-turnen",
        summary="Eltern-Kind-Turnen (1–3 Jahre)",
        hall="lierberg",
        categories=("Eltern-Kind-Turnen", "Kinder", "Familie"),
        description="Für Kinder von 1 bis 3 Jahren mit Mama, Papa, Oma oder Opa. Wir bauen jede "
        "Woche eine neue "
        "Bewegungslandschaft auf.\nKosten: 30 € für 20 Termine, Vereinsmitglieder frei.",
        start=_dt(2026, 11, 7, 10),
        end=_dt(2026, 11, 7, 11),
        rrule="FREQ=WEEKLY;BYDAY=SA;COUNT=20",
        ex=((5,), time(10)),
    ),
    dict(
        slug="seepferdchen-kurs",
        summary="Seepferdchen-Schwimmkurs",
        hall="bad",
        categories=("Schwimmen", "Kinder"),
        description="Schwimmkurs für Kinder ab 5 Jahren bis zum Abzeichen „Seepferdchen“. 12 "
        "Termine à 45 Minuten, "
        "Kursgebühr 90 Euro (Mitglieder 60 Euro). Anmeldung über die Geschäftsstelle.",
        start=_dt(2027, 1, 14, 17),
        end=_dt(2027, 1, 14, 17, 45),
        rrule="FREQ=WEEKLY;BYDAY=TH;COUNT=12",
    ),
    dict(
        slug="leichtathletik-kids",
        summary="Leichtathletik-Kids (8–12 Jahre)",
        hall="platz",
        categories=("Leichtathletik", "Kinder"),
        description="Laufen, Springen, Werfen für 8- bis 12-Jährige. Im Winter trainieren wir in "
        "der Sporthalle am Oemberg.",
        start=_dt(2026, 9, 1, 17, 30),
        end=_dt(2026, 9, 1, 19),
        rrule="FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270715T215959Z",
        ex=((1, 3), time(17, 30)),
    ),
    dict(
        slug="bambini-fussball",
        summary="Bambini-Fußball (4–6 Jahre)",
        hall="platz",
        categories=("Fußball", "Kinder"),
        description="Erste Schritte mit dem Ball für Kinder von 4 bis 6 Jahren. "
        "Schienbeinschoner nicht vergessen!",
        start=_dt(2026, 8, 28, 16),
        end=_dt(2026, 8, 28, 17),
        rrule="FREQ=WEEKLY;BYDAY=FR",
        ex=((4,), time(16)),
    ),
    dict(
        slug="badminton-jugend",
        summary="Badminton Jugend (10–16 Jahre)",
        hall="oemberg",
        categories=("Badminton", "Jugend"),
        description="Alle zwei Wochen sonntags: Training für Anfänger und Fortgeschrittene "
        "zwischen 10 und 16 Jahren. "
        "Schläger können geliehen werden.",
        start=_dt(2026, 9, 6, 10),
        end=_dt(2026, 9, 6, 12),
        rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;UNTIL=20270627T220000Z",
    ),
    dict(
        slug="judo-kinder",
        summary="Judo für Kinder (6–10 Jahre)",
        hall="oemberg",
        categories=("Judo", "Kinder"),
        description="Fallen lernen, Regeln achten, fair kämpfen. Ein Judoanzug kann für die "
        "ersten Wochen geliehen werden.",
        start=_dt(2026, 9, 7, 17),
        end=_dt(2026, 9, 7, 18),
        rrule="FREQ=WEEKLY;BYDAY=MO,FR;UNTIL=20270709T160000Z",
        ex=((0, 4), time(17)),
    ),
    dict(
        slug="kindertanz",
        summary="Kindertanz (4–7 Jahre)",
        hall="clubhaus",
        categories=("Tanz", "Kinder"),
        description="Kreativer Kindertanz zu Musik aus aller Welt. 15 Termine, 45 € für "
        "Nichtmitglieder.",
        start=_dt(2027, 1, 13, 15),
        end=_dt(2027, 1, 13, 15, 45),
        rrule="FREQ=WEEKLY;BYDAY=WE;COUNT=15",
        ex=((2,), time(15)),
    ),
    dict(
        slug="rope-skipping",
        summary="Rope Skipping ab 8",
        hall="lierberg",
        categories=("Rope Skipping", "Kinder", "Jugend"),
        description="Seilspringen mit Tricks und Musik – für alle ab 8 Jahren.",
        start=_dt(2026, 9, 1, 16, 30),
        end=_dt(2026, 9, 1, 18),
        rrule="FREQ=WEEKLY;BYDAY=TU;UNTIL=20270713T220000Z",
        ex=((1,), time(16, 30)),
    ),
    dict(
        slug="schwimmtraining-jugend",
        summary="Schwimmtraining Jugend",
        hall="bad",
        categories=("Schwimmen", "Jugend"),
        description="Leistungsorientiertes Training für Jugendliche mit Bronze-Abzeichen. "
        "Aufnahme nach Sichtung.",
        start=_dt(2026, 9, 7, 18),
        end=_dt(2026, 9, 7, 19, 30),
        rrule="FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20270716T220000Z",
        ex=((0, 2, 4), time(18)),
    ),
    dict(
        slug="familiensport-sonntag",
        summary="Familiensport am Sonntag",
        hall="oemberg",
        categories=("Familie", "Breitensport"),
        description="Jeden ersten Sonntag im Monat: Spiele, Parcours und Staffeln für die ganze "
        "Familie. "
        "Eintritt frei, auch für Nichtmitglieder.",
        start=_dt(2026, 12, 6, 10),
        end=_dt(2026, 12, 6, 12),
        rrule="FREQ=MONTHLY;BYDAY=1SU;COUNT=8",
    ),
    dict(
        slug="aqua-fitness-schwangere",
        summary="Aqua-Fitness für Schwangere",
        hall="bad",
        categories=("Schwimmen", "Familie"),
        description="Sanftes Training im warmen Wasser, geleitet von einer Hebamme. 10 Termine, "
        "70 €.",
        start=_dt(2027, 2, 4, 19),
        end=_dt(2027, 2, 4, 19, 45),
        rrule="FREQ=WEEKLY;BYDAY=TH;COUNT=10",
        ex=((3,), time(19)),
    ),
    dict(
        slug="mini-tennis",
        summary="Mini-Tennis (5–8 Jahre)",
        hall="tennis",
        categories=("Tennis", "Kinder"),
        description="Spielerischer Einstieg ins Tennis mit weichen Bällen und kleinen Feldern. "
        "Schläger werden gestellt.",
        start=_dt(2027, 4, 17, 9),
        end=_dt(2027, 4, 17, 10),
        rrule="FREQ=WEEKLY;BYDAY=SA;UNTIL=20270925T220000Z",
        ex=((5,), time(9)),
    ),
    dict(
        slug="eltern-baby-schwimmen",
        summary="Eltern-Baby-Schwimmen",
        hall="bad",
        categories=("Schwimmen", "Familie"),
        description="Wassergewöhnung für Babys ab 4 Monaten mit einem Elternteil, 8 Termine à 30 "
        "Minuten. 64 Euro.",
        start=_dt(2027, 2, 6, 11),
        end=_dt(2027, 2, 6, 11, 30),
        rrule="FREQ=WEEKLY;BYDAY=SA;COUNT=8",
    ),
    dict(
        slug="seepferdchen-intensiv-osterferien",
        summary="Seepferdchen-Intensivkurs in den Osterferien",
        hall="bad",
        categories=("Schwimmen", "Kinder", "Ferien"),
        description="Vier Tage hintereinander, jeweils eine Stunde: der Schnellkurs zum "
        "Seepferdchen in der ersten "
        "Osterferienwoche. 60 €, mit Mülheim-Pass 30 €.",
        start=_dt(2027, 3, 22, 9),
        end=_dt(2027, 3, 22, 10),
        rrule="FREQ=DAILY;COUNT=4",
    ),
    dict(
        slug="laternenlauf",
        summary="Laternenlauf für Familien",
        hall="clubhaus",
        categories=("Familie",),
        description="Mit Laternen einmal um den Sportplatz, danach Kinderpunsch am Vereinsheim.",
        start=_dt(2026, 11, 11, 17, 30),
        end=_dt(2026, 11, 11, 19),
    ),
    dict(
        slug="nikolausturnen",
        summary="Nikolausturnen",
        hall="lierberg",
        categories=("Kinderturnen", "Kinder"),
        description="Großer Bewegungsparcours für alle Turnkinder – und vielleicht schaut der "
        "Nikolaus vorbei.",
        start=_dt(2026, 12, 5, 15),
        end=_dt(2026, 12, 5, 17),
    ),
    dict(
        slug="weihnachtsfeier-kinderabteilung",
        summary="Weihnachtsfeier der Kinderabteilung",
        hall="clubhaus",
        categories=("Kinder", "Feier"),
        description="Mit Vorführungen der Gruppen, Kuchenbuffet und Tombola.",
        start=_dt(2026, 12, 19, 14),
        end=_dt(2026, 12, 19, 17),
    ),
    dict(
        slug="kinderkarneval",
        summary="Kinderkarneval in der Halle",
        hall="oemberg",
        categories=("Kinder", "Feier"),
        description="Helau! Spiele, Kostümprämierung und Kinderdisco. Eintritt 2 €, Erwachsene "
        "frei.",
        start=_dt(2027, 2, 6, 14, 11),
        end=_dt(2027, 2, 6, 17),
    ),
    dict(
        slug="schnuppertraining-leichtathletik",
        summary="Schnuppertraining Leichtathletik",
        hall="platz",
        categories=("Leichtathletik", "Kinder"),
        description="Für alle Kinder zwischen 6 und 12, die mal reinschnuppern wollen.",
        start=_dt(2027, 4, 24, 10),
        end=_dt(2027, 4, 24, 12),
    ),
    dict(
        slug="sportabzeichen-familien",
        summary="Sportabzeichen-Tag für Familien",
        hall="platz",
        categories=("Familie", "Sportabzeichen"),
        description="Das Familien-Sportabzeichen gibt es, wenn mindestens drei Familienmitglieder "
        "aus zwei Generationen "
        "das Deutsche Sportabzeichen ablegen. Prüferinnen und Prüfer sind vor Ort.",
        start=_dt(2027, 6, 5, 10),
        end=_dt(2027, 6, 5, 13),
    ),
    dict(
        slug="vereinsmeisterschaften-schwimmen",
        summary="Vereinsmeisterschaften Schwimmen (Jugend)",
        hall="bad",
        categories=("Schwimmen", "Jugend", "Wettkampf"),
        description="Alle Jahrgänge ab 2019, Meldeschluss eine Woche vorher.",
        start=_dt(2027, 3, 13, 9),
        end=_dt(2027, 3, 13, 14),
    ),
    dict(
        slug="kletter-schnupperkurs",
        summary="Kletter-Schnupperkurs (ab 10)",
        hall="oemberg",
        categories=("Klettern", "Jugend"),
        description="Bouldern an der Hallenwand mit Trainer. 5 € Materialbeitrag.",
        start=_dt(2027, 5, 22, 10),
        end=_dt(2027, 5, 22, 13),
    ),
    dict(
        slug="vereinsfest-tag-der-offenen-tuer",
        summary="Vereinsfest mit Tag der offenen Tür",
        hall="platz",
        categories=("Familie", "Feier"),
        description="Alle Abteilungen stellen sich vor – Mitmachen ausdrücklich erwünscht!",
        start=date(2027, 6, 12),
        end=date(2027, 6, 13),
    ),
    dict(
        slug="kinder-sportcamp-osterferien",
        summary="Kinder-Sportcamp in den Osterferien",
        hall="oemberg",
        categories=("Ferien", "Kinder"),
        description="Vier Tage Sport von 9 bis 15 Uhr für 6- bis 12-Jährige, mit Mittagessen. 85 "
        "Euro, Geschwister 70 Euro.",
        start=date(2027, 3, 22),
        end=date(2027, 3, 26),
    ),
    dict(
        slug="ferien-sportwoche-sommer",
        summary="Ferien-Sportwoche im Sommer",
        hall="platz",
        categories=("Ferien", "Kinder"),
        description="In der ersten Sommerferienwoche: jeden Tag eine andere Sportart. Mo–Fr 9–16 "
        "Uhr, 110 Euro.",
        start=date(2027, 7, 19),
        end=date(2027, 7, 24),
    ),
    dict(
        slug="familienwandertag",
        summary="Familienwandertag ins Ruhrtal",
        hall="clubhaus",
        categories=("Familie", "Wandern"),
        description="Rund 8 km, kinderwagentauglich, mit Picknick in Mintard.",
        start=date(2027, 5, 6),
        end=date(2027, 5, 7),
    ),
    dict(
        slug="hallenturnier-e-jugend",
        summary="Hallen-Fußballturnier E-Jugend",
        hall="oemberg",
        categories=("Fußball", "Wettkampf"),
        description="Zwölf Mannschaften aus dem Mülheimer Süden. Cafeteria geöffnet.",
        start=date(2027, 1, 16),
        end=date(2027, 1, 17),
    ),
    dict(
        slug="herbst-sportcamp",
        summary="Herbst-Sportcamp",
        hall="oemberg",
        categories=("Ferien", "Kinder"),
        description="Fünf Tage Sport und Spiel in der ersten Herbstferienwoche, für 6- bis "
        "12-Jährige.",
        start=date(2027, 10, 25),
        end=date(2027, 10, 30),
    ),
    dict(
        slug="jugendzeltlager",
        summary="Jugendzeltlager am Baldeneysee",
        hall="clubhaus",
        categories=("Ferien", "Jugend"),
        description="Fünf Tage Zelten, Kanufahren und Lagerfeuer für 10- bis 15-Jährige. 180 "
        "Euro alles inklusive.",
        start=date(2027, 8, 2),
        end=date(2027, 8, 7),
    ),
)


@cache
def club_events() -> tuple[ClubEvent, ...]:
    """The 30 calendar entries in export order (by post id)."""
    events: list[ClubEvent] = []
    post_id = 10231
    for spec in _SPECS:
        spec = dict(spec)
        ex_spec = spec.pop("ex", None)
        exdates: tuple[datetime, ...] = ()
        if ex_spec is not None:
            weekdays, at = ex_spec
            exdates = _holiday_dates(weekdays, at, *SERIES_HOLIDAYS) + _public(
                weekdays, at, date(2027, 7, 16)
            )
            exdates = tuple(sorted({d for d in exdates if d >= spec["start"]}))
        moved = None
        if spec["slug"] == "kinderturnen-3-6-jahre":
            moved = Moved(
                original=_dt(2026, 12, 2, 16),
                start=_dt(2026, 12, 2, 15, 30),
                end=_dt(2026, 12, 2, 16, 30),
                summary="Kinderturnen (3–6 Jahre) – heute in der Sporthalle am Oemberg!",
                description="Die Turnhalle Lierberg ist wegen einer Schulveranstaltung belegt. "
                "Wir turnen ausnahmsweise "
                "eine halbe Stunde früher in der Sporthalle am Oemberg.",
                hall="oemberg",
            )
        post_id += 7 + len(events) % 5
        events.append(
            ClubEvent(
                key=_uid(post_id, spec["start"], spec["end"]),
                post_id=post_id,
                exdates=exdates,
                moved=moved,
                **spec,
            )
        )
    return tuple(events)
