"""No personal data in open data.

* Childminders are private persons working at home: without recorded consent they are
  published only as counts and places per Stadtteil (with the placement service as contact);
  with consent as an individual record located no finer than its Stadtteil.
* A private person's e-mail or phone is never published; an e-mail at a free-mail provider or
  a mobile number in any record is taken to be a person's, not a service's, and removed.
* A confidential place (a shelter) is never published; its offer loses the location.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import phonenumbers

from schemas import ids
from schemas.childminding import ChildmindingSummary
from schemas.location import Location
from schemas.offer import Offer
from schemas.vocab import GeoPrecision

FREEMAIL = frozenset(
    {
        "gmx.de",
        "gmx.net",
        "web.de",
        "t-online.de",
        "gmail.com",
        "googlemail.com",
        "yahoo.de",
        "yahoo.com",
        "outlook.de",
        "outlook.com",
        "hotmail.de",
        "hotmail.com",
        "freenet.de",
        "posteo.de",
        "icloud.com",
        "aol.com",
        "mail.de",
        "arcor.de",
        "live.de",
        "online.de",
    }
)
MOBILE = re.compile(r"^\+491[5-7]\d{7,10}$")
_EMAIL_IN_TEXT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE_IN_TEXT = re.compile(r"(?<!\w)(?:\+49|0)[\d\s/()-]{6,}\d")

DistrictCentre = Callable[[str | None, str | None], tuple[float, float] | None]
"""(Stadtteil code, name) -> (lat, lon) of the Stadtteil's centre, when geometry is known."""


@dataclass
class Protected:
    offers: list[Offer] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    summaries: list[ChildmindingSummary] = field(default_factory=list)
    withheld: Counter[str] = field(default_factory=Counter)


def is_personal_email(email: str | None) -> bool:
    return bool(email) and email.rsplit("@", 1)[-1].lower() in FREEMAIL


def is_personal_phone(phone: str | None) -> bool:
    return bool(phone) and bool(MOBILE.match(phone))


def scrub_text(text: str | None) -> str | None:
    """A private person's free text without e-mail addresses and phone numbers."""
    if not text:
        return text
    text = _EMAIL_IN_TEXT.sub("[E-Mail entfernt]", text)
    return _PHONE_IN_TEXT.sub("[Telefon entfernt]", text)


def protect(
    offers: Iterable[Offer],
    locations: Mapping[str, Location],
    *,
    district_centre: DistrictCentre | None = None,
) -> Protected:
    out = Protected()
    groups: dict[tuple[str, str, str | None], list[tuple[Offer, Location | None]]] = {}
    kept_locations: dict[str, Location] = {}
    for offer in offers:
        location = locations.get(offer.location_id) if offer.location_id else None
        if location is not None and location.confidential:
            out.withheld["confidential_location"] += 1
            offer, location = offer.model_copy(update={"location_id": None}), None
        if offer.private_person:
            key = (
                offer.provenance.source_id,
                offer.organization_id,
                location.stadtteil_name if location else None,
            )
            groups.setdefault(key, []).append((offer, location))
            if offer.publication_consent is not True:
                out.withheld["private_person_without_consent"] += 1
                continue
            offer, location = _individual(offer, location, district_centre)
        else:
            offer = _without_personal_contacts(offer)
        if location is not None:
            kept_locations.setdefault(location.id, location)
        out.offers.append(offer)
    out.locations = sorted(kept_locations.values(), key=lambda loc: loc.id)
    out.summaries = [
        _summary(key, members) for key, members in sorted(groups.items(), key=_group_order)
    ]
    return out


def _group_order(item) -> tuple[str, str, str]:
    (source_id, organization_id, stadtteil), _ = item
    return source_id, organization_id, stadtteil or ""


def scrub_personal(text: str | None) -> str | None:
    """Free text without a private person's contacts: e-mail addresses at free-mail providers
    and mobile numbers (found with phonenumbers' matcher, in any German notation)."""
    if not text:
        return text

    def email(match: re.Match) -> str:
        return "[E-Mail entfernt]" if is_personal_email(match.group(0)) else match.group(0)

    text = _EMAIL_IN_TEXT.sub(email, text)
    if not any(ch.isdigit() for ch in text):
        return text
    cut = []
    matcher = phonenumbers.PhoneNumberMatcher(text, "DE", leniency=phonenumbers.Leniency.POSSIBLE)
    for match in matcher:
        kind = phonenumbers.number_type(match.number)
        if kind in (phonenumbers.PhoneNumberType.MOBILE,
                    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE) and \
                is_personal_phone(phonenumbers.format_number(
                    match.number, phonenumbers.PhoneNumberFormat.E164)):
            cut.append((match.start, match.end))
    for start, end in reversed(cut):
        text = text[:start] + "[Telefon entfernt]" + text[end:]
    return text


