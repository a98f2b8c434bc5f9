"""Childminding published without personal data: counts and places per Stadtteil."""

from __future__ import annotations

from pydantic import Field

from schemas.base import Identifier, PlainText, StrictModel
from schemas.offer import EntityId


class ChildmindingSummary(StrictModel):
    """Childminders (private persons) of one source in one Stadtteil, as counts only."""

    id: EntityId = Field(description="Stable id (uuid5 of source and Stadtteil)")
    source_id: Identifier = Field(description="Source registry id")
    organization_id: EntityId = Field(description="Placement service to contact")
    stadtteil_code: str | None = Field(None, max_length=20, description="Stadtteil code")
    stadtteil_name: PlainText | None = Field(
        None, max_length=120, description="Stadtteil, or empty when unknown"
    )
    stadtbezirk_code: str | None = Field(None, max_length=20, description="Stadtbezirk code")
    stadtbezirk_name: PlainText | None = Field(None, max_length=120, description="Stadtbezirk")
    childminders: int = Field(ge=0, description="Childminders in the Stadtteil")
    places: int | None = Field(None, ge=0, description="Places in total, where stated")
    free_places: int | None = Field(None, ge=0, description="Free places, where stated")
    age_min_months: int | None = Field(None, ge=0, description="Youngest age any of them takes")
    age_max_months: int | None = Field(None, ge=0, description="Oldest age any of them takes")
