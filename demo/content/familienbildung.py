"""Courses of a Protestant family-education centre (kind course): PEKiP, Babymassage,
Elterncafé, Erste Hilfe am Kind and more — 50 course dates in winter 2026/27 and spring 2027."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal
from functools import cache

from demo.content.calendar import in_holidays, weekly_dates
from demo.content.german import MONTHS, WD_ADVERB, WEEKDAYS, euro
from demo.content.places import Venue, venue
from demo.content.seed import pick, rng
from schemas.vocab import OfferKind

ORGANISATION = "Evangelische Familienbildungsstätte Mülheim an der Ruhr"

VENUES = {
    "haus": venue("Haus der Familie", "Stadtmitte", "Löhberg", "29"),
    "saarn": venue("Ev. Gemeindezentrum Saarn", "Saarn", "Lintorfer Straße"),
    "styrum": venue("Ev. Gemeindehaus Styrum", "Styrum", "Kaiser-Wilhelm-Straße"),
    "heissen": venue("Familienzentrum Heißen (Bewegungsraum)", "Heißen", "Kleiststraße"),
    "broich": venue("Ev. Kita Broich – Mehrzweckraum", "Broich", "Prinzeß-Luise-Straße"),
    "duempten": venue("Gemeindehaus Dümpten", "Dümpten", "Barbarastraße"),
}

LEADERS = (
    "Sabine Hartmann, PEKiP-Gruppenleiterin",
    "Jana Özdemir, Hebamme",
    "Miriam Kowalski, Physiotherapeutin",
    "Thomas Brandt, Rettungssanitäter",
    "Lea Schäfer, Dipl.-Sozialpädagogin",
    "Katrin Vogel, Musikpädagogin",
    "Anke Lindner, Still- und Laktationsberaterin IBCLC",
    "Team der Familienbildung",
)


@dataclass(frozen=True)
class FamilyCourse:
    """One course date (Kurs) as the centre publishes it."""

    key: str
    title: str
    category: str
    audience_text: str
    age_months: tuple[int | None, int | None]
    venue: Venue
    dates: tuple[date, ...]
    start_time: time
    end_time: time
    schedule_text: str
    price: Decimal | None
    price_reduced: Decimal | None
    price_text: str
    leader: str | None
    paragraphs: tuple[str, ...]
    capacity: int
    free: int
    schema_type: str  # "Course" or "Event"
    variant: str  # how the JSON-LD of the detail page is written (see providers.familienbildung)
    kind: str = OfferKind.COURSE.value


@dataclass(frozen=True)
class Template:
    title: str
    category: str
    count: int
    audience: str
    age_months: tuple[int | None, int | None]
    weekday: int
    start: time
    minutes: int
    sessions: int
    price: Decimal | None
    reduced: Decimal | None
    schema_type: str
    venues: tuple[str, ...]
    paragraphs: tuple[str, ...]
    capacity: int = 10
    leader: int | None = None


D = Decimal
TEMPLATES: tuple[Template, ...] = (
    Template(
        "PEKiP für Babys, geboren im {birth}",
        "Rund ums Baby",
        6,
        "für Babys ab der 6. Lebenswoche mit Mutter oder Vater",
        (1, 12),
        2,
        time(9, 30),
        90,
        10,
        D("95"),
        D("47.5"),
        "Course",
        ("haus", "saarn", "styrum"),
        (
            "Im Prager-Eltern-Kind-Programm erleben Babys in einem warmen Raum nackt und frei, "
            "was sie schon können.",
            "Die Eltern tauschen sich aus, bekommen Anregungen für Spiel und Bewegung und lernen "
            "andere Familien kennen.",
        ),
        capacity=8,
        leader=0,
    ),
    Template(
        "Babymassage",
        "Rund ums Baby",
        4,
        "für Babys von 6 Wochen bis 6 Monaten",
        (1, 6),
        1,
        time(10),
        60,
        5,
        D("45"),
        D("22.5"),
        "Course",
        ("haus", "heissen", "duempten"),
        (
            "Sanfte Berührungen tun Babys gut: Sie entspannen, schlafen besser und Blähungen "
            "lassen nach.",
            "Bitte ein großes Handtuch, ein kleines Kissen und eine Ersatzwindel mitbringen. "
            "Massageöl wird gestellt.",
        ),
        capacity=8,
        leader=1,
    ),
    Template(
        "Elterncafé für Mütter und Väter mit Babys",
        "Treffpunkte",
        2,
        "für Babys von 0–12 Monaten und ihre Eltern",
        (0, 12),
        2,
        time(9, 30),
        90,
        12,
        None,
        None,
        "Event",
        ("haus", "styrum"),
        (
            "Jeden Mittwoch offen: Kaffee trinken, Fragen loswerden, andere Eltern treffen.",
            "Eine Fachkraft der Familienbildung ist da und hat ein offenes Ohr. Eine Anmeldung "
            "ist nicht nötig.",
        ),
        capacity=20,
        leader=7,
    ),
    Template(
        "Erste Hilfe am Kind",
        "Gesundheit & Erste Hilfe",
        4,
        "für Eltern, Großeltern und alle, die Kinder betreuen",
        (None, None),
        5,
        time(9),
        420,
        1,
        D("35"),
        None,
        "Event",
        ("haus", "saarn", "heissen"),
        (
            "Was tun bei Fieberkrampf, Verschlucken oder Verbrühung? An einem Samstag lernen Sie "
            "die wichtigsten Handgriffe.",
            "Der Kurs wird als Erste-Hilfe-Nachweis für Tagespflegepersonen anerkannt (9 "
            "Unterrichtseinheiten).",
        ),
        capacity=16,
        leader=3,
    ),
    Template(
        "Eltern-Kind-Gruppe (1–2 Jahre)",
        "Eltern-Kind-Gruppen",
        3,
        "für Kinder von 1 bis 2 Jahren mit einer Begleitperson",
        (12, 24),
        0,
        time(9, 30),
        90,
        12,
        D("72"),
        D("36"),
        "Course",
        ("saarn", "styrum", "broich"),
        (
            "Singen, spielen, matschen: In der Gruppe entdecken die Kleinen die Welt gemeinsam "
            "mit anderen Kindern.",
            "Für die Erwachsenen bleibt Zeit für Gespräche über Schlaf, Essen und Trotz.",
        ),
        leader=4,
    ),
    Template(
        "Eltern-Kind-Gruppe (2–3 Jahre)",
        "Eltern-Kind-Gruppen",
        3,
        "für Kinder von 2 bis 3 Jahren mit Begleitperson",
        (24, 36),
        3,
        time(15),
        90,
        12,
        D("72"),
        D("36"),
        "Course",
        ("heissen", "duempten", "haus"),
        (
            "Die Gruppe bereitet behutsam auf den Kita-Start vor: feste Rituale, Kreisspiele und "
            "freies Spiel.",
            "Einmal im Kurs gibt es einen Elternabend zum Thema Eingewöhnung.",
        ),
        leader=4,
    ),
    Template(
        "Geburtsvorbereitung für Paare",
        "Schwangerschaft & Geburt",
        3,
        "für werdende Eltern",
        (None, None),
        5,
        time(10),
        360,
        2,
        D("120"),
        None,
        "Course",
        ("haus",),
        (
            "An zwei Samstagen bereiten sich Paare gemeinsam auf die Geburt vor: Atmung, "
            "Positionen, Ablauf im Kreißsaal.",
            "Die Kosten für die Schwangere übernimmt in der Regel die Krankenkasse, die "
            "Partnergebühr beträgt 60 €.",
        ),
        capacity=7,
        leader=1,
    ),
    Template(
        "Rückbildungsgymnastik mit Baby",
        "Schwangerschaft & Geburt",
        3,
        "für Mütter mit Babys von 6 Wochen bis 6 Monaten",
        (1, 6),
        1,
        time(11),
        75,
        8,
        D("84"),
        None,
        "Course",
        ("haus", "saarn", "heissen"),
        (
            "Beckenboden, Bauch und Rücken werden wieder gestärkt – die Babys sind dabei und "
            "liegen auf Decken neben Ihnen.",
            "Der Kurs kann mit der Krankenkasse abgerechnet werden, wenn er bis zum Ende des 4. "
            "Monats nach der Geburt beginnt.",
        ),
        capacity=10,
        leader=2,
    ),
    Template(
        "Musikgarten für Babys",
        "Musik & Bewegung",
        3,
        "für Babys und Kleinkinder von 0–18 Monaten",
        (0, 18),
        4,
        time(10),
        45,
        10,
        D("68"),
        D("34"),
        "Course",
        ("styrum", "broich", "duempten"),
        (
            "Lieder, Kniereiter und Klanginstrumente: Der Musikgarten macht Musik für die "
            "Kleinsten erlebbar.",
            "Mitsingen können alle – auch wer meint, nicht singen zu können.",
        ),
        capacity=10,
        leader=5,
    ),
    Template(
        "Vom Stillen zum Familientisch – Beikost-Workshop",
        "Rund ums Baby",
        2,
        "für Eltern von Babys ab 4 Monaten",
        (4, 12),
        3,
        time(19),
        120,
        1,
        D("15"),
        None,
        "Event",
        ("haus", "saarn"),
        (
            "Wann ist mein Kind bereit für Brei? Brei oder Fingerfood? Ein Abend mit vielen "
            "praktischen Tipps.",
            "Mit Kostproben und Rezeptheft.",
        ),
        capacity=14,
        leader=6,
    ),
    Template(
        "Babyzeichensprache",
        "Rund ums Baby",
        2,
        "für Eltern mit Babys von 6 bis 12 Monaten",
        (6, 12),
        0,
        time(10, 30),
        60,
        6,
        D("60"),
        D("30"),
        "Course",
        ("haus", "heissen"),
        (
            "Schon bevor sie sprechen können, verständigen sich Babys mit einfachen Gebärden.",
            "Spielerisch lernen Eltern und Kinder Zeichen für Essen, Trinken, Schlafen und mehr.",
        ),
        capacity=8,
    ),
    Template(
        "Tragetuch-Workshop",
        "Rund ums Baby",
        2,
        "für Schwangere und Eltern mit Babys bis 12 Monate",
        (0, 12),
        5,
        time(10),
        150,
        1,
        D("25"),
        None,
        "Event",
        ("haus", "styrum"),
        (
            "Welche Trage passt zu uns? Wir probieren Tücher und Tragehilfen aus und üben die "
            "wichtigsten Bindeweisen.",
            "Eigene Tragen gern mitbringen.",
        ),
        capacity=8,
        leader=1,
    ),
    Template(
        "Papa-Kind-Samstag",
        "Eltern-Kind-Gruppen",
        3,
        "für Väter mit Kindern von 1 bis 3 Jahren",
        (12, 36),
        5,
        time(10),
        120,
        4,
        D("30"),
        D("15"),
        "Course",
        ("broich", "duempten", "saarn"),
        (
            "Vier Samstagvormittage nur für Väter und ihre Kinder: toben, bauen, gemeinsam "
            "frühstücken.",
            "Ein Angebot in Kooperation mit dem Väter-Netzwerk Mülheim.",
        ),
        capacity=8,
    ),
    Template(
        "Fit für die Enkel – Kurs für Großeltern",
        "Elternbildung",
        1,
        "für Großeltern",
        (None, None),
        3,
        time(15),
        120,
        3,
        D("30"),
        None,
        "Course",
        ("haus",),
        (
            "Was hat sich seit der eigenen Elternzeit verändert? Schlafen, Impfen, Autositz – "
            "der Kurs bringt Großeltern auf den neuesten Stand.",
        ),
        capacity=14,
        leader=4,
    ),
    Template(
        "Starke Eltern – starke Kinder®",
        "Elternbildung",
        2,
        "für Eltern von Kindern zwischen 3 und 12 Jahren",
        (None, None),
        1,
        time(19, 30),
        120,
        8,
        D("48"),
        D("0"),
        "Course",
        ("haus", "heissen"),
        (
            "Der Elternkurs des Kinderschutzbundes stärkt Eltern im Erziehungsalltag: weniger "
            "Streit, mehr Miteinander.",
            "Für Inhaberinnen und Inhaber des Mülheim-Passes ist die Teilnahme kostenlos.",
        ),
        capacity=12,
        leader=4,
    ),
    Template(
        "Kochen für Kleinkinder",
        "Gesundheit & Erste Hilfe",
        1,
        "für Eltern von Kindern ab 1 Jahr",
        (12, 48),
        3,
        time(18, 30),
        150,
        1,
        D("18"),
        None,
        "Event",
        ("saarn",),
        (
            "Schnelle, gesunde Gerichte, die der ganzen Familie schmecken – gekocht wird "
            "gemeinsam.",
            "Lebensmittelumlage ist im Preis enthalten.",
        ),
        capacity=10,
    ),
    Template(
        "Spiel & Bewegung für Kleinkinder ohne Eltern",
        "Eltern-Kind-Gruppen",
        2,
        "für Kinder von 2 bis 3 Jahren",
        (24, 36),
        2,
        time(9),
        150,
        15,
        D("110"),
        D("55"),
        "Course",
        ("styrum", "broich"),
        (
            "Die erste Gruppe ohne Mama und Papa: zweimal drei Stunden pro Woche in einer festen "
            "Kleingruppe.",
            "Nach einer Eingewöhnungsphase bleiben die Kinder allein mit zwei Erzieherinnen.",
        ),
        capacity=8,
    ),
    Template(
        "Entspannt durch den Familienalltag",
        "Elternbildung",
        1,
        "für Eltern",
        (None, None),
        0,
        time(19, 30),
        90,
        4,
        D("40"),
        D("20"),
        "Course",
        ("duempten",),
        ("Achtsamkeitsübungen und kleine Auszeiten, die in einen vollen Familientag passen.",),
        capacity=12,
    ),
    Template(
        "Kinder-Yoga (4–6 Jahre)",
        "Musik & Bewegung",
        2,
        "für Kinder von 4 bis 6 Jahren",
        (48, 72),
        4,
        time(15, 30),
        45,
        8,
        D("56"),
        D("28"),
        "Course",
        ("heissen", "saarn"),
        (
            "Als Baum, Katze oder Löwe durch die Stunde: Kinder-Yoga stärkt Körpergefühl und "
            "Konzentration.",
        ),
        capacity=10,
    ),
    Template(
        "Stillvorbereitung",
        "Schwangerschaft & Geburt",
        1,
        "für Schwangere ab der 30. SSW und Partner",
        (None, None),
        2,
        time(18),
        120,
        1,
        D("20"),
        None,
        "Event",
        ("haus",),
        ("Gut informiert in die Stillzeit: Anlegen, Milchbildung, die ersten Tage zu Hause.",),
        capacity=12,
        leader=6,
    ),
)

BROKEN = {
    3: "trailing_comma",
    17: "trailing_comma",
    29: "trailing_comma",
    8: "comment",
    36: "comment_wrapped",
    12: "leading_zero_postcode",
    5: "int_postcode",
    22: "int_postcode",
    41: "int_postcode",
    2: "two_blocks",
    14: "two_blocks",
    26: "two_blocks_org",
    44: "two_blocks",
    6: "graph",
    19: "graph",
    31: "graph",
    38: "graph",
    47: "graph",
    10: "ascii",
    24: "ascii",
    33: "ascii",
}
"""Course positions whose detail page writes its JSON-LD in a broken or unusual way; the first
"Spiel & Bewegung" course additionally writes ``&amp;`` inside its JSON strings."""


def _term_starts() -> list[date]:
    """Mondays of term weeks (no school holidays) from late November 2026 to June 2027."""
    day, out = date(2026, 11, 23), []
    while day <= date(2027, 6, 14):
        if not any(in_holidays(day + timedelta(days=i)) for i in range(5)):
            out.append(day)
        day += timedelta(days=7)
    return out


def _schedule_text(t: Template, first: date, sessions: int, start: time, end: time) -> str:
    hours = f"{start.hour}.{start.minute:02d}–{end.hour}.{end.minute:02d} Uhr"
    if sessions == 1:
        return f"{WD_ADVERB[first.weekday()].capitalize().rstrip('s')}, {first:%d.%m.%Y}, {hours}"
    if t.schema_type == "Event":
        return f"jeden {WEEKDAYS[first.weekday()]}, {hours}"
    return f"{sessions} x {WD_ADVERB[first.weekday()]}, {hours}"


def _price_text(t: Template) -> str:
    if t.price is None:
        return "kostenlos"
    text = euro(t.price)
    if t.title.startswith("Erste Hilfe"):
        return f"{text} pro Person, Paare 60,00 €"
    if t.title.startswith("Geburtsvorbereitung"):
        return f"{text} (Abrechnung über die Krankenkasse möglich), Partnergebühr 60,00 €"
    if t.reduced == 0:
        return f"{text}, mit Mülheim-Pass kostenlos"
    if t.reduced is not None:
        return f"{text} (ermäßigt {euro(t.reduced)})"
    return text


@cache
def family_courses() -> tuple[FamilyCourse, ...]:
    """The 50 course dates, in listing order (category, then start)."""
    r = rng("familienbildung")
    weeks = _term_starts()
    drafts: list[tuple] = []
    for t in TEMPLATES:
        for _ in range(t.count):
            monday = weeks[r.randrange(0, len(weeks) - 6)]
            first = monday + timedelta(days=t.weekday)
            dates = tuple(weekly_dates(first, t.sessions))
            start = t.start
            end_minutes = start.hour * 60 + start.minute + t.minutes
            end = time(end_minutes // 60, end_minutes % 60)
            title = t.title
            if "{birth}" in title:
                born = first - timedelta(days=60)
                title = title.format(birth=f"{MONTHS[born.month - 1]} {born.year}")
            capacity = t.capacity
            roll = r.random()
            free = 0 if roll < 0.2 else capacity if roll > 0.85 else r.randint(1, capacity - 1)
            drafts.append((t, title, pick(r, t.venues), dates, start, end, capacity, free))
    categories = list(dict.fromkeys(t.category for t in TEMPLATES))
    drafts.sort(key=lambda d: (categories.index(d[0].category), d[3][0], d[1]))
    amp_index = next(i for i, d in enumerate(drafts) if "&" in d[1])
    courses: list[FamilyCourse] = []
    numbers: dict[str, int] = {}
    for index, (t, title, venue_key, dates, start, end, capacity, free) in enumerate(drafts):
        semester = "262" if dates[0].year == 2026 else "271"
        cat = categories.index(t.category) + 1
        numbers[f"{semester}{cat}"] = numbers.get(f"{semester}{cat}", 0) + r.randint(1, 6)
        key = f"{semester}-{cat}{numbers[f'{semester}{cat}']:03d}"
        leader = (
            LEADERS[t.leader]
            if t.leader is not None
            else (pick(r, LEADERS) if r.random() < 0.5 else None)
        )
        courses.append(
            FamilyCourse(
                key=key,
                title=title,
                category=t.category,
                audience_text=t.audience,
                age_months=t.age_months,
                venue=VENUES[venue_key],
                dates=dates,
                start_time=start,
                end_time=end,
                schedule_text=_schedule_text(t, dates[0], len(dates), start, end),
                price=t.price,
                price_reduced=t.reduced,
                price_text=_price_text(t),
                leader=leader,
                paragraphs=t.paragraphs,
                capacity=capacity,
                free=free,
                schema_type=t.schema_type,
                variant="amp" if index == amp_index else BROKEN.get(index, "plain"),
            )
        )
    return tuple(courses)
