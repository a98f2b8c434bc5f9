"""Dates as providers write them: "12.–16.07.", "vom 10. bis 16. Oktober", "jeden Mittwoch",
"Mo–Fr", "in der ersten Sommerferienwoche", "außer am 3.10.", "12.07.2027, 10–12 Uhr".

The result is a :class:`DateSpec`. Reading it: the offer takes place on every day from
``start`` to ``end`` (either may be open) whose weekday is in ``weekdays`` (all days when
``weekdays`` is empty), except the days in ``exceptions``; ``times`` is the daily time.

Rules (documented in the module so the normaliser can cite them):

* **Year inference.** A date written without a year gets the year that puts it in the window
  ``[reference - YEAR_GRACE, reference - YEAR_GRACE + 1 year)``: up to 30 days in the past,
  otherwise in the future. For a range or list the *last* date is placed that way and earlier
  dates are put before it ("20.12.–06.01." seen on 2026-12-01 is 2026-12-20 to 2027-01-06).
  Where a year is written, dates without one follow it. This is inference from the reference
  date (normally when the page was fetched), never a guess at content.
* **Two-digit years**: 00–68 are 2000–2068, 69–99 are 1969–1999 (the POSIX rule).
* **Holiday phrases** are resolved against the NRW school-holiday calendar: without a year,
  the period of that name that ends on or after ``reference - YEAR_GRACE``. A "holiday week" is
  a Monday–Friday school week lying wholly in the period (see
  :meth:`~pipelines.parsers.holidays.HolidayPeriod.weeks`); a selected week covers its
  Monday to Friday. A phrase whose period is not in the calendar is :class:`Unparsed`.
* **Weekday with a date** ("Mi, 12.07.") is a check: a mismatch raises :class:`InvalidValue`.
* **Lists of dates** ("12.07., 19.07. und 26.07.") are stored exactly: first and last day,
  the weekdays that occur, and the skipped days of those weekdays as exceptions.
* Recurrences other than weekly ("14-tägig", "jeden 1. Mittwoch"), "werktags" (Mo–Fr or
  Mo–Sa?) and alternatives ("am 12. oder 13.07.") are :class:`Unparsed`.
"""

from __future__ import annotations

import calendar as _calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from pipelines.parsers.holidays import HolidayPeriod, SchoolHolidays, public_holidays
from pipelines.parsers.result import InvalidValue, Unparsed, unparsed
from pipelines.parsers.text import fold
from pipelines.parsers.times import TIME_IN_TEXT, TimeSpan, parse_times
from pipelines.parsers.words import (
    MONTH_NAMES_EN,
    MONTHS,
    ORDINALS,
    WEEKDAY_ABBR,
    WEEKDAY_FULL,
    WEEKDAYS,
    alternation,
)
from schemas.vocab import Weekday

YEAR_GRACE = timedelta(days=30)
"""How far in the past a year-less date may lie before it is read as next year's."""

MAX_LIST_EXCEPTIONS = 400
MAX_EXPANDED_DAYS = 3700
MIN_YEAR, MAX_YEAR = 1900, 2199

ALL_WEEKDAYS: frozenset[Weekday] = frozenset(WEEKDAYS)
WORKWEEK: frozenset[Weekday] = frozenset(WEEKDAYS[:5])
WEEKEND: frozenset[Weekday] = frozenset(WEEKDAYS[5:])


@dataclass(frozen=True, slots=True)
class DateSpec:
    """When an offer takes place (see the module docstring for how to read it)."""

    start: date | None = None
    end: date | None = None
    weekdays: tuple[Weekday, ...] = ()
    exceptions: tuple[date, ...] = ()
    times: TimeSpan | None = None
    holiday: str | None = None
    skip_public_holidays: bool = False
    """'außer an Feiertagen': no session on an NRW public holiday (for open-ended schedules
    the days cannot be listed, so the flag carries the rule)."""
    skip_school_holidays: bool = False
    """'nicht in den Ferien': no session during NRW school holidays."""
    holiday_week: int | None = None
    """The week of the holiday period the phrase names (1, 2, …; -1 the last), if it names one."""
    holiday_symbolic: bool = False
    """The phrase names a holiday period without dates: start and end come from the NRW
    calendar, true for NRW only."""


# --------------------------------------------------------------------------- vocabulary

_MONTHS = alternation(MONTHS)
_WDFULL = alternation(WEEKDAY_FULL)
_WDABBR = alternation(WEEKDAY_ABBR)
_DAYPART = r"(?:vormittag|nachmittag|mittag|abend|morgen)"
_ORD_WORD = r"(?:erste|zweite|dritte|vierte|fünfte|fuenfte|sechste|letzte|vorletzte)[nrs]?"
_ORD = rf"(?:{_ORD_WORD}|[1-6]\.)"
_HNAME = r"(?P<name>oster|pfingst|sommer|herbst|weihnachts|winter|karnevals|fastnachts|faschings)"

