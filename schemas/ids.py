"""Opaque stable ids: uuid5 of the source and the provider's own key, never of names."""

from __future__ import annotations

import uuid

NAMESPACE = uuid.UUID("6f3c2b1e-6a8d-5e2f-9b7a-0c1d2e3f4a5b")
"""Fixed namespace of all Familienpunkt ids. Changing it would change every id: never do."""


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(parts)))


def offer_id(source_id: str, record_key: str) -> str:
    return _uuid("offer", source_id, record_key)


def location_id(source_id: str, location_key: str) -> str:
    return _uuid("location", source_id, location_key)


def organization_id(provider_key: str) -> str:
    return _uuid("organization", provider_key)


def session_id(offer_id_: str, start_iso: str) -> str:
    return _uuid("session", offer_id_, start_iso)


def childminding_summary_id(source_id: str, stadtteil: str) -> str:
    return _uuid("childminding", source_id, stadtteil)
