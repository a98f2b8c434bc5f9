"""Family-related continuing education of the regional course database, as its openQ-cat
(PAS 1045) export carries it (kind course): 12 services of several institutions.

Five services are courses the AWO family education service and the VHS publish themselves
(cross-listings); one is another institution's course on the same day as a VHS course
(near-miss).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from demo.content import awo
from demo.content.places import Venue, venue
from demo.content.seed import rng
from demo.content.twins import Twin, near_miss, same
from demo.content.vhs import vhs_courses
from schemas.vocab import OfferKind

PROVIDER = "weiterbildung"
DATABASE = "Bildungsnetz Mülheim an der Ruhr – Weiterbildungsdatenbank"


@dataclass(frozen=True)
class Institution:
    id: str
    name: str
    email: str
    url: str
    kind: tuple[int, str]  # INSTITUTION type code and label


INSTITUTIONS = {
    "awo": Institution(
        "10427",
        "AWO Kreisverband Mülheim an der Ruhr e.V.",
        "familienbildung@awo-muelheim.example",
        "https://www.awo-muelheim.example/",
        (105, "Wohlfahrtsverband"),
    ),
    "vhs": Institution(
        "10102",
        "Volkshochschule Mülheim an der Ruhr",
        "vhs@muelheim-ruhr.example",
        "https://www.vhs-muelheim.example/",
        (101, "Volkshochschule"),
    ),
    "bwr": Institution(
        "11873",
        "Bildungswerk Ruhr gGmbH",
        "kurse@bildungswerk-ruhr.example",
        "https://www.bildungswerk-ruhr.example/",
        (102, "Private Bildungseinrichtung"),
    ),
    "drk": Institution(
        "10960",
        "DRK-Kreisverband Mülheim an der Ruhr e.V.",
        "ausbildung@drk-muelheim.example",
        "https://www.drk-muelheim.example/",
        (105, "Wohlfahrtsverband"),
    ),
    "fbs": Institution(
        "10588",
        "Familienbildungswerk an der Ruhr",
        "info@fbw-ruhr.example",
        "https://www.fbw-ruhr.example/",
        (104, "Kirchliche Bildungseinrichtung"),
    ),
}

PLACES = {
    "bwr": venue("Bildungswerk Ruhr, Seminarzentrum", "Altstadt II", "Hingbergstraße"),
    "kita": venue("Kita Regenbogen (Praxisort)", "Dümpten", "Barbarastraße"),
    "drk": venue("DRK-Zentrum Mülheim", "Broich", "Prinzeß-Luise-Straße"),
    "fbs_styrum": venue("Familienbildungswerk, Haus Styrum", "Styrum", "Kaiser-Wilhelm-Straße"),
    "fbs_heissen": venue("Familienbildungswerk, Haus Heißen", "Heißen", "Kleiststraße"),
    "eppinghofen": venue("Stadtteilbüro Eppinghofen", "Eppinghofen", "Eppinghofer Straße"),
}


@dataclass(frozen=True)
class ModuleCourse:
    place: Venue
    remarks: str
    min_participants: int
    max_participants: int


@dataclass(frozen=True)
class Service:
    key: str  # PRODUCT_ID
    course_id: str
    title: str
    description: str
    institution: Institution
    start: date
    end: date
    keywords: tuple[str, ...]
    target_group: str
    modules: tuple[ModuleCourse, ...]
    price: Decimal
    education_type: tuple[int, str]
    lessons: int  # Unterrichtseinheiten
    origin: tuple[str, str] | None = None  # the provider and key it repeats
    kind: str = OfferKind.COURSE.value

    @property
    def venue(self) -> Venue:
        """Where the (first) module takes place."""
        return self.modules[0].place


def _awo_service(p: awo.Presentation, title: str, keywords: tuple[str, ...]) -> dict:
    remarks = (
        f"{p.course.sessions} Termine, {p.first_day:%d.%m.%Y}–{p.last_day:%d.%m.%Y}, "
        f"jeweils {p.start:%H:%M}–{p.end:%H:%M} Uhr"
    )
    return dict(
        title=title,
        description=f"{p.course.abstract}\n\n{p.course.description}",
        institution=INSTITUTIONS["awo"],
        start=p.first_day,
        end=p.last_day,
        keywords=keywords,
        target_group="Eltern",
        modules=(ModuleCourse(p.venue, remarks, 6, p.course.places),),
        price=p.course.price,
        education_type=(103, "Allgemeine Weiterbildung"),
        lessons=p.course.sessions * 2,
        origin=(awo.PROVIDER, p.key),
    )


def _vhs_service(key: str, title: str, keywords: tuple[str, ...], text: str) -> dict:
    course = next(c for c in vhs_courses() if c.key == key)
    remarks = ", ".join(f"{d:%d.%m.%Y}" for d in course.dates)
    remarks += f", {course.start:%H:%M}–{course.end:%H:%M} Uhr"
    return dict(
        title=title,
        description=text,
        institution=INSTITUTIONS["vhs"],
        start=course.dates[0],
        end=course.dates[-1],
        keywords=keywords,
        target_group=course.template.audience,
        modules=(ModuleCourse(course.venue, remarks, 6, course.capacity),),
        price=Decimal(str(course.template.price)),
        education_type=(103, "Allgemeine Weiterbildung"),
        lessons=len(course.dates) * 8,
        origin=("vhs", key),
    )


def _own(
    title: str,
    institution: str,
    start: date,
    end: date,
    modules: tuple[tuple[str, str, int, int], ...],
    price: str,
    lessons: int,
    target: str,
    keywords: tuple[str, ...],
    text: str,
    education_type: tuple[int, str] = (100, "Fortbildung/Qualifizierung"),
) -> dict:
    return dict(
        title=title,
        description=text,
        institution=INSTITUTIONS[institution],
        start=start,
        end=end,
        keywords=keywords,
        target_group=target,
        modules=tuple(ModuleCourse(PLACES[p], r, lo, hi) for p, r, lo, hi in modules),
        price=Decimal(price),
        education_type=education_type,
        lessons=lessons,
    )


def _drafts() -> list[dict]:
    trotz, first_aid, puberty = (
        awo.by_course("ELT-TROTZ")[0],
        awo.by_course("EH-BABY")[0],
        awo.by_course("PUBERTAET")[0],
    )
    vhs_babysitter = next(c for c in vhs_courses() if c.key == "271J1094")
    return [
        _awo_service(
            trotz,
            "Elternkurs – Gelassen durch die Trotzphase (Erziehungskompetenz stärken)",
            ("Elternkurs", "Erziehung", "Trotzphase"),
        ),
        _awo_service(
            first_aid,
            "Erste Hilfe bei Säuglingen und Kleinkindern",
            ("Erste Hilfe", "Säugling", "Kleinkind"),
        ),
        _awo_service(
            puberty,
            "Elternkurs: Pubertät verstehen",
            ("Elternkurs", "Pubertät", "Jugendliche"),
        ),
        _vhs_service(
            "271J1048",
            "Babysitterausbildung mit Zertifikat",
            ("Babysitter", "Kinderbetreuung", "Jugendliche"),
            "Zwei Samstage: Entwicklung, Spiel, Pflege und Erste Hilfe. Mit Aufnahme in die "
            "Babysitterkartei.",
        ),
        _vhs_service(
            "271G1107",
            "Erste-Hilfe-Kurs für Eltern und Großeltern",
            ("Erste Hilfe", "Eltern", "Großeltern"),
            "Notfälle im Kindesalter erkennen und richtig handeln.",
        ),
        _own(
            "Qualifizierung in der Kindertagespflege (QHB, 300 UE)",
            "bwr",
            date(2027, 2, 1),
            date(2027, 11, 30),
            (
                ("bwr", "Grundqualifizierung: dienstags und donnerstags 18–21 Uhr", 12, 20),
                ("kita", "Praxisphase: 80 Stunden nach Absprache", 1, 20),
            ),
            "0",
            300,
            "Angehende Tagesmütter und Tagesväter",
            ("Kindertagespflege", "QHB", "Tagesmutter"),
            "Die Qualifizierung nach dem kompetenzorientierten Qualifizierungshandbuch bereitet "
            "auf die Erlaubnis zur Kindertagespflege vor. Die Kosten trägt das Jugendamt.",
            (109, "Qualifizierung"),
        ),
        _own(
            "Sprachförderung im Kita-Alltag – Fortbildung für Tagespflegepersonen",
            "bwr",
            date(2027, 3, 13),
            date(2027, 3, 13),
            (("bwr", "Samstag, 9–16 Uhr", 8, 16),),
            "45",
            8,
            "Tagespflegepersonen, pädagogische Fachkräfte",
            ("Sprachförderung", "Kindertagespflege"),
            "Alltagsintegrierte Sprachbildung: Bilderbücher, Lieder und Gesprächsanlässe.",
        ),
        _own(
            "Weiterbildung Elternbegleiterin / Elternbegleiter",
            "fbs",
            date(2027, 4, 23),
            date(2027, 9, 25),
            (
                ("fbs_styrum", "Block 1: 23.–25.04.2027, Fr 16–20 Uhr, Sa/So 9–16 Uhr", 10, 18),
                ("fbs_heissen", "Block 2: 24.–25.09.2027, Fr 16–20 Uhr, Sa 9–16 Uhr", 10, 18),
            ),
            "120",
            60,
            "Fachkräfte aus Kita, Schule und Familienarbeit",
            ("Elternbegleitung", "Familienbildung"),
            "Eltern in Bildungsfragen begleiten: Gesprächsführung, Netzwerke, Übergänge.",
        ),
        _own(
            "Erste Hilfe am Kind für Tagespflegepersonen",
            "drk",
            date(2027, 4, 24),
            date(2027, 4, 24),
            (("drk", "Samstag, 9–17 Uhr", 8, 16),),
            "55",
            9,
            "Tagespflegepersonen",
            ("Erste Hilfe", "Kindertagespflege"),
            "Der Kurs erfüllt die Fortbildungspflicht für Tagespflegepersonen.",
        ),
        _own(
            "Deutsch für Eltern – Elternintegrationskurs",
            "fbs",
            date(2027, 2, 8),
            date(2027, 7, 9),
            (
                ("fbs_styrum", "Mo–Fr 8.30–11.45 Uhr, mit Kinderbetreuung", 12, 20),
                ("eppinghofen", "Mo–Fr 8.30–11.45 Uhr, mit Kinderbetreuung", 12, 20),
            ),
            "0",
            600,
            "Eltern mit Zuwanderungsgeschichte",
            ("Integrationskurs", "Deutsch", "Eltern"),
            "Deutsch lernen mit Themen aus dem Familienalltag: Kita, Schule, Arzt, Behörden.",
            (110, "Integrationskurs"),
        ),
        _own(
            "Wiedereinstieg nach der Elternzeit – Orientierungskurs",
            "bwr",
            date(2027, 3, 1),
            date(2027, 3, 26),
            (("bwr", "Mo–Fr 9–12.30 Uhr", 8, 16),),
            "0",
            80,
            "Mütter und Väter nach der Familienphase",
            ("Wiedereinstieg", "Beruf", "Elternzeit"),
            "Standortbestimmung, Bewerbung, Vereinbarkeit – gefördert durch das Jobcenter.",
        ),
        _own(
            "Babysitterkurs",
            "drk",
            vhs_babysitter.dates[0],
            vhs_babysitter.dates[-1],
            (("drk", "zwei Samstage, 10–16 Uhr", 8, 14),),
            "35",
            16,
            "Jugendliche ab 13 Jahren",
            ("Babysitter", "Jugendliche"),
            "Der Babysitterkurs des Jugendrotkreuzes mit Erste-Hilfe-Teil.",
        ),
    ]


@cache
def services() -> tuple[Service, ...]:
    """The 12 services by start date; keys are nine-digit PRODUCT_IDs."""
    r = rng(PROVIDER)
    drafts = sorted(_drafts(), key=lambda d: (d["start"], d["title"]))
    out: list[Service] = []
    number = 375_100_000
    for draft in drafts:
        number += r.randint(17, 9_000)
        out.append(Service(key=str(number), course_id=str(number - 8), **draft))
    return tuple(out)


def twins() -> tuple[Twin, ...]:
    out: list[Twin] = []
    for s in services():
        if s.origin is not None:
            out.append(same(PROVIDER, s.key, *s.origin))
        elif s.title == "Babysitterkurs":
            vhs = next(
                c
                for c in vhs_courses()
                if c.template.title == "Babysitter-Führerschein" and c.dates[0] == s.start
            )
            out.append(near_miss(PROVIDER, s.key, "vhs", vhs.key, "same day, other school"))
    return tuple(out)
