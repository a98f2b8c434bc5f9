"""Lenient clean-up of iCalendar text before the ``icalendar`` library parses it.

Real feeds break RFC 5545 in a handful of recurring ways; each is repaired here on the level of
content lines, so that the library sees a conformant calendar:

* any encoding mark, CR/LF/CRLF line endings, continuation lines folded with a space *or* a TAB;
* blank lines between components and junk lines (no ``NAME:`` or ``NAME;``) are dropped;
* lines outside ``BEGIN:VCALENDAR … END:VCALENDAR`` (e.g. a cache comment after the end) are
  dropped; bare ``VEVENT`` blocks without a calendar get one; a file that ends inside a component
  is cut off and raises :class:`Truncated`;
* value-typed properties with an empty value (``RRULE:``, ``EXDATE:`` …) are dropped;
* ``\\"`` in a value (not an RFC 5545 escape, but common) becomes a plain quote;
* bare dates without ``VALUE=DATE`` get it, and ISO dates with dashes are written the iCalendar way;
* ``VTIMEZONE`` blocks are removed: time zones are resolved by their TZID name instead (see
  :mod:`scrapers.readers.ical`), which also makes broken definitions harmless.
"""

from __future__ import annotations

import re

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CONTENT_LINE = re.compile(r"^([A-Za-z0-9-]+)([;:])")
_DATE_PROPERTIES = frozenset({"DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE"})
_NOT_EMPTY = frozenset(
    {"DTSTART", "DTEND", "DUE", "DURATION", "RECURRENCE-ID", "RRULE", "EXRULE", "EXDATE", "RDATE",
     "GEO"}
)
_BARE_DATES = re.compile(r"^\d{8}(,\d{8})*$")
_DASHED = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(Z)?)?$")


class Truncated(ValueError):
    """The calendar ends before its components are closed: the transfer was cut off."""


class NotICalendar(ValueError):
    """The bytes hold no calendar component at all."""


def decode(content: bytes, encoding: str | None = None) -> str:
    """Text of the feed: the given encoding, else UTF-8, else Windows-1252 (never fails)."""
    if encoding:
        return content.decode(encoding, errors="replace").lstrip("\ufeff")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def unfold(text: str) -> list[str]:
    """Logical content lines: folded continuations (space or TAB) joined to their line."""
    lines: list[str] = []
    for line in _LINE_BREAK.split(text):
        if line[:1] in (" ", "\t") and lines and lines[-1]:
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def split_line(line: str) -> tuple[str, str, str] | None:
    """``(NAME, ;params, value)`` of a content line; None for a line that is not one."""
    match = _CONTENT_LINE.match(line)
    if not match:
        return None
    name = match.group(1).upper()
    rest = line[len(match.group(1)):]
    in_quotes = False
    for index, char in enumerate(rest):
        if char == '"':
            in_quotes = not in_quotes
        elif char == ":" and not in_quotes:
            return name, rest[:index], rest[index + 1:]
    return None


def clean(text: str) -> str:
    """The calendar text repaired as described in the module docstring (CRLF line ends)."""
    out: list[str] = []
    stack: list[str] = []
    skipping = 0  # depth inside a VTIMEZONE block
    seen_component = False
    synthetic = False  # the calendar around bare VEVENT blocks is ours: we close it
    for line in unfold(text):
        if not line.strip():
            continue
        parts = split_line(line)
        if parts is None:
            continue
        name, params, value = parts
        if name in ("BEGIN", "END"):
            component = value.strip().upper()
            if not component:
                continue
            if skipping or component == "VTIMEZONE":
                skipping += 1 if name == "BEGIN" else -1
                continue
            if name == "BEGIN":
                seen_component = True
                if not stack and component != "VCALENDAR":
                    stack.append("VCALENDAR")
                    out.append("BEGIN:VCALENDAR")
                    synthetic = True
                stack.append(component)
                out.append(f"BEGIN:{component}")
            elif component in stack:
                while stack[-1] != component:
                    out.append(f"END:{stack.pop()}")
                out.append(f"END:{stack.pop()}")
            continue
        if skipping or not stack:
            continue
        if name in _NOT_EMPTY and not value.strip():
            continue
        if name in _DATE_PROPERTIES:
            line = _date_line(name, params, value)
        elif '\\"' in value:
            line = f"{name}{params}:{_unescape_quotes(value)}"
        out.append(line)
    if not seen_component:
        raise NotICalendar("no BEGIN:VCALENDAR or BEGIN:VEVENT found")
    if synthetic and stack == ["VCALENDAR"]:
        out.append(f"END:{stack.pop()}")
    if stack:
        open_parts = " > ".join(stack)
        raise Truncated(
            f"the file ends inside {open_parts} (no END:{stack[-1]}): it looks cut off, and a "
            "cut-off calendar is never read as complete"
        )
    return "\r\n".join(out) + "\r\n"


def _date_line(name: str, params: str, value: str) -> str:
    items = [item.strip() for item in value.split(",")]
    items = [_basic(item) for item in items]
    value = ",".join(items)
    if "VALUE=" not in params.upper() and _BARE_DATES.match(value):
        params += ";VALUE=DATE"
    return f"{name}{params}:{value}"


def _basic(item: str) -> str:
    """An ISO date or date-time with dashes and colons in iCalendar's basic format."""
    match = _DASHED.match(item)
    if not match:
        return item
    year, month, day, hour, minute, second, utc = match.groups()
    if hour is None:
        return f"{year}{month}{day}"
    return f"{year}{month}{day}T{hour}{minute}{second or '00'}{utc or ''}"


def _unescape_quotes(value: str) -> str:
    return value.replace('\\"', '"')
