"""Parser tests: the hypothesis profiles used by
``parser_properties.py`` (profiles are applied per test, so other test folders keep their own
hypothesis settings):

* ``parsers`` (default): derandomised (the same examples every run), no deadline.
* ``parsers-fuzz``: a fresh random seed every run, for exploratory runs
  (``FAMILIENPUNKT_HYPOTHESIS_PROFILE=parsers-fuzz``).
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

_COMMON = dict(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile("parsers", derandomize=True, **_COMMON)
settings.register_profile("parsers-fuzz", derandomize=False, **_COMMON)