_HOLIDAY_WEEKS = re.compile(
    rf"\b(?:(?:in|während|waehrend)\s+)?(?:der\s+|den\s+)?"
    rf"(?P<ords>{_ORD}(?:\s*(?:,|und|bis|-|&)\s*{_ORD})*)\s+"
    rf"(?:{_HNAME}ferienwochen?"
    r"|(?:ferien)?wochen?\s+(?:der|in\s+den)\s+"
    r"(?P<name2>oster|pfingst|sommer|herbst|weihnachts)ferien)"
    rf"(?:\s+(?P<year>\d{{4}}))?\b"
)
_HOLIDAY_EDGE = re.compile(
    rf"\b(?:(?:in|während|waehrend)\s+)?(?:den\s+)?(?P<edge>erste|letzte)n\s+"
    rf"(?P<count>beiden|zwei|drei|vier|[2-4])\s+{_HNAME}ferienwochen(?:\s+(?P<year>\d{{4}}))?\b"
)
_HOLIDAY_BOTH = re.compile(
    rf"\b(?:(?:in|während|waehrend)\s+)?(?:den\s+)?(?:beiden|allen)\s+{_HNAME}ferienwochen"
    rf"(?:\s+(?P<year>\d{{4}}))?\b"
)
_HOLIDAY_PERIOD = re.compile(
    rf"\b(?:(?:in|während|waehrend)\s+)?(?:den\s+|der\s+)?(?:gesamten\s+|ganzen\s+)?"
    rf"{_HNAME}ferien(?:\s+(?P<year>\d{{4}}))?\b"
)
_HOLIDAY_GENERIC = re.compile(r"\b(?:schul)?ferien(?:woche[n]?)?\b")

_EXCEPT = re.compile(
    r"\b(?:außer|ausser|ausgenommen|ausgeschlossen|nicht\s+am|nicht\s+an\s+den|nicht\s+an|"
    r"nicht\s+in\s+den|nicht\s+während\s+der|nicht\s+waehrend\s+der|except)\b"
)
_LABEL = re.compile(
    r"^(?:termine?|datum|daten|zeitraum|wann|zeit|kurstermine?|veranstaltungstermin|"
    r"kurszeitraum|laufzeit)\s*:\s*"
)

_TOKEN = re.compile(
    rf"""
      (?P<iso>\d{{4}}-\d{{2}}-\d{{2}})(?!\d)
    | (?P<nd>\d{{1,2}})\.\s?(?P<nm>\d{{1,2}})\.(?:(?P<ny>\d{{4}})|(?P<ny2>\d{{2}}))?(?!\d)
    | (?P<td>\d{{1,2}})\.?\s?(?P<tm>{_MONTHS})\b\.?(?:\s?(?P<ty>\d{{4}})(?!\d))?
    | \b(?P<mo>{_MONTHS})\b\.?(?:\s?(?P<moy>\d{{4}})(?!\d))?
    | (?P<day>\d{{1,2}})(?:\.(?!\d)|(?=\s*(?:-|bis\b|und\b|,|/)\s*\d{{1,2}}\.))
    | (?P<nosup>\b(?:jeden|jede|jedem|am|an\s+jedem)\s+(?:{_ORD_WORD}|\d\.)\s+
        (?=(?:{_WDFULL}|{_WDABBR}|tag|woche|wochenende|monat)\b)
        | \balle\s+(?:\d+|zwei|drei|vier)\s+wochen\b | \b(?:14|vierzehn)-?täg(?:ig|lich)\b
        | \bzweiwöchentlich\b | \bmonatlich\b | \beinmal\s+im\s+monat\b | \bjede\s+zweite\s+woche\b
        | \bgerade[nr]?\s+(?:kalender)?wochen?\b | \bungerade[nr]?\s+(?:kalender)?wochen?\b)
    | \b(?P<wdp>(?:{_WDFULL}){_DAYPART}?s)\b
    | \b(?P<wdf>(?:{_WDFULL}){_DAYPART}?)\b
    | \b(?P<wda>{_WDABBR})\b\.?
    | \b(?P<daily>täglich|taeglich|tagtäglich|jeden\s+tag|alle\s+tage)\b
    | (?P<weekend>\b(?:am\s+|an\s+|jedes\s+|jedem\s+)?wochenenden?\b|\bwochenends\b)
    | \b(?P<workweek>wochentags|wochentäglich|unter\s+der\s+woche)\b
    | \b(?P<werktags>werktags|werktäglich|an\s+werktagen)\b
    | \b(?P<every>jeden|jede|jedem|jeder|wöchentlich|woechentlich|immer|jeweils)\b
    | \b(?P<from>vom|von|ab\s+dem|ab|seit\s+dem|seit|beginnend\s+am|beginnend|beginn\s+am|beginn
        |start\s+am|start|startet\s+am)\b
    | \b(?P<zw>zwischen)\b
    | (?P<rng>-|\bbis\b(?:\s+(?:einschließlich|einschliesslich|einschl\.|inkl\.|zum|zur))*)
    | (?P<lst>,|;|/|&|\+|\bund\b|\bsowie\b|\bu\.)
    | (?P<ph>\b(?:an\s+|am\s+)?(?:den\s+)?(?:gesetzlichen\s+)?feiertag(?:en|e|s)?\b|\bfeiertags\b)
    | (?P<sh>\b(?:in\s+den\s+|während\s+der\s+|waehrend\s+der\s+)?(?:schul)?ferien\b)
    | \b(?P<fill>am|an|den|dem|der|die|das|im|in|des|termin|termine|datum|einmalig|noch|nur|jahr|
        kalenderwoche|woche|tag|tage|tagen|jahres|stattfindend|findet|statt|ist|sind)\b
    | (?P<punct>[().:\[\]!*"'])
    """,
    re.X,
)
_NOT_SPACE = re.compile(r"\S")


