"""Registry providers -> canonical organisations."""

from __future__ import annotations

from pipelines.parsers import Unparsed, parse_phone
from schemas import ids
from schemas.organization import Organization
from schemas.source import Registry


def organizations_from_registry(registry: Registry) -> list[Organization]:
    out = []
    for key, provider in sorted(registry.providers.items()):
        phone = parse_phone(provider.phone) if provider.phone else None
        out.append(
            Organization(
                id=ids.organization_id(key),
                provider_key=key,
                name=provider.name,
                type=provider.type,
                website=provider.website,
                email=provider.email,
                phone=None if isinstance(phone, Unparsed) else phone,
                description=provider.description,
            )
        )
    return out
