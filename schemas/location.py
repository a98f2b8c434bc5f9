"""Venues, with district assignment and opening hours."""

from __future__ import annotations

from datetime import time

from pydantic import Field, model_validator

from schemas.base import Identifier, PlainText, StrictModel
from schemas.offer import EntityId
from schemas.vocab import Accessibility, GeoPrecision, Weekday


class OpeningHoursSpecification(StrictModel):
    """schema.org OpeningHoursSpecification: one weekday and one opening interval."""

    day_of_week: Weekday = Field(description="Weekday")
    opens: time = Field(description="Opening time, local")
    closes: time = Field(description="Closing time, local")


class Location(StrictModel):
    """A place where offers happen. Confidential places are never published."""

    id: EntityId = Field(description="Stable location id")
    source_id: Identifier = Field(description="Source that described the place")
    name: PlainText | None = Field(None, max_length=300, description="Name of the place")
    street_address: PlainText | None = Field(None, max_length=300, description="Street and number")
    postal_code: str | None = Field(None, pattern=r"^[0-9]{5}$", description="German postcode")
    locality: PlainText | None = Field(None, max_length=120, description="Town or city")
    latitude: float | None = Field(None, ge=-90, le=90, description="WGS 84 latitude")
    longitude: float | None = Field(None, ge=-180, le=180, description="WGS 84 longitude")
    geo_precision: GeoPrecision | None = Field(None, description="How precise the coordinates are")
    stadtteil_code: str | None = Field(None, max_length=20, description="Stadtteil code")
    stadtteil_name: PlainText | None = Field(None, max_length=120, description="Stadtteil name")
    stadtbezirk_code: str | None = Field(None, max_length=20, description="Stadtbezirk code")
    stadtbezirk_name: PlainText | None = Field(None, max_length=120, description="Stadtbezirk name")
    district_text: PlainText | None = Field(
        None, max_length=120, description="District as the provider wrote it (geometry decides)"
    )
    accessibility: list[Accessibility] = Field(default_factory=list, description="Accessibility")
    accessibility_note: PlainText | None = Field(
        None, max_length=1000, description="Accessibility note"
    )
    opening_hours: str | None = Field(
        None, max_length=500, description="Opening hours in OpenStreetMap opening_hours syntax"
    )
    opening_hours_spec: list[OpeningHoursSpecification] = Field(
        default_factory=list, description="Opening hours as schema.org specifications"
    )
    confidential: bool = Field(False, description="Never published (e.g. shelters)")

    @model_validator(mode="after")
    def _coordinates(self) -> Location:
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("latitude and longitude must be given together")
        if self.latitude is not None and self.geo_precision is None:
            raise ValueError("coordinates need a geo_precision")
        return self