# --------------------------------------------------------------------------- helpers


def check_day_month(d: int, m: int) -> None:
    """InvalidValue for a day/month that exists in no year ("31.06.", "13.13.")."""
    if not 1 <= m <= 12:
        raise InvalidValue(f"month {m} is out of range (1–12)")
    longest = 29 if m == 2 else _calendar.monthrange(2001, m)[1]
    if not 1 <= d <= longest:
        raise InvalidValue(f"day {d} is out of range for {MONTH_NAMES_EN[m]}")


def make_date(y: int, m: int, d: int) -> date:
    """A date, or InvalidValue naming what is wrong ("day 31 is out of range for June 2027")."""
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise InvalidValue(f"year {y} is out of range ({MIN_YEAR}–{MAX_YEAR})")
    if not 1 <= m <= 12:
        raise InvalidValue(f"month {m} is out of range (1–12)")
    last = _calendar.monthrange(y, m)[1]
    if not 1 <= d <= last:
        raise InvalidValue(f"day {d} is out of range for {MONTH_NAMES_EN[m]} {y}")
    return date(y, m, d)


def two_digit_year(yy: int) -> int:
    return 2000 + yy if yy < 69 else 1900 + yy


def infer_year(m: int, d: int, reference: date) -> int:
    """The year that puts day ``d`` of month ``m`` in the window from ``reference - YEAR_GRACE``."""
    window = reference - YEAR_GRACE
    year = window.year if (m, d) >= (window.month, window.day) else window.year + 1
    if m == 2 and d == 29 and not _calendar.isleap(year):
        raise InvalidValue(
            f"29 February does not exist in {year}, "
            f"the year inferred from the reference date {reference}"
        )
    return year


def _wd(day: date) -> Weekday:
    return WEEKDAYS[day.weekday()]


def _sorted_weekdays(days: frozenset[Weekday] | set[Weekday]) -> tuple[Weekday, ...]:
    return tuple(w for w in WEEKDAYS if w in days)


def _days(start: date, end: date) -> list[date]:
    n = (end - start).days
    if n > MAX_EXPANDED_DAYS:
        raise _Reject(f"range {start}..{end} is too long to list")
    return [start + timedelta(days=i) for i in range(n + 1)]


class _Reject(Exception):
    """Internal: the phrase is not recognised (becomes Unparsed)."""


# --------------------------------------------------------------------------- tokens


@dataclass(slots=True)
class _Item:
    """A date-ish item: a day, a date, or a month (``d`` None)."""

    d: int | None
    m: int | None
    y: int | None
    kind: str  # "date", "day", "month"
    check: Weekday | None = None
    iso: bool = False


@dataclass(slots=True)
class _Tok:
    kind: str
    value: object = None
    plural: bool = False
    abbr: bool = False


def _tokenize(s: str) -> list[_Tok]:
    toks: list[_Tok] = []
    pos = 0
    for m in _TOKEN.finditer(s):
        gap = s[pos : m.start()]
        if _NOT_SPACE.search(gap):
            raise _Reject(f"unrecognised text {gap.strip()!r}")
        pos = m.end()
        kind = m.lastgroup
        if kind in ("nm", "ny", "ny2"):  # groups inside the numeric date
            kind = "nd"
        if kind == "tm" or kind == "ty":
            kind = "td"
        if kind == "moy":
            kind = "mo"
        if kind == "iso":
            y, mo, d = (int(x) for x in m["iso"].split("-"))
            make_date(y, mo, d)
            toks.append(_Tok("item", _Item(d, mo, y, "date", iso=True)))
        elif kind == "nd":
            d, mo = int(m["nd"]), int(m["nm"])
            y = int(m["ny"]) if m["ny"] else two_digit_year(int(m["ny2"])) if m["ny2"] else None
            make_date(y, mo, d) if y is not None else check_day_month(d, mo)
            toks.append(_Tok("item", _Item(d, mo, y, "date")))
        elif kind == "td":
            d, mo = int(m["td"]), MONTHS[m["tm"]]
            y = int(m["ty"]) if m["ty"] else None
            make_date(y, mo, d) if y is not None else check_day_month(d, mo)
            toks.append(_Tok("item", _Item(d, mo, y, "date")))
        elif kind == "mo":
            toks.append(
                _Tok(
                    "item",
                    _Item(None, MONTHS[m["mo"]], int(m["moy"]) if m["moy"] else None, "month"),
                )
            )
        elif kind == "day":
            d = int(m["day"])
            if not 1 <= d <= 31:
                raise InvalidValue(f"day {d} is out of range (1–31)")
            toks.append(_Tok("item", _Item(d, None, None, "day")))
        elif kind == "wdp":
            toks.append(_Tok("wd", frozenset({_weekday_word(m["wdp"])}), plural=True))
        elif kind == "wdf":
            toks.append(_Tok("wd", frozenset({_weekday_word(m["wdf"])})))
        elif kind == "wda":
            toks.append(_Tok("wd", frozenset({WEEKDAY_ABBR[m["wda"]]}), abbr=True))
        elif kind == "daily":
            toks.append(_Tok("wd", ALL_WEEKDAYS, plural=True))
        elif kind == "weekend":
            toks.append(_Tok("wd", WEEKEND, plural=True))
        elif kind == "workweek":
            toks.append(_Tok("wd", WORKWEEK, plural=True))
        elif kind == "werktags":
            raise _Reject("'werktags' is ambiguous (Monday–Friday or Monday–Saturday)")
        elif kind == "nosup":
            raise _Reject(f"recurrence {m.group().strip()!r} is not weekly; not supported")
        elif kind in ("every", "from", "zw", "ph", "sh"):
            toks.append(_Tok(kind, m.group()))
        elif kind == "rng":
            toks.append(_Tok("rng", "bis" if m.group().startswith("bis") else "-"))
        elif kind == "lst":
            toks.append(_Tok("lst", m.group()))
        # fill and punct are dropped
    tail = s[pos:]
    if _NOT_SPACE.search(tail):
        raise _Reject(f"unrecognised text {tail.strip()!r}")
    return toks


