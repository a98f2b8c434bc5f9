"""Dates inside running text: "Die Ferienspiele finden von Montag, 10. bis Freitag, 21. August
statt", "am 4. Juli … und am 5. Juli", "jeweils dienstags bis donnerstags", "in der ersten
Sommerferienwoche".

The sentence is read with the date grammar's own tokens (:mod:`pipelines.parsers.dates`); what
the grammar does not know (the other words of the sentence) separates date phrases instead of
failing the whole text. Each phrase gives one value:

* a date or a range ("vom 4. bis 7. Oktober", "12.–16.8.") -> start and end;
* a list ("11. und 12. Oktober", "Mo/Di, 29./30.07.") -> one value per day or range;
* "ab", "seit" -> a start only; "bis (einschließlich)" alone -> an end only;
* weekdays as a rule ("montags", "jeden Freitag", "dienstags bis donnerstags") -> weekdays,
  joined to the sentence's one date range or start if it has one;
* a school-holiday period named without dates -> its name (and week), resolved against the
  NRW calendar where it can be;
* "kein … statt", "entfällt", "außer am" -> the days named are exceptions.

Years: written years count; a yearless date takes the year of the nearest written one in the
sentence (stepping over New Year as the dates go on), else the reading window of the date
grammar. A weekday that names a date is a check ("Mi, 12.07." must be a Wednesday): a date
that fails it is dropped, never read with a guessed year. Anything doubtful is left out: a
wrong date is worse than none.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from pipelines.parsers import dates as grammar
from pipelines.parsers.dates import (
    ALL_WEEKDAYS,
    DateSpec,
    _borrow_months,
    _first_day,
    _Item,
    _last_day,
    _ordinal_weeks,
    _Reject,
    _sorted_weekdays,
    _Tok,
    _weekday_group,
    _weekday_word,
)
from pipelines.parsers.holidays import SchoolHolidays
from pipelines.parsers.result import InvalidValue
from pipelines.parsers.text import fold
from pipelines.parsers.times import TIME_IN_TEXT
from pipelines.parsers.words import MONTHS, WEEKDAY_ABBR
from schemas.vocab import Weekday

_FILLER = re.compile(
    r"\b(?:kommende[nms]?|nächste[nms]?|naechste[nms]?|diese[nms]?|heutigen|darauffolgenden|"
    r"folgenden|dem|den|der|die|das|zum|zur|einschließlich|einschliesslich|inklusive|"
    r"jeweils|erst|bereits|wieder|schon|ebenfalls|auch|dann|noch|nur|geplant|vorgesehen|"
    r"zeitraum|zeit|in\s+der\s+zeit|tag|tage|tagen|datum|um|zu|bzw|beziehungsweise|oder|"
    r"sonntag\w*|ca|circa|zunächst|voraussichtlich|vorerst|spätestens)\b"
)
_CANCELLED = re.compile(
    r"\b(?:kein(?:e|en)?\s+(?:\w+\s+){0,3}statt|entfällt|entfallen|fällt\s+(?:\w+\s+){0,2}aus|"
    r"fallen\s+(?:\w+\s+){0,2}aus|finde[nt]\s+(?:\w+\s+){0,2}nicht\s+statt)\b"
)
_EXCEPT = re.compile(r"\b(?:ausgenommen|außer|ausser|nicht\s+am|nicht\s+an)\s*$")
_HOLIDAYS = [grammar._HOLIDAY_WEEKS, grammar._HOLIDAY_EDGE, grammar._HOLIDAY_BOTH,
             grammar._HOLIDAY_PERIOD]
_STATE_PREFIX = re.compile(r"\b(?:nrw|hessischen|sächsischen|bayerischen|niedersächsischen|"
                           r"nrw-|hessische|bayerische)[\s-]*", re.I)
_YEAR_ALONE = re.compile(r"(?<![\d.])(19|20)\d{2}(?![\d.])")
_TIME_WORD = re.compile(r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:uhr|h)\b")
_TOKEN = re.compile(r"(?P<timemark>§)|" + grammar._TOKEN.pattern, re.X)
_ORDINAL_NOUN = re.compile(
    r"^\s*(?:mal|vormittag|nachmittag|kurstag|tag|woche|jahr|geburtstag|auflage|jubiläum|"
    r"schuljahr|klasse|platz|rang|stock|etage|bundesliga|liga|lebensjahr|ferientag|"
    r"zeltlager|ferienspiele?|spieltag|runde|advent|kindertag|ausgabe|edition)\b"
)


@dataclass
class _Phrase:
    """Tokens of one date phrase, with where they stand in the sentence."""

    toks: list[_Tok] = field(default_factory=list)
    negated: bool = False


@dataclass
class _Value:
    items: list[_Item]  # one (single day) or two (range) items, or none (weekdays only)
    kind: str  # "single", "range", "from", "until", "weekdays", "holiday"
    weekdays: frozenset[Weekday] = frozenset()
    exception: bool = False
    holiday: tuple[str, int | None, list[int] | None] | None = None


def find_dates(
    text: str, *, reference: date, holidays: SchoolHolidays | None = None
) -> list[DateSpec]:
    """Every date, range, weekly rule and named holiday period of a sentence, in order."""
    if not text or not text.strip():
        return []
    s = TIME_IN_TEXT.sub(" § ", fold(text, newline=" , "))  # "bis 16 Uhr": a time mark
    s = _TIME_WORD.sub(" § ", s)
    s = _prepare(s, reference)
    symbolic, s = _holiday_phrases(s)
    try:
        phrases = _phrases(s)
        values = [v for p in phrases for v in _values(p)]
    except (_Reject, InvalidValue):
        values = []
    values = _begin_is_a_day(values, s)
    if symbolic and any(v.kind in ("single", "range", "from", "until") and not v.exception
                        for v in values):
        symbolic = []  # "in den Sommerferien vom 2. bis 13. August": the dates are the value
    try:
        specs = _resolve(values, reference)
    except (_Reject, InvalidValue):
        specs = []
    specs += [spec for h in symbolic for spec in _holiday_specs(h, reference, holidays)]
    return _distinct(_without_headings(_with_rules(_join_exceptions(specs))))


def _distinct(specs: list[DateSpec]) -> list[DateSpec]:
    """"Mo, 03.03.2025 Rosenmontag": one day named twice is one value."""
    out: list[DateSpec] = []
    for spec in specs:
        if not out or out[-1] != spec:
            out.append(spec)
    return out


def _without_headings(specs: list[DateSpec]) -> list[DateSpec]:
    """"Im November … am Samstag, 13. November, Sonntag, 21. November": a month that only
    heads the days named in it is not a value of its own."""
    def is_month(spec: DateSpec) -> bool:
        return bool(spec.start and spec.end and spec.start.day == 1 and not spec.weekdays
                    and spec.end.day == calendar.monthrange(spec.end.year, spec.end.month)[1]
                    and (spec.start.year, spec.start.month) == (spec.end.year, spec.end.month))

    days = [s for s in specs if s.start and s.start == s.end]
    return [s for s in specs if not (is_month(s) and any(
        d.start and s.start and s.end and s.start <= d.start <= s.end for d in days))]


def _join_exceptions(specs: list[DateSpec]) -> list[DateSpec]:
    alone = [s for s in specs if s.exceptions and s.start is None and not s.holiday
             and not s.weekdays]
    others = [s for s in specs if s not in alone]
    if len(alone) == 1 and len(others) == 1:
        return [replace(others[0], exceptions=alone[0].exceptions)]
    return specs


# -- preparing the sentence

_NAMED_DAYS_FIXED = {
    "heiligabend": (24, 12), "heiligen abend": (24, 12), "silvester": (31, 12),
    "neujahr": (1, 1), "neujahrstag": (1, 1), "allerheiligen": (1, 11),
    "tag der deutschen einheit": (3, 10), "reformationstag": (31, 10),
}
_NAMED_DAYS_EASTER = {
    "karfreitag": -2, "ostersonntag": 0, "ostermontag": 1, "osterdienstag": 2,
    "christi himmelfahrt": 39, "pfingstsonntag": 49, "pfingstmontag": 50, "fronleichnam": 60,
    "rosenmontag": -48, "aschermittwoch": -46,
}
_NAMED = re.compile(
    r"\b(?P<name>" + "|".join(sorted(map(re.escape, [*_NAMED_DAYS_FIXED, *_NAMED_DAYS_EASTER]),
                                      key=len, reverse=True))
    + r")\b(?P<dated>\s*[,(]?\s*(?:den\s+|dem\s+)?\d{1,2}\.)?"
)
_DOTLESS = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})(?=\s*(?:-|bis\b)\s*\d)")
_GLUED_WEEKDAY = re.compile(
    r"\b((?:mon|diens|mittwoch|donners|frei|sams|sonn)(?:tag)?s?)(\d)"
)
_DAY_WITHOUT_DOT = re.compile(
    r"\b(\d{1,2})\s+(u\.|und|bis|-|–)\s+(\d{1,2}\.\s*(?:"
    + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b)"
)
_MONTH_COMPOUND = re.compile(
    r"\b(?P<month>" + "|".join(sorted((m for m in MONTHS if len(m) >= 3), key=len, reverse=True))
    + r")-(?!(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b)[a-zäöüß]{3,}"
)
_WEEKS_OF_HOLIDAY = re.compile(
    r"\b(erste|letzte)n\s+(beiden|zwei|drei|vier|[2-4])\s+wochen\s+(?:der|in\s+den)\s+"
    r"(oster|pfingst|sommer|herbst|weihnachts)ferien\b"
)
_ELIDED = re.compile(
    r"\b(oster|pfingst|sommer|herbst|weihnachts|winter)-\s*(und|oder|,)\s*"
    r"(?:(?:in|während)\s+den\s+)?(oster|pfingst|sommer|herbst|weihnachts|winter)ferien\b"
)


def _prepare(s: str, reference: date) -> str:
    """Spellings the date grammar does not know, rewritten into ones it does."""
    s = _DOTLESS.sub(r"\1.\2.", s)  # "17.07 – 04.08.23"
    s = _GLUED_WEEKDAY.sub(r"\1 \2", s)  # "samstags12:00"
    s = _DAY_WITHOUT_DOT.sub(r"\1. \2 \3", s)  # "27 u. 28. Juli"
    s = _MONTH_COMPOUND.sub("monats-", s)  # "am langen Mai-Wochenende": no month
    s = _WEEKS_OF_HOLIDAY.sub(r"\1n \2 \3ferienwochen", s)  # "ersten drei Wochen der …"
    s = re.sub(r"\b(letzten|ersten)\s+(?:kompletten|vollen|ganzen)\s+", r"\1 ", s)
    s = re.sub(r"\bschul(oster|pfingst|sommer|herbst|weihnachts|winter)ferien", r"\1ferien", s)
    s = _ELIDED.sub(r"\1ferien \2 \3ferien", s)  # "Oster- und Herbstferien"
    year = _year_of(s, reference)
    s = _EDGE_OF_MONTH.sub(lambda m: _edge_of_month(m, year), s)  # "bis Ende März 2018"

    def named(m: re.Match) -> str:
        if m["dated"]:  # "Osterdienstag, 22. April": the date says it
            return m["dated"]
        name = m["name"]
        if name in _NAMED_DAYS_FIXED:
            d, mo = _NAMED_DAYS_FIXED[name]
            return f" {d}.{mo}. "
        from dateutil.easter import easter

        day = easter(year) + timedelta(days=_NAMED_DAYS_EASTER[name])
        return f" {day.day}.{day.month}.{day.year} "

    return _NAMED.sub(named, s)


_EDGE_OF_MONTH = re.compile(
    r"\b(?P<edge>ende|anfang)\s+(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\b\.?(?:\s+(?P<year>\d{4}))?"
)


def _edge_of_month(m: re.Match, year: int) -> str:
    month = MONTHS[m["month"]]
    y = int(m["year"]) if m["year"] else year
    day = 1 if m["edge"] == "anfang" else calendar.monthrange(y, month)[1]
    return f"{day}.{month}." + (m["year"] or "")


def _year_of(s: str, reference: date) -> int:
    found = _YEAR_ALONE.search(s)
    return int(found.group()) if found else reference.year


# -- holidays named without dates


def _holiday_phrases(s: str) -> tuple[list[tuple[str, int | None, list[int] | None]], str]:
    found: list[tuple[int, tuple[str, int | None, list[int] | None]]] = []
    s = _STATE_PREFIX.sub(lambda m: " " * len(m.group()), s)
    for rx in _HOLIDAYS:
        for m in rx.finditer(s):
            if not m.group().strip():
                continue
            name = (m["name"] or m.groupdict().get("name2") or "") + "ferien"
            year = int(m["year"]) if m["year"] else None
            weeks: list[int] | None = None
            if rx is grammar._HOLIDAY_WEEKS:
                try:
                    weeks = _ordinal_weeks(m["ords"])
                except (_Reject, InvalidValue):
                    continue
            elif rx is grammar._HOLIDAY_EDGE:
                count = {"beiden": 2, "zwei": 2, "drei": 3, "vier": 4}.get(m["count"]) or int(
                    m["count"])
                weeks = list(range(1, count + 1)) if m["edge"] == "erste" else \
                    list(range(-count, 0))
            before = s[max(0, m.start() - 25):m.start()]
            if re.search(r"\bauch\s+(?:während|waehrend|in)?\s*(?:der|den)?\s*$", before):
                pass  # "auch während der Sommerferien": it goes on, the holidays do not limit
            else:
                found.append((m.start(), (name, year, weeks)))
            s = s[: m.start()] + " " * (m.end() - m.start()) + s[m.end():]
    ordered = sorted(found, key=lambda x: x[0])
    ordered = [h for h in ordered
               if not re.search(r"ferien\s+bis\s*$", s[:h[0]].rstrip()[-40:] + " ")
               and not re.search(r"^\s*bis\s+\w*ferien", s[h[0]:][len(h[1][0]):][:40])]
    return [h for _, h in ordered], s


def _holiday_spec(h: tuple[str, int | None, list[int] | None], reference: date,
                  calendar: SchoolHolidays | None) -> DateSpec:
    name, year, weeks = h
    start = end = None
    key = f"{name}-{year}" if year else f"{name}-?"
    try:
        ref = grammar._HolidayRef(name, year, weeks)
        period, span = grammar._resolve_holiday(
            ref, calendar if calendar is not None else SchoolHolidays.default(), reference)
        start, end, key = span.start, span.end, period.key
    except (_Reject, InvalidValue):
        pass
    week = weeks[0] if weeks and len(weeks) == 1 else None
    return DateSpec(start=start, end=end, holiday=key, holiday_week=week, holiday_symbolic=True)


def _holiday_specs(h: tuple[str, int | None, list[int] | None], reference: date,
                   calendar: SchoolHolidays | None) -> list[DateSpec]:
    """One value per holiday week named ("in den ersten drei Wochen der Sommerferien")."""
    name, year, weeks = h
    if not weeks or len(weeks) == 1:
        return [_holiday_spec(h, reference, calendar)]
    return [_holiday_spec((name, year, [w]), reference, calendar) for w in weeks]


# -- phrases: runs of date tokens


def _phrases(s: str) -> list[_Phrase]:
    """Split the sentence into date phrases at the words the date grammar does not know."""
    phrases: list[_Phrase] = [_Phrase()]
    pos = 0
    for m in _TOKEN.finditer(s):
        gap = s[pos:m.start()]
        pos = m.end()
        if gap.strip() and _FILLER.sub(" ", gap).strip(" ,.;:()–-\"'„“”»«"):
            phrases.append(_Phrase(negated=bool(_EXCEPT.search(gap.strip(" ,.;:(")))))
        tok = _token(m, s)
        if tok is None:
            phrases.append(_Phrase())
            continue
        if tok.kind != "skip":
            phrases[-1].toks.append(tok)
    if _CANCELLED.search(s):  # "… findet kein Unterricht statt": the days are exceptions
        for phrase in phrases:
            phrase.negated = True
    return [p for p in phrases if any(t.kind in ("item", "wd") for t in p.toks)]


def _token(m: re.Match, s: str) -> _Tok | None:
    """A grammar token, ``skip`` for fillers, None for something that ends a phrase."""
    kind = m.lastgroup
    if kind == "timemark":
        return _Tok("time")
    if kind in ("nm", "ny", "ny2"):
        kind = "nd"
    if kind in ("tm", "ty"):
        kind = "td"
    if kind == "moy":
        kind = "mo"
    try:
        if kind == "iso":
            y, mo, d = (int(x) for x in m["iso"].split("-"))
            grammar.make_date(y, mo, d)
            return _Tok("item", _Item(d, mo, y, "date", iso=True))
        if kind == "nd":
            d, mo = int(m["nd"]), int(m["nm"])
            y = int(m["ny"]) if m["ny"] else (
                grammar.two_digit_year(int(m["ny2"])) if m["ny2"] else None)
            if y is not None:
                grammar.make_date(y, mo, d)
            else:
                grammar.check_day_month(d, mo)
            return _Tok("item", _Item(d, mo, y, "date"))
        if kind == "td":
            d, mo = int(m["td"]), MONTHS[m["tm"]]
            y = int(m["ty"]) if m["ty"] else None
            if y is not None:
                grammar.make_date(y, mo, d)
            else:
                grammar.check_day_month(d, mo)
            return _Tok("item", _Item(d, mo, y, "date"))
        if kind == "mo":
            return _Tok("item", _Item(None, MONTHS[m["mo"]], int(m["moy"]) if m["moy"] else None,
                                      "month"))
        if kind == "day":
            d = int(m["day"])
            if not 1 <= d <= 31 or _ORDINAL_NOUN.match(s[m.end():]):
                return None  # "zum 18. Mal", "am 2. Kurstag": an ordinal, not a day
            return _Tok("item", _Item(d, None, None, "day"))
    except (InvalidValue, ValueError):
        return None
    if kind == "wdp":
        return _Tok("wd", frozenset({_weekday_word(m["wdp"])}), plural=True)
    if kind == "wdf":
        return _Tok("wd", frozenset({_weekday_word(m["wdf"])}))
    if kind == "wda":
        return _Tok("wd", frozenset({WEEKDAY_ABBR[m["wda"]]}), abbr=True)
    if kind == "daily":
        return _Tok("wd", ALL_WEEKDAYS, plural=True)
    if kind == "weekend":
        return _Tok("wd", grammar.WEEKEND, plural=True)
    if kind == "workweek":
        return _Tok("wd", grammar.WORKWEEK, plural=True)
    if kind in ("werktags", "nosup", "ph", "sh"):
        return None
    if kind == "from":
        word = m.group().split()[0]
        return _Tok("from" if word in ("ab", "seit", "beginnend", "beginn", "start", "startet")
                    else "of", m.group())
    if kind in ("every", "zw"):
        return _Tok(kind, m.group())
    if kind == "rng":
        return _Tok("rng", "bis" if m.group().startswith("bis") else "-")
    if kind == "lst":
        return _Tok("lst", m.group())
    return _Tok("skip")


# -- values of a phrase


def _values(phrase: _Phrase) -> list[_Value]:
    toks = _checks(phrase.toks)
    out: list[_Value] = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t.kind in ("lst", "skip", "time"):
            i += 1
            continue
        if t.kind == "every" and i + 1 < n and toks[i + 1].kind == "wd":
            group, i = _weekday_group(toks, i + 1)
            out += _rule(group)
            continue
        if t.kind == "every":
            i += 1
            continue
        if t.kind == "wd":
            start = i
            group, i = _weekday_group(toks, i)
            single = i == start + 1 and not t.plural and len(t.value) == 1  # type: ignore[arg-type]
            ranged = i > start + 1 and any(x.kind == "rng" for x in toks[start:i])
            timed = i < n and toks[i].kind == "time"
            if single and not t.abbr and not timed:
                continue  # "am Samstag" alone: one day or every week? left out
            if t.plural or ranged or timed or (t.abbr and i > start + 1) or len(group) > 1:
                out += _rule(group)
            continue
        if t.kind in ("from", "of", "zw", "rng", "item"):
            expr, i = _expression(toks, i)
            out += _expression_values(expr)
            continue
        i += 1
    if phrase.negated:
        for v in out:
            if v.kind in ("single", "range"):
                v.exception = True
    return out


def _rule(group: set[Weekday]) -> list[_Value]:
    """A weekly rule; every day of the week is no rule at all ("täglich", "jeden Tag")."""
    if frozenset(group) == ALL_WEEKDAYS:
        return []
    return [_Value([], "weekdays", frozenset(group))]


def _checks(toks: list[_Tok]) -> list[_Tok]:
    """Weekdays naming dates are checks: "Mo/Di, 29./30.07." as well as "Freitag, 21. August"."""
    toks = [t for t in toks if t.kind != "skip"]
    out: list[_Tok] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.kind == "wd" and not t.plural and len(t.value) == 1:  # type: ignore[arg-type]
            # a list of single weekdays followed by as many dates: each names one
            days, j = [t], i + 1
            while j + 1 < len(toks) and toks[j].kind in ("lst", "rng") and \
                    toks[j].value in ("/", "+", "&", "und") and toks[j + 1].kind == "wd" and \
                    not toks[j + 1].plural and len(toks[j + 1].value) == 1:
                days.append(toks[j + 1])
                j += 2
            if j < len(toks) and toks[j].kind == "lst" and toks[j].value == ",":
                j += 1
            items = []
            k = j
            while k < len(toks) and toks[k].kind == "item":
                items.append(toks[k])
                if k + 1 < len(toks) and toks[k + 1].kind in ("lst", "rng") and \
                        k + 2 < len(toks) and toks[k + 2].kind == "item":
                    k += 2
                else:
                    break
            if len(days) > 1 and len(items) == len(days):
                for wd, item in zip(days, items, strict=True):
                    if item.value.kind in ("date", "day"):  # type: ignore[union-attr]
                        item.value.check = next(iter(wd.value))  # type: ignore[union-attr]
                i = j
                continue
            if len(days) == 1 and items and items[0].value.kind == "date":  # type: ignore
                items[0].value.check = next(iter(t.value))  # type: ignore[union-attr]
                i = j
                continue
            prev = out[-1] if out else None
            if prev is not None and prev.kind == "item" and prev.value.kind == "date" and \
                    prev.value.check is None and not (  # type: ignore[union-attr]
                        i + 1 < len(toks) and toks[i + 1].kind == "item"):
                prev.value.check = next(iter(t.value))  # type: ignore[union-attr]
                i += 1
                continue
        out.append(t)
        i += 1
    return out


@dataclass
class _Expr:
    prefix: str | None
    items: list[_Item]
    seps: list[str]


def _expression(toks: list[_Tok], i: int) -> tuple[_Expr, int]:
    n = len(toks)
    prefix = None
    t = toks[i]
    if t.kind in ("from", "of", "zw"):
        prefix, i = t.kind, i + 1
    elif t.kind == "rng":
        prefix, i = ("until" if t.value == "bis" else None), i + 1
    while i < n and (toks[i].kind == "time" or toks[i].kind == "lst" and toks[i].value == ","):
        i += 1
    expr = _Expr(prefix, [], [])
    if i >= n or toks[i].kind != "item":
        return expr, i
    expr.items.append(toks[i].value)  # type: ignore[arg-type]
    i += 1
    while i < n:
        j = i
        while j < n and (toks[j].kind == "time" or toks[j].kind == "lst" and
                         toks[j].value == ",") and _next_is(toks, j, "rng"):
            j += 1  # "Montag, 5. Juli, bis …", "17. April, 18 Uhr bis …"
        if j + 1 < n and toks[j].kind in ("rng", "lst") and toks[j + 1].kind == "item":
            expr.seps.append(toks[j].kind)
            expr.items.append(toks[j + 1].value)  # type: ignore[arg-type]
            i = j + 2
            continue
        if j + 2 < n and toks[j].kind == "rng" and toks[j + 1].kind == "lst" and \
                toks[j + 2].kind == "item":
            expr.seps.append("rng")
            expr.items.append(toks[j + 2].value)  # type: ignore[arg-type]
            i = j + 3
            continue
        break
    return expr, i


def _next_is(toks: list[_Tok], j: int, kind: str) -> bool:
    """Some token after ``j`` (past commas and time marks) is of ``kind``."""
    for t in toks[j + 1:]:
        if t.kind == "time" or t.kind == "lst" and t.value == ",":
            continue
        return t.kind == kind
    return False


def _expression_values(expr: _Expr) -> list[_Value]:
    items = expr.items
    if not items:
        return []
    try:
        _borrow_months(items)
    except _Reject:
        items = [it for it in items if it.kind != "day"]
        if not items:
            return []
    if expr.prefix == "zw" and len(items) == 2 and expr.seps == ["lst"]:
        return [_Value(items, "range")]
    if expr.prefix in ("from", "until") and len(items) == 1:
        return [_Value(items, expr.prefix)]
    if expr.prefix == "of" and len(items) == 1:  # "vom Freitag, 13. März": that day
        return [_Value(items, "range" if items[0].kind == "month" else "single")]
    groups: list[list[_Item]] = [[items[0]]]
    for sep, it in zip(expr.seps, items[1:], strict=False):
        if sep == "rng":
            groups[-1].append(it)
        else:
            groups.append([it])
    out = []
    for group in groups:
        if len(group) == 1:
            single = group[0]
            out.append(_Value([single], "range" if single.kind == "month" else "single"))
        elif len(group) == 2:
            out.append(_Value(group, "range"))
        else:
            raise _Reject("a range with more than two ends")
    return out


# -- years and dates


def _resolve(values: list[_Value], reference: date) -> list[DateSpec]:
    dated = [v for v in values if v.items]
    items = [it for v in dated for it in v.items]
    roles: list[str] = []
    for v in dated:
        if v.kind == "range" and len(v.items) == 2:
            roles += ["start", "end"]
        elif v.kind == "range" or v.kind == "from":
            roles += ["start"]
        elif v.kind == "until":
            roles += ["end"]
        else:
            roles += ["single"]
    if items:
        _years(items, roles, reference)
    specs: list[DateSpec] = []
    exceptions: list[date] = []
    for v in values:
        if v.kind == "weekdays":
            specs.append(DateSpec(weekdays=_sorted_weekdays(set(v.weekdays))))
            continue
        try:
            if v.kind == "single":
                day = _first_day(v.items[0])
                if v.exception:
                    exceptions.append(day)
                    continue
                specs.append(DateSpec(start=day, end=day))
            elif v.kind == "range":
                first, last = _first_day(v.items[0]), _last_day(v.items[-1])
                if last < first:
                    raise InvalidValue("end before start")
                if v.exception:
                    exceptions += [first] if first == last else []
                    continue
                specs.append(DateSpec(start=first, end=last))
            elif v.kind == "from":
                specs.append(DateSpec(start=_first_day(v.items[0])))
            elif v.kind == "until":
                specs.append(DateSpec(end=_last_day(v.items[0])))
        except InvalidValue:
            continue  # a weekday that does not fit its date: this value is left out
    if exceptions:
        others = [i for i, sp in enumerate(specs) if sp.start is not None or sp.holiday]
        if len(others) == 1:
            specs[others[0]] = replace(specs[others[0]], exceptions=tuple(sorted(exceptions)))
        else:
            specs.append(DateSpec(exceptions=tuple(sorted(exceptions))))
    return specs


def _crosses_new_year(earlier: tuple[int, int], later: tuple[int, int]) -> bool:
    """The later-written date comes before the earlier one in the calendar, and the pair
    straddles New Year (Oct–Dec, then Jan–Mar): a sentence's dates need not be in order."""
    return later < earlier and earlier[0] >= 10 and later[0] <= 3


