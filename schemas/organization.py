"""Organisations that publish or run offers (Träger, clubs, the city)."""

from __future__ import annotations

from pydantic import Field

from schemas.base import Identifier, NonEmptyText, PlainText, StrictModel, WebUrl
from schemas.offer import Email, EntityId, PhoneE164
from schemas.vocab import OrganizationType


class Organization(StrictModel):
    """An organisation; only functional contacts, never a private person's."""

    id: EntityId = Field(description="Stable organisation id")
    provider_key: Identifier = Field(description="Key of the provider in the source registry")
    name: NonEmptyText = Field(max_length=300, description="Name")
    type: OrganizationType = Field(description="Kind of organisation")
    website: WebUrl | None = Field(None, description="Website")
    email: Email | None = Field(None, description="Functional contact e-mail")
    phone: PhoneE164 | None = Field(None, description="Functional contact phone (E.164)")
    description: PlainText | None = Field(None, max_length=2000, description="Short description")