def _weekday_word(word: str) -> Weekday:
    for name, wd in WEEKDAY_FULL.items():
        if word.startswith(name):
            return wd
    raise AssertionError(word)  # pragma: no cover - the regex only matches known names


# --------------------------------------------------------------------------- grammar


@dataclass(slots=True)
class _Expr:
    """A date expression: items joined by separators, with an optional prefix."""

    prefix: str | None  # "from", "until", "zw"
    items: list[_Item] = field(default_factory=list)
    seps: list[str] = field(default_factory=list)  # between items: "rng" or "lst"


@dataclass(slots=True)
class _Parsed:
    weekdays: set[Weekday] = field(default_factory=set)
    has_weekdays: bool = False
    lone_singular: bool = False  # "Dienstag" alone: one Tuesday or every Tuesday?
    exprs: list[_Expr] = field(default_factory=list)
    ph: bool = False
    sh: bool = False


def _attach_checks(toks: list[_Tok]) -> list[_Tok]:
    """ "Mi, 12.07." / "12.07. (Mi)": a singular weekday next to a date is a check, not a rule."""
    out: list[_Tok] = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if t.kind == "wd" and not t.plural and len(t.value) == 1:  # type: ignore[arg-type]
            prev = out[-1] if out else None
            in_list = (
                prev is not None
                and prev.kind in ("lst", "rng")
                and len(out) > 1
                and out[-2].kind == "wd"
            )
            j = i + 1
            if j < n and toks[j].kind == "lst" and toks[j].value == ",":
                j += 1
            nxt_wd = (
                i + 1 < n
                and toks[i + 1].kind in ("lst", "rng")
                and i + 2 < n
                and toks[i + 2].kind == "wd"
            )
            if (
                not in_list
                and not nxt_wd
                and (prev is None or prev.kind != "every")
                and j < n
                and toks[j].kind == "item"
                and toks[j].value.kind == "date"  # type: ignore[union-attr]
            ):
                toks[j].value.check = next(iter(t.value))  # type: ignore[union-attr,arg-type]
                i = j
                continue
            if (
                prev is not None
                and prev.kind == "item"
                and prev.value.kind == "date"  # type: ignore[union-attr]
                and prev.value.check is None  # type: ignore[union-attr]
                and not nxt_wd
                and not (i + 1 < n and toks[i + 1].kind == "item")
            ):
                prev.value.check = next(iter(t.value))  # type: ignore[union-attr,arg-type]
                i += 1
                continue
        out.append(t)
        i += 1
    return out


def _grammar(toks: list[_Tok]) -> _Parsed:
    res = _Parsed()
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t.kind == "lst":
            i += 1
            continue
        if t.kind == "every":
            if i + 1 < n and toks[i + 1].kind == "wd":
                i += 1
                continue
            raise _Reject(f"{t.value!r} without a weekday")
        if t.kind == "wd":
            start = i
            group, i = _weekday_group(toks, i)
            if (
                i == start + 1
                and not t.plural
                and t.value not in (ALL_WEEKDAYS, WORKWEEK, WEEKEND)
                and not t.abbr
                and not (start > 0 and toks[start - 1].kind == "every")
            ):
                res.lone_singular = True
            res.weekdays |= group
            res.has_weekdays = True
            continue
        if t.kind == "ph":
            res.ph = True
            i += 1
            continue
        if t.kind == "sh":
            res.sh = True
            i += 1
            continue
        if t.kind in ("from", "zw", "rng", "item"):
            expr, i = _date_expr(toks, i)
            res.exprs.append(expr)
            continue
        raise _Reject(f"unexpected {t.kind}")  # pragma: no cover
    return res


def _weekday_group(toks: list[_Tok], i: int) -> tuple[set[Weekday], int]:
    days: set[Weekday] = set(toks[i].value)  # type: ignore[arg-type]
    n = len(toks)
    last = toks[i]
    i += 1
    while i + 1 < n and toks[i].kind in ("rng", "lst") and toks[i + 1].kind == "wd":
        nxt = toks[i + 1]
        if toks[i].kind == "rng":
            a, b = last.value, nxt.value
            if len(a) != 1 or len(b) != 1:  # type: ignore[arg-type]
                raise _Reject("a weekday range needs single weekdays at both ends")
            k = WEEKDAYS.index(next(iter(a)))  # type: ignore[arg-type]
            ib = WEEKDAYS.index(next(iter(b)))  # type: ignore[arg-type]
            while True:
                days.add(WEEKDAYS[k])
                if k == ib:
                    break
                k = (k + 1) % 7
        else:
            days |= nxt.value  # type: ignore[arg-type]
        last = nxt
        i += 2
    return days, i


