"""Offers the city sports federation publishes as OpenActive open data (kind sport): weekly
club groups (SessionSeries), courses (CourseInstance) and the next dates of some groups
(ScheduledSession, no offers of their own).

Many are the clubs' and the city sports service's own offers again: four TSV Ruhrtal groups,
five courses of the sports service and three of the swimming club (cross-listings); two
entries only look like one of those (near-misses). Two offers were withdrawn and remain as
tombstones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import cache

from demo.content.calendar import PUBLIC_HOLIDAYS, in_holidays
from demo.content.places import Venue, venue
from demo.content.schwimmverein import CLUB as SWIM_CLUB
from demo.content.schwimmverein import cross_listed as swim_cross_listed
from demo.content.seed import rng
from demo.content.sportservice import POOLS, SportRow, sport_rows
from demo.content.sportverein import CLUB as TSV
from demo.content.sportverein import ClubEvent, club_events
from demo.content.twins import Twin, near_miss, same
from schemas.vocab import OfferKind

PROVIDER = "sportbund"
FEDERATION = "Mülheimer SportBund e.V."
SERIES = "session-series"
COURSES = "course-instances"
SESSIONS = "scheduled-sessions"
CITY_SPORT = "Mülheimer SportService"
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WD = {"Mo": 0, "Di": 1, "Mi": 2, "Do": 3, "Fr": 4, "Sa": 5, "So": 6}


@dataclass(frozen=True)
class Club:
    name: str
    url: str


@dataclass(frozen=True)
class SportOffer:
    """One SessionSeries or CourseInstance of the federation's feeds."""

    key: str  # the RPDE item id
    feed: str
    name: str
    description: str
    club: Club
    place: Venue
    days: tuple[int, ...]
    start: time
    end: time
    first_day: date
    last_day: date
    interval_weeks: int
    except_days: tuple[date, ...]
    ages: tuple[int | None, int | None]
    prices: tuple[tuple[str, Decimal], ...]
    capacity: int | None
    activity: str
    female_only: bool = False
    modified: int = 0  # epoch milliseconds (series) or change number (courses)
    kind: str = OfferKind.SPORT.value

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)


@dataclass(frozen=True)
class Tombstone:
    key: str
    feed: str
    modified: int


@dataclass(frozen=True)
class Session:
    """One concrete date of a SessionSeries."""

    key: str
    series: str
    start: datetime
    end: datetime
    cancelled: bool
    embed_series: bool  # superEvent embedded, or only its @id
    remaining: int
    modified: str  # ISO 8601 in UTC


def _club(name: str, domain: str) -> Club:
    return Club(name, f"https://www.{domain}/")


CLUBS = {
    "tsv": _club(TSV, "tsv-ruhrtal.example"),
    "ts": _club("Turnerschaft Styrum 1885 e.V.", "ts-styrum.example"),
    "hsg": _club("HSG Mülheim-Styrum e.V.", "hsg-muelheim.example"),
    "ttc": _club("TTC Heißen 1958 e.V.", "ttc-heissen.example"),
    "svh": _club("SV Heißen 1912 e.V.", "sv-heissen.example"),
    "kanu": _club("Kanu-Club Ruhr e.V.", "kanu-club-ruhr.example"),
    "msb": _club(FEDERATION, "sportbund-muelheim.example"),
    "tanz": _club("Tanzsportclub Rot-Weiß Mülheim e.V.", "tsc-rot-weiss.example"),
    "dav": _club("Alpenverein Sektion Mülheim e.V.", "alpenverein-muelheim.example"),
    "sportservice": _club(CITY_SPORT, "sportservice-muelheim.example"),
    "swim": _club(SWIM_CLUB, "sv-ruhrwelle.example"),
    "dlrg": _club("DLRG Ortsgruppe Mülheim an der Ruhr e.V.", "dlrg-muelheim.example"),
    "budo": _club("Budo-Club Dümpten e.V.", "budo-duempten.example"),
    "verkehrswacht": _club("Verkehrswacht Mülheim an der Ruhr e.V.", "verkehrswacht-mh.example"),
}

