"""Writing iCalendar (RFC 5545) text: escaping, CRLF and line folding at 75 octets."""

from __future__ import annotations

from datetime import date, datetime

VTIMEZONE_BERLIN = (
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Berlin",
    "X-LIC-LOCATION:Europe/Berlin",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


def text(value: str) -> str:
    """A TEXT property value with backslash, semicolon, comma and newline escaped."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def local(value: datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%S")


def utc(value: datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%SZ")


def when(name: str, value: datetime | date) -> str:
    """``DTSTART;TZID=Europe/Berlin:20270114T170000`` or ``DTSTART;VALUE=DATE:20270612``."""
    if isinstance(value, datetime):
        return f"{name};TZID=Europe/Berlin:{local(value)}"
    return f"{name};VALUE=DATE:{value:%Y%m%d}"


def fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets, never inside a UTF-8 character."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts: list[str] = []
    start, limit = 0, 75
    while start < len(raw):
        end = min(start + limit, len(raw))
        while end < len(raw) and (raw[end] & 0xC0) == 0x80:
            end -= 1
        parts.append(raw[start:end].decode("utf-8"))
        start, limit = end, 74  # continuation lines start with one space
    return "\r\n ".join(parts)


def calendar(lines: list[str]) -> bytes:
    """Join content lines with CRLF (folded), ending with CRLF."""
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")
