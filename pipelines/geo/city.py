"""The city's area, for checking coordinates a source gives.

The area is the configured outline, else the configured bounding box, else the union of the
district boundaries; without any of these nothing can be checked. A margin of
``tolerance_m`` is added around it (a venue on the border, a rounded coordinate).
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from shapely import affinity
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from pipelines.geo.config import GeoConfig
from pipelines.geo.districts import DistrictIndex
from pipelines.geo.geofiles import read_polygons

METRES_PER_DEGREE = 111_320.0


class CityArea:
    """Point-in-area and distance tests in a local frame where degrees of longitude are
    shrunk to their length at the city's latitude, so margins are in metres both ways."""

    def __init__(self, area: BaseGeometry | None, *, tolerance_m: float = 250,
                 region_km: float = 50):
        self.configured = area is not None and not area.is_empty
        self.region_km = region_km
        if not self.configured:
            return
        self._kx = math.cos(math.radians(area.centroid.y))
        self._area = affinity.scale(area, xfact=self._kx, yfact=1.0, origin=(0, 0))
        self._with_margin = self._area.buffer(tolerance_m / METRES_PER_DEGREE)
        shapely.prepare(self._with_margin)
        shapely.prepare(self._area)

    def contains(self, lon: float, lat: float) -> bool:
        """Whether the point lies in the area or its margin (True when no area is known)."""
        if not self.configured:
            return True
        return bool(shapely.contains_xy(self._with_margin, lon * self._kx, lat))

    def share_inside(self, lons: np.ndarray, lats: np.ndarray) -> float:
        """Share of the points in the area (with margin); 1.0 when no area is known."""
        if not self.configured or len(lons) == 0:
            return 1.0
        return float(shapely.contains_xy(self._with_margin, lons * self._kx, lats).mean())

    def distance_km(self, lon: float, lat: float) -> float:
        """Distance from the area (0 inside); 0 when no area is known."""
        if not self.configured:
            return 0.0
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            return math.inf
        point = shapely.Point(lon * self._kx, lat)
        return self._area.distance(point) * METRES_PER_DEGREE / 1000

    def plausible(self, lon: float, lat: float) -> bool:
        """Within ``region_km`` of the city: near enough to be a real place of an offer."""
        return self.distance_km(lon, lat) <= self.region_km

    @classmethod
    def from_config(cls, config: GeoConfig, districts: DistrictIndex) -> CityArea:
        city = config.city
        area: BaseGeometry | None = None
        if city.outline is not None:
            features = read_polygons(config.resolve(city.outline.path),
                                     licence=city.outline.licence, crs=city.outline.crs,
                                     what="city.outline")
            area = shapely.union_all([f.geometry for f in features])
        elif city.bbox is not None:
            area = box(*city.bbox)
        elif districts.layers:
            area = shapely.union_all([d.geometry for layer in districts.layers.values()
                                      for d in layer.districts])
        return cls(area, tolerance_m=city.tolerance_m, region_km=city.region_km)
