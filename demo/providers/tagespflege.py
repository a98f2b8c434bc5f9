"""The childminder placement office's list as a tab-separated export.

``/tagespflege/export/tagespflegepersonen.tsv``: UTF-8, LF line ends, two ``#`` comment lines,
then a two-row stacked header (group names above column names: "Tagespflegeperson" over
"Name"/"Vorname", "Anschrift" over "Straße"/"PLZ"/"Stadtteil", …), one row per childminder.
Key: ``Nr.``. Column "Einwilligung Veröffentlichung" (ja/nein) says who may be published one
by one; everybody else only as counts per Stadtteil.
"""

from __future__ import annotations

from collections.abc import Sequence

from demo.content.tagespflege import OFFICE, PROVIDER, Childminder, childminders
from demo.exchange import DemoRequest, DemoResponse, html_response, not_found
from demo.providers.base import DemoProvider
from demo.providers.markup import esc
from demo.state import ProviderView

EXPORT = f"/{PROVIDER}/export/tagespflegepersonen.tsv"
COMMENTS = (
    "# Kindertagespflege Mülheim an der Ruhr – Vermittlungsliste der Fachberatung (intern)",
    "# Stand 02.11.2026 · Weitergabe einzelner Personen nur mit Einwilligung "
    "(Spalte „Einwilligung Veröffentlichung“)",
)
GROUPS = (
    "Nr.",
    "Tagespflegeperson",
    "",
    "Anschrift",
    "",
    "",
    "Kontakt",
    "",
    "Plätze",
    "",
    "Betreuung",
    "",
    "",
    "Einwilligung Veröffentlichung",
    "Stand",
)
COLUMNS = (
    "",
    "Name",
    "Vorname",
    "Straße",
    "PLZ",
    "Stadtteil",
    "Telefon",
    "E-Mail",
    "gesamt",
    "frei",
    "Alter",
    "Zeiten",
    "Qualifikation",
    "",
    "",
)


def row(c: Childminder) -> tuple[str, ...]:
    return (
        c.key,
        c.surname,
        c.first_name,
        c.street,
        c.postcode,
        c.area,
        c.phone,
        c.email,
        str(c.places),
        str(c.free),
        c.ages,
        c.hours,
        c.qualification,
        "ja" if c.consent else "nein",
        "02.11.2026",
    )


def export(shown: Sequence[Childminder]) -> bytes:
    lines = [*COMMENTS, "\t".join(GROUPS), "\t".join(COLUMNS)]
    lines += ["\t".join(row(c)) for c in shown]
    return ("\n".join(lines) + "\n").encode("utf-8")


class Tagespflege(DemoProvider):
    id = PROVIDER
    name = OFFICE
    format = "tsv"
    entry_path = EXPORT
    personal_data = True
    summary = (
        "Tab-separated UTF-8 export with 2 comment lines and a two-row stacked header; private "
        "persons (home address, phone, e-mail): publish counts per Stadtteil unless the row "
        "says 'Einwilligung Veröffentlichung: ja'"
    )

    def records(self) -> Sequence[Childminder]:
        return childminders()

    def consent_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.records() if c.consent)

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        if request.path == EXPORT:
            return DemoResponse(
                200,
                export(view.visible(self.records())),
                "text/tab-separated-values; charset=utf-8",
            )
        if request.sub_path == "/":
            return html_response(
                f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>'
                f"{esc(OFFICE)}</title></head><body><h1>Kindertagespflege</h1>"
                "<p>Die Vermittlungsliste steht nur der Fachberatung zur Verfügung.</p>"
                "</body></html>"
            )
        return not_found()
