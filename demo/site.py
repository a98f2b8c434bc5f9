"""The server root: the index page listing every provider, and robots.txt."""

from __future__ import annotations

from collections.abc import Mapping

from demo.exchange import DemoResponse, html_response, text_response
from demo.providers.base import ProviderInfo
from demo.providers.markup import esc

DISALLOWED = ("/ferienportal/buchung/", "/ferienportal/intern/", "/_control/")


def robots_txt() -> DemoResponse:
    lines = ["# Familienpunkt demo world", "User-agent: *"]
    lines += [f"Disallow: {path}" for path in DISALLOWED]
    return text_response("\n".join(lines) + "\n")


def index_page(infos: Mapping[str, ProviderInfo]) -> DemoResponse:
    rows = "\n".join(
        f'  <tr class="anbieter" data-provider="{esc(i.id)}"><td><a '
        f'href="{esc(i.entry_path)}">{esc(i.id)}</a></td>'
        f"<td>{esc(i.name)}</td><td>{esc(i.format)}</td><td "
        f'class="anzahl">{i.expected_count}</td></tr>'
        for i in infos.values()
    )
    total = sum(i.expected_count for i in infos.values())
    markup = f"""<!DOCTYPE html>
<html lang="de">
<head><meta charset="utf-8"><title>Familienpunkt – Demo-Anbieter</title></head>
<body>
<h1>Demo-Anbieter für Mülheim an der Ruhr</h1>
<p>Simulierte Websites und Datenquellen von Familienangeboten. Alle Inhalte sind erfunden.</p>
<table class="anbieterliste">
  <thead><tr><th>Kennung</th><th>Anbieter</th><th>Format</th><th>Angebote</th></tr></thead>
  <tbody>
{rows}
  </tbody>
  <tfoot><tr><td colspan="3">Summe</td><td>{total}</td></tr></tfoot>
</table>
</body>
</html>
"""
    return html_response(markup)
