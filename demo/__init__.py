"""The demo provider world: simulated Mülheim family-offer providers on a loopback HTTP server.

Usage::

    with DemoWorld() as world:
        world.providers["vhs"].url  # http://127.0.0.1:<port>/vhs/api/kurse?page=1&per_page=20
        world.set_fault("vhs", "500")

``expected_counts()`` and ``expected_kinds()`` describe the canonical world without a server;
``duplicates()`` is the ground truth of the cross-listed offers and near-misses planted in it.
"""

from demo.planted import duplicates
from demo.registry import PROVIDER_CLASSES, expected_counts, expected_kinds, provider_infos
from demo.state import FAULT_MODES, FaultMode
from demo.world import DemoWorld

__all__ = [
    "FAULT_MODES",
    "PROVIDER_CLASSES",
    "DemoWorld",
    "FaultMode",
    "duplicates",
    "expected_counts",
    "expected_kinds",
    "provider_infos",
]
