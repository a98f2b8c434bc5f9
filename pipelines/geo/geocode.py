"""Offline geocoding against the address register: house, else street, else postcode.

``geocode("Löhberg 29", "45468", "Mülheim an der Ruhr")`` answers with the register's house
(precision ``exact``); a house missing from the register falls back to the mean of the street's
houses within the postcode or town (``street``), then to the mean of the postcode's houses
(``postcode``); with none of these there is no answer. Nothing is guessed from a similar name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from pipelines.geo.addresses import postcode_key, split_street_address, street_key, town_key
from pipelines.geo.register import AddressRegister, Area, Rows
from schemas.vocab import GeoPrecision

COORDINATE_DIGITS = 7
"""Decimal places of published coordinates (about 1 cm), as the GeoJSON reader keeps them."""

POSTAL_CODE_MISMATCH = "postal_code_mismatch"


@dataclass(frozen=True, eq=False)
class GeoResult:
    """Where an address is, how precisely, and which register entry said so."""

    lat: float
    lon: float
    precision: GeoPrecision
    matched: str
    """The register's address, street or postcode that was matched, for people to read."""
    area: Area | None = None
    """For ``street`` and ``postcode``: the houses the centroid stands for."""
    notes: tuple[str, ...] = ()
    """Quality notes, e.g. ``postal_code_mismatch``: found in the town under another postcode."""


class Geocoder:
    """Geocoding over one register; answers are cached by normalised address."""

    def __init__(self, register: AddressRegister, *, cache_size: int = 200_000):
        self.register = register
        self._lookup = lru_cache(maxsize=cache_size)(self._lookup_uncached)

    def geocode(self, street: str | None, postal_code: str | None,
                locality: str | None) -> GeoResult | None:
        """The position of an address line ('Musterstraße 12a'), postcode and town."""
        address = split_street_address(street) if street and street.strip() else None
        key = street_key(address.street) if address else ""
        houses = address.houses if address else ()
        return self._lookup(key, houses, postcode_key(postal_code), town_key(locality or ""))

    def _lookup_uncached(self, street: str, houses: tuple[str, ...], postcode: str,
                         town_query: str) -> GeoResult | None:
        register = self.register
        town = register.resolve_town(town_query)
        if street:
            for by_town, scope in ((False, postcode), (True, town)):
                if not scope:
                    continue
                for find in (register.house, register.house_variants):
                    for house in houses:
                        hit = find(scope, street, house, by_town=by_town)
                        if hit is not None and len(hit):
                            return self._result(hit, GeoPrecision.EXACT, postcode)
            for by_town, scope in ((False, postcode), (True, town)):
                hit = register.street(scope, street, by_town=by_town) if scope else None
                if hit is not None:
                    return self._result(hit, GeoPrecision.STREET, postcode)
        hit = register.postcode(postcode) if postcode else None
        if hit is not None:
            return self._result(hit, GeoPrecision.POSTCODE, postcode)
        return None

    def _result(self, rows: Rows, precision: GeoPrecision, postcode: str) -> GeoResult:
        register = self.register
        first = int(rows[0])
        if precision is GeoPrecision.EXACT:
            (lon, lat), area = register.centroid(rows), None
            matched = register.label(first)
        else:
            (lon, lat), area = register.group_summary(rows)
            matched = register.street_label(first) if precision is GeoPrecision.STREET \
                else postcode
        other_postcode = precision is not GeoPrecision.POSTCODE and bool(postcode) and (
            register.postcode_of(first) != postcode if len(rows) == 1
            else not np.any(register.postcodes_of(rows) == postcode))
        return GeoResult(
            lat=round(lat, COORDINATE_DIGITS),
            lon=round(lon, COORDINATE_DIGITS),
            precision=precision,
            matched=matched,
            area=area,
            notes=(POSTAL_CODE_MISMATCH,) if other_postcode else (),
        )


def geocode(street: str | None, postal_code: str | None, locality: str | None) -> GeoResult | None:
    """Geocode with the register of the configured ``geo.toml`` (loaded once per process);
    None when nothing matches or no register is configured."""
    from pipelines.geo.locate import default_locator  # the default lives with the locator

    geocoder = default_locator().geocoder
    return geocoder.geocode(street, postal_code, locality) if geocoder is not None else None
