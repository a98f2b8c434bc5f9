"""Polygons out of GeoJSON files, read with the project's GeoJSON reader.

Boundary and outline files go through :func:`scrapers.readers.geojson.parse` (the same reader
as the feeds) and :func:`scrapers.readers.geojson.geometry_shape`; this module only adds what a
boundary needs on top: keeping the polygonal parts and reprojecting files not in WGS 84.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import shapely
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

from core.clock import now_berlin
from pipelines.geo.config import GeoConfigError
from schemas.source import Source
from scrapers.readers.base import ReaderError
from scrapers.readers.geojson import geometry_shape, parse
from scrapers.readers.problems import ProblemLog

_WGS84_NAMES = ("crs84", "epsg::4326", "epsg:4326", "4326")


@dataclass(frozen=True)
class Feature:
    """One polygonal feature of a file: its properties and its (multi)polygon in WGS 84."""

    properties: dict[str, Any]
    geometry: BaseGeometry
    file: Path


def read_polygons(path: Path, *, licence: str, crs: str | None, what: str) -> list[Feature]:
    """Every feature of a GeoJSON file with its polygonal parts, in WGS 84.

    ``what`` names the configuration field in error messages. Features without any polygon
    (points, lines, null geometry) are an error: a boundary file must be all polygons.
    """
    path = path.absolute()
    content = path.read_bytes()
    source = Source(id="geo-boundaries", provider="geo", adapter="geojson", url=path.as_uri(),
                    licence=licence, options={"point": False})
    problems = ProblemLog(log_first=0)
    try:
        records = list(parse(content, source, url=path.as_uri(),
                             fetched_at=now_berlin(), problems=problems))
    except ReaderError as exc:
        raise GeoConfigError(f"{path} ({what}): {_without_source(str(exc))}") from None
    lost = [p for p in problems if p.skipped]
    if lost:
        raise GeoConfigError(f"{path} ({what}): {lost[0].where}: {lost[0].message}")
    transformer = _transformer(crs or _declared_crs(content))
    features = []
    for number, record in enumerate(records, start=1):
        geometry = record.fields.get("geometry")
        try:
            shape = geometry_shape(geometry) if isinstance(geometry, dict) else None
        except ValueError as exc:
            raise GeoConfigError(f"{path} ({what}): feature {number}: {exc}") from None
        polygons = _polygonal(shape)
        if polygons is None:
            raise GeoConfigError(f"{path} ({what}): feature {number} has no polygon")
        if transformer is not None:
            polygons = shapely.make_valid(shapely.transform(
                polygons, transformer.transform, interleaved=False))
            polygons = _polygonal(polygons) or polygons
        west, south, east, north = polygons.bounds
        if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
            raise GeoConfigError(
                f"{path} ({what}): coordinates are not longitude/latitude "
                f"(bounds {polygons.bounds}); set 'crs' to the file's reference system")
        features.append(Feature(record.fields.get("properties") or {}, polygons, path))
    return features


def _polygonal(geometry: BaseGeometry | None) -> BaseGeometry | None:
    """The union of the polygons in a geometry (nested collections included), or None."""
    if geometry is None or geometry.is_empty:
        return None
    polygons = list(_polygons(geometry))
    return shapely.union_all(polygons) if polygons else None


def _polygons(geometry: BaseGeometry) -> Iterator[BaseGeometry]:
    for part in shapely.get_parts(geometry):
        if part.geom_type == "Polygon":
            yield part
        elif part.geom_type in ("MultiPolygon", "GeometryCollection"):
            yield from _polygons(part)


def _declared_crs(content: bytes) -> str | None:
    """The legacy ``crs`` member's name when it names something other than WGS 84."""
    try:
        document = orjson.loads(content.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError:
        return None
    crs = document.get("crs") if isinstance(document, dict) else None
    name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else None
    if not isinstance(name, str) or name.lower().rstrip().endswith(_WGS84_NAMES):
        return None
    return name


def _transformer(crs: str | None) -> Transformer | None:
    if crs is None:
        return None
    return Transformer.from_crs(crs, "EPSG:4326", always_xy=True)


def _without_source(message: str) -> str:
    return message.split(": ", 1)[1] if message.startswith("source ") else message
