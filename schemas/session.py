"""One concrete occurrence of an offer, expanded from its schedule."""

from __future__ import annotations

from pydantic import AwareDatetime, Field, model_validator

from schemas.base import StrictModel
from schemas.offer import EntityId


class Session(StrictModel):
    """A session: the offer id and start make its stable id; all-day sessions span whole days."""

    id: EntityId = Field(description="Stable session id (uuid5 of offer id and local start)")
    offer_id: EntityId = Field(description="The offer this session belongs to")
    start: AwareDatetime = Field(description="Start (local time with offset)")
    end: AwareDatetime = Field(description="End (exclusive for all-day sessions)")
    all_day: bool = Field(False, description="Whole days without times")
    cancelled: bool = Field(False, description="This one session is cancelled")

    @model_validator(mode="after")
    def _ordered(self) -> Session:
        if self.end < self.start:
            raise ValueError("end is before start")
        return self
