"""Canonical pydantic models: the single source of truth of Familienpunkt's schema."""

from schemas.draft import Draft
from schemas.location import Location, OpeningHoursSpecification
from schemas.offer import Audience, Offer, Price, Provenance, Schedule
from schemas.organization import Organization
from schemas.raw import RawRecord, RawShape
from schemas.source import AdapterKind, Provider, Registry, RegistryError, Source
from schemas.version import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "AdapterKind",
    "Audience",
    "Draft",
    "Location",
    "Offer",
    "OpeningHoursSpecification",
    "Organization",
    "Price",
    "Provenance",
    "Provider",
    "RawRecord",
    "RawShape",
    "Registry",
    "RegistryError",
    "Schedule",
    "Source",
]
