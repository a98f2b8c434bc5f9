"""WFS responses and GML files: one raw record per feature.

Map layers of Kitas, schools and family centres are often served by a Web Feature Service as
GML: a ``wfs:FeatureCollection`` (WFS 2.0, ``wfs:member``) or a ``gml:FeatureCollection``
(``gml:featureMember`` / ``gml:featureMembers``), in GML 3.2 or 3.1, with coordinates in
ETRS89 / UTM (EPSG:25832, 25833), Gauß-Krüger or WGS 84.

A record has the shape of a GeoJSON feature, so the same mapping serves both
(``properties.name``, ``_point.lat``):

* ``id`` — the feature's ``gml:id``;
* ``properties`` — every non-geometry child of the feature by its local name (the layer's
  own namespace prefix is dropped): text for a leaf, a nested value otherwise, None for
  ``xsi:nil``;
* ``geometry`` — the first geometry property as a GeoJSON geometry in WGS 84 (lon/lat);
* ``_point`` — a representative point of it, ``{"lon": …, "lat": …}``.

Axis order follows the ``srsName``: the URN and URL forms (``urn:ogc:def:crs:EPSG::4326``,
``http://www.opengis.net/def/crs/EPSG/0/4326``) use the EPSG axis order — latitude first for
geographic systems — while the legacy forms (``EPSG:4326``, ``…/epsg.xml#4326``) are
longitude first, as WFS 1.x servers write them. Points outside the range of longitude and
latitude after the transformation are reported, never guessed.

A WFS exception report (served with status 200 by many servers) is an error naming the
server's message; ``numberReturned`` below ``numberMatched`` (the server capped the answer)
is an *incomplete* problem, so such a run withdraws nothing.

Options: ``crs`` — the reference system when the file names none (default EPSG:4326);
``axis_order`` — ``auto`` (default), ``xy`` or ``yx`` to override what the srsName implies.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from functools import cache
from typing import Any, Literal

import shapely
from lxml import etree
from shapely.geometry import (
    LineString,
    MultiLineString,
    MultiPoint,
    MultiPolygon,
    Point,
    Polygon,
    mapping,
)
from shapely.geometry.base import BaseGeometry

from schemas.raw import RawRecord
from schemas.source import Source
from scrapers.readers._xml_tree import children, element_value, load, local, namespace
from scrapers.readers.base import ReaderError
from scrapers.readers.geojson import POINT_DIGITS, POINT_FIELD
from scrapers.readers.parsing import (
    ReaderOptions,
    make_record,
    parse_options,
    register_file_reader,
    register_parser,
)
from scrapers.readers.problems import KeyTracker, ProblemLog, RowProblem

GML_NAMESPACES = frozenset({"http://www.opengis.net/gml/3.2", "http://www.opengis.net/gml"})
WFS_NAMESPACES = frozenset({"http://www.opengis.net/wfs/2.0", "http://www.opengis.net/wfs"})
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
GEOMETRIES = frozenset({
    "Point", "MultiPoint", "LineString", "Curve", "MultiCurve", "MultiLineString", "Polygon",
    "Surface", "MultiSurface", "MultiPolygon", "CompositeSurface",
})
_EPSG = re.compile(r"(?:EPSG|epsg)(?:::?|/0/|/\d+(?:\.\d+)*/|\.xml#)(\d{4,5})$")
_LEGACY = re.compile(r"^(?:EPSG:\d+|.*epsg\.xml#\d+)$", re.IGNORECASE)


class GmlOptions(ReaderOptions):
    crs: str = "EPSG:4326"
    axis_order: Literal["auto", "xy", "yx"] = "auto"


@register_parser("gml")
def parse(
    content: bytes,
    source: Source,
    *,
    url: str | None,
    fetched_at: datetime,
    problems: ProblemLog | None = None,
) -> Iterator[RawRecord]:
    """Raw records of a WFS/GML document's bytes (pure: no fetching)."""
    options = parse_options(GmlOptions, source)
    problems = problems if problems is not None else ProblemLog()
    try:
        root = load(content)
    except ValueError as exc:
        raise ReaderError(f"source {source.id!r}: not GML: {exc}") from None
    _refuse_exception_report(root, source.id)
    if local(root) != "FeatureCollection":
        raise ReaderError(f"source {source.id!r}: not a WFS/GML FeatureCollection: the root is "
                          f"<{local(root)}>")
    _check_complete(root, source.id, problems)
    default_srs = _srs_of(root) or options.crs
    keys = KeyTracker(source.id, problems)
    for index, feature in enumerate(_features(root), start=1):
        where = f"feature {index}"
        fields = _fields(feature, default_srs, options, source.id, where, problems)
        fallback = fields["id"] or f"feature-{index}"
        record = make_record(source, fields, where=where, url=url, fetched_at=fetched_at,
                             problems=problems, keys=keys, fallback_key=str(fallback))
        if record is not None:
            yield record


