"""Imports every shape mapper module so that each registers itself."""

import pipelines.mapping.ical  # noqa: F401  (shape ical)
import pipelines.mapping.openactive  # noqa: F401  (shape openactive)
import pipelines.mapping.openqcat  # noqa: F401  (shape openqcat)
import pipelines.mapping.rss  # noqa: F401
import pipelines.mapping.schemaorg  # noqa: F401  (shape schema_org)
import pipelines.mapping.tribe  # noqa: F401  (shape tribe)
import pipelines.mapping.xcri  # noqa: F401  (shape xcri_cap)