PLACES = {
    "augusta": venue("Turnhalle Augustastraße", "Styrum", "Augustastraße"),
    "styrum_halle": venue("Sporthalle Styrum", "Styrum", "Moritzstraße"),
    "heissen_halle": venue("Sporthalle Gracht", "Heißen", "Gracht"),
    "muehlenfeld": venue("Sportplatz Mühlenfeld", "Heißen", "Mühlenfeld"),
    "bootshaus": venue("Bootshaus am Wasserbahnhof", "Broich", "Am Schloß Broich"),
    "msb_halle": venue("Sporthalle an der Südstraße", "Innenstadt", "Wallstraße"),
    "tanzsaal": venue("Tanzsportzentrum Dümpten", "Dümpten", "Borbecker Straße"),
    "kletter": venue("Kletterhalle Ruhrwand", "Speldorf", "Hansastraße"),
    "dojo": venue("Dojo Dümpten", "Dümpten", "Haferacker"),
    "schulhof": venue("Jugendverkehrsschule", "Saarn", "Lehnerstraße"),
}

EUR = Decimal


def _prices(*pairs: tuple[str, str]) -> tuple[tuple[str, Decimal], ...]:
    return tuple((name, EUR(value)) for name, value in pairs)


MEMBERS_FREE = _prices(("Vereinsmitglieder", "0"), ("Schnupperstunde", "0"))


def _except_days(days: tuple[int, ...], first: date, last: date) -> tuple[date, ...]:
    """Holiday dates the group does not meet (Christmas holidays and public holidays)."""
    out, day = [], first
    while day <= last:
        if day.weekday() in days and (
            day in PUBLIC_HOLIDAYS or (in_holidays(day) and day.month in (12, 1))
        ):
            out.append(day)
        day += timedelta(days=1)
    return tuple(out)


def _from_club(event: ClubEvent, name: str, description: str) -> dict:
    rule = dict(part.split("=") for part in (event.rrule or "").split(";") if part)
    days = tuple(WEEKDAY_CODES.index(code) for code in rule["BYDAY"].split(","))
    until = datetime.strptime(rule["UNTIL"][:8], "%Y%m%d").date() if "UNTIL" in rule else None
    assert isinstance(event.start, datetime) and isinstance(event.end, datetime)
    return dict(
        name=name,
        description=description,
        club=CLUBS["tsv"],
        place=event.venue,
        days=days,
        start=event.start.time(),
        end=event.end.time(),
        first_day=event.start.date(),
        last_day=until or date(2027, 7, 16),
        interval_weeks=int(rule.get("INTERVAL", "1")),
        except_days=tuple(d.date() for d in event.exdates if d.date() >= date(2026, 11, 16)),
    )


_TIMES = re.compile(r"(\d{1,2})\.(\d{2})–(\d{1,2})\.(\d{2}) Uhr")


def _from_city(row: SportRow, name: str) -> dict:
    match = _TIMES.search(row.day_time)
    if match:
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        days: tuple[int, ...] = (WD[row.day_time[:2]],)
        start, end = time(h1, m1), time(h2, m2)
    else:  # holiday camps: "Mo–Fr 9–15 Uhr"
        days, start, end = (0, 1, 2, 3, 4), time(9), time(15)
    prices = [("Kursgebühr", str(row.price))]
    if row.reduced is not None and row.key.endswith(("1", "3", "5", "7", "9")):
        prices.append(("mit Mülheim-Pass", str(row.reduced)))
    return dict(
        name=name,
        description=f"{row.category} des {CITY_SPORT}. {row.note or ''}".strip(),
        club=CLUBS["sportservice"],
        place=row.venue,
        days=days,
        start=start,
        end=end,
        first_day=row.start,
        last_day=row.end,
        interval_weeks=1,
        except_days=(),
        prices=_prices(*prices),
        capacity=row.places,
    )


