"""The city sports service: an HTML page linking an XLSX list of swimming courses and holiday
sport camps, with a title row, a two-row header with merged cells, section rows between the
blocks, dates as real Excel dates in some rows and as text in others."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from demo.content.sportservice import SportRow, sport_rows
from demo.exchange import DemoRequest, DemoResponse, html_response, not_found
from demo.providers.base import DemoProvider
from demo.state import ProviderView

XLSX_PATH = "/sportservice/downloads/Schwimmkurse-und-Feriencamps-2026-27.xlsx"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIXED_TIME = datetime(2026, 11, 16, 8, 0, 0)
TITLE = "Mülheimer SportService – Schwimmkurse und Ferien-Sportcamps 2026/27"

# (column letter, top header, sub header) — a sub header means the top one is merged across
COLUMNS = (
    ("A", "Kurs-Nr.", None),
    ("B", "Angebot", None),
    ("C", "Art", None),
    ("D", "Sportstätte", None),
    ("E", "Adresse", None),
    ("F", "Stadtteil", None),
    ("G", "Zeitraum", "von"),
    ("H", "Zeitraum", "bis"),
    ("I", "Tag / Uhrzeit", None),
    ("J", "Alter", None),
    ("K", "Plätze", None),
    ("L", "Kosten", "Preis (€)"),
    ("M", "Kosten", "ermäßigt (€)"),
    ("N", "Bemerkungen", None),
)
FIRST_DATA_ROW = 5


def _build(rows: Sequence[SportRow]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Angebote 2026-27"
    bold = Font(bold=True)
    ws["A1"] = TITLE
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:N1")
    ws["A2"] = "Stand: 16.11.2026 – Änderungen vorbehalten. Ermäßigung mit Mülheim-Pass."
    ws.merge_cells("A2:N2")
    for letter, top, sub in COLUMNS:
        ws[f"{letter}3"] = top if sub is None or letter in ("G", "L") else None
        ws[f"{letter}3"].font = bold
        if sub is None:
            ws.merge_cells(f"{letter}3:{letter}4")
        else:
            ws[f"{letter}4"] = sub
            ws[f"{letter}4"].font = bold
    ws.merge_cells("G3:H3")
    ws.merge_cells("L3:M3")
    fill = PatternFill("solid", fgColor="DDEBF7")
    row = FIRST_DATA_ROW
    section = None
    for rec in rows:
        if rec.category != section:
            section = rec.category
            ws[f"A{row}"] = "Schwimmkurse" if section == "Schwimmkurs" else "Ferien-Sportcamps"
            ws[f"A{row}"].font = bold
            ws[f"A{row}"].fill = fill
            ws.merge_cells(f"A{row}:N{row}")
            row += 1
        v = rec.venue
        values = (
            rec.key,
            rec.title,
            rec.category,
            v.name,
            f"{v.street}, {v.postcode} Mülheim an der Ruhr",
            v.written_area,
            rec.start_text or rec.start,
            rec.end_text or (rec.end if rec.start_text is None else None),
            rec.day_time,
            rec.age_text,
            rec.places,
            rec.price,
            rec.reduced,
            rec.note,
        )
        for (letter, _, _), value in zip(COLUMNS, values, strict=True):
            cell = ws[f"{letter}{row}"]
            cell.value = value
            if letter in ("G", "H") and not isinstance(value, str) and value is not None:
                cell.number_format = "DD.MM.YYYY"
            if letter in ("L", "M") and value is not None:
                cell.number_format = '#,##0.00 "€"'
        ws[f"N{row}"].alignment = Alignment(wrap_text=True)
        row += 1
    for letter, width in zip(
        "ABCDEFGHIJKLMN", (11, 30, 16, 28, 36, 14, 12, 12, 22, 12, 8, 10, 12, 34), strict=True
    ):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A5"
    wb.properties.creator = "Mülheimer SportService"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    wb.save(raw)
    return _normalise_zip(raw.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite the archive with fixed timestamps so every build is byte-identical."""
    out = io.BytesIO()
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp + rb"\g<2>",
                    content,
                )
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, content)
    return out.getvalue()


@lru_cache(maxsize=16)
def workbook_bytes(keys: tuple[str, ...]) -> bytes:
    """The XLSX with the rows of ``keys`` (cached per visible set)."""
    wanted = set(keys)
    return _build([r for r in sport_rows() if r.key in wanted])


def info_page() -> str:
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<title>Schwimmkurse und Feriencamps | Mülheimer SportService</title></head>
<body>
<h1>Schwimmkurse und Ferien-Sportcamps</h1>
<p>Alle Kurse und Camps des Mülheimer SportService finden Sie in unserer Übersicht
zum Herunterladen.</p>
<p><a class="download" href="{XLSX_PATH}">Übersicht 2026/27 (Excel, 20 KB)</a></p>
</body></html>
"""


class Sportservice(DemoProvider):
    id = "sportservice"
    name = "Mülheimer SportService"
    format = "xlsx"
    entry_path = XLSX_PATH
    summary = "XLSX list with a title row, two-row merged header, section rows, mixed date cells"

    def records(self) -> Sequence[SportRow]:
        return sport_rows()

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        sub = request.sub_path
        if sub == XLSX_PATH.removeprefix(self.prefix):
            keys = tuple(r.key for r in view.visible(self.records()))
            return DemoResponse(
                200,
                workbook_bytes(keys),
                XLSX_TYPE,
                (
                    (
                        "Content-Disposition",
                        'attachment; filename="Schwimmkurse-und-Feriencamps-2026-27.xlsx"',
                    ),
                ),
            )
        if sub == "/":
            return html_response(info_page())
        return not_found()
