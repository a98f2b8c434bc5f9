"""What extraction hands to the pipeline: the provider's fields as found, with provenance."""

from __future__ import annotations

import hashlib
from enum import StrEnum
from typing import Any

import orjson
from pydantic import AwareDatetime, Field

from schemas.base import Identifier, StrictModel


class RawShape(StrEnum):
    """The shape of ``fields``: decides which mapper turns the record into a draft."""

    FLAT = "flat"  # provider field names -> values (CSV row, JSON item, spider fields)
    SCHEMA_ORG = "schema_org"  # one schema.org object (JSON-LD or microdata) as found
    ICAL = "ical"  # one VEVENT (with its RECURRENCE-ID overrides) as property strings
    OPENACTIVE = "openactive"  # one RPDE item (OpenActive data model)
    XCRI_CAP = "xcri_cap"  # one XCRI-CAP course presentation
    OPENQCAT = "openqcat"  # one openQ-cat SERVICE / course module
    RSS = "rss"  # one RSS/Atom entry
    TRIBE = "tribe"  # one event of the WordPress "The Events Calendar" REST API


class RawRecord(StrictModel):
    """One record exactly as a spider or feed reader found it.

    ``fields`` holds the provider's own field names and values: strings from pages and CSV
    cells, nested objects from JSON-LD or JSON APIs. Nothing is parsed or renamed here.
    """

    source_id: Identifier = Field(description="Source registry id")
    record_key: str = Field(min_length=1, max_length=500, description="The provider's own key")
    url: str | None = Field(None, max_length=2048, description="Page, feed or file it came from")
    fetched_at: AwareDatetime = Field(description="When it was fetched")
    shape: RawShape = Field(RawShape.FLAT, description="Shape of fields")
    fields: dict[str, Any] = Field(description="The provider's fields as found")

    def raw_id(self) -> str:
        """Content address of the record: same provider content, same id (fetch time excluded)."""
        payload = orjson.dumps(
            [self.source_id, self.record_key, self.url, self.shape.value, self.fields],
            option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS,
            default=str,
        )
        return hashlib.sha256(payload).hexdigest()

    def to_json_line(self) -> bytes:
        return orjson.dumps(self.model_dump(mode="json"), default=str) + b"\n"
