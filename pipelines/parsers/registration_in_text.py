"""When registration opens and closes, inside running text: "Die Anmeldungen für die
Ferienspiele laufen ab dem 22. Mai um 19 Uhr", "Anmeldeschluss ist Freitag, 16. Januar",
"Vom 5. bis 13. Februar läuft die Anmeldung", "Anmeldungen, die nach dem 15.03.2025 eingehen,
werden zunächst auf die Warteliste gesetzt".

A date counts only in a sentence about registering (anmelden, buchen, vormerken, Frist,
Anmeldeschluss …) and only with a word that gives it its role: "ab", "Anmeldestart",
"beginnt" open; "bis", "Anmeldeschluss", "endet", "Frist", "nach dem … eingehen" close; a
range "vom … bis …" gives both. A clock time right beside the date goes with it ("ab Montag,
22. Juni 20.00 Uhr", "ab 18 Uhr heute (15. Juni)"); a span of hours on a registration day
gives both ends ("am Samstag, 5. März, von 10 bis 13 Uhr"). Dates that belong to the offer
(the holidays it runs in, the Kita year it is for, a birthday cut-off) are not registration
dates: the first date with a registration role wins, later ones in a relative clause are left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from pipelines.parsers.dates import parse_dates
from pipelines.parsers.result import Unparsed
from pipelines.parsers.times import TimeSpan
from pipelines.parsers.times_in_text import locate_times, times_text
from pipelines.parsers.words import MONTHS

_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_WD = (r"(?:(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|"
       r"mo|di|mi|do|fr|sa|so)\.?,?\s+(?:(?:den|der|dem)\s+)?\(?)?")
_FULL = (rf"\d{{1,2}}\.\s*(?:\d{{1,2}}\.(?:\s*\d{{4}}|\d{{2}}\b)?|(?:{_MONTH})\.?(?:\s+\d{{4}})?)"
         rf"(?:\s*\((?:mo|di|mi|do|fr|sa|so|montag|dienstag|mittwoch|donnerstag|freitag|samstag|"
         rf"sonntag)\w*\.?\))?")
_DATE = re.compile(
    rf"(?P<range>(?:vom|von)?\s*{_WD}(?P<a>\d{{1,2}}\.(?:\s*(?:{_MONTH})\.?|\s*\d{{1,2}}\.)?"
    rf"(?:\s*\d{{4}})?),?\s*(?:-|–|bis(?:\s+zum)?|bis\s+einschließlich)\s*{_WD}(?P<b>{_FULL}))"
    rf"|(?P<end_of>\bende\s+(?P<month>{_MONTH})(?:\s+(?P<year>\d{{4}}))?)"
    rf"|(?P<one>{_WD}(?P<d>{_FULL}))"
)
_CONTEXT = re.compile(
    r"anmeld|meldeschluss|meldet\b|melden\b|gemeldet|\ban\s+melden|buch(?:en|bar|ung)|gebucht|"
    r"registrier|vormerk|frist|bewerbung|wunschliste|vergeben|verkauf|stichtag|annahmeschluss|"
    r"formular|möglichkeit|\bstart\s+ist|online\s+vom|anmeldephase|anmeldewoche"
)
_CLOSE_BEFORE = re.compile(
    r"(?:\bbis(?:\s+(?:zum|zur|spätestens|spätestens\s+zum|einschließlich|spätestens\s+am))?"
    r"|\bspätestens(?:\s+(?:zum|am|bis))?|\bendet(?:\s+(?:\w+\s+)?(?:zum|am))?|\bnach\s+dem"
    r"|\bschluss\s+ist(?:\s+(?:der|am))?|schluss(?:\s+\w+){0,6}\s+ist(?:\s+(?:der|am|dann\s+am))?"
    r"|schluss\s*:|schluss\s+am|letzter\s+(?:anmelde|stich)tag(?:\s+\w+){0,5}\s+ist(?:\s+der)?"
    r"|letzter\s+(?:anmelde|stich)tag\s*:|ende\s+der\s+anmelde\w*\s+ist|letzte\s+möglichkeit"
    r"(?:\s+\w+){0,2}\s+ist(?:\s+der)?|frist(?:\s+\w+){0,6}\s+(?:ist|endet|läuft)\s+"
    r"(?:(?:spätestens|am|bis|zum)\s+)*(?:der\s+)?|(?:anmeldeschluss|meldeschluss)\s+am)"
    r"[\s,(]*(?:(?:der|den|dem|am|zum|kommenden|kommende)\s+)*$"
)
_OPEN_BEFORE = re.compile(
    r"(?:\bab(?:\s+(?:dem|den))?|\bvon|\bstartet\s+am|\bstart\s+ist(?:\s+\w+)?|"
    r"\bbeginnt(?:\s+\w+)?\s+am|\bbeginnt(?:\s+\w+)?|\banmeldestart\s*:|\banmeldebeginn\s+ist|"
    r"\banmeldetermin\s+ist(?:\s+der)?|\bbuchungsstart(?:\s+\w+){0,4}\s+ist\s+am|"
    r"\berfolgt(?:\s+\w+)?\s+am|\banmeldung(?:\s+\w+){0,4}\s+ist\s+am|\bnimmt\s+am|\bam)"
    r"[\s,(]*(?:(?:der|den|dem|kommenden|kommende)\s+)*$"
)
_OPEN_AFTER = re.compile(r"^[\s,)]*an\b")
_CLOSE_WORDS = re.compile(
    r"schluss\b|letzte[rn]?\s+(?:anmelde|stich)tag|letzte\s+möglichkeit|\bendet\b|"
    r"\bende\s+der\s+anmelde|\bfrist\b|anmeldefrist|\bspätestens\b"
)
_OPEN_WORDS = re.compile(r"\bstart\b|anmeldestart|buchungsstart|anmeldebeginn|\bbeginnt\b|"
                         r"\bstartet\b|\bstarten\b|anmeldetermin")
_CLOCK_AFTER = re.compile(r"^[\s,)]*(?:ab|um)\s+(?P<h>[01]?\d|2[0-3])[.:](?P<m>[0-5]\d)\b")
_OFFER_AFTER = re.compile(
    r"^[^.;]{0,45}\b(?:betreut\s+werden|geboren|schulpflichtig|jahre\s+alt|eingeschult|"
    r"in\s+krippen)"
)
_OFFER_BEFORE = re.compile(
    r"(?:ferien|kindergartenjahr|kitajahr|schuljahr|ferienbetreuung|zeitraum\s+vom|"
    r"ferienwochen?)\s*\(?\s*(?:vom|von)?\s*$"
)


@dataclass(frozen=True, slots=True)
class Registration:
    """When registration opens and when it closes (local date or date-time)."""

    opens: datetime | date | None = None
    closes: datetime | date | None = None


@dataclass
class _Mention:
    start: int
    end: int
    first: date
    last: date
    is_range: bool


def find_registration(
    text: str, *, reference: date, about_registration: bool = False
) -> Registration | None:
    """When registration opens and closes, from one sentence (see the module text).

    ``about_registration``: the text is known to be about registering (a record's
    registration field, "bis 12.03.2027"), so it needs no word that says so."""
    if not text or not text.strip():
        return None
    s = times_text(text)
    if not about_registration and not _CONTEXT.search(s):
        return None
    mentions = _mentions(s, reference)
    times = [(a, b, t) for a, b, t in locate_times(s) if not _inside(a, mentions)]
    opens: datetime | date | None = None
    closes: datetime | date | None = None
    for i, m in enumerate(mentions):
        previous_end = mentions[i - 1].end if i else 0
        before = s[max(previous_end, m.start - 80):m.start]
        if _OFFER_BEFORE.search(before) or _OFFER_AFTER.match(s[m.end:]):
            continue
        span, time_before = _time_beside(m, times, s)
        if time_before is not None:  # "ab 18 Uhr heute (15. Juni)": the cue stands before
            before = s[max(previous_end, time_before - 80):time_before]
        if m.is_range:
            if opens is None and closes is None:
                opens = _at(m.first, span.start if span else None)
                closes = _at(m.last, span.end if span else None)
            continue
        if _CLOSE_BEFORE.search(before):
            if closes is None:
                closes = _at(m.last, span.end or span.start if span else None)
            continue
        head = s[:m.start]
        opens_here = time_before is not None and bool(
            re.match(r"(?:\w+\s+)?ab\b", s[time_before:]))
        if opens_here or re.search(r"\bab\b[\s,(]*(?:(?:der|den|dem)\s+)?$", before) or (
                _OPEN_WORDS.search(head) and not _CLOSE_WORDS.search(head)):
            role = "opens"
        elif _CLOSE_WORDS.search(head):
            role = "closes"
        elif _OPEN_BEFORE.search(before) or _OPEN_AFTER.match(s[m.end:]):
            role = "opens"
        else:
            continue
        if role == "closes":
            if closes is None:
                closes = _at(m.last, span.end or span.start if span else None)
        elif opens is None and closes is None:
            opens = _at(m.first, span.start if span else None)
            if span and span.start and span.end:  # "am Samstag … von 10 bis 13 Uhr"
                closes = _at(m.first, span.end)
    if opens is None and closes is None:
        return None
    return Registration(opens=opens, closes=closes)


def _mentions(s: str, reference: date) -> list[_Mention]:
    out: list[_Mention] = []
    for m in _DATE.finditer(s):
        if m["end_of"]:
            spec = parse_dates(f"{m['month']} {m['year'] or ''}".strip(), reference=reference)
            if isinstance(spec, Unparsed) or spec.end is None:
                continue
            out.append(_Mention(m.start(), m.end(), spec.end, spec.end, False))
            continue
        if m["range"]:
            ends = _range(m["a"], m["b"], reference)
            if ends:
                out.append(_Mention(m.start(), m.end(), *ends, True))
            continue
        day = _day(m["d"], reference)
        if day:
            out.append(_Mention(m.start(), m.end(), day, day, False))
    return out


def _day(written: str, reference: date) -> date | None:
    spec = parse_dates(re.sub(r"\s*\(.*$", "", written.strip()), reference=reference)
    if isinstance(spec, Unparsed) or spec.start is None or spec.start != spec.end:
        return None
    return spec.start


def _range(a: str, b: str, reference: date) -> tuple[date, date] | None:
    """Both ends of "5. Juli, bis … 29. Juli", "5. bis 13. Februar", "11. Januar - 11. Februar
    2021": the first end borrows month and year from the second."""
    last = _day(b, reference)
    if last is None:
        return None
    day = re.match(r"(\d{1,2})\.\s*(.*)$", a.strip())
    if day is None:
        return None
    try:
        if day[2].strip(" ."):
            rest = day[2].strip()
            year = "" if re.search(r"\d{4}", rest) else f" {last.year}"
            glue = "" if rest[0].isdigit() else " "
            first = _day(f"{day[1]}.{glue}{rest}{year if glue else year.strip()}", reference)
        else:
            first = last.replace(day=int(day[1]))
    except ValueError:
        return None
    if first is None:
        return None
    if first > last:
        first = first.replace(year=first.year - 1) if first.month > last.month else None
    return (first, last) if first else None


def _inside(pos: int, mentions: list[_Mention]) -> bool:
    return any(m.start <= pos < m.end for m in mentions)


def _time_beside(
    m: _Mention, times: list[tuple[int, int, TimeSpan]], s: str
) -> tuple[TimeSpan | None, int | None]:
    """The clock time written right after the date, or right before it ("ab 18 Uhr heute
    (15. Juni)", then also where it starts)."""
    for a, _, span in times:
        if a >= m.end and re.fullmatch(r"[\s,)]*(?:um|ab|,|\s|jeweils|punkt)*", s[m.end:a]) \
                and a - m.end <= 25:
            return span, None
    if clock := _CLOCK_AFTER.match(s[m.end:]):  # "ab 10.30" without "Uhr"
        return TimeSpan(time(int(clock["h"]), int(clock["m"])), None), None
    for a, b, span in times:
        if b <= m.start and re.fullmatch(r"[\s,]*(?:heute|morgen|am|den|dem)?[\s,(]*",
                                         s[b:m.start]):
            return span, a
    return None, None


def _at(day: date, clock: time | None) -> datetime | date:
    return datetime.combine(day, clock) if clock is not None else day
