"""GeoJSON reader: Köln Stadtteile, Duisburg Stadtbezirke (boundary files) and own fixtures."""

from __future__ import annotations

import pytest
from shapely.geometry import Point, shape

from scrapers.readers.base import ReaderError, get_reader
from scrapers.readers.geojson import parse, representative_point
from scrapers.readers.problems import ProblemLog

KOELN = "geojson-koeln-stadtteile/stadtteile_10.json"
DUISBURG = "geojson-duisburg-stadtbezirke"


def inside(record) -> bool:
    point = record.fields["_point"]
    return shape(record.fields["geometry"]).contains(Point(point["lon"], point["lat"]))


def test_koeln_stadtteile(realdata, make_source, fetcher, frozen_now):
    path = realdata / KOELN
    problems = ProblemLog()
    source = make_source("geojson", path.as_uri(), key="properties.ref")
    read = list(get_reader("geojson")(source, fetcher, problems))
    assert len(read) == 86
    assert problems.count == 0
    assert len({r.record_key for r in read}) == 86
    muelheim = next(r for r in read if r.record_key == "901")
    assert muelheim.fields["id"] == "-2613759"
    assert muelheim.fields["properties"] == {"ref": "901", "admin_level": "10", "name": "Mülheim"}
    assert muelheim.fields["geometry"]["type"] == "GeometryCollection"
    assert [g["type"] for g in muelheim.fields["geometry"]["geometries"]] == ["Polygon"]
    assert len(muelheim.fields["geometry"]["geometries"][0]["coordinates"][0]) == 103
    assert muelheim.fields["_point"] == {"lon": 7.0089177, "lat": 50.9665896}
    assert (muelheim.url, muelheim.fetched_at) == (path.as_uri(), frozen_now)
    assert read[0].fields["properties"]["name"] == "Vogelsang"
    assert all(inside(r) for r in read)  # a point inside every GeometryCollection


def test_koeln_key_falls_back_to_feature_id(realdata, make_source, frozen_now):
    read = list(parse((realdata / KOELN).read_bytes(), make_source("geojson"), url=None,
                      fetched_at=frozen_now))
    assert read[0].record_key == "-2613784"


@pytest.mark.parametrize(
    ("name", "point"),
    [
        ("500_duisburg-mitte.json", {"lon": 6.7736597, "lat": 51.4212392}),
        ("700_duisburg-sued.json", {"lon": 6.7445959, "lat": 51.3667472}),
    ],
)
def test_duisburg_bare_geometry_collection(realdata, make_source, frozen_now, name, point):
    path = realdata / DUISBURG / name
    read = list(parse(path.read_bytes(), make_source("geojson"), url=path.as_uri(),
                      fetched_at=frozen_now))
    assert len(read) == 1
    record = read[0]
    assert record.record_key == "geometry-1"
    assert record.fields["id"] is None and record.fields["properties"] == {}
    assert record.fields["geometry"]["type"] == "MultiPolygon"
    assert record.fields["_point"] == point
    assert inside(record)
    assert record.url.endswith(name)  # the district's number and name live in the file name


def test_own_feature_collection(reader_fixtures, make_source, frozen_now):
    problems = ProblemLog()
    content = (reader_fixtures / "spielplaetze.geojson").read_bytes()
    source = make_source("geojson", key="properties.objekt_id")
    read = list(parse(content, source, url="file:///spielplaetze.geojson", fetched_at=frozen_now,
                      problems=problems))
    assert [r.record_key for r in read] == ["SP-001", "SP-002", "SP-003", "SP-004", "SP-005"]
    first = read[0]
    assert first.fields == {
        "id": "spielplaetze.1",
        "properties": {"objekt_id": "SP-001", "name": "Spielplatz Kämpchenstraße",
                       "altersgruppe": "3–12 Jahre",
                       "ausstattung": "Rutsche, Sandkasten, Wasserspiel"},
        "geometry": {"type": "Point", "coordinates": [6.8842917, 51.4197233]},
        "_point": {"lon": 6.8842917, "lat": 51.4197233},
    }
    u_shape = read[1]
    assert shape(u_shape.fields["geometry"]).centroid.within(
        shape(u_shape.fields["geometry"])) is False  # the centroid would lie in the gap
    assert inside(u_shape)
    assert inside(read[2])  # MultiPolygon
    assert read[3].fields["geometry"] is None and read[3].fields["_point"] is None
    assert read[4].fields["_point"] is None  # unreadable polygon: kept, point left empty
    assert [(p.where, p.field, p.kind, p.skipped) for p in problems] == [
        ("feature 5", "geometry", "geometry", False),
        ("feature 6", "properties.objekt_id", "no_key", True),
        ("feature 7", None, "invalid", True),
    ]


