"""The source registry: which providers exist and how each of their sources is read.

A data steward edits one TOML file; this module is its schema. A broken registry is rejected
with an error naming the file, the source and the field.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cronsim import CronSim, CronSimError
from pydantic import Field, ValidationError, field_validator, model_validator

from schemas.base import (
    TIMEZONE,
    Identifier,
    NonEmptyText,
    PlainText,
    StrictModel,
    WebUrl,
    read_toml,
)
from schemas.draft import DRAFT_SLOTS
from schemas.licences import licence as lookup_licence
from schemas.offer import Email, PhoneE164
from schemas.vocab import LanguageCode, OfferKind, OrganizationType, TargetGroup

URL_VARIABLE = re.compile(r"\{([a-z][a-z0-9_]*)\}")
"""A ``{name}`` in a source URL is filled in from the environment variable
``FAMILIENPUNKT_URL_<NAME>`` (e.g. ``{demo}`` from ``FAMILIENPUNKT_URL_DEMO``), so one registry
serves a test server, a staging copy or production without edits."""


def url_variable_env(name: str) -> str:
    return f"FAMILIENPUNKT_URL_{name.upper()}"


class AdapterKind(StrEnum):
    """How a source is read: a Scrapy spider, or one of the generic feed readers."""

    SPIDER = "spider"
    CSV = "csv"
    XLSX = "xlsx"
    ICAL = "ical"
    JSON_API = "json_api"
    GEOJSON = "geojson"
    GML = "gml"
    RSS = "rss"
    RPDE = "rpde"
    XCRI_CAP = "xcri_cap"
    OPENQCAT = "openqcat"


class FieldSpec(StrictModel):
    """A mapped slot built from one or more provider fields, with simple value transforms."""

    from_: str | list[str] = Field(alias="from", description="Provider field(s); dotted paths")
    join: str | None = Field(None, description="Join several fields with this separator")
    split: str | None = Field(None, description="Split the value into a list at this separator")
    values: dict[str, str] = Field(default_factory=dict, description="Replace whole values")
    each: str | None = Field(
        None,
        description="From a list of objects, take this dotted path of every item, or a "
        "template over its fields ('{datum}T{von}')",
    )
    template: str | None = Field(
        None,
        description="Format string over the fields in order, e.g. 'https://x.de/{0}'; "
        "empty when a field is empty",
    )

    # separators and templates are taken as written: " " must stay a space
    model_config = StrictModel.model_config | {
        "populate_by_name": True,
        "str_strip_whitespace": False,
    }


class SourceDefaults(StrictModel):
    """Values that fill only what a record leaves empty; they never override."""

    kind: OfferKind | None = None
    categories: list[str] = Field(default_factory=list)
    target_groups: list[TargetGroup] = Field(default_factory=list)
    languages: list[LanguageCode] = Field(default_factory=list)
    district: str | None = None
    city: str | None = None
    postal_code: str | None = Field(None, pattern=r"^[0-9]{5}$")
    age_text: str | None = None
    private_person: bool | None = Field(
        None,
        description="Records are private persons' (childminders): published only as counts per "
        "Stadtteil without consent. Unset: true for kind 'childminding', false otherwise",
    )
    booking_url: WebUrl | None = None


class Season(StrictModel):
    """A yearly window (month-day to month-day, inclusive) in which an empty run is legitimate."""

    start: str = Field(pattern=r"^\d{2}-\d{2}$", description="MM-DD")
    end: str = Field(pattern=r"^\d{2}-\d{2}$", description="MM-DD")

    def contains(self, day: date) -> bool:
        md = day.strftime("%m-%d")
        if self.start <= self.end:
            return self.start <= md <= self.end
        return md >= self.start or md <= self.end


class Source(StrictModel):
    """One way one provider publishes offers."""

    id: Identifier
    provider: Identifier = Field(description="Key of the provider in [providers]")
    title: PlainText | None = Field(None, description="Human name of the source")
    adapter: AdapterKind = Field(description="spider, or a feed kind")
    spider: str | None = Field(None, description="Spider name when adapter = 'spider'")
    url: str = Field(description="Start URL or feed URL (http, https or file)")
    schedule: str = Field("0 5 * * *", description="Cron expression, Europe/Berlin")
    licence: str = Field(description="Licence id from the DCAT-AP.de list, e.g. dl-by-de/2.0")
    timezone: str = Field(TIMEZONE, description="Timezone of local times in the source")
    coordinates_crs: str = Field(
        "EPSG:4326",
        description="Coordinate system of the source's coordinates; others (e.g. EPSG:25832, "
        "UTM) are transformed: then 'longitude' takes the east, 'latitude' the north value",
    )
    enabled: bool = True
    min_records: int = Field(1, ge=0, description="Fewer records than this make a run suspicious")
    timeout_s: int = Field(300, ge=5, le=6 * 3600, description="Hard limit for one extraction")
    key: str | list[str] | None = Field(None, description="Field(s) holding the provider's key")
    defaults: SourceDefaults = Field(default_factory=SourceDefaults)
    mapping: dict[str, str | FieldSpec | list[str | FieldSpec]] = Field(
        default_factory=dict,
        description="Draft slot = provider field, a FieldSpec, or a list of them (list slots "
        "collect every non-empty value, other slots take the first)",
    )
    options: dict[str, Any] = Field(default_factory=dict, description="Adapter options")
    empty_seasons: list[Season] = Field(default_factory=list)
    expected_to_fail: PlainText | None = Field(
        None,
        description="Why this source is known to fail (a relaunched site, a broken feed): its "
        "failure is reported but does not make the run's exit code non-zero",
    )
    max_withdraw_share: float = Field(
        0.1,
        ge=0,
        le=1,
        description="A healthy run that would withdraw more than this share of the source's "
        "offers holds the withdrawals until a second healthy run confirms them",
    )
    max_bytes: int = Field(
        64 * 1024 * 1024,
        ge=1024,
        description="Largest response (after decompression) read from the source, in bytes",
    )
    allowed_hosts: list[str] = Field(
        default_factory=list,
        description="Further hosts the source's links and redirects may lead to (its own URL's "
        "host is always allowed), e.g. a CDN serving its files",
    )

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        probe = URL_VARIABLE.sub("http://placeholder.invalid", value, count=1)
        parts = urlsplit(probe)
        if parts.scheme not in ("http", "https", "file") or (
            parts.scheme != "file" and not parts.netloc
        ):
            raise ValueError(f"{value!r} is not an http, https or file URL")
        return value

    @field_validator("schedule")
    @classmethod
    def _cron(cls, value: str) -> str:
        try:
            CronSim(value, datetime(2026, 1, 1))
        except CronSimError as exc:
            raise ValueError(f"invalid cron expression {value!r}: {exc}") from None
        return value

    @field_validator("licence")
    @classmethod
    def _licence(cls, value: str) -> str:
        lookup_licence(value)
        return value

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown timezone {value!r}") from None
        return value

    @field_validator("coordinates_crs")
    @classmethod
    def _crs(cls, value: str) -> str:
        from pyproj import CRS
        from pyproj.exceptions import CRSError

        try:
            CRS.from_user_input(value)
        except CRSError:
            raise ValueError(f"unknown coordinate system {value!r} (e.g. EPSG:25832)") from None
        return value

    @field_validator("mapping")
    @classmethod
    def _slots(cls, value: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(value) - DRAFT_SLOTS)
        if unknown:
            raise ValueError(
                f"unknown slot(s) {', '.join(unknown)}; slots are: {', '.join(sorted(DRAFT_SLOTS))}"
            )
        return value

    @model_validator(mode="after")
    def _spider_named(self) -> Source:
        if self.adapter is AdapterKind.SPIDER and not self.spider:
            raise ValueError("adapter 'spider' needs the field 'spider'")
        if self.adapter is not AdapterKind.SPIDER and self.spider:
            raise ValueError(
                f"field 'spider' is only for adapter 'spider', not {self.adapter.value!r}"
            )
        return self

    @property
    def licence_uri(self) -> str:
        return lookup_licence(self.licence).uri

    def empty_is_legitimate(self, day: date) -> bool:
        return any(season.contains(day) for season in self.empty_seasons)

    @property
    def url_variables(self) -> list[str]:
        """Names of the ``{variables}`` in the URL."""
        return URL_VARIABLE.findall(self.url)

    def resolved(self, variables: Mapping[str, str] | None = None) -> Source:
        """This source with the ``{variables}`` of its URL filled in (from ``variables``, else
        from the environment); a variable without a value is a RegistryError naming it."""
        names = self.url_variables
        if not names:
            return self
        url = self.url
        for name in names:
            value = (variables or {}).get(name) or os.environ.get(url_variable_env(name))
            if not value:
                raise RegistryError(
                    f"source {self.id!r}: its URL uses {{{name}}}, but "
                    f"{url_variable_env(name)} is not set"
                    + (" (the demo providers are not running)" if name == "demo" else "")
                )
            url = url.replace(f"{{{name}}}", value.rstrip("/"))
        return self.model_copy(update={"url": url})


class Provider(StrictModel):
    """An organisation that publishes offers; becomes a row of the organisations table."""

    name: NonEmptyText
    type: OrganizationType
    website: WebUrl | None = None
    email: Email | None = None
    phone: PhoneE164 | None = None
    description: PlainText | None = None


class Publication(StrictModel):
    """How the export merges the same offer listed by several sources."""

    source_priority: list[Identifier] = Field(
        default_factory=list,
        description="Sources best first: whose values a merged offer takes (others follow)",
    )
    field_priority: dict[str, list[Identifier]] = Field(
        default_factory=dict,
        description="Per field group (live, description, prices, …) another order of sources",
    )
    deduplicate: bool = Field(True, description="Merge offers several sources list")


class Registry(StrictModel):
    providers: dict[Identifier, Provider]
    sources: dict[Identifier, Source]
    publication: Publication = Field(default_factory=Publication)
    path: Path | None = Field(None, exclude=True)

    @model_validator(mode="before")
    @classmethod
    def _ids_from_keys(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("sources"), dict):
            data = dict(data)
            data["sources"] = {
                key: ({"id": key, **value} if isinstance(value, dict) else value)
                for key, value in data["sources"].items()
            }
        return data

    @model_validator(mode="after")
    def _priorities_name_sources(self) -> Registry:
        named = [*self.publication.source_priority, *(
            s for order in self.publication.field_priority.values() for s in order)]
        unknown = sorted(set(named) - set(self.sources))
        if unknown:
            raise ValueError(f"publication: unknown source(s) {', '.join(unknown)}")
        return self

    @model_validator(mode="after")
    def _providers_exist(self) -> Registry:
        for source in self.sources.values():
            if source.provider not in self.providers:
                raise ValueError(
                    f"source {source.id!r}, field 'provider': no provider {source.provider!r} "
                    f"in [providers]"
                )
        return self

    def enabled(self, only: list[str] | None = None) -> list[Source]:
        if only:
            missing = [s for s in only if s not in self.sources]
            if missing:
                raise RegistryError(f"{self.path}: no source named {', '.join(missing)}")
            return [self.sources[s] for s in only]
        return [s for s in self.sources.values() if s.enabled]

    @classmethod
    def load(cls, path: Path | str) -> Registry:
        path = Path(path)
        data = read_toml(path, RegistryError, "registry")
        try:
            registry = cls.model_validate({**data, "path": path})
        except ValidationError as exc:
            raise RegistryError(_describe(path, exc)) from None
        return registry


class RegistryError(ValueError):
    """The registry cannot be used; the message names file, source and field."""


def _describe(path: Path, exc: ValidationError) -> str:
    lines = []
    for err in exc.errors():
        loc = [str(p) for p in err["loc"]]
        where = []
        if len(loc) >= 2 and loc[0] in ("sources", "providers"):
            where.append(f"{loc[0][:-1]} {loc[1]!r}")
            rest = loc[2:]
        else:
            rest = loc
        rest = [p for p in rest if not p.startswith(("function-after", "function-before"))]
        if rest:
            where.append(f"field {'.'.join(rest)!r}")
        message = err["msg"].removeprefix("Value error, ")
        if not where and message.startswith("source "):  # a whole-registry rule naming its source
            lines.append(f"{path}: {message}")
            continue
        lines.append(f"{path}: {', '.join(where) or 'registry'}: {message}")
    return "\n".join(lines)
