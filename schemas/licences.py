"""Licences a source may carry, keyed by their id in the DCAT-AP.de licence list.

The export names each licence by its DCAT-AP.de URI (what GovData and Open.NRW harvest) and its
SPDX id where one exists (what Frictionless tools understand). Only sources under an open licence
are published; the rest are imported for stewards but kept out of the open-data export.
"""

from __future__ import annotations

from dataclasses import dataclass

DCAT_AP_DE = "http://dcat-ap.de/def/licenses/"


@dataclass(frozen=True)
class Licence:
    id: str
    title: str
    spdx: str | None
    open: bool
    attribution: bool

    @property
    def uri(self) -> str:
        return DCAT_AP_DE + self.id


LICENCES: dict[str, Licence] = {
    lic.id: lic
    for lic in (
        Licence(
            "dl-by-de/2.0",
            "Datenlizenz Deutschland – Namensnennung – Version 2.0",
            "DL-DE-BY-2.0",
            open=True,
            attribution=True,
        ),
        Licence(
            "dl-zero-de/2.0",
            "Datenlizenz Deutschland – Zero – Version 2.0",
            "DL-DE-ZERO-2.0",
            open=True,
            attribution=False,
        ),
        Licence(
            "cc-by/4.0",
            "Creative Commons Namensnennung 4.0 International",
            "CC-BY-4.0",
            open=True,
            attribution=True,
        ),
        Licence(
            "cc-by-sa/4.0",
            "Creative Commons Namensnennung – Weitergabe unter gleichen "
            "Bedingungen 4.0 International",
            "CC-BY-SA-4.0",
            open=True,
            attribution=True,
        ),
        Licence(
            "cc-zero",
            "Creative Commons CC Zero License (cc-zero)",
            "CC0-1.0",
            open=True,
            attribution=False,
        ),
        Licence(
            "odbl",
            "Open Data Commons Open Database License (ODbL)",
            "ODbL-1.0",
            open=True,
            attribution=True,
        ),
        Licence(
            "officialWork",
            "Amtliches Werk, lizenzfrei nach §5 Abs. 1 UrhG",
            None,
            open=True,
            attribution=False,
        ),
        Licence("other-closed", "Andere geschlossene Lizenz", None, open=False, attribution=True),
    )
}


def licence(licence_id: str) -> Licence:
    try:
        return LICENCES[licence_id]
    except KeyError:
        known = ", ".join(sorted(LICENCES))
        raise ValueError(f"unknown licence {licence_id!r}; known: {known}") from None
