"""Comparable features of an offer and its venue: what two listings of one real offer share.

Volatile fields are left out on purpose: status (active/full), free places and when they were
seen, every provenance timestamp, prices and their reductions, booking links. Two listings of
one offer differ in exactly those, so they must not decide whether the listings are one offer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from zoneinfo import ZoneInfo

from pipelines.dedupe.days import Days, offer_days
from pipelines.dedupe.text import organiser_tokens, plain_tokens, split_street, title_tokens
from schemas.base import TIMEZONE
from schemas.location import Location
from schemas.offer import Offer
from schemas.vocab import AgeScope, OfferKind

_BERLIN = ZoneInfo(TIMEZONE)

_DAYCARE = frozenset({OfferKind.KITA, OfferKind.CHILDMINDING})
_SPOT = frozenset({OfferKind.NURSING_CHANGING})


def kind_family(kind: OfferKind, time_bound: bool) -> str:
    """Kinds that one provider may file differently than another.

    A holiday football camp is ``holiday_care`` on the booking portal and ``sport`` at the sports
    service; a VHS course is ``course`` and ``culture``. So every dated offer that is not day
    care or a nursing spot is an ``activity``; undated ones are ``place``s (meeting places,
    counselling, playgrounds). Day care and nursing/changing spots stay apart.
    """
    if kind in _DAYCARE:
        return "daycare"
    if kind in _SPOT:
        return "spot"
    return "activity" if time_bound else "place"


@dataclass(frozen=True, slots=True)
class Venue:
    """The place, as far as the listing describes it."""

    location_id: str | None
    name: str | None
    street: str | None
    house_number: str | None
    postcode: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class OfferFeatures:
    """Everything the blocking and the pair score look at, computed once per offer."""

    offer_id: str
    source_id: str
    record_key: str
    kind: str
    family: str
    title: str
    """Folded title tokens joined by spaces, in the order written."""
    title_core: str
    """The title without words of its own venue's name and street and of its organiser
    ("Ferienspiele an der Grundschule Holzstraße" → ``ferienspiele``); the title when nothing
    else would remain. The venue is compared on its own, so a title that names it should not
    count it twice, nor lose against a listing that does not name it."""
    title_tokens: frozenset[str]
    title_numbers: frozenset[str]
    """Numbers in the title (ages, grades, group numbers): a conflict marks different offers."""
    organization_id: str
    organiser: str | None
    venue: Venue
    days: Days | None
    start_minutes: int | None
    age_min: int | None
    age_max: int | None
    age_stated: bool

    @property
    def time_bound(self) -> bool:
        return self.days is not None


def _venue(offer: Offer, location: Location | None) -> Venue:
    if location is None:
        return Venue(offer.location_id, None, None, None, None, None, None)
    name = " ".join(plain_tokens(location.name)) if location.name else None
    street, number = ("", None)
    if location.street_address:
        street, number = split_street(location.street_address)
    return Venue(
        location_id=location.id,
        name=name or None,
        street=street or None,
        house_number=number,
        postcode=location.postal_code,
        lat=location.latitude,
        lon=location.longitude,
    )


def _start_minutes(offer: Offer) -> int | None:
    moment: time | None = None
    if offer.schedule is not None and offer.schedule.start_time is not None:
        moment = offer.schedule.start_time
    elif offer.start is not None:
        moment = offer.start.astimezone(_BERLIN).time()
    if moment is None:
        return None
    return moment.hour * 60 + moment.minute


def _context_words(location: Location | None, organiser: str) -> set[str]:
    words = set(organiser.split())
    if location is not None:
        if location.name:
            words.update(plain_tokens(location.name))
        if location.street_address:
            words.update(w for w in plain_tokens(location.street_address) if not w.isdigit())
    return words


def extract(offer: Offer, location: Location | None) -> OfferFeatures:
    """Features of one offer; ``location`` is the venue its ``location_id`` names, if known."""
    words = title_tokens(offer.title)
    organiser = " ".join(organiser_tokens(offer.organizer_name)) if offer.organizer_name else ""
    context = _context_words(location, organiser)
    core = [w for w in words if w not in context]
    days = offer_days(offer)
    audience = offer.audience
    stated = audience.age_scope is AgeScope.RANGE
    return OfferFeatures(
        offer_id=offer.id,
        source_id=offer.provenance.source_id,
        record_key=offer.provenance.source_record_key,
        kind=offer.kind.value,
        family=kind_family(offer.kind, days is not None),
        title=" ".join(words),
        title_core=" ".join(core) if any(not w.isdigit() for w in core) else " ".join(words),
        title_tokens=frozenset(words),
        title_numbers=frozenset(w for w in words if w.isdigit()),
        organization_id=offer.organization_id,
        organiser=organiser or None,
        venue=_venue(offer, location),
        days=days,
        start_minutes=_start_minutes(offer),
        age_min=audience.age_min_months if stated else None,
        age_max=audience.age_max_months if stated else None,
        age_stated=stated,
    )