def _years(items: list[_Item], roles: list[str], reference: date) -> None:
    """Written years count; yearless dates follow the nearest written one in the sentence,
    stepping over New Year as the dates go on; with none written, the sentence's first date
    takes the year of the reading window and the others follow it."""
    keys = [grammar._key(it, role) for it, role in zip(items, roles, strict=True)]
    years: list[int | None] = [it.y for it in items]
    known = [k for k, y in enumerate(years) if y is not None]
    if not known:
        m, d = keys[0]
        years[0] = grammar.infer_year(m, min(d, 28) if items[0].kind == "month" else d,
                                      reference)
        known = [0]
    first = known[0]
    year = years[first]
    assert year is not None
    for k in range(first - 1, -1, -1):
        if _crosses_new_year(keys[k], keys[k + 1]):
            year -= 1
        years[k] = year
    year = years[first]
    for k in range(first + 1, len(items)):
        if years[k] is not None:
            year = years[k]
            continue
        if _crosses_new_year(keys[k - 1], keys[k]):
            year += 1  # type: ignore[operator]
        years[k] = year
    for it, y in zip(items, years, strict=True):
        it.y = y


_BEGINS = re.compile(r"\b(?:beginn\w*|start\w*|los\s*geht|geht\s+es\s+los|eröffn\w*|"
                     r"öffnet|lädt|findet|stattfinde\w*)\b")


