"""Places: "noch 4 freie Plätze", "Freie Plätze: 4 von 20", "ausgebucht – Warteliste (3)",
and group sizes "mind. 8, max. 12 Teilnehmende" -> free places and capacity.

A minimum group size alone is not a capacity, and a range of sizes takes its upper end (the
number of places offered); anything else is Unparsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.parsers.result import Unparsed, unparsed
from pipelines.parsers.text import fold

_PLACE = r"(?:freie?r?\s+)?(?:plätze|platz|plaetze|pl\.)"
_PEOPLE = (
    r"(?:teilnehmende|teilnehmer(?:innen)?|teilnehmer\*innen|kinder|personen|plätze|plaetze|tn)"
)
_FULL = re.compile(r"\b(?:ausgebucht|belegt|voll|keine\s+(?:freien\s+)?plätze(?:\s+frei)?)\b")
_WAIT = re.compile(r"\bwarteliste\b")
_OF = re.compile(r"(\d{1,5})\s*(?:von|/)\s*(\d{1,5})")
_FREE = re.compile(
    rf"(?:noch\s+)?(\d{{1,5}})\s+{_PLACE}(?:\s+frei)?|{_PLACE}\s*(?:frei)?\s*:?\s*(?:noch\s+)?(\d{{1,5}})"
    rf"|^(?:noch\s+)?(\d{{1,5}})(?:\s+frei)?$"
)
_MAX = re.compile(rf"(?:max(?:imal)?\.?|höchstens|bis\s+zu)\s*(\d{{1,5}})(?:\s+{_PEOPLE})?")
_RANGE = re.compile(rf"(\d{{1,5}})\s*(?:-|bis)\s*(\d{{1,5}})\s+{_PEOPLE}")
_SOLE = re.compile(rf"^(\d{{1,5}})(?:\s+{_PEOPLE})?$")
_MIN_ONLY = re.compile(r"^(?:mind(?:estens)?\.?|ab)\s*\d{1,5}")


@dataclass(frozen=True)
class Places:
    free: int | None
    capacity: int | None
    waitlist: bool


def parse_places(text: str | None) -> Places | Unparsed:
    """Free places (and capacity, when given as "4 von 20") from a status phrase."""
    if not text or not text.strip():
        return unparsed(text, "empty")
    s = fold(text).strip(" .;!")
    waitlist = bool(_WAIT.search(s))
    if _FULL.search(s) or (waitlist and not re.search(r"\d+\s+" + _PLACE, s)):
        return Places(0, None, waitlist)
    m = _OF.search(s)
    if m and re.search(_PLACE, s):
        free, capacity = int(m[1]), int(m[2])
        if free > capacity:
            return unparsed(text, f"{free} free places of {capacity}")
        return Places(free, capacity, waitlist)
    m = _FREE.search(s)
    if m:
        return Places(int(next(g for g in m.groups() if g is not None)), None, waitlist)
    return unparsed(text, "no number of free places")


def parse_capacity(text: str | int | None) -> int | Unparsed:
    """The number of places of a group: "max. 12", "12 Plätze", "8–12 Teilnehmende", "15"."""
    if isinstance(text, int) and not isinstance(text, bool):
        return text
    if not text or not str(text).strip():
        return unparsed(text, "empty")
    s = fold(str(text)).strip(" .;")
    if m := _MAX.search(s):
        return int(m[1])
    if m := _RANGE.search(s):
        lo, hi = int(m[1]), int(m[2])
        return hi if hi >= lo else unparsed(text, "range runs backwards")
    if m := _SOLE.match(s):
        return int(m[1])
    if _MIN_ONLY.match(s):
        return unparsed(text, "a minimum group size is not a capacity")
    return unparsed(text, "no number of places")
