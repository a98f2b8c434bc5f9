"""The one place where demo providers are registered. Adding a provider = one module in
``demo/providers`` (plus its content generator) and one line here."""

from __future__ import annotations

from demo.providers.awo import AwoFamilienbildung
from demo.providers.base import DemoProvider, ProviderInfo
from demo.providers.beratung import Beratung
from demo.providers.bibliothek import Bibliothek
from demo.providers.broken_encoding import BrokenEncoding
from demo.providers.broken_flaky import BrokenFlaky
from demo.providers.broken_relaunch import BrokenRelaunch
from demo.providers.broken_slow import BrokenSlow
from demo.providers.broken_truncated import BrokenTruncated
from demo.providers.elternschule import Elternschule
from demo.providers.familienbildung import Familienbildung
from demo.providers.familienkarte import Familienkarte
from demo.providers.ferienportal import Ferienportal
from demo.providers.jugendzentrum import Jugendzentrum
from demo.providers.kitas import Kitas
from demo.providers.kulturhaus import Kulturhaus
from demo.providers.kunstmuseum import Kunstmuseum
from demo.providers.schwimmverein import Schwimmverein
from demo.providers.spielplaetze import Spielplaetze
from demo.providers.sportbund import Sportbund
from demo.providers.sportservice import Sportservice
from demo.providers.sportverein import Sportverein
from demo.providers.stillinseln import Stillinseln
from demo.providers.tagespflege import Tagespflege
from demo.providers.theater import Theater
from demo.providers.vhs import Vhs
from demo.providers.weiterbildung import Weiterbildung

PROVIDER_CLASSES: tuple[type[DemoProvider], ...] = (
    Ferienportal,
    Familienbildung,
    Kulturhaus,
    Sportverein,
    Kitas,
    Sportservice,
    Vhs,
    Stillinseln,
    Beratung,
    Bibliothek,
    Jugendzentrum,
    Kunstmuseum,
    Schwimmverein,
    Sportbund,
    AwoFamilienbildung,
    Weiterbildung,
    Familienkarte,
    Theater,
    Elternschule,
    Tagespflege,
    Spielplaetze,
    BrokenFlaky,
    BrokenSlow,
    BrokenTruncated,
    BrokenRelaunch,
    BrokenEncoding,
)


def build_providers() -> dict[str, DemoProvider]:
    """One instance of every registered provider, by id (in registration order)."""
    providers: dict[str, DemoProvider] = {}
    for cls in PROVIDER_CLASSES:
        if cls.id in providers:
            raise ValueError(f"demo provider id {cls.id!r} is registered twice")
        providers[cls.id] = cls()
    return providers


def provider_infos() -> dict[str, ProviderInfo]:
    """Metadata of every provider of the canonical world (no URLs: no server needed)."""
    return {pid: p.info() for pid, p in build_providers().items()}


def expected_counts() -> dict[str, int]:
    """Offers each provider serves in the canonical world: what 'all offers arrived' means."""
    return {pid: info.expected_count for pid, info in provider_infos().items()}


def expected_kinds() -> dict[str, int]:
    """Offers per offer kind over all providers of the canonical world."""
    totals: dict[str, int] = {}
    for info in provider_infos().values():
        for kind, n in info.kinds.items():
            totals[kind] = totals.get(kind, 0) + n
    return dict(sorted(totals.items()))
