"""Offline geocoding and district assignment.

* :func:`pipelines.geo.locate.locate` — the normaliser's one entry point: a ``Location`` with
  coordinates, ``geo_precision`` and both district levels, plus quality flags.
* :func:`pipelines.geo.geocode.geocode` — address to point: house, street, postcode.
* :class:`pipelines.geo.districts.DistrictIndex` — point in polygon per level (shapely).
* :func:`pipelines.geo.config.load_config` — ``config/geo.toml``.

Nothing here goes online: the register and the boundaries are files a steward configures.
"""
