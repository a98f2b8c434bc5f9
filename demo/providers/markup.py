"""Small helpers for writing provider HTML the way content management systems do."""

from __future__ import annotations

import json
from html import escape
from typing import Any

_NAMED = {
    "ä": "&auml;",
    "ö": "&ouml;",
    "ü": "&uuml;",
    "Ä": "&Auml;",
    "Ö": "&Ouml;",
    "Ü": "&Uuml;",
    "ß": "&szlig;",
    "–": "&ndash;",
    "„": "&bdquo;",
    "“": "&ldquo;",
    "€": "&euro;",
    "é": "&eacute;",
}


def esc(text: str | None) -> str:
    """Text escaped for HTML element content and attribute values."""
    return escape(text or "", quote=True)


def entities(text: str) -> str:
    """Escaped text with umlauts, dashes, quotes and the euro sign as named entities
    (what older editors produce), and a no-break space after 'ca.' and before 'Uhr'/'€'."""
    out = escape(text, quote=False)
    for char, entity in _NAMED.items():
        out = out.replace(char, entity)
    return (
        out.replace(" Uhr", "&nbsp;Uhr")
        .replace(" &euro;", "&nbsp;&euro;")
        .replace("ca. ", "ca.&nbsp;")
    )


def jsonld_script(data: Any, *, ensure_ascii: bool = False, indent: int | None = 2) -> str:
    """A JSON-LD script element; ``</`` is escaped so the JSON cannot close the element."""
    text = json.dumps(data, ensure_ascii=ensure_ascii, indent=indent).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def paragraphs(text: str) -> str:
    return "".join(f"<p>{esc(p)}</p>" for p in text.split("\n\n") if p.strip())