def _club_series() -> list[tuple[str, dict]]:
    by_title = {e.summary: e for e in club_events()}

    def tsv(title: str, name: str, description: str, ages: tuple, activity: str) -> dict:
        return {
            **_from_club(by_title[title], name, description),
            "ages": ages,
            "prices": MEMBERS_FREE,
            "capacity": None,
            "activity": activity,
        }

    return [
        (
            "tsv:" + by_title["Kinderturnen (3–6 Jahre)"].key,
            tsv(
                "Kinderturnen (3–6 Jahre)",
                "Kinderturnen für Drei- bis Sechsjährige",
                "Turnen an Geräten und Bewegungslandschaften in der Halle Lierberg.",
                (3, 6),
                "Turnen",
            ),
        ),
        (
            "tsv:" + by_title["Leichtathletik-Kids (8–12 Jahre)"].key,
            tsv(
                "Leichtathletik-Kids (8–12 Jahre)",
                "Leichtathletik für Kinder von 8 bis 12",
                "Laufen, Springen, Werfen – zweimal pro Woche.",
                (8, 12),
                "Leichtathletik",
            ),
        ),
        (
            "tsv:" + by_title["Judo für Kinder (6–10 Jahre)"].key,
            tsv(
                "Judo für Kinder (6–10 Jahre)",
                "Judo – Kindergruppe 6 bis 10 Jahre",
                "Fallschule, Haltegriffe und Fairness auf der Matte.",
                (6, 10),
                "Judo",
            ),
        ),
        (
            "tsv:" + by_title["Badminton Jugend (10–16 Jahre)"].key,
            tsv(
                "Badminton Jugend (10–16 Jahre)",
                "Badminton für Jugendliche",
                "Alle zwei Wochen sonntags in der Sporthalle am Oemberg.",
                (10, 16),
                "Badminton",
            ),
        ),
    ]


def _own(
    name: str,
    club: str,
    place: str,
    days: tuple[int, ...],
    start: time,
    end: time,
    ages: tuple[int | None, int | None],
    activity: str,
    description: str,
    prices: tuple[tuple[str, Decimal], ...] = MEMBERS_FREE,
    first: date = date(2026, 8, 31),
    last: date = date(2027, 7, 16),
    capacity: int | None = None,
    female_only: bool = False,
) -> dict:
    return dict(
        name=name,
        description=description,
        club=CLUBS[club],
        place=PLACES[place],
        days=days,
        start=start,
        end=end,
        first_day=first,
        last_day=last,
        interval_weeks=1,
        except_days=_except_days(days, date(2026, 11, 16), last),
        ages=ages,
        prices=prices,
        capacity=capacity,
        activity=activity,
        female_only=female_only,
    )


def _series_drafts() -> list[tuple[str, dict]]:
    drafts = _club_series()
    drafts.append(
        (
            "near:kinderturnen",
            _own(
                "Kinderturnen (3–6 Jahre)",
                "ts",
                "augusta",
                (0, 2),
                time(16),
                time(17),
                (3, 6),
                "Turnen",
                "Bewegungsbaustelle, Rollen und Klettern für Kindergartenkinder.",
            ),
        )
    )
    drafts += [
        ("", _own("Handball-Minis (5–7 Jahre)", "hsg", "styrum_halle", (4,), time(16),
                  time(17), (5, 7), "Handball", "Ballspiele und erste Handball-Regeln.")),
        ("", _own("Tischtennis-Kids", "ttc", "heissen_halle", (1,), time(17), time(18, 30),
                  (8, 14), "Tischtennis", "Training für Einsteigerinnen und Einsteiger.",
                  _prices(("Vereinsmitglieder", "0"), ("Gäste je Training", "3")))),
        ("", _own("Rhönrad für Kinder ab 8", "ts", "augusta", (5,), time(10), time(12),
                  (8, None), "Rhönradturnen", "Drehen, rollen, schwingen im großen Rad.")),
        ("", _own("Mädchenfußball U11", "svh", "muehlenfeld", (2,), time(17), time(18, 30),
                  (8, 11), "Fußball", "Training nur für Mädchen, Trainerin mit C-Lizenz.",
                  female_only=True)),
        ("", _own("Kanu-Jugendtraining", "kanu", "bootshaus", (3,), time(16, 30),
                  time(18, 30), (10, 17), "Kanu", "Paddeln auf der Ruhr, Schwimmabzeichen "
                  "Bronze erforderlich.", first=date(2027, 4, 15), last=date(2027, 10, 14))),
        ("", _own("Alle in Bewegung – inklusiver Kindersport", "msb", "msb_halle", (5,),
                  time(10), time(11, 30), (6, 12), "Multisport",
                  "Kinder mit und ohne Behinderung spielen und bewegen sich gemeinsam.",
                  _prices(("Teilnahme", "0")))),
        ("", _own("Kinderballett (4–6 Jahre)", "tanz", "tanzsaal", (0,), time(15),
                  time(15, 45), (4, 6), "Ballett", "Erste Schritte im Ballett mit Musik.",
                  _prices(("Monatsbeitrag", "18")))),
        ("", _own("Bouldern für Kids", "dav", "kletter", (4,), time(15, 30), time(17),
                  (8, 13), "Bouldern", "Klettern in Absprunghöhe, Schuhe können geliehen "
                  "werden.", _prices(("Mitglieder", "0"), ("Nichtmitglieder je Termin",
                                                           "6.50")))),
        ("", _own("Eltern-Kind-Sport am Sonntag", "msb", "msb_halle", (6,), time(10),
                  time(11), (2, 5), "Bewegung", "Sonntags in Bewegung mit einem Elternteil.",
                  _prices(("Teilnahme", "0")), first=date(2027, 4, 18),
                  last=date(2027, 9, 26))),
    ]  # fmt: skip
    return drafts


