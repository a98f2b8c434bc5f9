"""One call for the normaliser: a location with coordinates and both district levels.

``locate(location)`` returns the location with latitude/longitude, ``geo_precision``,
``stadtteil_*`` and ``stadtbezirk_*`` filled in, plus the quality flags it raised.

Rules, in order:

1. **Coordinates from the source** (precision ``source``) stay when they lie in the city area
   (with its margin). Outside it they are flagged ``coordinates_outside_city``; when swapping
   latitude and longitude puts them inside, they are also flagged ``coordinates_swapped``
   and the address is geocoded instead (the swapped pair is used only if the address gives
   nothing). Other coordinates outside the city are kept when within ``region_km`` of it (an
   offer may take place in a neighbouring town) and dropped beyond that (a point in the ocean
   is never published).
2. **Otherwise the address is geocoded** against the register: house (``exact``), street
   centroid (``street``, flag ``geocoded_by_street``), postcode centroid (``postcode``, flag
   ``geocoded_by_postcode``). A house found in the town under another postcode is flagged
   ``postal_code_mismatch``.
3. **Otherwise a district named by the provider** gives the representative point of its
   Stadtteil polygon (``district``, flag ``geocoded_by_district``); else ``not_geocoded``.
4. **Districts come from the geometry**, each level looked up on its own. A point that stands
   for an area (street, postcode, Stadtteil) gets a district only when that area lies (nearly)
   in one district of the level, else the level stays empty (``district_ambiguous``).
5. **Provider district text** (``stadtteil_name`` / ``stadtbezirk_name`` as the source wrote
   them, everyday names resolved through ``district_names``) is only evidence: the geometry
   wins, and a text naming another district than the geometry is flagged
   ``district_mismatch``. The text fills a level only where the geometry leaves room: when
   there is no point at all, or when the point's area spans several districts and the text
   names exactly one of them (``district_from_text``). A text naming nothing known is
   dropped (``district_text_unknown`` when the level stays empty). Levels without
   configured boundaries keep the provider's values untouched.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from pipelines.geo.city import CityArea
from pipelines.geo.config import GeoConfig, Level, load_config
from pipelines.geo.districts import AREA_SHARE, District, DistrictIndex, majority
from pipelines.geo.geocode import COORDINATE_DIGITS, Geocoder, GeoResult
from pipelines.geo.register import AddressRegister, Area
from schemas.location import Location
from schemas.vocab import GeoPrecision

log = logging.getLogger("pipelines.geo")

GEOCODED_BY_STREET = "geocoded_by_street"
GEOCODED_BY_POSTCODE = "geocoded_by_postcode"
GEOCODED_BY_DISTRICT = "geocoded_by_district"
NOT_GEOCODED = "not_geocoded"
COORDINATES_OUTSIDE_CITY = "coordinates_outside_city"
COORDINATES_SWAPPED = "coordinates_swapped"
DISTRICT_MISMATCH = "district_mismatch"
DISTRICT_AMBIGUOUS = "district_ambiguous"
DISTRICT_NOT_FOUND = "district_not_found"
DISTRICT_FROM_TEXT = "district_from_text"
DISTRICT_TEXT_UNKNOWN = "district_text_unknown"

FLAGS = (
    GEOCODED_BY_STREET, GEOCODED_BY_POSTCODE, GEOCODED_BY_DISTRICT, NOT_GEOCODED,
    COORDINATES_OUTSIDE_CITY, COORDINATES_SWAPPED, DISTRICT_MISMATCH, DISTRICT_AMBIGUOUS,
    DISTRICT_NOT_FOUND, DISTRICT_FROM_TEXT, DISTRICT_TEXT_UNKNOWN, "postal_code_mismatch",
)
"""Every quality flag ``locate`` can raise."""

_FIELDS: dict[Level, tuple[str, str]] = {
    "stadtteil": ("stadtteil_code", "stadtteil_name"),
    "stadtbezirk": ("stadtbezirk_code", "stadtbezirk_name"),
}
_BY_PRECISION = {
    GeoPrecision.STREET: GEOCODED_BY_STREET,
    GeoPrecision.POSTCODE: GEOCODED_BY_POSTCODE,
}
_OURS = (GeoPrecision.EXACT, GeoPrecision.STREET, GeoPrecision.POSTCODE, GeoPrecision.DISTRICT)


@dataclass(frozen=True)
class _Outcome:
    update: dict[str, Any]
    flags: tuple[str, ...]


@dataclass
class _Point:
    lon: float
    lat: float
    precision: GeoPrecision
    houses: Area | None = None
    polygon: District | None = None


class Locator:
    """Geocoder, district layers and city area of one configuration, with a result cache."""

    def __init__(self, *, geocoder: Geocoder | None, districts: DistrictIndex, city: CityArea,
                 cache_size: int = 100_000):
        self.geocoder = geocoder
        self.districts = districts
        self.city = city
        self._cache: dict[tuple, _Outcome] = {}
        self._cache_size = cache_size
        self._shares: dict[tuple[str, int], tuple[object, dict[District, float]]] = {}
        """District shares of the areas behind street/postcode/district centroids; the areas
        are the register's (or the layer's) own long-lived objects, kept here with the key."""

    @classmethod
    def from_config(cls, config: GeoConfig) -> Locator:
        geocoder = None
        settings = config.address_register
        if settings is not None:
            register = AddressRegister.load(settings, config.resolve(settings.path),
                                            default_town=config.city.name)
            geocoder = Geocoder(register)
        districts = DistrictIndex.from_config(config)
        city = CityArea.from_config(config, districts)
        if geocoder is not None:
            _check_register_place(geocoder.register, city, config)
        return cls(geocoder=geocoder, districts=districts, city=city)

    def locate(self, location: Location) -> tuple[Location, list[str]]:
        """The located copy of ``location`` (the same object when nothing changes) and flags."""
        key = (location.street_address, location.postal_code, location.locality,
               location.latitude, location.longitude, location.geo_precision,
               location.stadtteil_code, location.stadtteil_name,
               location.stadtbezirk_code, location.stadtbezirk_name)
        outcome = self._cache.get(key)
        if outcome is None:
            outcome = self._outcome(location)
            if len(self._cache) >= self._cache_size:
                self._cache.clear()
            self._cache[key] = outcome
        if not outcome.update:
            return location, list(outcome.flags)
        return location.model_copy(update=outcome.update), list(outcome.flags)

    # -- one uncached location

    def _outcome(self, location: Location) -> _Outcome:
        flags: list[str] = []
        point = self._point(location, flags)
        update: dict[str, Any] = {}
        if point is not None:
            update.update(latitude=point.lat, longitude=point.lon, geo_precision=point.precision)
        else:
            update.update(latitude=None, longitude=None, geo_precision=None)
        named: dict[Level, set[District]] = {}
        for text in (location.stadtteil_name, location.stadtbezirk_name):
            for level, districts in self.districts.named(text).items():
                named.setdefault(level, set()).update(districts)
        for level in self.districts.layers:
            district, candidates = self._district(level, point)
            said = named.get(level, set())
            if district is not None:
                if said and district not in said:
                    _add(flags, DISTRICT_MISMATCH)
            elif candidates:  # the point stands for an area spanning several districts
                agreeing = said & candidates
                if len(agreeing) == 1:
                    district = next(iter(agreeing))
                    _add(flags, DISTRICT_FROM_TEXT)
                else:
                    _add(flags, DISTRICT_MISMATCH if said and not agreeing else
                         DISTRICT_AMBIGUOUS)
            elif point is None and len(said) == 1:
                district = next(iter(said))
                _add(flags, DISTRICT_FROM_TEXT)
            elif point is not None and self.city.contains(point.lon, point.lat):
                _add(flags, DISTRICT_NOT_FOUND)
            code_field, name_field = _FIELDS[level]
            update[code_field] = district.code if district else None
            update[name_field] = district.name if district else None
        if location.stadtteil_name and not any(named.values()) \
                and "stadtteil" in self.districts.layers and update["stadtteil_name"] is None:
            _add(flags, DISTRICT_TEXT_UNKNOWN)
        changed = {k: v for k, v in update.items() if getattr(location, k) != v}
        return _Outcome(changed, tuple(flags))

    def _point(self, location: Location, flags: list[str]) -> _Point | None:
        lat, lon, given = location.latitude, location.longitude, location.geo_precision
        swapped: _Point | None = None
        if lat is not None and lon is not None and given in (None, GeoPrecision.SOURCE):
            if self.city.contains(lon, lat):
                return _Point(lon, lat, GeoPrecision.SOURCE)
            _add(flags, COORDINATES_OUTSIDE_CITY)
            if self.city.contains(lat, lon):
                _add(flags, COORDINATES_SWAPPED)
                swapped = _Point(lat, lon, GeoPrecision.SOURCE)
            elif self.city.plausible(lon, lat):
                return _Point(lon, lat, GeoPrecision.SOURCE)
        result = self._geocode(location)
        if result is not None:
            for note in result.notes:
                _add(flags, note)
            if result.precision in _BY_PRECISION:
                _add(flags, _BY_PRECISION[result.precision])
            return _Point(result.lon, result.lat, result.precision, houses=result.area)
        if swapped is not None:
            return swapped
        if lat is not None and lon is not None and given in _OURS and self.geocoder is None:
            return _Point(lon, lat, given)  # located before; nothing here to do it again
        return self._from_district_text(location, flags)

    def _geocode(self, location: Location) -> GeoResult | None:
        if self.geocoder is None or not (location.street_address or location.postal_code):
            return None
        return self.geocoder.geocode(location.street_address, location.postal_code,
                                     location.locality)

    def _from_district_text(self, location: Location, flags: list[str]) -> _Point | None:
        said = self.districts.named(location.stadtteil_name).get("stadtteil", set())
        if len(said) == 1:
            district = next(iter(said))
            inside = district.geometry.representative_point()
            _add(flags, GEOCODED_BY_DISTRICT)
            return _Point(round(inside.x, COORDINATE_DIGITS), round(inside.y, COORDINATE_DIGITS),
                          GeoPrecision.DISTRICT, polygon=district)
        _add(flags, NOT_GEOCODED)
        return None

    def _district(self, level: Level, point: _Point | None) -> tuple[District | None,
                                                                     set[District]]:
        """The point's district of one level; or, when the point stands for an area that no
        single district holds (nearly) all of, None and the districts sharing that area."""
        if point is None:
            return None, set()
        layer = self.districts.layers[level]
        if point.houses is None and point.polygon is None:
            return layer.at(point.lon, point.lat), set()
        area = point.houses if point.houses is not None else point.polygon
        key = (level, id(area))
        cached = self._shares.get(key)
        if cached is None or cached[0] is not area:
            shares = layer.shares_of_points(*point.houses) if point.houses is not None \
                else layer.shares_of_area(point.polygon.geometry)
            cached = (area, shares)
            self._shares[key] = cached
        shares = cached[1]
        district, share = majority(shares)
        if district is not None and share >= AREA_SHARE:
            return district, set()
        return None, set(shares)


def _check_register_place(register: AddressRegister, city: CityArea, config: GeoConfig) -> None:
    """Warn when most houses lie outside the city: a wrong ``crs`` (zone 33 read as zone 32
    moves everything by hundreds of km) or a state-wide file without ``keep_rows_where``."""
    step = max(1, register.size // 10_000)
    share = city.share_inside(register.lon[::step], register.lat[::step])
    if share < 0.5:
        log.warning("%s: only %.0f %% of the register's houses lie in the city area; check "
                    "'register.crs' and 'register.keep_rows_where'", config.path, 100 * share)


def _add(flags: list[str], flag: str) -> None:
    if flag not in flags:
        flags.append(flag)


# -- the process-wide default, loaded once

_lock = threading.Lock()
_default: Locator | None = None


def default_locator() -> Locator:
    """The locator of the configured ``geo.toml``, built on first use and kept."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = Locator.from_config(load_config())
    return _default


def use_locator(locator: Locator | None) -> None:
    """Replace the process-wide locator (tests, another configuration); None reloads."""
    global _default
    with _lock:
        _default = locator


def locate(location: Location) -> tuple[Location, list[str]]:
    """``location`` with coordinates, precision and both district levels, and its flags."""
    return default_locator().locate(location)
