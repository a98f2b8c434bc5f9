"""Offers of the city's family card portal (Familienkarte): 20 entries that partner
organisations registered for card holders, with their discounts.

Most are other providers' offers again, written up by the portal's editors (cross-listings
with the VHS, the holiday portal, the AWO, the theatre and the parents' school); several only
resemble one (near-misses). One entry, a parent-and-child group in a women's shelter, comes
with its address flagged confidential (``vertraulich``): the address must never be published.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache

from demo.content import awo
from demo.content.elternschule import parent_courses
from demo.content.ferienspiele import HolidayOffer, holiday_offers
from demo.content.german import WD_ADVERB, d_full
from demo.content.places import Venue, venue
from demo.content.seed import rng
from demo.content.theater import performances
from demo.content.twins import Twin, near_miss, same
from demo.content.vhs import VhsCourse, vhs_courses
from schemas.vocab import OfferKind

PROVIDER = "familienkarte"
PORTAL = "Familienkarte Mülheim an der Ruhr"
CATEGORY_KINDS = {
    "Kurse": OfferKind.COURSE.value,
    "Ferien": OfferKind.HOLIDAY_CARE.value,
    "Kultur": OfferKind.CULTURE.value,
    "Treffpunkte": OfferKind.MEETING_PLACE.value,
    "Freizeit": OfferKind.LEISURE.value,
}
SHELTER_NOTE = (
    "Adresse vertraulich – nicht veröffentlichen. Kontakt nur über die Frauenberatungsstelle."
)


@dataclass(frozen=True)
class CardOffer:
    key: str
    title: str
    summary: str
    category: str
    organiser: str
    first_day: date
    last_day: date
    time_text: str
    date_text: str
    ages: tuple[int | None, int | None]
    price: Decimal | None
    price_text: str | None
    discount: str
    place: Venue
    free_places: int | None
    confidential: bool
    origin: tuple[str, str] | None  # the provider and key of the offer it repeats
    resembles: tuple[tuple[str, str, str], ...]  # other offers that look alike: provider, key, how

    @property
    def kind(self) -> str:
        return CATEGORY_KINDS[self.category]


def _vhs(key: str) -> VhsCourse:
    return next(c for c in vhs_courses() if c.key == key)


def _vhs_entry(key: str, title: str, summary: str, near: str | None = None) -> dict:
    c = _vhs(key)
    t = c.template
    return dict(
        title=title,
        summary=summary,
        category="Kurse",
        organiser="VHS Mülheim",
        first_day=c.dates[0],
        last_day=c.dates[-1],
        time_text=f"{c.start:%H.%M}–{c.end:%H.%M} Uhr",
        date_text=f"ab {d_full(c.dates[0])}, {WD_ADVERB[c.dates[0].weekday()]}"
        + (f" ({len(c.dates)} Termine)" if len(c.dates) > 1 else ""),
        ages=t.ages,
        price=Decimal(str(t.price)),
        price_text=None,
        discount="10 % Rabatt mit der Familienkarte",
        place=c.venue,
        free_places=c.free if key.endswith(("0", "4")) else None,
        origin=("vhs", key),
        resembles=() if near is None else (("vhs", near, _difference(c, _vhs(near))),),
    )


def _difference(a: VhsCourse, b: VhsCourse) -> str:
    if a.dates[0] == b.dates[0]:
        return "same course and day, other venue"
    return "same course, other dates"


def _holiday(key: str) -> HolidayOffer:
    return next(o for o in holiday_offers() if o.key == key)


def _holiday_entry(key: str, title: str, discount: str) -> dict:
    o = _holiday(key)
    return dict(
        title=title,
        summary=f"{o.organiser}: Ferienangebot für {o.age_text}.",
        category="Ferien",
        organiser=o.organiser,
        first_day=o.start,
        last_day=o.end,
        time_text=o.time_text,
        date_text=f"{o.start:%d.%m.}–{o.end:%d.%m.%Y}",
        ages=(None, None),
        price=None,
        price_text=o.price_text.strip(),
        discount=discount,
        place=o.venue,
        free_places=None,
        origin=("ferienportal", key),
        resembles=(),
    )


def _awo_entry(p: awo.Presentation, title: str) -> dict:
    return dict(
        title=title,
        summary=p.course.abstract,
        category="Kurse",
        organiser="AWO Familienbildung",
        first_day=p.first_day,
        last_day=p.last_day,
        time_text=f"{p.start:%H:%M}–{p.end:%H:%M} Uhr",
        date_text=f"Start {d_full(p.first_day)}",
        ages=(None, None),
        price=p.course.price,
        price_text=None,
        discount="Familienkarte: 5 € Nachlass",
        place=p.venue,
        free_places=None,
        origin=(awo.PROVIDER, p.key),
        resembles=(),
    )


def _own(
    title: str,
    summary: str,
    category: str,
    organiser: str,
    day: date,
    hours: tuple[time, time],
    ages: tuple[int | None, int | None],
    price: str | None,
    discount: str,
    place: Venue,
) -> dict:
    return dict(
        title=title,
        summary=summary,
        category=category,
        organiser=organiser,
        first_day=day,
        last_day=day,
        time_text=f"{hours[0]:%H:%M}–{hours[1]:%H:%M} Uhr",
        date_text=d_full(day),
        ages=ages,
        price=Decimal(price) if price is not None else None,
        price_text=None,
        discount=discount,
        place=place,
        free_places=None,
        origin=None,
        resembles=(),
    )


def _drafts() -> list[dict]:
    shows = performances()
    whale = [p for p in shows if p.play.title == "Der Wal im Kanal"]
    witch = next(p for p in shows if p.play.title.startswith("Hänsel") and p.start.month == 4)
    birth = next(
        c for c in parent_courses() if c.topic.title.startswith("Geburtsvorbereitung für Paare")
        and c.dates[0].month == 3
    )  # fmt: skip
    drafts = [
        _vhs_entry("271J1140", "Englisch für Grundschulkinder (8–10 J.)",
                   "Erste englische Sätze mit Liedern und Spielen.", "271J1179"),
        _vhs_entry("271J1094", "Babysitter-Führerschein für Jugendliche",
                   "Zwei Samstage mit Zertifikat.", "271J1105"),
        _vhs_entry("271G1030", "Erste Hilfe am Kind – Kurs für Eltern",
                   "Notfälle bei Säuglingen und Kleinkindern.", "271G1041"),
        _vhs_entry("271F1187", "Töpfern für Eltern und Kinder",
                   "Gemeinsam Schalen und Tiere aus Ton formen.", "271F1209"),
        _vhs_entry("271K1061", "Fotokurs für Familien in der MüGa",
                   "Mit Kamera oder Handy durch den Park."),
        _vhs_entry("262J1035", "Scratch-Programmierkurs für Kinder",
                   "Eigene Spiele programmieren, Laptops werden gestellt."),
        _holiday_entry("FS-2027-0572", "Kanu-Ferienwoche: Ruhrpiraten",
                       "Familienkarte: 5 € Rabatt pro Kind"),
        _holiday_entry("FS-2027-0767", "Zirkus-Ferienwoche „Manege frei“",
                       "Geschwisterkinder mit Familienkarte 10 € günstiger"),
        _holiday_entry("FS-2027-0664", "Bauernhof-Ferien in Mintard",
                       "Familienkarte: 10 % Rabatt"),
        _holiday_entry("FS-2027-0741", "Ferienatelier im Kunstmuseum (6–10 J.)",
                       "Familienkarte: Material gratis"),
        _awo_entry(awo.by_course("ELT-TROTZ")[0], "Elternkurs Trotzphase"),
        _awo_entry(awo.by_course("VATER-KIND")[0], "Werkstatt für Väter und Kinder"),
        dict(
            title=f"Theater: {whale[1].play.title} (ab {whale[1].play.min_age})",
            summary=whale[1].play.text, category="Kultur", organiser="Ruhrbühne Speldorf",
            first_day=whale[1].start.date(), last_day=whale[1].start.date(),
            time_text=f"{whale[1].start:%H:%M} Uhr", date_text=d_full(whale[1].start.date()),
            ages=(whale[1].play.min_age, None), price=Decimal("8"), price_text=None,
            discount="Familienkarte: Familienticket 30 € statt 38 €",
            place=whale[1].venue, free_places=None, origin=("theater", whale[1].key),
            resembles=(("theater", whale[2].key, "same play, other date"),),
        ),
        dict(
            title=f"{witch.play.title} – Familienvorstellung",
            summary=witch.play.text, category="Kultur", organiser="Ruhrbühne Speldorf",
            first_day=witch.start.date(), last_day=witch.start.date(),
            time_text=f"{witch.start:%H:%M} Uhr", date_text=d_full(witch.start.date()),
            ages=(witch.play.min_age, None), price=Decimal("8"), price_text=None,
            discount="Familienkarte: Familienticket 30 € statt 38 €",
            place=witch.venue, free_places=None, origin=("theater", witch.key), resembles=(),
        ),
        dict(
            title="Geburtsvorbereitung am Wochenende (für Paare)",
            summary=birth.topic.text, category="Kurse", organiser="Elternschule am Ruhrklinikum",
            first_day=birth.dates[0], last_day=birth.dates[-1],
            time_text=f"{birth.start:%H:%M}–{birth.end:%H:%M} Uhr",
            date_text=f"{d_full(birth.dates[0])} und {d_full(birth.dates[-1])}",
            ages=(None, None), price=birth.topic.price, price_text=None,
            discount="Familienkarte: Partnergebühr 75 € statt 90 €",
            place=venue("Ruhrklinikum Mülheim, Haus C", "Broich", "Wilhelminenstraße"),
            free_places=birth.free, origin=("elternschule", birth.key), resembles=(),
        ),
        dict(
            title="Eltern-Kind-Gruppe im Frauenhaus",
            summary="Wöchentliche Spielgruppe für Mütter, die im Frauenhaus wohnen, und ihre "
            "Kinder. Mit Kinderbetreuung und Beratung.",
            category="Treffpunkte", organiser="AWO Frauenhaus Mülheim",
            first_day=date(2027, 1, 12), last_day=date(2027, 7, 13),
            time_text="dienstags 9.30–11.30 Uhr", date_text="ab 12.01.2027, wöchentlich",
            ages=(0, 6), price=None, price_text="kostenlos", discount="kostenlos",
            place=venue("AWO Frauenhaus Mülheim, Gruppenraum", "Dümpten", "Schildberg"),
            free_places=None, origin=None, resembles=(),
        ),
        _own("Familientag im Tiergehege Witthausbusch",
             "Fütterung, Führung und Basteln für die ganze Familie.", "Freizeit",
             "Förderverein Tiergehege Witthausbusch e.V.", date(2027, 5, 2), (time(11), time(17)),
             (None, None), "0", "freier Eintritt",
             venue("Tiergehege Witthausbusch", "Holthausen")),
        _own("Familien-Stadtführung: Auf den Spuren der Ruhrschiffer",
             "Eine Stunde an der Ruhr mit Geschichten für Kinder ab 6.", "Kultur",
             "Stadtführungen Mülheim", date(2027, 6, 20), (time(14), time(15, 30)),
             (6, None), "6", "Kinder mit Familienkarte frei",
             venue("Treffpunkt Wasserbahnhof", "Broich", "Am Schloß Broich")),
        _own("Kinderflohmarkt in der Stadthalle",
             "Kinder verkaufen Spielzeug und Bücher, Eltern trinken Kaffee.", "Freizeit",
             "Stadtelternrat Mülheim", date(2027, 3, 13), (time(10), time(14)), (None, None),
             None, "Standgebühr für Familienkarten-Inhaber halbiert",
             venue("Stadthalle Mülheim", "Broich", "Ritterstraße")),
        _own("Spielenachmittag für Familien",
             "Brett- und Kartenspiele für Groß und Klein, mit Waffeln.", "Treffpunkte",
             "Stadtteilbüro Eppinghofen", date(2027, 2, 14), (time(15), time(18)),
             (4, None), "0", "kostenlos",
             venue("Stadtteilbüro Eppinghofen", "Eppinghofen", "Eppinghofer Straße")),
    ]  # fmt: skip
    return drafts


@cache
def card_offers() -> tuple[CardOffer, ...]:
    """The 20 entries in the portal's order (newest registration first); keys FK-nnnn."""
    r = rng(PROVIDER)
    drafts = _drafts()
    order = sorted(range(len(drafts)), key=lambda i: r.random())
    out: list[CardOffer] = []
    number = 1000
    for i in order:
        draft = dict(drafts[i])
        number += r.randint(3, 40)
        confidential = draft["organiser"] == "AWO Frauenhaus Mülheim"
        out.append(CardOffer(key=f"FK-{number:04d}", confidential=confidential, **draft))
    return tuple(out)


def confidential_keys() -> tuple[str, ...]:
    return tuple(o.key for o in card_offers() if o.confidential)


def registered(o: CardOffer) -> datetime:
    """When the partner registered the entry (shown as ``stand``)."""
    return datetime(2026, 11, 13, 12) - timedelta(days=int(o.key[3:]) % 60)


def twins() -> tuple[Twin, ...]:
    out: list[Twin] = []
    for o in card_offers():
        if o.origin is not None:
            out.append(same(PROVIDER, o.key, *o.origin))
        for provider, key, how in o.resembles:
            out.append(near_miss(PROVIDER, o.key, provider, key, how))
    return tuple(out)