def _course_drafts() -> list[tuple[str, dict]]:
    rows = {row.key: row for row in sport_rows()}
    city = (
        ("SK-27-021", "Wassergewöhnung für Vier- und Fünfjährige (Südbad)", "Schwimmen"),
        ("SK-27-041", "Seepferdchen – Anfängerschwimmkurs im Südbad", "Schwimmen"),
        ("SK-27-036", "Silber-Abzeichen-Kurs Styrum", "Schwimmen"),
        ("SK-27-049", "Aqua-Kids: Spaß im Wasser", "Aquafitness"),
        ("FC-27-020", "Multisport-Feriencamp Saarner Kuppe", "Multisport"),
    )
    drafts: list[tuple[str, dict]] = []
    for key, name, activity in city:
        row = rows[key]
        numbers = [int(n) for n in re.findall(r"\d+", row.age_text)]
        drafts.append(
            (
                f"sportservice:{key}",
                {
                    **_from_city(row, name),
                    "ages": (numbers[0], numbers[1] if len(numbers) > 1 else None),
                    "activity": activity,
                },
            )
        )
    for event in swim_cross_listed():
        drafts.append(
            (
                f"schwimmverein:{event.key}",
                dict(
                    name=event.title.replace(" & ", " und ").replace("Eltern und Kind: ", "")
                    + " (SV Ruhrwelle)",
                    description=event.text,
                    club=CLUBS["swim"],
                    place=event.venue,
                    days=(event.start.weekday(),),
                    start=event.start.time(),
                    end=event.end.time(),
                    first_day=event.start.date(),
                    last_day=event.start.date() + timedelta(weeks=event.sessions + 1),
                    interval_weeks=1,
                    except_days=(),
                    ages=event.ages,
                    prices=_prices(("Kursgebühr", str(event.cost))),
                    capacity=event.capacity,
                    activity="Schwimmen",
                ),
            )
        )
    near = rows["SK-27-041"]
    drafts.append(
        (
            "near:seepferdchen",
            {
                **_from_city(near, "Seepferdchen-Kurs"),
                "description": "Schwimmkurs der DLRG für Kinder ab 5 Jahren.",
                "club": CLUBS["dlrg"],
                "place": POOLS["wennmann"],
                "prices": _prices(("Kursgebühr", "70")),
                "ages": (5, None),
                "activity": "Schwimmen",
            },
        )
    )
    drafts += [
        ("", _own("Kinder-Yoga-Kurs (5–8 Jahre)", "msb", "msb_halle", (2,), time(15),
                  time(16), (5, 8), "Yoga", "Acht Termine mit Tierhaltungen und Fantasiereisen.",
                  _prices(("Kursgebühr", "48")), first=date(2027, 1, 13),
                  last=date(2027, 3, 10), capacity=12)),
        ("", _own("Selbstbehauptung für Mädchen (9–12 Jahre)", "budo", "dojo", (5,),
                  time(10), time(13), (9, 12), "Selbstverteidigung",
                  "Drei Samstage: Grenzen setzen, laut werden, sich befreien.",
                  _prices(("Kursgebühr", "45"), ("mit Mülheim-Pass", "22.50")),
                  first=date(2027, 2, 13), last=date(2027, 2, 27), capacity=14,
                  female_only=True)),
        ("", _own("Radfahrkurs für Kinder", "verkehrswacht", "schulhof", (3,), time(15),
                  time(16, 30), (6, 9), "Radfahren",
                  "Sicher Rad fahren lernen im Schonraum der Jugendverkehrsschule.",
                  _prices(("Kursgebühr", "20")), first=date(2027, 4, 15),
                  last=date(2027, 5, 20), capacity=10)),
    ]  # fmt: skip
    return drafts


