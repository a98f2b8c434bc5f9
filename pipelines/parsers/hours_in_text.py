"""Opening hours inside running text: "Die neuen Öffnungszeiten der Zentralbibliothek sind
montags bis freitags von 10 bis 19 Uhr, samstags von 10 bis 16 Uhr", "An Sonn- und
Feiertagen geschlossen", "Während der Schulferien ist der Tierpark täglich von 9 bis 18 Uhr
geöffnet", "am 1. Samstag im Monat von 12 bis 16 Uhr", "Termine nach Vereinbarung".

The sentence is read as a row of day groups ("Montag, Dienstag und Donnerstag", "von Montag
bis Freitag", "am Wochenende", "Sonn- und Feiertage"), time spans and the words "geschlossen",
"Ruhetag", "nicht". A span belongs to the day group before it (or, when the sentence starts
with the times, to the group after them); hours of one day add up ("Montag, Dienstag und
Donnerstag von 8 bis 12 Uhr und Donnerstag von 14 bis 18 Uhr"). A weekday that names a date
("ab Freitag (1. Dezember)", "Am Donnerstag, 24. Oktober") is not a day of the week's hours,
and a span marked as the old one ("statt bisher 10 bis 14 Uhr") is left out.

The answer is an :class:`~pipelines.parsers.hours.OpeningHours`: the OpenStreetMap
``opening_hours`` text (``PH`` for public holidays, ``SH`` rules for school holidays, ``Sa[1]``
for the first Saturday of the month) and the plain weekly rows for schema.org. "werktags"
(Monday to Friday or to Saturday?) and days without any time are left unread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import time

from pipelines.parsers.hours import APPOINTMENT_COMMENT, OpeningHours, _merge
from pipelines.parsers.times import MIDNIGHT
from pipelines.parsers.times_in_text import locate_times, times_text
from pipelines.parsers.words import WEEKDAYS
from schemas.location import OpeningHoursSpecification
from schemas.vocab import Weekday

_FULL = {
    "montag": "Mo", "dienstag": "Tu", "mittwoch": "We", "donnerstag": "Th", "freitag": "Fr",
    "samstag": "Sa", "sonnabend": "Sa", "sonntag": "Su",
}
_ABBR = {"mo": "Mo", "di": "Tu", "mi": "We", "do": "Th", "fr": "Fr", "sa": "Sa", "so": "Su"}
_ORDER = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
_NTH = {"1.": 1, "2.": 2, "3.": 3, "4.": 4, "ersten": 1, "zweiten": 2, "dritten": 3,
        "vierten": 4, "letzten": -1}

_DAY = re.compile(
    r"(?P<nth>\b(?:am|jeden|jeweils\s+am)\s+(?P<n>[1-4]\.|ersten|zweiten|dritten|vierten|"
    r"letzten)\s+(?P<nd>" + "|".join(_FULL) + r")\s+(?:im|des|eines)\s+monats?\b)"
    r"|(?P<sonnfeier>\bsonn-\s*und\s+(?:gesetzlichen\s+)?feiertag\w*)"
    r"|(?P<ph>\b(?:gesetzliche[n]?\s+)?feiertag(?:e|en|s)?\b)"
    r"|(?P<full>\b(?:" + "|".join(_FULL) + r")(?:s|en|e)?\b)"
    r"|(?P<abbr>\b(?:" + "|".join(_ABBR) + r")\b\.?)"
    r"|(?P<daily>\btäglich\b|\bjeden\s+tag\b|\ban\s+allen\s+tagen\b|"
    r"\ban\s+sieben\s+tagen\s+(?:die|der|in\s+der|pro)\s+woche\b)"
    r"|(?P<weekend>\b(?:wochenenden?|wochenends)\b)"
    r"|(?P<workweek>\bwochentags\b|\bunter\s+der\s+woche\b)"
    r"|(?P<werktags>\bwerktags\b|\ban\s+werktagen\b|\bwerktäglich\b)"
    r"|(?P<holidays>\b(?:schulferien|in\s+den\s+ferien|während\s+der\s+ferien|"
    r"ferienzeit(?:en)?)\b)"
)
_JOIN = re.compile(
    r"^(?:\s|,|/|&|\bund\b|\bu\.|\bsowie\b|\boder\b|\bbis\b|-|\bvon\b|\ban\b|\bam\b|\bden\b|"
    r"\bjeweils\b|\bimmer\b|\bzum\b|:)*$"
)
_RANGE = re.compile(r"\bbis\b|-")
_DATE_AFTER = re.compile(
    r"^,?\s*\(?\s*(?:den\s+)?\d{1,2}\.\s*(?:\d{1,2}\.|jan|feb|mär|apr|mai|jun|jul|aug|sep|okt|"
    r"nov|dez)"
)
_DATE_BEFORE = re.compile(
    r"\b(?:ab|seit|kommenden|kommendem|nächsten|nächstem|diesen|diesem|letzten|vergangenen|"
    r"ab\s+kommendem|ab\s+kommenden)\s+$"
)
_CLOSED = re.compile(r"\b(?:geschlossen|ruhetag|schließtag|zu\b)")
_NOT = re.compile(r"\b(?:nicht|außer|ausser|ausgenommen)\s+(?:an|am)?\s*(?:den\s+)?$")
_ALSO = re.compile(r"\bauch\s+(?:an|am)?\s*(?:den\s+)?$")
_OLD = re.compile(r"\b(?:statt|anstatt|bisher|bislang|früher|zuvor|vorher)\b[^.;]{0,25}$")
_ALWAYS = re.compile(r"\brund\s+um\s+die\s+uhr\b|\b24\s+stunden\s+(?:am\s+tag|täglich)\b|"
                     r"\b24/7\b")
_APPOINTMENT = re.compile(
    r"(?<!ohne\s)(?<!ohne\svorherige\s)\b(?:nach\s+(?:telefonischer\s+|vorheriger\s+|"
    r"rechtzeitiger\s+|individueller\s+)?(?:vereinbarung|absprache|terminvereinbarung|"
    r"terminabsprache|voranmeldung)|termin\w*\s+vereinbaren|vereinbart\s+werden|"
    r"(?<!ohne\svorherige\s)(?:individuelle\s+)?terminvereinbarung(?:en)?\s+(?:möglich|"
    r"erforderlich|notwendig)|auf\s+anfrage|ohne\s+termin\s+sind\s+nicht\s+möglich)"
)
_BARE_SPAN = re.compile(
    r"\bvon\s+(?P<ah>[01]?\d|2[0-4])(?:[.:](?P<am>[0-5]\d))?\s+bis\s+"
    r"(?P<bh>[01]?\d|2[0-4])(?:[.:](?P<bm>[0-5]\d))?(?![\d.:])(?!\s*(?:jahr|monat|kind|personen|"
    r"teilnehm|euro|€|prozent|%|minuten|stunden|grad|uhr))"
)


@dataclass
class _Group:
    start: int
    end: int
    days: list[str]  # "Mo" … "Su", "PH", "Sa[1]"
    school_holidays: bool = False
    negated: bool = False
    also: bool = False
    closed: bool = False
    spans: list[tuple[time, time]] = field(default_factory=list)


def find_hours(text: str) -> OpeningHours | None:
    """The opening hours a sentence states, or None (see the module text)."""
    if not text or not text.strip():
        return None
    s = times_text(text)
    by_appointment = bool(_APPOINTMENT.search(s))
    if _ALWAYS.search(s):
        return _result(["24/7"], {}, by_appointment)
    tokens = _day_tokens(s)
    if any(kind == "werktags" for _, _, kind, _ in tokens):
        if not any(kind == "weekend" or days in (["Sa"], ["Su"]) for _, _, kind, days in tokens):
            return _appointment_only(by_appointment)  # Monday to Friday or to Saturday?
        # "an Werktagen ... am Wochenende": the weekend is said apart, so Monday to Friday
        tokens = [(a, b, k, _ORDER[:5] if k == "werktags" else d) for a, b, k, d in tokens]
    holidays = any(kind == "holidays" for _, _, kind, _ in tokens)
    groups = _groups([t for t in tokens if t[2] != "holidays"], s)
    spans = _spans(s)
    if not groups:
        if holidays and _CLOSED.search(s):  # "In den Schulferien ist ... geschlossen."
            return _result(["SH off"], {}, by_appointment)
        return _appointment_only(by_appointment)
    _attach(groups, spans, s)
    for g in groups:
        g.school_holidays = holidays
        if not g.spans and not g.negated and _CLOSED.search(_after(g, groups, s)):
            g.closed = True
        elif not g.spans and _CLOSED.search(_before(g, groups, s)) and g is groups[-1]:
            g.closed = True  # "hat ... geschlossen" before, rare: "geschlossen sind Mo und Di"
    _also(groups)
    rules, table = _rules(groups)
    if not rules:
        return _appointment_only(by_appointment)
    return _result(rules, table, by_appointment)


def _day_tokens(s: str) -> list[tuple[int, int, str, list[str]]]:
    out: list[tuple[int, int, str, list[str]]] = []
    for m in _DAY.finditer(s):
        kind = m.lastgroup or ""
        if kind in ("n", "nd"):
            kind = "nth"
        days: list[str]
        if kind == "nth":
            days = [f"{_FULL[m['nd']]}[{_NTH[m['n']]}]"]
        elif kind == "sonnfeier":
            days = ["Su", "PH"]
        elif kind == "ph":
            days = ["PH"]
        elif kind == "full":
            word = m.group().rstrip("s")
            word = re.sub(r"(?:en|e)$", "", word) if word not in _FULL else word
            if word not in _FULL:
                continue
            if _DATE_AFTER.match(s[m.end():]) or _DATE_BEFORE.search(s[:m.start()]):
                continue  # "ab Freitag (1. Dezember)", "Am Donnerstag, 24. Oktober"
            days = [_FULL[word]]
        elif kind == "abbr":
            if not _abbr_is_day(m, s):
                continue
            days = [_ABBR[m.group().rstrip(".")]]
        elif kind == "daily":
            days = list(_ORDER)
        elif kind == "weekend":
            days = ["Sa", "Su"]
        elif kind == "workweek":
            days = _ORDER[:5]
        else:
            days = []
        out.append((m.start(), m.end(), kind, days))
    return out


def _abbr_is_day(m: re.Match, s: str) -> bool:
    """"Mo.", "Di-Fr", "Sa 10" are days; the word "so" or "da" in a sentence is not."""
    if m.group().endswith("."):
        return True
    return bool(re.match(r"\s*(?:[-,/:]|\d|bis\b|u\.|und\b)", s[m.end():m.end() + 6]))


def _groups(tokens: list[tuple[int, int, str, list[str]]], s: str) -> list[_Group]:
    groups: list[_Group] = []
    for start, end, _, days in tokens:
        if groups:
            last = groups[-1]
            gap = s[last.end:start]
            if _JOIN.match(gap) and not _NOT.search(s[:start]) or re.fullmatch(
                    r"\s*(?:,|und)\s*(?:an\s+)?(?:den\s+)?", gap):
                if last.days == _ORDER and not _RANGE.search(gap) and days[0] in _ORDER:
                    last.days = list(days)  # "täglich von Montag bis Freitag"
                elif _RANGE.search(gap) and len(last.days) == 1 and len(days) == 1 \
                        and last.days[0] in _ORDER and days[0] in _ORDER:
                    a, b = _ORDER.index(last.days[0]), _ORDER.index(days[0])
                    run = [_ORDER[(a + k) % 7] for k in range((b - a) % 7 + 1)]
                    last.days = run
                else:
                    last.days += [d for d in days if d not in last.days]
                last.end = end
                continue
        groups.append(_Group(start, end, list(days)))
        before = s[max(0, start - 30):start]
        groups[-1].negated = bool(_NOT.search(before))
        groups[-1].also = bool(_ALSO.search(before))
    return groups


def _spans(s: str) -> list[tuple[int, int, time, time]]:
    out: list[tuple[int, int, time, time]] = []
    for start, end, span in locate_times(s):
        if span.start is None or span.end is None:
            continue
        if _OLD.search(s[max(0, start - 30):start]):
            continue
        out.append((start, end, span.start, span.end))
    if out or "uhr" in s:  # "montags von 12 bis 20 sowie dienstags ... von 9 bis 20 Uhr"
        taken = [(a, b) for a, b, _, _ in out]
        for m in _BARE_SPAN.finditer(s):
            if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
                continue
            opens = time(int(m["ah"]) % 24, int(m["am"] or 0))
            closes = MIDNIGHT if m["bh"] == "24" else time(int(m["bh"]), int(m["bm"] or 0))
            out.append((m.start(), m.end(), opens, closes))
    return sorted(out)


def _attach(groups: list[_Group], spans: list[tuple[int, int, time, time]], s: str) -> None:
    """Each span to the group before it — or, when the sentence names the times first
    ("9 - 18 Uhr an Werktagen und von 10 - 16 Uhr am Wochenende"), to the group after it."""
    times_first = bool(spans) and spans[0][0] < groups[0].start
    for start, _, opens, closes in spans:
        if times_first:
            owner = next((g for g in groups if g.start >= start and not g.negated), None)
        else:
            owner = next((g for g in reversed(groups) if g.end <= start), None)
            if owner is not None and owner.negated:
                owner = None
        if owner is not None:
            owner.spans.append((opens, closes))


def _after(g: _Group, groups: list[_Group], s: str) -> str:
    following = [o.start for o in groups if o.start > g.start]
    return s[g.end:following[0] if following else len(s)]


def _before(g: _Group, groups: list[_Group], s: str) -> str:
    earlier = [o.end for o in groups if o.end <= g.start]
    return s[earlier[-1] if earlier else 0:g.start]


def _also(groups: list[_Group]) -> None:
    """"…, diese Öffnungszeiten gelten auch an Feiertagen": the days before, also these."""
    for i, g in enumerate(groups):
        if g.also and not g.spans and not g.closed and i > 0 and groups[i - 1].spans:
            g.spans = list(groups[i - 1].spans)


def _rules(groups: list[_Group]) -> tuple[list[str], dict[Weekday, list[tuple[time, time]]]]:
    table: dict[str, list[tuple[time, time]]] = {}
    off: list[str] = []
    sh = any(g.school_holidays for g in groups)
    for g in groups:
        if g.negated:
            off += [d for d in g.days if d == "PH" and d not in off]
            continue
        if g.closed:
            off += [d for d in g.days if d not in off]
            continue
        for d in g.days:
            if g.spans:
                table.setdefault(d, []).extend(g.spans)
    rules: list[str] = []
    by_spans: dict[tuple[tuple[time, time], ...], list[str]] = {}
    for d, spans in table.items():
        by_spans.setdefault(tuple(_merge(spans)), []).append(d)
    for spans, days in by_spans.items():
        times = ",".join(f"{_hhmm(a)}-{_hhmm(b, end=True)}" for a, b in spans)
        rules.append(f"{'SH ' if sh else ''}{_selector(days)} {times}")
    if off:
        rules.append(f"{_selector(off)} off")
    elif sh and not table and any(g.closed or not g.days for g in groups):
        rules.append("SH off")
    weekly = {} if sh else {
        Weekday(d.upper()): _merge(spans) for d, spans in table.items() if d in _ORDER
    }
    return rules, weekly


def _selector(days: list[str]) -> str:
    plain = sorted((d for d in days if d in _ORDER), key=_ORDER.index)
    parts: list[str] = []
    run: list[int] = []
    for k in (_ORDER.index(d) for d in plain):
        if run and k == run[-1] + 1:
            run.append(k)
            continue
        if run:
            parts.append(_run(run))
        run = [k]
    if run:
        parts.append(_run(run))
    parts += [d for d in days if d not in _ORDER and d != "PH"]
    if "PH" in days:
        parts.append("PH")
    return ",".join(parts)


def _run(run: list[int]) -> str:
    names = [_ORDER[k] for k in run]
    return f"{names[0]}-{names[-1]}" if len(run) >= 3 else ",".join(names)


def _hhmm(t: time, *, end: bool = False) -> str:
    return "24:00" if end and t == MIDNIGHT else f"{t.hour:02d}:{t.minute:02d}"


def _appointment_only(by_appointment: bool) -> OpeningHours | None:
    return _result([], {}, True) if by_appointment else None


def _result(
    rules: list[str], weekly: dict[Weekday, list[tuple[time, time]]], by_appointment: bool
) -> OpeningHours:
    osm = "; ".join(rules)
    if by_appointment:
        osm = f'{osm} || "{APPOINTMENT_COMMENT}"' if osm else f'"{APPOINTMENT_COMMENT}"'
    if rules == ["24/7"]:
        weekly = {d: [(MIDNIGHT, MIDNIGHT)] for d in WEEKDAYS}
    spec = tuple(
        OpeningHoursSpecification(day_of_week=d, opens=a, closes=b)
        for d in WEEKDAYS
        for a, b in weekly.get(d, ())
    )
    return OpeningHours(osm=osm, spec=spec, by_appointment=by_appointment)