def _date_expr(toks: list[_Tok], i: int) -> tuple[_Expr, int]:
    n = len(toks)
    t = toks[i]
    prefix = None
    if t.kind == "from":
        prefix = "from"
        i += 1
    elif t.kind == "zw":
        prefix = "zw"
        i += 1
    elif t.kind == "rng":
        if t.value != "bis":
            raise _Reject("a range without a start")
        prefix = "until"
        i += 1
    expr = _Expr(prefix)
    if i >= n or toks[i].kind != "item":
        raise _Reject(f"'{t.value}' is not followed by a date")
    expr.items.append(toks[i].value)  # type: ignore[arg-type]
    i += 1
    while i + 1 < n and toks[i].kind in ("rng", "lst") and toks[i + 1].kind == "item":
        sep = toks[i].kind
        nxt: _Item = toks[i + 1].value  # type: ignore[assignment]
        if sep == "lst" and toks[i].value == "/" and expr.items[-1].iso and nxt.iso:
            sep = "rng"  # ISO 8601 interval "2026-07-12/2026-07-16"
        expr.seps.append(sep)
        expr.items.append(toks[i + 1].value)  # type: ignore[arg-type]
        i += 2
    if i < n and toks[i].kind == "rng":
        raise _Reject("a range without an end")
    return expr, i


# --------------------------------------------------------------------------- resolution


def _borrow_months(items: list[_Item]) -> None:
    """Day-only items ("12." in "12.–16.07.") take the month of the next item that has one."""
    for k, it in enumerate(items):
        if it.kind != "day":
            continue
        donor = next((nxt for nxt in items[k + 1 :] if nxt.m is not None), None)
        if donor is None:
            raise _Reject(f"day {it.d}. has no month")
        it.m = donor.m
        it.kind = "date"
        check_day_month(it.d, it.m)  # type: ignore[arg-type]
        # the year is not copied: _resolve_years puts the day before its donor


def _key(it: _Item, role: str) -> tuple[int, int]:
    if it.kind == "month":
        return (it.m, 1 if role == "start" else 31)  # type: ignore[return-value]
    return (it.m, it.d)  # type: ignore[return-value]


def _resolve_years(items: list[_Item], roles: list[str], reference: date) -> None:
    """Give every item a year (see the module docstring for the rule)."""
    keys = [_key(it, role) for it, role in zip(items, roles, strict=True)]
    years: list[int | None] = [it.y for it in items]
    explicit = [k for k, y in enumerate(years) if y is not None]
    if not explicit:
        last = len(items) - 1
        m, d = keys[last]
        if items[last].kind == "month":
            d = _calendar.monthrange(2001, m)[1] if roles[last] != "start" else 1
        years[last] = infer_year(m, d, reference)
        explicit = [last]
    first = explicit[0]
    year = years[first]
    assert year is not None
    for k in range(first - 1, -1, -1):  # before the first known year: step back over New Year
        if keys[k] > keys[k + 1]:
            year -= 1
        years[k] = year
    year = years[first]
    assert year is not None
    for k in range(first + 1, len(items)):  # after it: step forward over New Year
        known = years[k]
        if known is not None:
            year = known
            continue
        if keys[k] < keys[k - 1]:
            year += 1
        years[k] = year
    for it, y in zip(items, years, strict=True):
        it.y = y


def _first_day(it: _Item) -> date:
    if it.kind == "month":
        return make_date(it.y, it.m, 1)  # type: ignore[arg-type]
    return _checked(make_date(it.y, it.m, it.d), it)  # type: ignore[arg-type]


def _last_day(it: _Item) -> date:
    if it.kind == "month":
        return make_date(it.y, it.m, _calendar.monthrange(it.y, it.m)[1])  # type: ignore[arg-type]
    return _checked(make_date(it.y, it.m, it.d), it)  # type: ignore[arg-type]


def _checked(day: date, it: _Item) -> date:
    if it.check is not None and _wd(day) is not it.check:
        raise InvalidValue(f"{day:%d.%m.%Y} is a {_wd(day).label_en}, not a {it.check.label_en}")
    return day


@dataclass(slots=True)
class _Span:
    start: date | None
    end: date | None
    days: list[date] | None = None  # a set of days (lists), else a plain range


def _evaluate(expr: _Expr, reference: date) -> _Span:
    items = expr.items
    _borrow_months(items)
    if expr.prefix == "zw":
        if len(items) != 2 or expr.seps != ["lst"]:
            raise _Reject("'zwischen' needs two dates joined by 'und'")
        expr = _Expr(None, items, ["rng"])
    if expr.prefix in ("from", "until") and len(items) == 1:
        role = "start" if expr.prefix == "from" else "end"
        _resolve_years(items, [role], reference)
        if expr.prefix == "from":
            return _Span(_first_day(items[0]), None)
        return _Span(None, _last_day(items[0]))
    if expr.prefix == "until":
        raise _Reject("'bis' followed by several dates")
    if expr.prefix == "from" and not (len(items) == 2 and expr.seps == ["rng"]):
        raise _Reject("'ab'/'vom' followed by several dates")
    # segments: runs joined by "rng" form ranges, "lst" separates segments
    segments: list[list[_Item]] = [[items[0]]]
    for sep, it in zip(expr.seps, items[1:], strict=True):
        if sep == "rng":
            segments[-1].append(it)
        else:
            segments.append([it])
    roles: list[str] = []
    for seg in segments:
        if len(seg) > 2:
            raise _Reject("a range with more than two ends")
        roles.extend(["start", "end"] if len(seg) == 2 else ["single"])
    _resolve_years(items, roles, reference)
    spans: list[tuple[date, date]] = []
    for seg in segments:
        a = _first_day(seg[0])
        b = _last_day(seg[-1])
        if b < a:
            raise InvalidValue(f"end {b:%d.%m.%Y} is before start {a:%d.%m.%Y}")
        spans.append((a, b))
    if len(spans) == 1:
        return _Span(spans[0][0], spans[0][1])
    days = sorted({d for a, b in spans for d in _days(a, b)})
    return _Span(days[0], days[-1], days)


