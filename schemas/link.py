"""Links from every source record to the offer that stands for it after deduplication."""

from __future__ import annotations

from pydantic import Field

from schemas.base import Identifier, StrictModel
from schemas.offer import EntityId


class OfferLink(StrictModel):
    """One source record of an offer: several sources may list the same real offer."""

    id: EntityId = Field(description="Id of the source record's own offer")
    survivor_id: EntityId = Field(description="The published offer that stands for it")
    source_id: Identifier = Field(description="Source registry id")
    source_record_key: str = Field(min_length=1, max_length=500, description="The provider's key")
    score: float = Field(ge=0, le=1, description="Similarity to the survivor (1 for itself)")