def _refuse_exception_report(root: etree._Element, source_id: str) -> None:
    if local(root) not in ("ExceptionReport", "ServiceExceptionReport"):
        return
    texts = [t.strip() for t in root.itertext() if t.strip()]
    codes = [e.get("exceptionCode") or e.get("code") for e in root.iter() if isinstance(e.tag, str)]
    code = next((c for c in codes if c), "")
    raise ReaderError(f"source {source_id!r}: the WFS answered with an exception report"
                      f"{f' ({code})' if code else ''}: {' '.join(texts)[:300]}")


def _check_complete(root: etree._Element, source_id: str, problems: ProblemLog) -> None:
    matched, returned = root.get("numberMatched"), root.get("numberReturned")
    if matched and returned and matched.isdigit() and returned.isdigit() and \
            int(returned) < int(matched):
        problems.add(RowProblem(
            source_id, "document", "numberReturned",
            f"the server returned {returned} of {matched} features (a capped answer: page "
            f"with startIndex/count or raise the server's limit)",
            kind="incomplete", skipped=False))


def _features(root: etree._Element) -> Iterator[etree._Element]:
    for member in children(root):
        name = local(member)
        if name in ("member", "featureMember"):
            for feature in children(member):
                if local(feature) != "FeatureCollection":
                    yield feature
                else:  # WFS 2.0 joins: a collection inside a member
                    yield from _features(feature)
        elif name == "featureMembers":
            yield from children(member)


def _fields(feature: etree._Element, default_srs: str, options: GmlOptions, source_id: str,
            where: str, problems: ProblemLog) -> dict[str, Any]:
    gml_id = next((v for k, v in feature.attrib.items() if etree.QName(k).localname == "id"),
                  None)
    properties: dict[str, Any] = {}
    geometry: dict[str, Any] | None = None
    point: dict[str, float] | None = None
    for child in children(feature):
        name = local(child)
        if namespace(child) in GML_NAMESPACES and name in ("boundedBy", "name", "description"):
            if name != "boundedBy":
                properties[f"gml_{name}"] = (child.text or "").strip() or None
            continue
        shape_element = _geometry_element(child)
        if shape_element is not None:
            if geometry is not None:
                properties[name] = "(further geometry)"
                continue
            try:
                geometry, point = _geometry(shape_element, default_srs, options)
            except ValueError as exc:
                problems.add(RowProblem(source_id, where, name, str(exc), kind="geometry",
                                        skipped=False))
            continue
        if child.get(XSI_NIL) in ("true", "1"):
            properties[name] = None
        elif children(child):
            properties[name] = element_value(child)
        else:
            properties[name] = (child.text or "").strip() or None
    return {"id": gml_id, "properties": properties, "geometry": geometry, POINT_FIELD: point}


def _geometry_element(prop: etree._Element) -> etree._Element | None:
    if namespace(prop) in GML_NAMESPACES and local(prop) in GEOMETRIES:
        return prop  # a geometry written directly as the feature's child
    for child in children(prop):
        if namespace(child) in GML_NAMESPACES and local(child) in GEOMETRIES:
            return child
    return None


def _srs_of(element: etree._Element) -> str | None:
    """The srsName of the element, of its envelope, or of the nearest ancestor that has one."""
    for candidate in (element, *element.iterancestors()):
        if candidate.get("srsName"):
            return candidate.get("srsName")
    for envelope in element.iter("{*}Envelope"):
        if envelope.get("srsName"):
            return envelope.get("srsName")
    return None


def _geometry(element: etree._Element, default_srs: str,
              options: GmlOptions) -> tuple[dict[str, Any], dict[str, float] | None]:
    srs = element.get("srsName") or next(
        (d.get("srsName") for d in element.iter() if d.get("srsName")), None
    ) or _srs_of(element) or default_srs
    code = _epsg(srs)
    swap = _swap_axes(srs, code, options.axis_order)
    dimension = int(element.get("srsDimension") or 2)
    shape = _shape(element, dimension, swap)
    if shape.is_empty:
        return mapping(shape), None
    if not shape.is_valid:
        shape = shapely.make_valid(shape)
    if code != 4326:
        shape = shapely.transform(shape, _transformer(code), interleaved=False)
    shape = shapely.set_precision(shape, 10 ** -POINT_DIGITS)
    inside = shape.representative_point()
    lon, lat = round(inside.x, POINT_DIGITS), round(inside.y, POINT_DIGITS)
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValueError(f"point ({lon}, {lat}) in {srs} is not a longitude/latitude after "
                         f"transformation: is the srsName or the axis order wrong?")
    return mapping(shape), {"lon": lon, "lat": lat}