# --------------------------------------------------------------------------- holidays


@dataclass(slots=True)
class _HolidayRef:
    name: str
    year: int | None
    weeks: list[int] | None  # 1-based; negative from the end; None = whole period
    both: bool = False
    text: str = ""


def _find_holiday(s: str) -> tuple[_HolidayRef | None, str]:
    for rx in (_HOLIDAY_WEEKS, _HOLIDAY_EDGE, _HOLIDAY_BOTH, _HOLIDAY_PERIOD):
        matches = list(rx.finditer(s))
        if not matches:
            continue
        if len(matches) > 1:
            raise _Reject("several holiday periods in one phrase")
        m = matches[0]
        name = (m["name"] or m.groupdict().get("name2") or "") + "ferien"
        year = int(m["year"]) if m["year"] else None
        if rx is _HOLIDAY_WEEKS:
            weeks = _ordinal_weeks(m["ords"])
            ref = _HolidayRef(name, year, weeks, text=m.group())
        elif rx is _HOLIDAY_EDGE:
            count = {"beiden": 2, "zwei": 2, "drei": 3, "vier": 4}.get(m["count"]) or int(
                m["count"]
            )
            weeks = list(range(1, count + 1)) if m["edge"] == "erste" else list(range(-count, 0))
            ref = _HolidayRef(name, year, weeks, text=m.group())
        elif rx is _HOLIDAY_BOTH:
            ref = _HolidayRef(name, year, None, both=True, text=m.group())
        else:
            ref = _HolidayRef(name, year, None, text=m.group())
        rest = s[: m.start()] + " , " + s[m.end() :]
        if _HOLIDAY_PERIOD.search(rest) or _HOLIDAY_WEEKS.search(rest):
            raise _Reject("several holiday periods in one phrase")
        return ref, rest
    return None, s


_ORD_SPLIT = re.compile(r"\s*(,|und|bis|-|&)\s*")


def _ordinal_weeks(text: str) -> list[int]:
    parts = _ORD_SPLIT.split(text.strip())
    values = [_ordinal(p) for p in parts[0::2]]
    seps = parts[1::2]
    weeks: list[int] = [values[0]]
    for sep, v in zip(seps, values[1:], strict=True):
        if sep in ("bis", "-"):
            lo = weeks[-1]
            if lo < 0 or v < 0:
                raise _Reject("a range of holiday weeks counted from the end")
            if v < lo:
                raise InvalidValue(f"holiday week {v} comes before week {lo}")
            weeks.extend(range(lo + 1, v + 1))
        else:
            weeks.append(v)
    return weeks


def _ordinal(word: str) -> int:
    word = word.strip()
    if word[0].isdigit():
        return int(word.rstrip("."))
    stem = word.rstrip("nrs") if word.endswith(("en", "er", "es")) else word
    if stem.startswith("vorletzte"):
        return -2
    if stem.startswith("letzte"):
        return -1
    for key, value in ORDINALS.items():
        if stem.startswith(key):
            return value
    raise _Reject(f"unknown ordinal {word!r}")  # pragma: no cover


def _resolve_holiday(
    ref: _HolidayRef, calendar: SchoolHolidays, reference: date
) -> tuple[HolidayPeriod, _Span]:
    if ref.name not in calendar.names:
        raise _Reject(f"no {ref.name} in the {calendar.state} school-holiday calendar")
    if ref.year is not None:
        period = calendar.get(ref.name, ref.year)
        if period is None:
            raise _Reject(f"{ref.name} {ref.year} is not in the school-holiday calendar")
    else:
        after = reference - YEAR_GRACE
        period = calendar.next_period(ref.name, after)
        if period is None:
            raise _Reject(f"no {ref.name} on or after {after} in the school-holiday calendar")
    if ref.weeks is None and not ref.both:
        return period, _Span(period.start, period.end)
    weeks = period.weeks()
    if ref.both:
        if len(weeks) != 2:
            raise _Reject(f"{period.key} has {len(weeks)} full holiday weeks, not two")
        chosen = list(weeks)
    else:
        chosen = []
        for w in ref.weeks or []:
            idx = w - 1 if w > 0 else len(weeks) + w
            if not 0 <= idx < len(weeks):
                raise _Reject(f"{period.key} has only {len(weeks)} full holiday weeks (Mon–Fri)")
            if weeks[idx] not in chosen:
                chosen.append(weeks[idx])
        chosen.sort()
    if len(chosen) == 1:
        return period, _Span(chosen[0][0], chosen[0][1])
    days = sorted(d for a, b in chosen for d in _days(a, b))
    return period, _Span(days[0], days[-1], days)


# --------------------------------------------------------------------------- main entry


