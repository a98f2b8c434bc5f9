"""Controlled vocabularies of the canonical model, with German and English labels.

Every enum here is part of the published schema: adding a term is a minor schema change,
renaming or removing one is a major change. Finer categories live in the configurable
taxonomy (pipelines), not here.
"""

from __future__ import annotations

import gettext
from enum import StrEnum
from functools import cache
from typing import Annotated

import pycountry
from pydantic import AfterValidator, WithJsonSchema


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry German and English labels (``_labels`` on the class)."""

    @property
    def label_de(self) -> str:
        return type(self)._labels()[self.value][0]

    @property
    def label_en(self) -> str:
        return type(self)._labels()[self.value][1]

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:  # pragma: no cover - overridden
        raise NotImplementedError


def _labelled(labels: dict[str, tuple[str, str]]):
    def attach(cls: type[LabelledEnum]) -> type[LabelledEnum]:
        missing = {m.value for m in cls} ^ set(labels)
        if missing:
            raise TypeError(f"{cls.__name__}: labels do not match members: {sorted(missing)}")
        cls._labels = classmethod(lambda c: labels)  # type: ignore[method-assign]
        return cls

    return attach


_OFFER_KINDS = {
    "kita": ("Kindertageseinrichtung", "Day-care centre"),
    "childminding": ("Kindertagespflege", "Childminding"),
    "holiday_care": ("Ferienangebot", "Holiday programme"),
    "course": ("Kurs", "Course"),
    "sport": ("Sport und Bewegung", "Sport and exercise"),
    "culture": ("Kultur", "Culture"),
    "leisure": ("Freizeit", "Leisure"),
    "counselling": ("Beratung und Hilfe", "Counselling and support"),
    "meeting_place": ("Familientreffpunkt", "Family meeting place"),
    "nursing_changing": ("Still- und Wickelplatz", "Nursing and changing spot"),
}


@_labelled(_OFFER_KINDS)
class OfferKind(LabelledEnum):
    KITA = "kita"
    CHILDMINDING = "childminding"
    HOLIDAY_CARE = "holiday_care"
    COURSE = "course"
    SPORT = "sport"
    CULTURE = "culture"
    LEISURE = "leisure"
    COUNSELLING = "counselling"
    MEETING_PLACE = "meeting_place"
    NURSING_CHANGING = "nursing_changing"


@_labelled(
    {
        "active": ("aktiv", "active"),
        "full": ("ausgebucht", "fully booked"),
        "cancelled": ("abgesagt", "cancelled"),
        "withdrawn": ("zurückgezogen", "withdrawn"),
    }
)
class OfferStatus(LabelledEnum):
    ACTIVE = "active"
    FULL = "full"
    CANCELLED = "cancelled"
    WITHDRAWN = "withdrawn"


@_labelled(
    {
        "babies": ("Babys (0–1 Jahr)", "Babies (0–1 years)"),
        "toddlers": ("Kleinkinder (1–3 Jahre)", "Toddlers (1–3 years)"),
        "children": ("Kinder", "Children"),
        "teenagers": ("Jugendliche", "Teenagers"),
        "parents": ("Eltern", "Parents"),
        "expectant_parents": ("Werdende Eltern", "Expectant parents"),
        "single_parents": ("Alleinerziehende", "Single parents"),
        "families": ("Familien", "Families"),
        "grandparents": ("Großeltern", "Grandparents"),
        "seniors": ("Seniorinnen und Senioren", "Seniors"),
        "refugees": ("Geflüchtete", "Refugees"),
        "people_with_disabilities": ("Menschen mit Behinderung", "People with disabilities"),
    }
)
class TargetGroup(LabelledEnum):
    BABIES = "babies"
    TODDLERS = "toddlers"
    CHILDREN = "children"
    TEENAGERS = "teenagers"
    PARENTS = "parents"
    EXPECTANT_PARENTS = "expectant_parents"
    SINGLE_PARENTS = "single_parents"
    FAMILIES = "families"
    GRANDPARENTS = "grandparents"
    SENIORS = "seniors"
    REFUGEES = "refugees"
    PEOPLE_WITH_DISABILITIES = "people_with_disabilities"


@_labelled(
    {
        "wheelchair_accessible": ("rollstuhlgerecht", "wheelchair accessible"),
        "step_free": ("stufenlos erreichbar", "step-free access"),
        "accessible_toilet": ("barrierefreies WC", "accessible toilet"),
        "pram_accessible": ("mit Kinderwagen erreichbar", "pram accessible"),
        "changing_table": ("Wickeltisch", "baby changing table"),
        "nursing_room": ("Stillraum", "nursing room"),
        "hearing_loop": ("Induktionsschleife", "hearing loop"),
        "sign_language": ("Gebärdensprache", "sign language"),
        "easy_language": ("Leichte Sprache", "easy-to-read language"),
    }
)
class Accessibility(LabelledEnum):
    WHEELCHAIR_ACCESSIBLE = "wheelchair_accessible"
    STEP_FREE = "step_free"
    ACCESSIBLE_TOILET = "accessible_toilet"
    PRAM_ACCESSIBLE = "pram_accessible"
    CHANGING_TABLE = "changing_table"
    NURSING_ROOM = "nursing_room"
    HEARING_LOOP = "hearing_loop"
    SIGN_LANGUAGE = "sign_language"
    EASY_LANGUAGE = "easy_language"


@_labelled(
    {
        "municipal": ("Stadt / kommunale Einrichtung", "Municipal"),
        "independent_provider": ("Freier Träger", "Independent welfare provider"),
        "church": ("Kirchlicher Träger", "Church provider"),
        "club": ("Verein", "Club / association"),
        "education": ("Bildungseinrichtung", "Education provider"),
        "company": ("Unternehmen", "Company"),
        "private_person": ("Privatperson", "Private person"),
    }
)
class OrganizationType(LabelledEnum):
    MUNICIPAL = "municipal"
    INDEPENDENT_PROVIDER = "independent_provider"
    CHURCH = "church"
    CLUB = "club"
    EDUCATION = "education"
    COMPANY = "company"
    PRIVATE_PERSON = "private_person"


@_labelled(
    {
        "range": ("Altersangabe", "age range stated"),
        "all_ages": ("alle Altersgruppen", "all ages"),
        "not_stated": ("keine Angabe", "not stated"),
    }
)
class AgeScope(LabelledEnum):
    RANGE = "range"
    ALL_AGES = "all_ages"
    NOT_STATED = "not_stated"


@_labelled(
    {
        "dates": ("Termine aus dem Beschreibungstext", "dates from the description"),
        "times": ("Uhrzeiten aus dem Beschreibungstext", "times from the description"),
        "prices": ("Preise aus dem Beschreibungstext", "prices from the description"),
        "ages": ("Altersangaben aus dem Beschreibungstext", "ages from the description"),
        "places": ("Plätze aus dem Beschreibungstext", "places from the description"),
        "registration": (
            "Anmeldezeitraum aus dem Beschreibungstext",
            "registration period from the description",
        ),
    }
)
class TextFact(LabelledEnum):
    """A value the normaliser read in the description or title because the record's own field
    for it was empty."""

    DATES = "dates"
    TIMES = "times"
    PRICES = "prices"
    AGES = "ages"
    PLACES = "places"
    REGISTRATION = "registration"


@_labelled(
    {
        "once": ("einmalig", "once"),
        "per_course": ("pro Kurs", "per course"),
        "per_session": ("pro Termin", "per session"),
        "per_day": ("pro Tag", "per day"),
        "per_week": ("pro Woche", "per week"),
        "per_month": ("pro Monat", "per month"),
        "per_year": ("pro Jahr", "per year"),
        "per_hour": ("pro Stunde", "per hour"),
        "unspecified": ("ohne Angabe", "unspecified"),
    }
)
class PriceUnit(LabelledEnum):
    ONCE = "once"
    PER_COURSE = "per_course"
    PER_SESSION = "per_session"
    PER_DAY = "per_day"
    PER_WEEK = "per_week"
    PER_MONTH = "per_month"
    PER_YEAR = "per_year"
    PER_HOUR = "per_hour"
    UNSPECIFIED = "unspecified"


@_labelled(
    {
        "child": ("Kind", "child"),
        "adult": ("Erwachsene", "adult"),
        "family": ("Familie", "family"),
        "sibling": ("Geschwisterkind", "sibling"),
        "any": ("alle", "anyone"),
    }
)
class PriceAudience(LabelledEnum):
    CHILD = "child"
    ADULT = "adult"
    FAMILY = "family"
    SIBLING = "sibling"
    ANY = "any"


@_labelled(
    {
        "city_pass": ("mit Stadtpass (Mülheim-Pass)", "with the city pass"),
        "social_benefits": ("bei Bezug von Sozialleistungen", "on social benefits"),
        "education_voucher": (
            "Bildungs- und Teilhabepaket / Bildungsgutschein",
            "education voucher",
        ),
        "sibling": ("Geschwisterermäßigung", "sibling reduction"),
        "income_based": ("einkommensabhängig", "income-based"),
        "member": ("Mitgliederpreis", "members' price"),
        "other": ("sonstige Ermäßigung", "other reduction"),
    }
)
class Reduction(LabelledEnum):
    CITY_PASS = "city_pass"
    SOCIAL_BENEFITS = "social_benefits"
    EDUCATION_VOUCHER = "education_voucher"
    SIBLING = "sibling"
    INCOME_BASED = "income_based"
    MEMBER = "member"
    OTHER = "other"


@_labelled(
    {
        "exact": ("Hausadresse", "building address"),
        "street": ("Straße", "street"),
        "postcode": ("Postleitzahlgebiet", "postcode area"),
        "district": ("Stadtteil", "district"),
        "source": ("Koordinaten der Quelle", "coordinates from the source"),
    }
)
class GeoPrecision(LabelledEnum):
    EXACT = "exact"
    STREET = "street"
    POSTCODE = "postcode"
    DISTRICT = "district"
    SOURCE = "source"


@_labelled(
    {
        "MO": ("Montag", "Monday"),
        "TU": ("Dienstag", "Tuesday"),
        "WE": ("Mittwoch", "Wednesday"),
        "TH": ("Donnerstag", "Thursday"),
        "FR": ("Freitag", "Friday"),
        "SA": ("Samstag", "Saturday"),
        "SU": ("Sonntag", "Sunday"),
    }
)
class Weekday(LabelledEnum):
    """iCalendar weekday codes (RFC 5545 BYDAY)."""

    MO = "MO"
    TU = "TU"
    WE = "WE"
    TH = "TH"
    FR = "FR"
    SA = "SA"
    SU = "SU"


# --- languages: ISO 639-1, labels from pycountry (ISO 639-3 names and their German translation)


@cache
def iso639_1_codes() -> frozenset[str]:
    return frozenset(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))


@cache
def _german() -> gettext.NullTranslations:
    return gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=["de"], fallback=True)


def language_labels(code: str) -> tuple[str, str]:
    """German and English name of an ISO 639-1 language code."""
    lang = pycountry.languages.get(alpha_2=code)
    if lang is None:
        raise KeyError(code)
    return _german().gettext(lang.name), lang.name


def _language_code(value: str) -> str:
    code = value.strip().lower()
    if code not in iso639_1_codes():
        raise ValueError(f"{value!r} is not an ISO 639-1 language code")
    return code


LanguageCode = Annotated[
    str,
    AfterValidator(_language_code),
    WithJsonSchema({"type": "string", "pattern": "^[a-z]{2}$", "description": "ISO 639-1"}),
]

VOCABULARIES: dict[str, type[LabelledEnum]] = {
    "offer_kind": OfferKind,
    "offer_status": OfferStatus,
    "target_group": TargetGroup,
    "accessibility": Accessibility,
    "organization_type": OrganizationType,
    "age_scope": AgeScope,
    "price_unit": PriceUnit,
    "price_audience": PriceAudience,
    "reduction": Reduction,
    "geo_precision": GeoPrecision,
    "weekday": Weekday,
}
"""Every controlled vocabulary by scheme name; the export's taxonomy table is built from it."""
