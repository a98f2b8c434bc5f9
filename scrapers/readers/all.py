"""Imports every reader module so that each registers itself."""

from scrapers.readers import (
    csv_reader,  # noqa: F401
    geojson,  # noqa: F401
    gml,  # noqa: F401
    ical,  # noqa: F401
    json_api,  # noqa: F401
    openqcat,  # noqa: F401
    rpde,  # noqa: F401
    rss,  # noqa: F401
    xcri,  # noqa: F401
    xlsx_reader,  # noqa: F401
)