def test_projected_wfs_output_gets_no_point(reader_fixtures, make_source, frozen_now):
    problems = ProblemLog()
    content = (reader_fixtures / "kitas_wfs_utm32.json").read_bytes()
    read = list(parse(content, make_source("geojson", key="properties.kita_nr"), url=None,
                      fetched_at=frozen_now, problems=problems))
    assert [r.record_key for r in read] == ["101", "102"]
    assert read[0].fields["geometry"] == {"type": "Point", "coordinates": [352258.0, 5701853.0]}
    assert all(r.fields["_point"] is None for r in read)
    assert [str(p) for p in problems] == [
        "source 'test-geojson', document, field 'crs': coordinates are in "
        "urn:ogc:def:crs:EPSG::25832, not WGS 84; no _point computed"
    ]


def test_single_feature_and_bare_geometry(make_source, frozen_now):
    feature = b'{"type": "Feature", "properties": {"name": "Familienzentrum"}, ' \
              b'"geometry": {"type": "Point", "coordinates": [6.88, 51.43]}}'
    read = list(parse(feature, make_source("geojson"), url=None, fetched_at=frozen_now))
    assert read[0].record_key == "feature-1"
    assert read[0].fields["_point"] == {"lon": 6.88, "lat": 51.43}
    bare = b'{"type": "Point", "coordinates": [6.88, 51.43]}'
    read = list(parse(bare, make_source("geojson"), url=None, fetched_at=frozen_now))
    assert read[0].record_key == "geometry-1"
    assert read[0].fields["geometry"] == {"type": "Point", "coordinates": [6.88, 51.43]}


def test_point_can_be_switched_off(make_source, frozen_now):
    bare = b'{"type": "Point", "coordinates": [6.88, 51.43]}'
    read = list(parse(bare, make_source("geojson", point=False), url=None,
                      fetched_at=frozen_now))
    assert read[0].fields["_point"] is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"type": "Topology", "objects": {}}', r"not GeoJSON: .* found 'Topology'"),
        (b"[1, 2]", r"not GeoJSON: .* found 'list'"),
        (b'{"type": "FeatureCollection", "features": [', r"not valid JSON"),
    ],
)
def test_not_geojson(make_source, frozen_now, content, message):
    with pytest.raises(ReaderError, match=rf"source 'test-geojson': {message}"):
        list(parse(content, make_source("geojson"), url=None, fetched_at=frozen_now))


def test_representative_point_helper():
    ring = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]
    point = representative_point({"type": "Polygon", "coordinates": [ring]})
    assert shape({"type": "Polygon", "coordinates": [ring]}).contains(
        Point(point["lon"], point["lat"]))
    collection = {"type": "GeometryCollection", "geometries": [
        {"type": "Point", "coordinates": [7.0, 51.0]}]}
    assert representative_point(collection) == {"lon": 7.0, "lat": 51.0}
    assert representative_point(None) is None
    assert representative_point({"type": "GeometryCollection", "geometries": []}) is None
    with pytest.raises(ValueError, match="not a longitude/latitude"):
        representative_point({"type": "Point", "coordinates": [352258.0, 5701853.0]})
