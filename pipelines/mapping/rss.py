"""RSS/Atom entries (shape RSS, see :mod:`scrapers.readers.rss`) -> draft slots.

Title, link and categories are the entry's own; the content (or summary) is the description,
and the facts its text states ("Wann: …", "Kosten: …") fill the date, time, age, price,
places and venue slots. Event extensions (``ev:startdate``, xCal) win over the text.
"""

from __future__ import annotations

from typing import Any

from pipelines.mapping.base import register_shape
from pipelines.mapping.prose import facts_from_text
from schemas.raw import RawRecord, RawShape
from schemas.source import Source

_EVENT_START = ("ev_startdate", "xcal_dtstart")
_EVENT_END = ("ev_enddate", "xcal_dtend")


@register_shape(RawShape.RSS)
def map_rss(record: RawRecord, source: Source) -> dict[str, Any]:
    fields = record.fields
    content = fields.get("content")
    html = content[0].get("value") if isinstance(content, list) and content else None
    description = html or fields.get("summary")
    slots: dict[str, Any] = {
        "title": fields.get("title"),
        "description": description,
        "url": fields.get("link"),
        "categories": [c.get("term") for c in fields.get("categories") or [] if c.get("term")],
        **facts_from_text(description),
    }
    start = next((fields[k] for k in _EVENT_START if fields.get(k)), None)
    end = next((fields[k] for k in _EVENT_END if fields.get(k)), None)
    if start:
        slots.update(start=start, end=end)
        slots.pop("date_text", None)
    return {name: value for name, value in slots.items() if value not in (None, "", [])}
