"""Times of day: "8 bis 13 Uhr", "13.30–16.30 Uhr", "ab 15 Uhr", "ganztägig", "9-12.30h".

Rules:
* A single time needs a unit ("15 Uhr", "15h") or minutes ("15:00", "15.00"); a bare "15" is
  not a time. A range may be bare ("8-13") because the field already says it is a time.
* "24 Uhr"/"24:00" may only end a span and means midnight: it is returned as ``time(0, 0)``
  ("0–24 Uhr" is 00:00–00:00, a whole day). Any other end at or before the start raises
  :class:`InvalidValue` (overnight spans are not taken apart; family offers do not run past
  midnight).
* Vague times ("gegen 15 Uhr", "ca. 10 Uhr", "nachmittags") are not parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from pipelines.parsers.result import InvalidValue, Unparsed, unparsed
from pipelines.parsers.text import fold

MIDNIGHT = time(0, 0)


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """A daily time span; an ``end`` of ``time(0, 0)`` means "until midnight"."""

    start: time | None = None
    end: time | None = None
    all_day: bool = False


_T = r"(?P<{n}h>\d{{1,2}})(?:[:.](?P<{n}m>\d{{2}})(?::(?P<{n}s>\d{{2}}))?)?"
_T1, _T2 = _T.format(n="a"), _T.format(n="b")
_UNIT = r"(?:uhr|h)\b"

_ALL_DAY = re.compile(r"(?:ganztägig|ganztaegig|ganztags|ganzer tag|den ganzen tag|all day)")
_RANGE = re.compile(
    rf"(?P<lead>von|zwischen)?\s*{_T1}\s*(?P<u1>{_UNIT})?\s*(?P<sep>-|bis|und)\s*"
    rf"{_T2}\s*(?P<u2>{_UNIT})?"
)
_OPEN = re.compile(rf"(?P<kw>ab|um|bis|von|gegen|ca\.?|circa|etwa)\s*{_T1}\s*(?P<u1>{_UNIT})?")
_SINGLE = re.compile(rf"{_T1}\s*(?P<u1>{_UNIT})?")
_LABEL = re.compile(r"^(?:(?:uhrzeit|zeit|zeiten|beginn|wann)\s*:\s*|jeweils\s+|immer\s+)")
_TRIM = " .,;:()[]"

# embedded times inside a longer phrase (dates): a unit or a colon is required
_TE = r"\d{1,2}(?:[:.]\d{2}){0,2}"
_TC = r"\d{1,2}:\d{2}(?::\d{2})?"
TIME_IN_TEXT = re.compile(
    r"(?<![\w.:,])(?:"
    rf"(?:(?:von|ab|um|bis|zwischen|jeweils)\s+)?{_TE}(?:\s*{_UNIT})?\s*(?:-|bis|und)\s*"
    rf"{_TE}\s*{_UNIT}"
    rf"|(?:(?:von|ab|um|bis|zwischen|jeweils)\s+)?{_TC}\s*(?:-|bis|und)\s*{_TC}(?:\s*{_UNIT})?"
    rf"|(?:(?:ab|um|bis|jeweils)\s+)?{_TE}\s*{_UNIT}"
    rf"|(?:(?:ab|um|bis|jeweils)\s+)?{_TC}(?:\s*{_UNIT})?"
    r"|ganztägig|ganztaegig|ganztags"
    r")(?![\w:])"
)
"""Finds time phrases inside date text ("12.07.2027, 10–12 Uhr")."""


def clock(
    h: str | int, m: str | int | None, s: str | int | None = None, *, end: bool = False
) -> time:
    """A clock time from parts; "24:00" only as an end (midnight). InvalidValue if impossible."""
    hour, minute, second = int(h), int(m or 0), int(s or 0)
    if minute > 59:
        raise InvalidValue(f"minute {minute} is out of range (0–59) in {hour}:{minute:02d}")
    if second > 59:
        raise InvalidValue(f"second {second} is out of range (0–59)")
    if hour == 24 and minute == 0 and second == 0:
        if end:
            return MIDNIGHT
        raise InvalidValue("24:00 can only end a time span")
    if hour > 23:
        raise InvalidValue(f"hour {hour} is out of range (0–24)")
    return time(hour, minute, second)


def check_span(start: time, end: time, *, until_24: bool = False) -> None:
    """InvalidValue unless ``end`` is after ``start``.

    An end of 00:00 means midnight; 00:00–00:00 is a whole day only when the end was written
    as 24 ("0–24 Uhr"), never for "0–0".
    """
    if end == MIDNIGHT and (start != MIDNIGHT or until_24):
        return
    if end == start:
        raise InvalidValue(f"end {end:%H:%M} equals start {start:%H:%M}")
    if end < start:
        raise InvalidValue(f"end {end:%H:%M} is before start {start:%H:%M}")


def parse_times(text: str | None) -> TimeSpan | Unparsed:
    """A time span from German text; Unparsed if not recognised, InvalidValue if impossible."""
    if not text or not text.strip():
        return unparsed(text, "empty")
    s = fold(text).strip(_TRIM)
    s = _LABEL.sub("", s).strip(_TRIM)
    if not s:
        return unparsed(text, "empty")
    if _ALL_DAY.fullmatch(s):
        return TimeSpan(all_day=True)
    m = _RANGE.fullmatch(s)
    if m:
        if m["sep"] == "und" and m["lead"] != "zwischen":
            return unparsed(text, "'und' joins two times only after 'zwischen'")
        start = clock(m["ah"], m["am"], m["as"])
        end = clock(m["bh"], m["bm"], m["bs"], end=True)
        check_span(start, end, until_24=int(m["bh"]) == 24)
        return TimeSpan(start, end)
    m = _OPEN.fullmatch(s)
    if m:
        kw = m["kw"].rstrip(".")
        if kw in ("gegen", "ca", "circa", "etwa"):
            return unparsed(text, f"approximate time ('{kw}') is not a time")
        if kw == "bis":
            return TimeSpan(None, clock(m["ah"], m["am"], m["as"], end=True))
        return TimeSpan(clock(m["ah"], m["am"], m["as"]), None)
    m = _SINGLE.fullmatch(s)
    if m:
        if not m["u1"] and m["am"] is None:
            return unparsed(text, "a bare number is not a time (add 'Uhr' or minutes)")
        return TimeSpan(clock(m["ah"], m["am"], m["as"]), None)
    return unparsed(text, "not a recognised time or time span")