def _number(r_name: str, drafts: list[tuple[str, dict]], prefix: str, start: int) -> list:
    r = rng(r_name)
    out, number = [], start
    for origin, draft in drafts:
        number += r.randint(1, 9)
        out.append((origin, f"{prefix}-{number:04d}", draft))
    return out


@cache
def _numbered() -> tuple[list, list]:
    series = _number(f"{PROVIDER}:series", _series_drafts(), "msb-ss", 100)
    courses = _number(f"{PROVIDER}:courses", _course_drafts(), "msb-ci", 300)
    return series, courses


@cache
def sport_offers() -> tuple[SportOffer, ...]:
    """The 14 session series and 12 course instances (publishing order: series first)."""
    series, courses = _numbered()
    r = rng(f"{PROVIDER}:modified")
    base_ms = int(datetime(2026, 10, 1, 6, tzinfo=UTC).timestamp() * 1000)
    out: list[SportOffer] = []
    for _, key, draft in series:
        modified = base_ms + r.randrange(0, 40 * 86_400_000, 1000)
        out.append(SportOffer(key=key, feed=SERIES, modified=modified, **draft))
    changes = list(range(5201, 5201 + len(courses) * 3, 3))
    r.shuffle(changes)
    for (_, key, draft), change in zip(courses, changes, strict=True):
        out.append(SportOffer(key=key, feed=COURSES, modified=change, **draft))
    return tuple(out)


def tombstones() -> tuple[Tombstone, ...]:
    """Two offers withdrawn before the canonical world's snapshot."""
    return (
        Tombstone("msb-ss-0098", SERIES, int(datetime(2026, 11, 12, 7, 3, tzinfo=UTC).timestamp())
                  * 1000),
        Tombstone("msb-ci-0297", COURSES, 5240),
    )  # fmt: skip


@cache
def sessions() -> tuple[Session, ...]:
    """The next four dates of four groups; one of them is cancelled."""
    by_name = {o.name: o for o in sport_offers() if o.feed == SERIES}
    chosen = (
        ("Kinderturnen für Drei- bis Sechsjährige", True),
        ("Handball-Minis (5–7 Jahre)", False),
        ("Tischtennis-Kids", True),
        ("Alle in Bewegung – inklusiver Kindersport", False),
    )
    r = rng(f"{PROVIDER}:sessions")
    out: list[Session] = []
    number = 7000
    for name, embed in chosen:
        offer = by_name[name]
        day, found = date(2027, 1, 11), 0
        while found < 4:
            if day.weekday() in offer.days and day not in offer.except_days:
                number += r.randint(1, 5)
                start = datetime.combine(day, offer.start)
                stamp = datetime(2026, 11, 1, tzinfo=UTC) + timedelta(
                    minutes=r.randrange(20_000), seconds=r.randrange(60)
                )
                out.append(
                    Session(
                        key=f"msb-ses-{number}",
                        series=offer.key,
                        start=start,
                        end=start + timedelta(minutes=offer.minutes),
                        cancelled=name == "Handball-Minis (5–7 Jahre)" and found == 2,
                        embed_series=embed,
                        remaining=r.randint(0, 12),
                        modified=stamp.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    )
                )
                found += 1
            day += timedelta(days=1)
    return tuple(out)


def twins() -> tuple[Twin, ...]:
    series, courses = _numbered()
    out: list[Twin] = []
    near_origin = {
        "near:kinderturnen": ("sportverein", "Kinderturnen (3–6 Jahre)"),
        "near:seepferdchen": ("sportservice", "SK-27-041"),
    }
    club_keys = {e.summary: e.key for e in club_events()}
    for origin, key, _ in series + courses:
        if not origin:
            continue
        source, _, other = origin.partition(":")
        if source == "tsv":
            out.append(same(PROVIDER, key, "sportverein", other))
        elif source in ("sportservice", "schwimmverein"):
            out.append(same(PROVIDER, key, source, other))
        else:
            provider, ref = near_origin[origin]
            other_key = club_keys.get(ref, ref)
            out.append(near_miss(PROVIDER, key, provider, other_key, "same name, other venue"))
    return tuple(out)
