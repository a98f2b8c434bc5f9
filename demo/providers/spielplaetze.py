"""The parks department's playground list: a ``^``-separated CSV in Windows-1252.

``/spielplaetze/daten/spielplaetze.csv``: ``#`` comment lines at the top, before each
Stadtbezirk section and at the end; CRLF; header ``Nr.^Bezeichnung^…``; key ``Nr.`` like
``3.07`` (looks like a number, is not); sizes with a thousands dot (``1.850``); coordinates in
ETRS89/UTM32 with decimal commas. No charset in the Content-Type.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from demo.content.spielplaetze import BEZIRKE, DEPARTMENT, PROVIDER, Playground, playgrounds
from demo.exchange import DemoRequest, DemoResponse, html_response, not_found
from demo.providers.base import DemoProvider
from demo.providers.markup import esc
from demo.state import ProviderView

CSV_PATH = f"/{PROVIDER}/daten/spielplaetze.csv"
HEADER = (
    "Nr.",
    "Bezeichnung",
    "Straße",
    "PLZ",
    "Stadtteil",
    "Altersgruppe",
    "Ausstattung",
    "Fläche (m²)",
    "barrierearm",
    "Rechtswert (ETRS89/UTM32)",
    "Hochwert (ETRS89/UTM32)",
)


def _size(m2: int) -> str:
    return f"{m2:,}".replace(",", ".")


def _coordinate(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def _row(p: Playground) -> list[str]:
    v = p.place
    return [
        p.key,
        p.name,
        v.street,
        v.postcode,
        v.written_area,
        p.ages,
        p.equipment,
        _size(p.size_m2),
        p.accessible,
        _coordinate(p.easting),
        _coordinate(p.northing),
    ]


def playground_csv(shown: Sequence[Playground]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="^", lineterminator="\r\n")
    buffer.write("# Spielplätze der Stadt Mülheim an der Ruhr – Grünflächenmanagement\r\n")
    buffer.write("# Stand: 01.10.2026 · Trennzeichen ^ · Koordinaten ETRS89/UTM32 (EPSG:25832)\r\n")
    writer.writerow(HEADER)
    for bezirk, name in BEZIRKE.items():
        buffer.write(f"# --- Stadtbezirk {bezirk} {name} ---\r\n")
        for p in shown:
            if p.bezirk == bezirk:
                writer.writerow(_row(p))
    buffer.write(f"# Ende der Liste ({len(shown)} Spielplätze)\r\n")
    return buffer.getvalue().encode("cp1252")


class Spielplaetze(DemoProvider):
    id = PROVIDER
    name = DEPARTMENT
    format = "csv"
    entry_path = CSV_PATH
    summary = (
        "Playground list as '^'-separated CSV in Windows-1252 with '#' comment lines (also "
        "between sections), thousands dots and UTM32 coordinates with decimal commas"
    )

    def records(self) -> Sequence[Playground]:
        return playgrounds()

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        if request.path == CSV_PATH:
            return DemoResponse(200, playground_csv(view.visible(self.records())), "text/csv")
        if request.sub_path == "/":
            return html_response(
                f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>'
                f"Spielplätze</title></head><body><h1>{esc(DEPARTMENT)}</h1>"
                f'<p><a href="{CSV_PATH}">Spielplatzliste (CSV)</a></p></body></html>'
            )
        return not_found()