def parse_dates(
    text: str | None,
    *,
    reference: date,
    holidays: SchoolHolidays | None = None,
) -> DateSpec | Unparsed:
    """Parse a German date phrase; see the module docstring for the rules.

    ``reference`` is the day the text was read (year inference); ``holidays`` defaults to the
    packaged NRW calendar. Returns :class:`Unparsed` for phrases it does not recognise and
    raises :class:`InvalidValue` for impossible ones.
    """
    if not text or not text.strip():
        return unparsed(text, "empty")
    try:
        return _parse(text, reference, holidays)
    except _Reject as exc:
        return unparsed(text, str(exc))


def _parse(text: str, reference: date, holidays: SchoolHolidays | None) -> DateSpec | Unparsed:
    s = _LABEL.sub("", fold(text, newline=" , "))
    # times first: "bis 16 Uhr" must not read as "until"
    times: TimeSpan | None = None
    found = list(TIME_IN_TEXT.finditer(s))
    if len(found) > 1:
        raise _Reject("several times in one date phrase (use the opening-hours parser)")
    if found:
        parsed_time = parse_times(found[0].group())
        if isinstance(parsed_time, Unparsed):
            raise _Reject(f"time {found[0].group()!r}: {parsed_time.reason}")
        times = parsed_time
        s = s[: found[0].start()] + " , " + s[found[0].end() :]
    # exception clause: from "außer"/"nicht am" to the closing bracket or the end
    except_text = None
    m = _EXCEPT.search(s)
    if m:
        close = s.find(")", m.end())
        open_ = s.rfind("(", 0, m.start())
        if open_ != -1 and close != -1 and s.find(")", open_, m.start()) == -1:
            except_text = s[m.end() : close]
            s = s[:open_] + " , " + s[close + 1 :]
        else:
            except_text = s[m.end() :]
            s = s[: m.start()]
        except_text = _EXCEPT.sub(" ", except_text)
    holiday_ref, s = _find_holiday(s)
    if holiday_ref is None and _HOLIDAY_GENERIC.search(s):
        raise _Reject("school holidays without saying which ones")
    parsed = _grammar(_attach_checks(_tokenize(s)))
    if parsed.ph or parsed.sh:
        raise _Reject("holidays are only understood as exceptions ('außer an Feiertagen')")
    if len(parsed.exprs) > 2:
        raise _Reject("several separate date ranges")
    spans = [_evaluate(e, reference) for e in parsed.exprs]
    span: _Span | None = None
    if len(spans) == 2:
        a, b = spans
        if a.end is None and b.start is None and a.start and b.end:  # "ab 3.3., bis 5.5."
            span = _Span(a.start, b.end)
            if span.end < span.start:  # type: ignore[operator]
                raise InvalidValue(f"end {span.end:%d.%m.%Y} is before start {span.start:%d.%m.%Y}")
        else:
            raise _Reject("several separate dates or ranges")
    elif spans:
        span = spans[0]
    holiday_key = None
    if holiday_ref is not None:
        calendar = holidays if holidays is not None else SchoolHolidays.default()
        # explicit dates beside the phrase ("in der ersten Herbstferienwoche (25.–29.10.2027)")
        # say which year's holidays are meant
        anchor = span.start if span is not None and span.start is not None else reference
        if span is not None:  # the explicit dates are the offer; the phrase must only agree
            holiday_ref = replace(holiday_ref, weeks=None, both=False)
        period, hspan = _resolve_holiday(holiday_ref, calendar, anchor)
        holiday_key = period.key
        if span is None:
            span = hspan
        else:
            lo, hi = span.start or period.start, span.end or period.end
            if lo < period.start or hi > period.end:
                raise InvalidValue(
                    f"{lo:%d.%m.%Y}–{hi:%d.%m.%Y} is not within {period.key} "
                    f"({period.start:%d.%m.%Y}–{period.end:%d.%m.%Y})"
                )
    weekdays: set[Weekday] = set(parsed.weekdays)
    has_weekdays = parsed.has_weekdays
    exceptions: set[date] = set()
    skip_ph = skip_sh = False
    if except_text is not None:
        weekdays, has_weekdays, skip_ph, skip_sh = _apply_exceptions(
            except_text, span, weekdays, has_weekdays, exceptions, reference, holidays
        )
    if parsed.lone_singular and span is None and holiday_key is None:
        raise _Reject("a single weekday without a date (one day, or every week?)")
    if span is None and not has_weekdays:
        if times is not None:
            raise _Reject("only a time, no date")
        raise _Reject("no date found")
    spec = _build(span, weekdays, has_weekdays, exceptions, times, holiday_key)
    if skip_ph or skip_sh:
        spec = replace(spec, skip_public_holidays=skip_ph, skip_school_holidays=skip_sh)
    return spec


