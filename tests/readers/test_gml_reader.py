"""WFS/GML reader: feature members of WFS 2.0 and GML 3.1/3.2, axis order by srsName, points
transformed to WGS 84, exception reports and capped answers."""

from __future__ import annotations

from datetime import datetime

import pytest

from scrapers.readers.base import ReaderError
from scrapers.readers.gml import parse
from scrapers.readers.problems import ProblemLog

WFS2 = """<?xml version="1.0" encoding="UTF-8"?>
<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs/2.0"
    xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:app="http://example.org/kitas"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    numberMatched="{matched}" numberReturned="3" timeStamp="2026-11-20T10:00:00Z">
  <wfs:member><app:kitas gml:id="kitas.1">
    <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::25832">
      <gml:lowerCorner>350977 5698521</gml:lowerCorner><gml:upperCorner>350977 5698521</gml:upperCorner>
    </gml:Envelope></gml:boundedBy>
    <app:name>Kita Sonnenschein</app:name>
    <app:strasse>Schloßstraße 12</app:strasse>
    <app:traeger xsi:nil="true"/>
    <app:geom><gml:Point gml:id="p1" srsName="urn:ogc:def:crs:EPSG::25832">
      <gml:pos>350977.0 5698521.0</gml:pos></gml:Point></app:geom>
  </app:kitas></wfs:member>
  <wfs:member><app:kitas gml:id="kitas.2">
    <app:name>Kita Regenbogen</app:name>
    <app:geom><gml:Point srsName="urn:ogc:def:crs:EPSG::4326">
      <gml:pos>51.4270 6.8825</gml:pos></gml:Point></app:geom>
  </app:kitas></wfs:member>
  <wfs:member><app:kitas gml:id="kitas.3">
    <app:name>Waldkita am Uhlenhorst</app:name>
    <app:geom><gml:Polygon srsName="EPSG:4326"><gml:exterior><gml:LinearRing>
      <gml:posList>6.90 51.40 6.91 51.40 6.91 51.41 6.90 51.41 6.90 51.40</gml:posList>
    </gml:LinearRing></gml:exterior></gml:Polygon></app:geom>
  </app:kitas></wfs:member>
</wfs:FeatureCollection>"""


def records(text: str, make_source, frozen_now: datetime, problems: ProblemLog | None = None,
            **options):
    source = make_source("gml", "https://geo.example/wfs?request=GetFeature", **options)
    return list(parse(text.encode(), source, url=source.url, fetched_at=frozen_now,
                      problems=problems))


def test_utm_urn_lat_lon_and_legacy_lon_lat_all_end_as_wgs84(make_source, frozen_now):
    read = records(WFS2.format(matched=3), make_source, frozen_now)
    assert [r.record_key for r in read] == ["kitas.1", "kitas.2", "kitas.3"]
    utm, urn, legacy = (r.fields for r in read)
    assert utm["properties"] == {"name": "Kita Sonnenschein", "strasse": "Schloßstraße 12",
                                 "traeger": None}
    assert utm["_point"] == pytest.approx({"lon": 6.8568081, "lat": 51.418288}, abs=1e-6)
    assert urn["_point"] == {"lon": 6.8825, "lat": 51.427}  # latitude first in the file
    assert legacy["geometry"]["type"] == "Polygon"
    assert 6.90 < legacy["_point"]["lon"] < 6.91 and 51.40 < legacy["_point"]["lat"] < 51.41


def test_a_capped_answer_is_an_incomplete_problem(make_source, frozen_now):
    problems = ProblemLog()
    read = records(WFS2.format(matched=120), make_source, frozen_now, problems)
    assert len(read) == 3
    assert problems.by_kind["incomplete"] == 1


def test_an_exception_report_names_the_servers_message(make_source, frozen_now):
    report = """<ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows/1.1" version="2.0.0">
      <ows:Exception exceptionCode="InvalidParameterValue" locator="typeName">
        <ows:ExceptionText>Feature type app:kita unknown</ows:ExceptionText>
      </ows:Exception></ows:ExceptionReport>"""
    with pytest.raises(ReaderError, match=r"InvalidParameterValue.*Feature type app:kita"):
        records(report, make_source, frozen_now)


def test_gml31_feature_members_and_an_axis_order_override(make_source, frozen_now):
    doc = """<gml:FeatureCollection xmlns:gml="http://www.opengis.net/gml"
        xmlns:ms="http://mapserver.gis.umn.edu/mapserver">
      <gml:featureMember><ms:spielplatz fid="sp.7"><ms:bezeichnung>Witthausbusch</ms:bezeichnung>
        <ms:msGeometry><gml:Point srsName="EPSG:4326"><gml:pos>51.4160 6.9000</gml:pos>
        </gml:Point></ms:msGeometry></ms:spielplatz></gml:featureMember>
    </gml:FeatureCollection>"""
    problems = ProblemLog()
    wrong = records(doc, make_source, frozen_now, problems)[0]
    assert wrong.fields["_point"] == {"lon": 51.416, "lat": 6.9}  # as written: x first
    right = records(doc, make_source, frozen_now, axis_order="yx")[0]
    assert right.fields["_point"] == {"lon": 6.9, "lat": 51.416}
    assert right.fields["properties"] == {"bezeichnung": "Witthausbusch"}


def test_not_gml_is_a_reader_error(make_source, frozen_now):
    with pytest.raises(ReaderError, match="not a WFS/GML FeatureCollection"):
        records("<kml><Document/></kml>", make_source, frozen_now)


def test_entities_are_never_resolved(make_source, frozen_now, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    doc = f"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY s SYSTEM "{secret.as_uri()}">]>
    <wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs/2.0"
        xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:a="urn:a">
      <wfs:member><a:f gml:id="f1"><a:name>&s;</a:name></a:f></wfs:member>
    </wfs:FeatureCollection>"""
    read = records(doc, make_source, frozen_now)
    assert "TOP SECRET" not in str([r.fields for r in read])
