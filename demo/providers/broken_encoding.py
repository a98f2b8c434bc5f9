"""A citizens' association whose CSV export mangles its characters beyond repair.

``/broken-encoding/download/termine.csv`` is declared ``text/csv; charset=utf-8``, but the
bytes mix a UTF-8 BOM, a UTF-16-LE header, rows in Windows-1252, UTF-16 and UTF-8, stray NUL
and C1 bytes and an odd total length: no encoding decodes it (strict UTF-8, UTF-16 and
Windows-1252 fail; Latin-1 yields NULs and control characters). A correct importer rejects
the file (expected count 0).
"""

from __future__ import annotations

from collections.abc import Sequence

from demo.content.broken import BUERGERVEREIN, SimpleOffer, citizen_events
from demo.content.seed import pick, rng
from demo.exchange import DemoRequest, DemoResponse, html_response, not_found
from demo.providers.base import DemoProvider, Record
from demo.state import ProviderView

PROVIDER = "broken-encoding"
CSV_PATH = f"/{PROVIDER}/download/termine.csv"
NOISE = (0x00, 0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xC3, 0xD8, 0xFF)  # 0x81… are undefined in cp1252


def garbled_csv(shown: Sequence[SimpleOffer]) -> bytes:
    r = rng(f"{PROVIDER}:bytes")
    out = bytearray(b"\xef\xbb\xbf")
    out += "Nr;Datum;Veranstaltung;Ort;Straße\r\n".encode("utf-16-le")
    for i, o in enumerate(shown):
        line = f"{o.key};{o.day:%d.%m.%Y};{o.title};Mülheim-Heißen;{o.place.street}\r\n"
        encoding = ("cp1252", "utf-16-le", "utf-8")[i % 3]
        out += line.encode(encoding)
        out += bytes(pick(r, NOISE) for _ in range(r.randint(1, 3)))
    out += b"\x81\x00\xd8"  # a stray C1 byte and half a UTF-16 surrogate
    if len(out) % 2 == 0:
        out += b"\x9d"
    return bytes(out)


class BrokenEncoding(DemoProvider):
    id = PROVIDER
    name = BUERGERVEREIN
    format = "csv"
    entry_path = CSV_PATH
    defect = (
        "encoding: declared UTF-8, bytes are a mix of UTF-16, Windows-1252, UTF-8 and noise "
        "that no encoding decodes; a correct importer rejects the file and keeps nothing"
    )
    summary = "CSV export with bytes that are garbage in every encoding"

    def records(self) -> Sequence[SimpleOffer]:
        return citizen_events()

    def expected_records(self) -> Sequence[Record]:
        return ()

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        if request.path == CSV_PATH:
            return DemoResponse(
                200, garbled_csv(view.visible(self.records())), "text/csv; charset=utf-8"
            )
        if request.sub_path == "/":
            return html_response(
                '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Bürgerverein'
                f'</title></head><body><a href="{CSV_PATH}">Termine (CSV)</a></body></html>'
            )
        return not_found()