def _epsg(srs: str) -> int:
    m = _EPSG.search(srs.strip())
    if m is None:
        if srs.strip().upper() in ("CRS84", "URN:OGC:DEF:CRS:OGC:1.3:CRS84") or \
                srs.strip().endswith("/OGC/1.3/CRS84"):
            return 4326  # CRS84 is WGS 84 with longitude first
        raise ValueError(f"unknown reference system {srs!r}")
    return int(m.group(1))


def _swap_axes(srs: str, code: int, axis_order: str) -> bool:
    """True when the file writes northing/latitude first, so the pair must be swapped."""
    if axis_order != "auto":
        return axis_order == "yx"
    if "CRS84" in srs.upper() or _LEGACY.match(srs.strip()):
        return False  # legacy forms and CRS84: x (longitude, easting) first
    return _north_first(code)


@cache
def _north_first(code: int) -> bool:
    from pyproj import CRS

    axes = CRS.from_epsg(code).axis_info
    return bool(axes) and axes[0].direction.lower() == "north"


@cache
def _transformer(code: int):
    from pyproj import Transformer

    transformer = Transformer.from_crs(f"EPSG:{code}", "EPSG:4326", always_xy=True)
    return transformer.transform


def _positions(text: str, dimension: int, swap: bool) -> list[tuple[float, float]]:
    numbers = [float(n) for n in text.split()]
    if dimension < 2 or len(numbers) % dimension:
        raise ValueError(f"{len(numbers)} numbers do not make {dimension}-dimensional positions")
    pairs = [(numbers[i], numbers[i + 1]) for i in range(0, len(numbers), dimension)]
    return [(b, a) for a, b in pairs] if swap else pairs


def _coordinates(element: etree._Element, dimension: int, swap: bool) -> list[tuple[float, float]]:
    """The positions of a Point, LineString or LinearRing: posList, pos or coordinates."""
    dimension = int(element.get("srsDimension") or dimension)
    for child in element.iter():
        if not isinstance(child.tag, str) or namespace(child) not in GML_NAMESPACES:
            continue
        if local(child) == "posList":
            return _positions(child.text or "", int(child.get("srsDimension") or dimension), swap)
        if local(child) == "coordinates":  # GML 2: "x,y x,y"
            text = " ".join((child.text or "").replace(",", " ").split())
            return _positions(text, dimension, swap)
    positions = [p for p in element.iter("{*}pos") if namespace(p) in GML_NAMESPACES]
    if positions:
        return [pair for p in positions
                for pair in _positions(p.text or "", int(p.get("srsDimension") or dimension),
                                       swap)]
    raise ValueError(f"<{local(element)}> holds no coordinates")


def _shape(element: etree._Element, dimension: int, swap: bool) -> BaseGeometry:
    kind = local(element)
    try:
        if kind == "Point":
            return Point(_coordinates(element, dimension, swap)[0])
        if kind in ("LineString", "Curve"):
            return LineString(_coordinates(element, dimension, swap))
        if kind in ("Polygon", "Surface", "PolygonPatch"):
            return _polygon(element, dimension, swap)
        parts = [c for c in element.iter() if isinstance(c.tag, str) and c is not element
                 and namespace(c) in GML_NAMESPACES]
        if kind == "MultiPoint":
            return MultiPoint([_shape(p, dimension, swap) for p in parts if local(p) == "Point"])
        if kind in ("MultiCurve", "MultiLineString"):
            return MultiLineString([_shape(p, dimension, swap) for p in parts
                                    if local(p) in ("LineString", "Curve")])
        if kind in ("MultiSurface", "MultiPolygon", "CompositeSurface"):
            polygons = [_polygon(p, dimension, swap) for p in parts
                        if local(p) in ("Polygon", "PolygonPatch")]
            return MultiPolygon([p for p in polygons if not p.is_empty])
    except (IndexError, TypeError, shapely.errors.GEOSException) as exc:
        raise ValueError(f"unreadable <{kind}>: {exc}") from None
    raise ValueError(f"unsupported geometry <{kind}>")


def _polygon(element: etree._Element, dimension: int, swap: bool) -> Polygon:
    rings = {"exterior": None, "interior": []}
    for child in element.iter():
        if not isinstance(child.tag, str) or namespace(child) not in GML_NAMESPACES:
            continue
        name = local(child)
        if name in ("exterior", "outerBoundaryIs"):
            rings["exterior"] = _coordinates(child, dimension, swap)
        elif name in ("interior", "innerBoundaryIs"):
            rings["interior"].append(_coordinates(child, dimension, swap))  # type: ignore
    if rings["exterior"] is None:
        raise ValueError("a polygon without an exterior ring")
    return Polygon(rings["exterior"], rings["interior"])  # type: ignore[arg-type]


read = register_file_reader("gml", GmlOptions, parse)
