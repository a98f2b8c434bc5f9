"""The city map portal's GeoJSON layer of nursing and changing spots, as a GeoServer-style
WFS export (with the legacy ``crs`` member, ``totalFeatures`` and feature ids)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from demo.content.stillinseln import NursingSpot, nursing_spots
from demo.exchange import DemoRequest, DemoResponse, html_response, not_found
from demo.providers.base import DemoProvider
from demo.state import ProviderView

LAYER = "/stillinseln/geoportal/stillinseln.geojson"
GEOJSON_TYPE = "application/geo+json"


def feature(spot: NursingSpot) -> dict[str, Any]:
    v = spot.venue
    coordinates = [v.lat, v.lon] if spot.swapped_coordinates else [v.lon, v.lat]
    street, _, number = v.street.rpartition(" ")
    return {
        "type": "Feature",
        "id": f"stillinseln.{spot.key}",
        "geometry": {"type": "Point", "coordinates": coordinates},
        "geometry_name": "geom",
        "properties": {
            "objectid": int(spot.key),
            "bezeichnung": spot.name,
            "kategorie": spot.category,
            "betreiber": spot.operator,
            "strasse": street,
            "hausnummer": number,
            "plz": v.postcode,
            "ort": "Mülheim an der Ruhr",
            "stadtteil": v.written_area,
            "oeffnungszeiten": spot.hours,
            "wickeltisch": spot.changing_table,
            "stillraum": spot.nursing_room,
            "barrierefrei": spot.accessible,
            "hinweis": spot.note,
            "letzte_pruefung": spot.checked,
        },
    }


def layer(spots: Sequence[NursingSpot]) -> bytes:
    data = {
        "type": "FeatureCollection",
        "name": "stillinseln",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4326"}},
        "totalFeatures": len(spots),
        "numberReturned": len(spots),
        "timeStamp": "2026-11-16T07:00:00.000Z",
        "features": [feature(s) for s in spots],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class Stillinseln(DemoProvider):
    id = "stillinseln"
    name = "Geoportal Mülheim an der Ruhr – Stillinseln und Wickelplätze"
    format = "geojson"
    entry_path = LAYER
    summary = "GeoJSON FeatureCollection of Point features (GeoServer style, legacy crs member)"

    def records(self) -> Sequence[NursingSpot]:
        return nursing_spots()

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        sub = request.sub_path
        if sub == LAYER.removeprefix(self.prefix):
            return DemoResponse(200, layer(view.visible(self.records())), GEOJSON_TYPE)
        if sub == "/":
            return html_response(
                '<!DOCTYPE html><html lang="de"><head><meta '
                'charset="utf-8"><title>Geoportal</title></head>'
                f'<body><h1>Stillinseln</h1><p><a href="{LAYER}">Layer als '
                "GeoJSON</a></p></body></html>"
            )
        return not_found()
