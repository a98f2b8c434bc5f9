"""The canonical offer: one family-relevant offer as published by Familienpunkt."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrulestr
from pydantic import AwareDatetime, Field, field_validator, model_validator

from schemas.base import TIMEZONE, Identifier, NonEmptyText, PlainText, StrictModel, WebUrl
from schemas.vocab import (
    AgeScope,
    LanguageCode,
    OfferKind,
    OfferStatus,
    PriceAudience,
    PriceUnit,
    Reduction,
    TargetGroup,
    TextFact,
    Weekday,
)

EntityId = Annotated[
    str, Field(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$")
]
"""An opaque, stable UUID (version 5) derived from the source and the provider's own key."""

CategoryCode = Annotated[str, Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)*$", max_length=80)]
QualityFlag = Annotated[str, Field(pattern=r"^[a-z0-9_]+$", max_length=60)]
Email = Annotated[str, Field(pattern=r"^[^@\s<>]+@[^@\s<>]+\.[A-Za-z]{2,}$", max_length=254)]
PhoneE164 = Annotated[str, Field(pattern=r"^\+[1-9][0-9]{6,14}$")]

MAX_AGE_MONTHS = 1200


class Audience(StrictModel):
    """Who an offer is for. Ages are in months; 'not stated' is distinct from 'all ages'."""

    age_scope: AgeScope = Field(
        AgeScope.NOT_STATED,
        description="range: ages given; all_ages: open to every age; not_stated: no age given",
    )
    age_min_months: int | None = Field(
        None, ge=0, le=MAX_AGE_MONTHS, description="Youngest age in months (inclusive)"
    )
    age_max_months: int | None = Field(
        None, ge=0, le=MAX_AGE_MONTHS, description="Oldest age in months (inclusive)"
    )
    age_text: PlainText | None = Field(None, max_length=300, description="Ages as published")
    target_groups: list[TargetGroup] = Field(default_factory=list, description="Target groups")

    @model_validator(mode="after")
    def _consistent(self) -> Audience:
        has_bound = self.age_min_months is not None or self.age_max_months is not None
        if self.age_scope is AgeScope.RANGE and not has_bound:
            raise ValueError("age_scope 'range' needs age_min_months or age_max_months")
        if self.age_scope is not AgeScope.RANGE and has_bound:
            raise ValueError(f"age_scope '{self.age_scope.value}' cannot carry age bounds")
        if (
            self.age_min_months is not None
            and self.age_max_months is not None
            and self.age_min_months > self.age_max_months
        ):
            raise ValueError("age_min_months is greater than age_max_months")
        return self


class Price(StrictModel):
    """One price of an offer; reductions are separate labelled prices."""

    amount: Decimal = Field(ge=0, max_digits=9, decimal_places=2, description="Amount in EUR")
    currency: str = Field("EUR", pattern=r"^[A-Z]{3}$", description="ISO 4217 currency")
    unit: PriceUnit = Field(PriceUnit.UNSPECIFIED, description="What the amount pays for")
    audience: PriceAudience = Field(PriceAudience.ANY, description="Who pays this price")
    reduction: Reduction | None = Field(None, description="Kind of reduction, if reduced")
    extra: bool = Field(
        False, description="Charged on top of another price (material, meals, a deposit)"
    )
    label: PlainText | None = Field(None, max_length=200, description="Label as published")