def _build(
    span: _Span | None,
    weekdays: set[Weekday],
    has_weekdays: bool,
    exceptions: set[date],
    times: TimeSpan | None,
    holiday_key: str | None,
) -> DateSpec:
    start = span.start if span else None
    end = span.end if span else None
    if has_weekdays and not weekdays:
        raise InvalidValue("every weekday is excluded")
    if span is not None and span.days is not None:
        days = span.days
        if has_weekdays:
            for d in days:
                if _wd(d) not in weekdays and len(days) <= 1:
                    raise InvalidValue(
                        f"{d:%d.%m.%Y} is a {_wd(d).label_en}, not one of the weekdays given"
                    )
            days = [d for d in days if _wd(d) in weekdays]
            if not days:
                raise InvalidValue("none of the dates falls on the weekdays given")
        present = {_wd(d) for d in days}
        contiguous = (days[-1] - days[0]).days + 1 == len(days)
        if has_weekdays:
            use = weekdays
        elif contiguous:
            use = set()
        else:
            use = present if present != ALL_WEEKDAYS else set()
        dayset = set(days)
        gaps = [
            d for d in _days(days[0], days[-1]) if d not in dayset and (not use or _wd(d) in use)
        ]
        if len(gaps) > MAX_LIST_EXCEPTIONS:
            raise _Reject("the dates are too far apart to list as one schedule")
        exceptions |= set(gaps)
        start, end = days[0], days[-1]
        weekdays, has_weekdays = use, bool(use)
    for day in exceptions:
        if (start is not None and day < start) or (end is not None and day > end):
            raise _Reject(f"exception {day:%d.%m.%Y} lies outside the dates given")
    if start is not None and end is not None and has_weekdays:
        if start == end and _wd(start) not in weekdays:
            raise InvalidValue(
                f"{start:%d.%m.%Y} is a {_wd(start).label_en}, not one of the weekdays given"
            )
        if (end - start).days < 7 and not any(
            _wd(start + timedelta(days=i)) in weekdays for i in range((end - start).days + 1)
        ):
            raise InvalidValue(
                f"no day between {start:%d.%m.%Y} and {end:%d.%m.%Y} falls on the weekdays given"
            )
    return DateSpec(
        start=start,
        end=end,
        weekdays=_sorted_weekdays(weekdays) if has_weekdays else (),
        exceptions=tuple(sorted(exceptions)),
        times=times,
        holiday=holiday_key,
    )


def _apply_exceptions(
    text: str,
    span: _Span | None,
    weekdays: set[Weekday],
    has_weekdays: bool,
    exceptions: set[date],
    reference: date,
    holidays: SchoolHolidays | None,
) -> tuple[set[Weekday], bool, bool, bool]:
    """Read the clause after "außer": weekdays to drop, dates, holidays. Returns the weekdays
    and whether public / school holidays are left out (listed as exception days as well when
    the schedule has a first and a last day)."""
    holiday_ref, text = _find_holiday(text)
    parsed = _grammar(_attach_checks(_tokenize(text)))
    if not (parsed.has_weekdays or parsed.exprs or parsed.ph or parsed.sh or holiday_ref):
        raise _Reject("nothing after 'außer'")
    if parsed.has_weekdays:
        base = weekdays if has_weekdays else set(ALL_WEEKDAYS)
        weekdays = base - parsed.weekdays
        has_weekdays = True
    start = span.start if span else None
    end = span.end if span else None
    keep = weekdays if has_weekdays else set(ALL_WEEKDAYS)
    for expr in parsed.exprs:
        exceptions |= _exception_days(expr, start, end, keep, reference)
    if holiday_ref is not None and (start is None or end is None):
        raise _Reject("named holiday exceptions need a first and a last day to be listed")
    if start is None or end is None:  # open-ended: the flags carry the rule
        return weekdays, has_weekdays, parsed.ph, parsed.sh
    if parsed.ph:
        for year in range(start.year, end.year + 1):  # type: ignore[union-attr]
            for d in public_holidays(year):
                if start <= d <= end and _wd(d) in keep:  # type: ignore[operator]
                    exceptions.add(d)
    if parsed.sh or holiday_ref is not None:
        calendar = holidays if holidays is not None else SchoolHolidays.default()
        if not calendar.covers(start, end):  # type: ignore[arg-type]
            raise _Reject(f"the school-holiday calendar does not cover {start}..{end}")
        if holiday_ref is not None and holiday_ref.weeks is not None:
            raise _Reject("holiday weeks are not understood as exceptions")
        name = None if parsed.sh else holiday_ref.name  # type: ignore[union-attr]
        if name is not None and name not in calendar.names:
            raise _Reject(f"no {name} in the {calendar.state} school-holiday calendar")
        for p in calendar.overlapping(start, end, name):  # type: ignore[arg-type]
            for d in _days(max(p.start, start), min(p.end, end)):  # type: ignore[type-var]
                if _wd(d) in keep:
                    exceptions.add(d)
    return weekdays, has_weekdays, parsed.ph, bool(parsed.sh)


def _exception_days(
    expr: _Expr, start: date | None, end: date | None, keep: set[Weekday], reference: date
) -> set[date]:
    if expr.prefix is not None:
        raise _Reject("an open range ('ab', 'bis') cannot be an exception")
    items = expr.items
    _borrow_months(items)
    if start is not None and all(it.y is None for it in items):
        # place year-less exceptions inside the schedule where they fit
        for year in range(start.year, (end or start).year + 2):
            trial = [_Item(it.d, it.m, year, it.kind) for it in items]
            try:
                days = _evaluate(_Expr(None, trial, list(expr.seps)), reference)
            except (InvalidValue, _Reject):
                continue
            if days.start >= start and (end is None or days.end <= end):  # type: ignore[operator]
                items = trial
                break
    span = _evaluate(_Expr(None, items, list(expr.seps)), reference)
    if span.days is not None:
        return set(span.days)
    if span.start == span.end:
        return {span.start}  # type: ignore[arg-type]
    return {d for d in _days(span.start, span.end) if _wd(d) in keep}  # type: ignore[arg-type]
