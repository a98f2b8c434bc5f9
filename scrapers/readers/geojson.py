"""GeoJSON and WFS-style feature collections: one raw record per feature.

A record's fields are the feature as found, ``{"id": …, "properties": …, "geometry": …}``,
plus one field the reader adds: ``"_point": {"lon": …, "lat": …}``, a representative point of
the geometry (or null). The leading underscore marks it as derived by the reader, not
published by the provider; the normaliser maps ``latitude``/``longitude`` from
``_point.lat``/``_point.lon``, so every geometry type ends up as one point without the
pipeline needing to know GeoJSON.

Accepted top levels: a ``FeatureCollection``, a single ``Feature``, a ``GeometryCollection``
or any object with a bare ``geometries`` list (each geometry becomes a record with empty
properties, as in boundary files that carry the name only in their file name), and a bare
geometry. Feature geometries may be anything shapely reads, including GeometryCollections.

The record key is the source's ``key`` (a dotted path such as ``properties.ref``), else the
feature's ``id``, else its position (``feature-3``, ``geometry-1``). Coordinates are expected
in WGS 84 (RFC 7946). When an old-style ``crs`` member names another reference system, no
point is computed (shapely cannot reproject) and that is reported once.

Option: ``point`` (default true) — compute ``_point``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import orjson
import shapely
from shapely.errors import GEOSException
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from schemas.raw import RawRecord
from schemas.source import Source
from scrapers.readers.base import ReaderError
from scrapers.readers.parsing import (
    ReaderOptions,
    make_record,
    parse_options,
    register_file_reader,
    register_parser,
)
from scrapers.readers.problems import KeyTracker, ProblemLog, RowProblem

POINT_FIELD = "_point"
POINT_DIGITS = 7
"""Decimal places kept of the point (about 1 cm): stable across GEOS versions, so the raw
record's content hash does not change when only the library does."""
_WGS84 = ("crs84", "epsg::4326", "epsg:4326", "4326")


class GeoJsonOptions(ReaderOptions):
    point: bool = True


def geometry_shape(geometry: dict[str, Any]) -> BaseGeometry:
    """A shapely geometry from a GeoJSON geometry object; invalid polygons are repaired.

    Raises ``ValueError`` when the object is not a geometry shapely can build.
    """
    try:
        geom = shape(geometry)
    except (KeyError, TypeError, AttributeError, ValueError, GEOSException) as exc:
        raise ValueError(f"not a readable geometry: {exc}") from None
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    return geom


def representative_point(geometry: dict[str, Any] | None) -> dict[str, float] | None:
    """``{"lon": …, "lat": …}`` inside (or on) the geometry; None for a null or empty one.

    A Point is itself; polygons, multi-polygons and collections give a point guaranteed to lie
    within them (shapely's ``representative_point``, not the centroid, which can fall outside
    a concave district or a ring-shaped park). Raises ``ValueError`` for unreadable geometry.
    """
    if not geometry:
        return None
    geom = geometry_shape(geometry)
    if geom.is_empty:
        return None
    point = geom.representative_point()
    lon, lat = round(point.x, POINT_DIGITS), round(point.y, POINT_DIGITS)
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValueError(f"point ({lon}, {lat}) is not a longitude/latitude; is the file "
                         f"in another reference system?")
    return {"lon": lon, "lat": lat}


@register_parser("geojson")
def parse(
    content: bytes,
    source: Source,
    *,
    url: str | None,
    fetched_at: datetime,
    problems: ProblemLog | None = None,
) -> Iterator[RawRecord]:
    """Raw records of a GeoJSON document's bytes (pure: no fetching)."""
    options = parse_options(GeoJsonOptions, source)
    problems = problems if problems is not None else ProblemLog()
    try:
        document = orjson.loads(content.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError as exc:
        raise ReaderError(f"source {source.id!r}: not valid JSON: {exc}") from None
    features, label = _features(document, source.id)
    with_point = options.point and _wgs84(document, source.id, problems)
    keys = KeyTracker(source.id, problems)
    for index, feature in enumerate(features, start=1):
        where = f"{label} {index}"
        if not isinstance(feature, dict):
            problems.add(RowProblem(source.id, where, None,
                                    f"{label} is a {type(feature).__name__}, not an object"))
            continue
        fields = {
            "id": feature.get("id"),
            "properties": feature.get("properties") or {},
            "geometry": feature.get("geometry"),
        }
        fields[POINT_FIELD] = _point(fields["geometry"], with_point, source.id, where, problems)
        fallback = f"{label}-{index}" if fields["id"] in (None, "") else str(fields["id"])
        record = make_record(source, fields, where=where, url=url, fetched_at=fetched_at,
                             problems=problems, keys=keys, fallback_key=fallback)
        if record is not None:
            yield record


def _features(document: Any, source_id: str) -> tuple[list[Any], str]:
    """The list of features (or bare geometries wrapped as features) and what to call them."""
    if isinstance(document, dict):
        kind = document.get("type")
        if isinstance(document.get("features"), list):
            return document["features"], "feature"
        if kind == "FeatureCollection" and document.get("features") is None:
            return [], "feature"  # an empty collection, written as null or left out
        if kind == "Feature":
            return [document], "feature"
        if isinstance(document.get("geometries"), list):
            wrapped = [{"id": g.get("id") if isinstance(g, dict) else None,
                        "properties": {}, "geometry": g} if isinstance(g, dict) else g
                       for g in document["geometries"]]
            return wrapped, "geometry"
        if isinstance(kind, str) and "coordinates" in document:
            return [{"id": None, "properties": {}, "geometry": document}], "geometry"
    found = document.get("type") if isinstance(document, dict) else type(document).__name__
    raise ReaderError(f"source {source_id!r}: not GeoJSON: expected a FeatureCollection, "
                      f"Feature, GeometryCollection or geometry, found {found!r}")


def _wgs84(document: Any, source_id: str, problems: ProblemLog) -> bool:
    crs = document.get("crs") if isinstance(document, dict) else None
    name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else None
    if not isinstance(name, str) or name.lower().rstrip().endswith(_WGS84):
        return True
    problems.add(RowProblem(source_id, "document", "crs",
                            f"coordinates are in {name}, not WGS 84; no {POINT_FIELD} computed",
                            kind="crs", skipped=False))
    return False


def _point(geometry: Any, wanted: bool, source_id: str, where: str,
           problems: ProblemLog) -> dict[str, float] | None:
    if not wanted or geometry is None:
        return None
    if not isinstance(geometry, dict):
        problems.add(RowProblem(source_id, where, "geometry", "geometry is not an object",
                                kind="geometry", skipped=False))
        return None
    try:
        return representative_point(geometry)
    except ValueError as exc:
        problems.add(RowProblem(source_id, where, "geometry", str(exc), kind="geometry",
                                skipped=False))
        return None


read = register_file_reader("geojson", GeoJsonOptions, parse)