class Schedule(StrictModel):
    """When an offer takes place, in iCalendar terms (RRULE, exception dates, timezone)."""

    start_date: date | None = Field(None, description="First day")
    end_date: date | None = Field(None, description="Last day (inclusive)")
    start_time: time | None = Field(None, description="Daily start time, local")
    end_time: time | None = Field(None, description="Daily end time, local")
    by_day: list[Weekday] = Field(default_factory=list, description="Weekdays it takes place")
    rrule: str | None = Field(
        None, max_length=500, description="RFC 5545 recurrence rule, without the 'RRULE:' prefix"
    )
    exception_dates: list[date] = Field(
        default_factory=list, description="Days it does not take place"
    )
    extra_starts: list[AwareDatetime] = Field(
        default_factory=list, description="Extra or moved occurrences (their start), like RDATE"
    )
    skip_public_holidays: bool = Field(False, description="No sessions on NRW public holidays")
    skip_school_holidays: bool = Field(False, description="No sessions in NRW school holidays")
    timezone: str = Field(TIMEZONE, description="IANA timezone of the local times")
    text: PlainText | None = Field(None, max_length=500, description="Dates and times as published")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown timezone {value!r}") from None
        return value

    @field_validator("rrule")
    @classmethod
    def _valid_rrule(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.removeprefix("RRULE:")
        problem = None
        # UNTIL in UTC goes with an aware start, a local or date UNTIL with a floating one.
        for dtstart in (datetime(2000, 1, 1, tzinfo=UTC), datetime(2000, 1, 1)):
            try:
                rrulestr(value, dtstart=dtstart, forceset=False)
            except (ValueError, TypeError) as exc:
                problem = problem or exc
            else:
                return value
        raise ValueError(f"invalid RRULE: {problem}")

    @model_validator(mode="after")
    def _ordered(self) -> Schedule:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError("end_date is before start_date")
        return self


class Provenance(StrictModel):
    """Where a record came from; the lifecycle stamps are set by the warehouse."""

    source_id: Identifier = Field(description="Source registry id")
    source_record_key: str = Field(
        min_length=1, max_length=500, description="The provider's own key"
    )
    source_url: WebUrl | None = Field(None, description="Page or feed the record was read from")
    source_licence: WebUrl = Field(description="Licence URI (DCAT-AP.de list)")
    run_id: str | None = Field(None, description="Import run that last read the record")
    raw_record_id: str | None = Field(None, description="sha256 of the raw record as extracted")
    fetched_at: AwareDatetime | None = Field(None, description="When the raw record was fetched")
    first_seen: AwareDatetime | None = Field(None, description="First import that saw the offer")
    last_changed: AwareDatetime | None = Field(None, description="Import that last changed it")
    last_verified: AwareDatetime | None = Field(None, description="Last import that confirmed it")
    from_text: list[TextFact] = Field(
        default_factory=list,
        description="Values read in the description or title because the record's own field "
        "was empty (dates, times, prices, ages, places, registration)",
    )


VOLATILE_PROVENANCE = frozenset(
    {
        "source_url",
        "run_id",
        "raw_record_id",
        "fetched_at",
        "first_seen",
        "last_changed",
        "last_verified",
    }
)
"""Provenance fields that change without the offer changing (a feed moved to a new address
is the same offers): kept out of the content hash, restored by the export."""


class Offer(StrictModel):
    """One family-relevant offer (course, holiday programme, Kita, meeting place, …)."""

    id: EntityId = Field(description="Stable offer id (uuid5 of source and provider key)")
    kind: OfferKind = Field(description="Kind of offer")
    status: OfferStatus = Field(OfferStatus.ACTIVE, description="Status")
    title: NonEmptyText = Field(max_length=300, description="Title")
    description: PlainText | None = Field(
        None, max_length=20000, description="Plain-text description"
    )
    url: WebUrl | None = Field(None, description="Page of the offer at the provider")
    organization_id: EntityId = Field(description="Organisation responsible for the offer")
    organizer_name: PlainText | None = Field(
        None, max_length=300, description="Organiser named by the record, if not the provider"
    )
    location_id: EntityId | None = Field(None, description="Venue")
    categories: list[CategoryCode] = Field(default_factory=list, description="Taxonomy categories")
    audience: Audience = Field(default_factory=Audience, description="Ages and target groups")
    languages: list[LanguageCode] = Field(default_factory=list, description="Languages (ISO 639-1)")
    is_free: bool | None = Field(None, description="Free of charge (None: not stated)")
    prices: list[Price] = Field(default_factory=list, description="Prices and reductions")
    price_text: PlainText | None = Field(None, max_length=500, description="Prices as published")
    start: AwareDatetime | None = Field(None, description="Start of the first session")
    end: AwareDatetime | None = Field(None, description="End of the last session")
    schedule: Schedule | None = Field(None, description="Recurrence and exceptions")
    booking_url: WebUrl | None = Field(None, description="Where to register or book")
    booking_required: bool | None = Field(None, description="Registration required")
    registration_opens: AwareDatetime | None = Field(None, description="When registration opens")
    registration_closes: AwareDatetime | None = Field(
        None, description="Registration deadline (Anmeldeschluss)"
    )
    capacity: int | None = Field(None, ge=0, le=100000, description="Places in total")
    free_places: int | None = Field(None, ge=0, le=100000, description="Free places when last seen")
    free_places_seen_at: AwareDatetime | None = Field(
        None, description="When free places were read"
    )
    private_person: bool = Field(
        False, description="Offered by a private person (e.g. a childminder at home)"
    )
    publication_consent: bool | None = Field(
        None, description="The source records the person's consent to an individual record"
    )
    contact_email: Email | None = Field(None, description="Functional contact e-mail")
    contact_phone: PhoneE164 | None = Field(None, description="Functional contact phone (E.164)")
    quality_flags: list[QualityFlag] = Field(default_factory=list, description="Data quality notes")
    provenance: Provenance = Field(description="Source, run and raw record")

    @model_validator(mode="after")
    def _coherent(self) -> Offer:
        if self.start and self.end and self.end < self.start:
            raise ValueError("end is before start")
        if self.is_free and any(p.amount > 0 for p in self.prices):
            raise ValueError("is_free is true but a price above 0 is given")
        if (
            self.registration_opens
            and self.registration_closes
            and self.registration_closes < self.registration_opens
        ):
            raise ValueError("registration closes before it opens")
        if self.free_places is not None and self.free_places_seen_at is None:
            raise ValueError("free_places needs free_places_seen_at")
        if (
            self.free_places is not None
            and self.capacity is not None
            and self.free_places > self.capacity
        ):
            raise ValueError("free_places exceeds capacity")
        return self