FREE_TEXT = ("title", "description", "organizer_name", "price_text")


def _without_personal_contacts(offer: Offer) -> Offer:
    updates: dict = {}
    if is_personal_email(offer.contact_email):
        updates["contact_email"] = None
    if is_personal_phone(offer.contact_phone):
        updates["contact_phone"] = None
    for name in FREE_TEXT:
        value = getattr(offer, name)
        cleaned = scrub_personal(value)
        if cleaned != value:
            updates[name] = cleaned
    if offer.audience.age_text and scrub_personal(offer.audience.age_text) \
            != offer.audience.age_text:
        updates["audience"] = offer.audience.model_copy(
            update={"age_text": scrub_personal(offer.audience.age_text)})
    if offer.schedule and offer.schedule.text and scrub_personal(offer.schedule.text) \
            != offer.schedule.text:
        updates["schedule"] = offer.schedule.model_copy(
            update={"text": scrub_personal(offer.schedule.text)})
    labels = [scrub_personal(p.label) for p in offer.prices]
    if labels != [p.label for p in offer.prices]:
        updates["prices"] = [p.model_copy(update={"label": label})
                             for p, label in zip(offer.prices, labels, strict=True)]
    if not updates:
        return offer
    flags = sorted({*offer.quality_flags, "personal_contact_removed"})
    return offer.model_copy(update={**updates, "quality_flags": flags})


def _individual(
    offer: Offer, location: Location | None, district_centre: DistrictCentre | None
) -> tuple[Offer, Location | None]:
    """A consenting person's record: no contact of theirs, placed at their Stadtteil only."""
    general = None
    if location is not None and location.stadtteil_name:
        centre = (
            district_centre(location.stadtteil_code, location.stadtteil_name)
            if district_centre
            else None
        )
        general = Location(
            id=ids.location_id(
                location.source_id,
                f"stadtteil:{location.stadtteil_code or location.stadtteil_name}",
            ),
            source_id=location.source_id,
            name=location.stadtteil_name,
            locality=location.locality,
            latitude=centre[0] if centre else None,
            longitude=centre[1] if centre else None,
            geo_precision=GeoPrecision.DISTRICT if centre else None,
            stadtteil_code=location.stadtteil_code,
            stadtteil_name=location.stadtteil_name,
            stadtbezirk_code=location.stadtbezirk_code,
            stadtbezirk_name=location.stadtbezirk_name,
        )
    flags = sorted({*offer.quality_flags, "located_by_district_only"})
    return offer.model_copy(
        update={
            "contact_email": None,
            "contact_phone": None,
            "description": scrub_text(offer.description),
            "title": scrub_personal(offer.title),
            "location_id": general.id if general else None,
            "quality_flags": flags,
        }
    ), general


def _summary(
    key: tuple[str, str, str | None], members: list[tuple[Offer, Location | None]]
) -> ChildmindingSummary:
    source_id, organization_id, stadtteil = key
    location = next((loc for _, loc in members if loc is not None and loc.stadtteil_name), None)
    capacities = [o.capacity for o, _ in members if o.capacity is not None]
    frees = [o.free_places for o, _ in members if o.free_places is not None]
    mins = [o.audience.age_min_months for o, _ in members if o.audience.age_min_months is not None]
    maxs = [o.audience.age_max_months for o, _ in members if o.audience.age_max_months is not None]
    return ChildmindingSummary(
        id=ids.childminding_summary_id(source_id, stadtteil or ""),
        source_id=source_id,
        organization_id=organization_id,
        stadtteil_code=location.stadtteil_code if location else None,
        stadtteil_name=stadtteil,
        stadtbezirk_code=location.stadtbezirk_code if location else None,
        stadtbezirk_name=location.stadtbezirk_name if location else None,
        childminders=len(members),
        places=sum(capacities) if capacities else None,
        free_places=sum(frees) if frees else None,
        age_min_months=min(mins) if mins else None,
        age_max_months=max(maxs) if maxs else None,
    )
