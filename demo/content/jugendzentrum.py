"""Posts of a youth centre's WordPress blog: 16 dated events (category "Termine", kind
leisure) and 8 holiday-programme posts (category "Ferienprogramm", kind holiday_care).

Two holiday posts are the centre's own offers that the city's holiday portal lists too; two
more share a portal title but not the week or the house (near-misses).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache

from demo.content.ferienspiele import holiday_offers
from demo.content.german import slug
from demo.content.places import Venue, venue
from demo.content.seed import rng
from demo.content.twins import Twin, near_miss, same
from schemas.vocab import OfferKind

PROVIDER = "jugendzentrum"
HOUSE = "Jugendhaus Speldorf"
SITE = "https://www.jugendhaus-speldorf.example"
VENUE: Venue = venue(HOUSE, "Speldorf", "Frühlingstraße")
EVENTS = "Termine"
HOLIDAYS = "Ferienprogramm"
LAST_POST = datetime(2026, 11, 13, 16, 45)


@dataclass(frozen=True)
class YouthPost:
    """One blog post announcing an event or a holiday week."""

    key: str  # the WordPress post id
    slug: str  # WordPress appends "-2" to a title used before
    title: str
    category: str
    tags: tuple[str, ...]
    first_day: date
    last_day: date
    start: time
    end: time
    ages: tuple[int, int | None] | None  # None: all ages
    price_text: str
    places_text: str | None
    text: str
    published: datetime
    kind: str

    @property
    def venue(self) -> Venue:
        return VENUE

    @property
    def path(self) -> str:
        return f"/{PROVIDER}/{self.published:%Y/%m}/{self.slug}/"

    @property
    def guid(self) -> str:
        return f"{SITE}/?p={self.key}"

    @property
    def registration_closes(self) -> date | None:
        """Holiday weeks with a number of places close registration ten days before."""
        if self.category != HOLIDAYS or not self.places_text:
            return None
        if not any(ch.isdigit() for ch in self.places_text):
            return None
        return self.first_day - timedelta(days=10)


def _d(y: int, m: int, d: int) -> date:
    return date(y, m, d)


# title, tags, first day, last day (None: one day), start, end, ages, price, places, text
_TERMINE: tuple[tuple, ...] = (
    (
        "Offener Treff: Kickerturnier",
        ("Offener Treff",),
        _d(2026, 11, 20),
        None,
        time(17),
        time(20),
        (10, 16),
        "kostenlos",
        None,
        "Wer schlägt das Team vom Jugendhaus? Gespielt wird im Doppel, Anmeldung vor Ort.",
    ),
    (
        "Graffiti-Workshop an der Skaterampe",
        ("Workshop", "Kunst"),
        _d(2026, 11, 28),
        None,
        time(12),
        time(17),
        (12, 18),
        "5 Euro Materialkosten",
        "max. 12 Teilnehmende",
        "Von der Skizze zum fertigen Bild: Ein Sprayer aus dem Ruhrgebiet zeigt Technik und "
        "Farbwahl. Gesprüht wird auf legalen Flächen am Jugendhaus.",
    ),
    (
        "Nikolaus-Disco für Kids",
        ("Party",),
        _d(2026, 12, 4),
        None,
        time(16),
        time(19),
        (6, 12),
        "1 Euro Eintritt",
        None,
        "Musik, Tanzspiele und eine kleine Überraschung vom Nikolaus.",
    ),
    (
        "Pizza-Abend: Wir kochen zusammen",
        ("Kochen",),
        _d(2026, 12, 11),
        None,
        time(17),
        time(20),
        (12, 17),
        "3 Euro",
        "10 Plätze",
        "Teig kneten, belegen, backen – und danach gemeinsam essen.",
    ),
    (
        "Hausaufgabenhilfe dienstags und donnerstags",
        ("Lernen",),
        _d(2027, 1, 12),
        None,
        time(14),
        time(16),
        (6, 12),
        "kostenlos",
        None,
        "Ab Januar helfen Ehrenamtliche wieder bei den Hausaufgaben, jeden Dienstag und "
        "Donnerstag außer in den Ferien.",
    ),
    (
        "Winterausflug in die Eissporthalle",
        ("Ausflug",),
        _d(2027, 1, 23),
        None,
        time(10),
        time(15),
        (10, 16),
        "8 Euro inkl. Schlittschuhverleih",
        "20 Plätze",
        "Treffpunkt am Jugendhaus, wir fahren gemeinsam mit Bus und Bahn.",
    ),
    (
        "Gaming-Turnier: Mario Kart",
        ("Gaming",),
        _d(2027, 2, 5),
        None,
        time(16),
        time(20),
        (10, 16),
        "kostenlos, Anmeldung im Büro",
        "32 Startplätze",
        "Im K.-o.-System auf der großen Leinwand. Für die Sieger gibt es Pokale.",
    ),
    (
        "Kinderkarneval im Jugendhaus",
        ("Party",),
        _d(2027, 2, 6),
        None,
        time(14),
        time(17),
        (6, 12),
        "2 Euro",
        None,
        "Kostümprämierung, Luftschlangen und Berliner für alle Jecken.",
    ),
    (
        "Mädchentag: Schmuck selbst gestalten",
        ("Mädchen",),
        _d(2027, 2, 17),
        None,
        time(15),
        time(18),
        (10, 16),
        "kostenlos",
        None,
        "Ein Nachmittag nur für Mädchen: Perlen, Draht und Leder werden zu Ketten und Armbändern.",
    ),
    (
        "Jungs-Abend: Bouldern",
        ("Jungen", "Sport"),
        _d(2027, 3, 5),
        None,
        time(16),
        time(19),
        (12, 16),
        "5 Euro",
        "12 Plätze",
        "Wir fahren in die Boulderhalle, Leihschuhe sind im Preis enthalten.",
    ),
    (
        "Bandprobenraum: Schnupperprobe",
        ("Musik",),
        _d(2027, 3, 12),
        None,
        time(17),
        time(20),
        (14, 21),
        "kostenlos",
        None,
        "Schlagzeug, Bass, Gitarre und Mikro stehen bereit – einfach vorbeikommen und "
        "ausprobieren.",
    ),
    (
        "Fahrradwerkstatt: Platten flicken, Bremsen einstellen",
        ("Workshop",),
        _d(2027, 4, 17),
        None,
        time(11),
        time(15),
        (10, 18),
        "kostenlos",
        None,
        "Bringt euer Rad mit! Werkzeug und Ersatzschläuche sind da.",
    ),
    (
        "Fußball-Nacht in der Sporthalle",
        ("Sport",),
        _d(2027, 4, 30),
        None,
        time(19),
        time(23),
        (14, 18),
        "kostenlos",
        "8 Teams",
        "Mitternachtsfußball in der Halle an der Frühlingstraße, Teams mit fünf Spielern.",
    ),
    (
        "Filmabend im Jugendhaus",
        ("Kino",),
        _d(2027, 5, 21),
        None,
        time(18),
        time(21),
        (12, 16),
        "Snacks 1 Euro",
        None,
        "Welcher Film läuft, entscheidet die Abstimmung im Treff.",
    ),
    (
        "Ausflug in den Kletterpark",
        ("Ausflug", "Sport"),
        _d(2027, 6, 12),
        None,
        time(10),
        time(17),
        (10, 16),
        "12 Euro",
        "16 Plätze",
        "Hoch hinaus: Nach einer Sicherheitseinweisung geht es in die Parcours.",
    ),
    (
        "Sommerfest im Jugendhaus",
        ("Fest",),
        _d(2027, 7, 3),
        None,
        time(14),
        time(19),
        None,
        "Eintritt frei",
        None,
        "Hüpfburg, Grill, Live-Musik der Jugendbands und Flohmarkt – für die ganze Familie.",
    ),
)

_FERIEN: tuple[tuple, ...] = (
    ("Herbstferien im Jugendhaus: Kreativwoche", ("Herbstferien",), _d(2026, 10, 19),
     _d(2026, 10, 23), time(10), time(15), (6, 12), "15 Euro inkl. Mittagessen",
     "noch Plätze frei",
     "Malen, Bauen, Werken: Jeden Tag ein neues Projekt, am Freitag eine Ausstellung."),
    ("Spieletage zwischen den Jahren", ("Weihnachtsferien",), _d(2026, 12, 28),
     _d(2026, 12, 30), time(10), time(14), (6, 12), "kostenlos", None,
     "Brettspiele, Kicker und Tischtennis – und mittags gibt es Suppe."),
    ("Hip-Hop & Breakdance", ("Osterferien", "Tanz"), _d(2027, 3, 22), _d(2027, 3, 25),
     time(13, 30), time(16, 30), (10, 14), "kostenlos", "15 Plätze",
     "Vier Nachmittage mit zwei Tänzern aus der Mülheimer Szene: Toprock, Footwork, Freezes."),
    ("Osterferien-Ausflugswoche", ("Osterferien", "Ausflug"), _d(2027, 3, 30),
     _d(2027, 4, 2), time(9), time(16), (8, 13), "25 Euro", "20 Plätze",
     "Zoo, Kletterhalle, Kino und Schwimmbad – jeden Tag geht es woanders hin."),
    ("Hip-Hop & Breakdance", ("Sommerferien", "Tanz"), _d(2027, 7, 19), _d(2027, 7, 23),
     time(13, 30), time(16, 30), (10, 14), "kostenlos", "15 Plätze",
     "Die erste Sommerferienwoche steht im Zeichen des Tanzes: Grundschritte und eine "
     "eigene Choreografie."),
    ("Sommer-Aktionswoche im Jugendhaus", ("Sommerferien",), _d(2027, 8, 2), _d(2027, 8, 6),
     time(10), time(16), (6, 12), "20 Euro pro Woche", "25 Plätze",
     "Wasserspiele im Garten, ein Ausflug ins Freibad und ein Grillabend zum Abschluss."),
    ("Jugendhaus Speldorf: Hip-Hop- und Breakdance-Camp", ("Sommerferien", "Tanz"),
     _d(2027, 8, 16), _d(2027, 8, 20), time(13, 30), time(16, 30), (10, 14), "kostenlos",
     "leider ausgebucht – Warteliste im Büro",
     "Fünf Nachmittage Breakdance mit den Trainern Deniz und Marco. Am Freitag zeigen alle "
     "ihre Choreografie bei einer kleinen Show im Jugendhaus, Eltern und Freunde sind "
     "eingeladen. Sportschuhe mit heller Sohle mitbringen!"),
    ("Breakdance-Workshop in den Herbstferien", ("Herbstferien", "Tanz"), _d(2027, 11, 2),
     _d(2027, 11, 5), time(13, 30), time(16, 30), (10, 14), "10 Euro für alle vier Tage",
     "noch Plätze frei",
     "Für alle, die im Sommer nicht genug bekommen haben – und für Neue."),
)  # fmt: skip


def _posts(rows: tuple[tuple, ...], category: str, kind: str, seed: str) -> list[dict]:
    r = rng(seed)
    out = []
    for title, tags, first, last, start, end, ages, price, places, text in rows:
        lead = timedelta(days=r.randint(6, 30), hours=r.randint(8, 17), minutes=r.randrange(60))
        published = datetime.combine(first, time()) - lead
        if published > LAST_POST:  # announced early, with the annual plan
            published = LAST_POST - timedelta(days=r.randint(0, 75), minutes=r.randrange(600))
        out.append(
            dict(
                title=title,
                category=category,
                tags=tags,
                first_day=first,
                last_day=last or first,
                start=start,
                end=end,
                ages=ages,
                price_text=price,
                places_text=places,
                text=text,
                published=published,
                kind=kind,
            )
        )
    return out


@cache
def youth_posts() -> tuple[YouthPost, ...]:
    """All 24 posts in publishing order (oldest first); keys are WordPress post ids."""
    drafts = _posts(_TERMINE, EVENTS, OfferKind.LEISURE.value, f"{PROVIDER}:termine")
    drafts += _posts(_FERIEN, HOLIDAYS, OfferKind.HOLIDAY_CARE.value, f"{PROVIDER}:ferien")
    drafts.sort(key=lambda d: (d["published"], d["title"]))
    r = rng(PROVIDER)
    number, out, used = 2180, [], set()
    for d in drafts:
        number += r.randint(2, 19)
        name = slug(d["title"])
        if name in used:
            name += "-2"
        used.add(name)
        out.append(YouthPost(key=str(number), slug=name, **d))
    return tuple(out)


def twins() -> tuple[Twin, ...]:
    portal = [o for o in holiday_offers() if "Hip-Hop" in o.title]
    out: list[Twin] = []
    for post in youth_posts():
        if post.category != HOLIDAYS or "Tanz" not in post.tags:
            continue
        here = [o for o in portal if o.start == post.first_day and o.venue.name == HOUSE]
        if here:
            out.append(same(PROVIDER, post.key, "ferienportal", here[0].key))
            continue
        elsewhere = [o for o in portal if o.start == post.first_day]
        if elsewhere:
            out.append(
                near_miss(
                    PROVIDER, post.key, "ferienportal", elsewhere[0].key, "same week, other house"
                )
            )
            continue
        later = min((o for o in portal if o.venue.name == HOUSE), key=lambda o: o.start)
        out.append(
            near_miss(PROVIDER, post.key, "ferienportal", later.key, "same house, other week")
        )
    return tuple(out)