def _begin_is_a_day(values: list[_Value], s: str) -> list[_Value]:
    """"Ab dem 10. Mai … beginnen wir": a sentence whose one date is 'ab X' and that tells of
    a beginning names that day, not an open period."""
    dated = [v for v in values if v.items]
    if len(dated) == 1 and dated[0].kind == "from" and not any(
            v.kind == "weekdays" for v in values) and _BEGINS.search(s) and \
            dated[0].items[0].kind != "month":
        dated[0].kind = "single"
    return values


def _with_rules(specs: list[DateSpec]) -> list[DateSpec]:
    """Weekly rules join the sentence's one range or open start ("ab 11.1. … von Montag bis
    Mittwoch"); standing alone they are a value of their own."""
    rules = [s for s in specs if s.weekdays and s.start is None and s.end is None]
    dated = [s for s in specs if s.start is not None or s.end is not None]
    if len(rules) > 1 and len(dated) == 1 and dated[0].start != dated[0].end:
        union = frozenset(w for r in rules for w in r.weekdays)
        joined = replace(dated[0], weekdays=_sorted_weekdays(set(union)))
        return [joined if s is dated[0] else s for s in specs if s not in rules]
    if len(rules) == 1 and len(dated) == 1 and not dated[0].holiday_symbolic:
        base = dated[0]
        if base.start is not None and base.start == base.end:
            base = replace(base, end=None)  # "startet am 29. Oktober – … dienstags"
        joined = replace(base, weekdays=rules[0].weekdays)
        return [joined if s is dated[0] else s for s in specs if s is not rules[0]]
    if len(rules) == 1 and len(dated) == 1 and dated[0].holiday_symbolic:
        joined = replace(dated[0], weekdays=rules[0].weekdays)
        return [joined if s is dated[0] else s for s in specs if s is not rules[0]]
    return specs


def ends_with_year(text: str) -> bool:  # pragma: no cover - helper for callers
    return bool(_YEAR_ALONE.search(text))
