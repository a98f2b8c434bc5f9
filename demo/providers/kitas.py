"""The Kita directory: an HTML page with a download link and the directory itself as a
semicolon-separated CSV in Windows-1252, as exported from a spreadsheet program.

Format: first line ``sep=;``, then the header, CRLF line ends, decimal commas, fields with
semicolons or line breaks in double quotes, no charset in the Content-Type.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from demo.content.kitas import Kita, kitas
from demo.exchange import DemoRequest, DemoResponse, html_response, not_found
from demo.providers.base import DemoProvider
from demo.state import ProviderView

CSV_PATH = "/kitas/download/kitaverzeichnis-muelheim.csv"
HEADER = (
    "Nr.",
    "Einrichtung",
    "Träger",
    "Trägerart",
    "Straße / Hausnr.",
    "PLZ",
    "Ort",
    "Stadtteil",
    "Plätze U3",
    "Plätze Ü3",
    "Öffnungszeiten",
    "Öffnungsdauer (Std./Tag)",
    "Familienzentrum",
    "Telefon",
    "E-Mail",
    "Kurzkonzept",
    "Breitengrad",
    "Längengrad",
)


def _decimal(value: float, places: int) -> str:
    text = f"{value:.{places}f}".rstrip("0").rstrip(".") if places else str(value)
    return text.replace(".", ",")


def _row(k: Kita) -> list[str]:
    v = k.venue
    return [
        k.key,
        k.name,
        k.provider,
        k.provider_kind,
        v.street,
        v.postcode,
        "Mülheim an der Ruhr",
        k.district_text,
        str(k.places_u3),
        str(k.places_ue3),
        k.hours_text,
        _decimal(k.hours_per_day, 2),
        k.family_centre,
        k.phone,
        k.email,
        k.concept,
        _decimal(v.lat, 6),
        _decimal(v.lon, 6),
    ]


def directory_csv(rows: Sequence[Kita]) -> bytes:
    """The CSV export, encoded in Windows-1252 (strict: no character may be lost)."""
    buffer = io.StringIO()
    buffer.write("sep=;\r\n")
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(HEADER)
    for k in rows:
        writer.writerow(_row(k))
    return buffer.getvalue().encode("cp1252")


def directory_page(count: int) -> str:
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<title>Kita-Verzeichnis | Stadt Mülheim an der Ruhr</title></head>
<body>
<h1>Kindertageseinrichtungen in Mülheim an der Ruhr</h1>
<p>Das Verzeichnis enthält {count} Kitas mit Träger, Adresse, Platzzahlen und Öffnungszeiten.</p>
<ul class="downloads">
  <li class="download download--csv"><a href="{CSV_PATH}" type="text/csv">Kita-Verzeichnis
    (CSV, Stand 01.11.2026)</a></li>
</ul>
<p class="hinweis">Die Platzvergabe erfolgt über den Kita-Navigator.
Fragen: Amt für Kinder, Jugend und Schule.</p>
</body></html>
"""


class Kitas(DemoProvider):
    id = "kitas"
    name = "Stadt Mülheim an der Ruhr – Kita-Verzeichnis"
    format = "csv"
    entry_path = CSV_PATH
    summary = "Kita directory as semicolon CSV in Windows-1252 with a 'sep=;' first line"

    def records(self) -> Sequence[Kita]:
        return kitas()

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        sub = request.sub_path
        rows = view.visible(self.records())
        if sub == CSV_PATH.removeprefix(self.prefix):
            return DemoResponse(
                200,
                directory_csv(rows),
                "text/csv",
                (
                    (
                        "Content-Disposition",
                        'attachment; filename="Kitaverzeichnis_Muelheim_2026-11.csv"',
                    ),
                ),
            )
        if sub == "/":
            return html_response(directory_page(len(rows)))
        return not_found()
