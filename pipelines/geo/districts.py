"""District lookup by point in polygon, each level on its own.

Every configured level (Stadtteil, Stadtbezirk) is a :class:`DistrictLayer` built from its own
boundary files, with an STRtree over its polygons. A point is looked up in every layer
independently: a Stadtbezirk is never derived from a Stadtteil, because the two need not nest
(in Mülheim parts of Heißen and Altstadt II belong to Rechtsruhr-Nord).

A centroid that stands for an area (a street's or a postcode's houses, a Stadtteil polygon)
gets a district of a level only when at least :data:`AREA_SHARE` of that area lies in one
district of the level; otherwise the level stays empty rather than guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely
from shapely import STRtree
from shapely.geometry.base import BaseGeometry

from pipelines.geo.addresses import fold
from pipelines.geo.config import LEVELS, BoundaryConfig, GeoConfig, GeoConfigError, Level
from pipelines.geo.geofiles import Feature, read_polygons

MAX_CODE, MAX_NAME = 20, 120
"""Lengths of ``stadtteil_code`` / ``stadtteil_name`` (and the Bezirk fields) in Location."""

AREA_SHARE = 0.9
"""Share of an area that must lie in one district for a centroid to get that district."""

_SPLIT_TEXT = re.compile(r"\s*(?:[/,;()]|\s[-–]\s|\bund\b|&)\s*")


@dataclass(frozen=True, eq=False)
class District:
    level: Level
    code: str
    name: str
    geometry: BaseGeometry = field(repr=False)
    files: tuple[Path, ...] = field(default=(), repr=False)


class DistrictLayer:
    """The districts of one level and a spatial index over them."""

    def __init__(self, level: Level, districts: Iterable[District]):
        self.level = level
        self.districts: tuple[District, ...] = tuple(sorted(districts, key=_order))
        if not self.districts:
            raise ValueError(f"level {level!r} has no districts")
        geometries = [d.geometry for d in self.districts]
        shapely.prepare(geometries)
        self._tree = STRtree(geometries)
        self.by_code = {d.code: d for d in self.districts}

    def at(self, lon: float, lat: float) -> District | None:
        """The district containing the point (on a shared edge: the first by code)."""
        hits = self._tree.query(shapely.Point(lon, lat), predicate="intersects")
        return self.districts[int(hits.min())] if len(hits) else None

    def shares_of_points(self, lons: np.ndarray, lats: np.ndarray) -> dict[District, float]:
        """Share of the points in each district they fall in (a point on a shared edge
        counts for the first district by code); points outside every district count for none."""
        if len(lons) == 0:
            return {}
        envelope = shapely.box(lons.min(), lats.min(), lons.max(), lats.max())
        counted = np.zeros(len(lons), dtype=bool)
        shares = {}
        for i in sorted(int(i) for i in self._tree.query(envelope)):
            inside = shapely.intersects_xy(self.districts[i].geometry, lons, lats) & ~counted
            hits = int(inside.sum())
            if hits:
                shares[self.districts[i]] = hits / len(lons)
                counted |= inside
        return shares

    def shares_of_area(self, area: BaseGeometry) -> dict[District, float]:
        """Share of a polygon's area in each district it overlaps."""
        total = area.area
        if total <= 0:
            point = area.representative_point()
            found = self.at(point.x, point.y)
            return {found: 1.0} if found else {}
        shares = {}
        for i in sorted(int(i) for i in self._tree.query(area)):
            share = shapely.intersection(area, self.districts[i].geometry).area / total
            if share > 0:
                shares[self.districts[i]] = share
        return shares


def majority(shares: dict[District, float]) -> tuple[District | None, float]:
    """The district with the largest share and that share. ``shares`` is in layer order, so
    a tie goes to the first district by code."""
    if not shares:
        return None, 0.0
    return max(shares.items(), key=lambda item: item[1])


