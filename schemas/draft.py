"""The offer as written: named slots of provider text before any parsing.

Every adapter's raw fields are mapped onto these slots (by the registry's field mapping for
feeds, by a shape mapper for schema.org, iCalendar, OpenActive, …); the German value parsers
then turn slots into the canonical offer. The slot names are what a steward writes on the
left-hand side of a registry ``mapping``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

Text = str | None
TextList = list[str]


class Draft(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    # what it is
    title: Text = Field(None, description="Title")
    subtitle: Text = Field(None, description="Subtitle, appended to the description")
    description: Text = Field(None, description="Description, plain text or HTML")
    url: Text = Field(None, description="Page of the offer")
    kind: Text = Field(None, description="Offer kind, as a code or the provider's word")
    status: Text = Field(None, description="Status words: abgesagt, ausgebucht, …")
    categories: TextList = Field(default_factory=list, description="Provider categories/keywords")
    organizer: Text = Field(None, description="Organiser named by the record")
    # where
    location_key: Text = Field(None, description="Provider's own key of the venue")
    location_name: Text = Field(None, description="Venue name")
    street: Text = Field(None, description="Street and number")
    postal_code: Text = Field(None, description="Postcode")
    city: Text = Field(None, description="Town")
    district: Text = Field(None, description="District as written by the provider")
    address: Text = Field(None, description="Whole address in one string")
    latitude: Text = Field(None, description="Latitude (WGS 84)")
    longitude: Text = Field(None, description="Longitude (WGS 84)")
    accessibility: TextList = Field(default_factory=list, description="Accessibility words")
    opening_hours: Text = Field(None, description="Opening hours as written")
    confidential: Text = Field(None, description="Marks a confidential address")
    # when
    start: Text = Field(None, description="Start: ISO date/time or German date")
    end: Text = Field(None, description="End: ISO date/time or German date")
    date_text: Text = Field(None, description="Dates as written ('12.–16.07.', 'jeden Mittwoch')")
    time_text: Text = Field(None, description="Times as written ('8 bis 13 Uhr')")
    rrule: Text = Field(None, description="iCalendar RRULE")
    exception_dates: TextList = Field(default_factory=list, description="Dates that are left out")
    session_starts: TextList = Field(
        default_factory=list, description="Start of every session, where the provider lists them"
    )
    all_day: Text = Field(None, description="'true' for all-day dates")
    # for whom
    age_text: Text = Field(None, description="Ages as written ('Sechs- bis Zwölfjährige')")
    age_min: Text = Field(None, description="Youngest age in years, or with unit ('6 Monate')")
    age_max: Text = Field(None, description="Oldest age in years, or with unit")
    target_groups: TextList = Field(default_factory=list, description="Target groups as written")
    languages: TextList = Field(default_factory=list, description="Languages as written")
    # cost and booking
    price_text: Text = Field(None, description="Prices as written ('15 Euro pro Woche')")
    prices: TextList = Field(default_factory=list, description="Several price expressions")
    is_free: Text = Field(None, description="Free of charge marker")
    capacity: Text = Field(None, description="Places in total")
    free_places: Text = Field(None, description="Free places")
    booking_url: Text = Field(None, description="Registration link")
    booking_required: Text = Field(None, description="Registration required marker")
    registration_text: Text = Field(None, description="When/how registration opens")
    # contact
    email: Text = Field(None, description="Contact e-mail")
    phone: Text = Field(None, description="Contact phone")
    consent: Text = Field(None, description="Recorded consent to publish a person's details")


DRAFT_SLOTS: frozenset[str] = frozenset(Draft.model_fields)
LIST_SLOTS: frozenset[str] = frozenset(
    name for name, f in Draft.model_fields.items() if f.annotation == TextList
)