class DistrictIndex:
    """All configured layers plus the names (official and everyday) that point at districts."""

    def __init__(self, layers: dict[Level, DistrictLayer],
                 aliases: dict[str, str | list[str]] | None = None, *, city_name: str = "",
                 config_file: Path | None = None):
        self.layers = layers
        self._names: dict[str, list[District]] = {}
        for layer in layers.values():
            for district in layer.districts:
                self._names.setdefault(name_key(district.name), []).append(district)
        official = {key: list(found) for key, found in self._names.items()}
        for alias, targets in (aliases or {}).items():
            resolved: list[District] = []
            for target in [targets] if isinstance(targets, str) else targets:
                found = official.get(name_key(target))
                if not found:
                    raise GeoConfigError(f"{config_file or 'geo configuration'}: field "
                                         f"'district_names.{alias}': {target!r} is not the "
                                         f"name of a configured district")
                resolved += found
            self._names.setdefault(name_key(alias), [])
            self._names[name_key(alias)] += [d for d in resolved
                                              if d not in self._names[name_key(alias)]]
        self._city_prefix = name_key(city_name.split()[0]) if city_name.strip() else ""

    def named(self, text: str | None) -> dict[Level, set[District]]:
        """Districts a provider's text names, per level ('Altstadt II / Eppinghofen',
        'Saarn (Selbeck)', 'Mülheim-Saarn'). Words that name nothing are ignored."""
        found: dict[Level, set[District]] = {}
        if not text or not text.strip():
            return found
        whole = self._lookup(text)
        parts = [whole] if whole else [self._lookup(p) for p in _SPLIT_TEXT.split(text) if p]
        for districts in parts:
            for district in districts or ():
                found.setdefault(district.level, set()).add(district)
        return found

    def _lookup(self, text: str) -> list[District]:
        key = name_key(text)
        found = self._names.get(key)
        if not found and self._city_prefix and key.startswith(self._city_prefix):
            found = self._names.get(key.removeprefix(self._city_prefix))
        return found or []

    @classmethod
    def from_config(cls, config: GeoConfig) -> DistrictIndex:
        by_level: dict[Level, dict[str, list[Feature]]] = {}
        names: dict[tuple[Level, str], str] = {}
        for index, boundary in enumerate(config.boundaries):
            where = f"boundaries.{index}"
            for path in config.boundary_files(boundary):
                for feature in read_polygons(path, licence=boundary.licence, crs=boundary.crs,
                                             what=where):
                    code, name = _code_and_name(boundary, feature, where)
                    by_level.setdefault(boundary.level, {}).setdefault(code, []).append(feature)
                    names.setdefault((boundary.level, code), name)
        layers = {}
        for level in LEVELS:
            if level not in by_level:
                continue
            districts = [
                District(level, code, names[(level, code)],
                         shapely.union_all([f.geometry for f in features]),
                         tuple(dict.fromkeys(f.file for f in features)))
                for code, features in by_level[level].items()
            ]
            layers[level] = DistrictLayer(level, districts)
        return cls(layers, config.district_names, city_name=config.city.name,
                   config_file=config.path)


def name_key(text: str) -> str:
    """Key for comparing district names: folded, letters and digits only."""
    return re.sub(r"[^0-9a-z]+", "", fold(text))


def _code_and_name(boundary: BoundaryConfig, feature: Feature, where: str) -> tuple[str, str]:
    stem = feature.file.stem
    groups: dict[str, str] = {}
    if boundary.file_name_pattern:
        match = re.search(boundary.file_name_pattern, stem)
        if match is None:
            raise GeoConfigError(f"{feature.file} ({where}.file_name_pattern): the file name "
                                 f"{stem!r} does not match {boundary.file_name_pattern!r}")
        groups = {k: v for k, v in match.groupdict().items() if v}
    code = _text(feature.properties.get(boundary.code_property)) if boundary.code_property \
        else None
    code = code or groups.get("code")
    if not code:
        raise GeoConfigError(f"{feature.file} ({where}): a feature has no code (property "
                             f"{boundary.code_property!r} is empty or missing)")
    name = boundary.names.get(code)
    if not name and boundary.name_property:
        name = _text(feature.properties.get(boundary.name_property))
    if not name and "name" in groups:
        name = _title(groups["name"])
    if not name:
        raise GeoConfigError(f"{feature.file} ({where}): district {code!r} has no name "
                             f"(property {boundary.name_property!r} is empty; add it to 'names')")
    name = unicodedata.normalize("NFC", " ".join(name.split()))
    if len(code) > MAX_CODE or len(name) > MAX_NAME:
        raise GeoConfigError(f"{feature.file} ({where}): district code {code!r} or name "
                             f"{name!r} is too long for the location fields (code at most "
                             f"{MAX_CODE}, name at most {MAX_NAME} characters)")
    return code, name


def _text(value: object) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _title(stem: str) -> str:
    """'duisburg-mitte' -> 'Duisburg-Mitte', 'alt_stadt' -> 'Alt Stadt'."""
    words = stem.replace("_", " ").split()
    return " ".join("-".join(p[:1].upper() + p[1:] for p in w.split("-")) for w in words)


def _order(district: District) -> tuple:
    """Numeric codes in numeric order, then the rest by text."""
    code = district.code
    return (0, int(code), code) if code.isdigit() else (1, 0, code)
