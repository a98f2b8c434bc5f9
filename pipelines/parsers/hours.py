"""Opening hours: "Mo–Fr 7.00–16.30 Uhr", "täglich außer montags 10–18 Uhr",
"Di 9-12 und 14-17 Uhr", "Mo, Do 8–10.30 Uhr und nach Vereinbarung".

The result carries an OpenStreetMap ``opening_hours`` string and the same hours as schema.org
``OpeningHoursSpecification`` rows. The parser also reads its own OSM output (and the common
OSM subset: weekday rules, "off", "PH off", "SH off", "24/7", a ``|| "comment"`` fallback), so
``parse_opening_hours(result.osm).spec == result.spec``.

Rules:
* Rules for the same day add up ("Mo–Fr 8–12 Uhr, Di 14–18 Uhr": Tuesday has both) — the
  German reading; "nur" replaces ("Mi nur 8–12 Uhr"), "geschlossen"/"Ruhetag" clears a day.
  Our OSM output never names a day twice, so OSM's "later rule wins" reading agrees.
* A closing time of 24:00 (midnight) is kept as ``time(0, 0)`` and written "24:00".
  Intervals that close before they open raise :class:`InvalidValue`.
* "nach Vereinbarung" sets ``by_appointment`` (OSM: ``|| "nach Vereinbarung"``);
  "feiertags geschlossen"/"in den Ferien geschlossen" become "PH off"/"SH off" and a ``note``
  (the weekly ``spec`` cannot say it). "werktags" (Mo–Fr or Mo–Sa?), times without days and
  seasonal rules are :class:`Unparsed`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import time

from pipelines.parsers.result import Unparsed, unparsed
from pipelines.parsers.text import fold
from pipelines.parsers.times import MIDNIGHT, check_span, clock
from pipelines.parsers.words import WEEKDAY_ABBR, WEEKDAY_FULL, WEEKDAYS, alternation
from schemas.location import OpeningHoursSpecification
from schemas.vocab import Weekday

APPOINTMENT_COMMENT = "nach Vereinbarung"
NOTE_PH = "feiertags geschlossen"
NOTE_SH = "in den Schulferien geschlossen"


@dataclass(frozen=True, slots=True)
class OpeningHours:
    """Weekly opening hours: OSM string, schema.org rows, appointment flag, remarks."""

    osm: str
    spec: tuple[OpeningHoursSpecification, ...]
    by_appointment: bool = False
    note: str | None = None


_LABEL = re.compile(
    r"^(?:öffnungszeiten|oeffnungszeiten|öffnungszeit|sprechzeiten|sprechzeit|sprechstunden?|"
    r"bürozeiten|buerozeiten|betreuungszeiten|betreuungszeit|servicezeiten|geöffnet|geoeffnet|"
    r"kernzeiten|kernzeit|telefonzeiten|beratungszeiten|offene\s+sprechstunde|opening\s+hours|"
    r"zeiten)\s*:?\s*"
)
_FALLBACK = re.compile(r'\|\|\s*"(?P<c>[^"]*)"\s*$')
_COMMENT_ONLY = re.compile(r'^"(?P<c>[^"]*)"$')
_APPOINTMENT = re.compile(
    r"(?:[,;]\s*)?(?:\b(?:und|sowie|oder|u\.)\s+)?(?:\bweitere\s+)?(?:\btermine\s+)?"
    r"(?:\bnach\s+(?:telefonischer\s+|vorheriger\s+)?"
    r"(?:vereinbarung|absprache|terminvereinbarung|terminabsprache|anmeldung)"
    r"|\bauf\s+anfrage|\bby\s+appointment|\bon\s+appointment)\b"
)
_PH_OFF = re.compile(
    r"(?:[,;]\s*)?(?:\b(?:an|am)\s+)?(?:\bgesetzlichen\s+)?"
    r"\b(?:feiertag(?:en|e|s)?|feiertags)\s+(?:geschlossen|zu)\b"
    r"|\bph\s+(?:off|closed)\b"
)
_SH_OFF = re.compile(
    r"(?:[,;]\s*)?(?:\b(?:in|während|waehrend)\s+(?:den|der)\s+)?"
    r"\b(?:schul)?ferien\s+(?:geschlossen|zu)\b"
    r"|\bsh\s+(?:off|closed)\b"
)
_ALWAYS = re.compile(
    r"^(?:24/7|rund\s+um\s+die\s+uhr(?:\s+geöffnet)?|24\s+stunden(?:\s+geöffnet)?"
    r"|immer\s+geöffnet)$"
)

_T = r"(?P<{n}h>\d{{1,2}})(?:[:.](?P<{n}m>\d{{2}}))?"
_TOKEN = re.compile(
    rf"""
      (?P<span>(?:von\s+)?{_T.format(n="a")}\s*(?:uhr|h)?\s*(?:-|bis)\s*
        {_T.format(n="b")}\s*(?:uhr|h\b)?)
    | \b(?P<wdp>(?:{alternation(WEEKDAY_FULL)})s)\b
    | \b(?P<wdf>{alternation(WEEKDAY_FULL)})\b
    | \b(?P<wda>{alternation(WEEKDAY_ABBR)})\b\.?
    | \b(?P<daily>täglich|taeglich|tägl\.|jeden\s+tag|alle\s+tage|mo-so|daily)
    | (?P<weekend>\b(?:am\s+|an\s+)?wochenenden?\b|\bwochenends\b)
    | \b(?P<workweek>wochentags|unter\s+der\s+woche)\b
    | \b(?P<werktags>werktags|werktäglich|an\s+werktagen)\b
    | \b(?P<closed>geschlossen|ruhetag|closed|off|zu)\b
    | \b(?P<only>nur)\b
    | \b(?P<except>außer|ausser|ausgenommen|except|nicht)\b
    | (?P<rng>-|\bbis\b)
    | (?P<lst>,|;|/|&|\+|\bund\b|\bsowie\b|\bu\.)
    | \b(?P<fill>uhr|von|jeweils|durchgehend|geöffnet|geoeffnet|open|am|an|den|dem|der|die|immer)\b
    | (?P<punct>[:.()\[\]])
    """,
    re.X,
)
_NOT_SPACE = re.compile(r"\S")
_ALL = frozenset(WEEKDAYS)


class _Reject(Exception):
    pass


@dataclass(slots=True)
class _Tok:
    kind: str
    value: object = None


def _tokens(s: str) -> list[_Tok]:
    out: list[_Tok] = []
    pos = 0
    for m in _TOKEN.finditer(s):
        if _NOT_SPACE.search(s[pos : m.start()]):
            raise _Reject(f"unrecognised text {s[pos : m.start()].strip()!r}")
        pos = m.end()
        kind = m.lastgroup
        if kind in ("span", "ah", "am", "bh", "bm"):
            opens = clock(m["ah"], m["am"])
            closes = clock(m["bh"], m["bm"], end=True)
            check_span(opens, closes, until_24=int(m["bh"]) == 24)
            out.append(_Tok("span", (opens, closes)))
        elif kind == "wdp":
            out.append(_Tok("day", frozenset({WEEKDAY_FULL[m["wdp"][:-1]]})))
        elif kind == "wdf":
            out.append(_Tok("day", frozenset({WEEKDAY_FULL[m["wdf"]]})))
        elif kind == "wda":
            out.append(_Tok("day", frozenset({WEEKDAY_ABBR[m["wda"]]})))
        elif kind == "daily":
            out.append(_Tok("day", _ALL))
        elif kind == "weekend":
            out.append(_Tok("day", frozenset(WEEKDAYS[5:])))
        elif kind == "workweek":
            out.append(_Tok("day", frozenset(WEEKDAYS[:5])))
        elif kind == "werktags":
            raise _Reject("'werktags' is ambiguous (Monday–Friday or Monday–Saturday)")
        elif kind in ("closed", "only", "except", "rng", "lst"):
            out.append(_Tok(kind))
        # fill, punct dropped
    if _NOT_SPACE.search(s[pos:]):
        raise _Reject(f"unrecognised text {s[pos:].strip()!r}")
    return out


def _day_selector(toks: list[_Tok], i: int) -> tuple[set[Weekday], int]:
    """Days joined by ranges and lists, with an optional "außer ..." (days to leave out)."""
    days: set[Weekday] = set()
    n = len(toks)
    last: frozenset[Weekday] | None = None
    excluding = False
    excluded: set[Weekday] = set()
    while i < n:
        t = toks[i]
        if t.kind == "day":
            target = excluded if excluding else days
            target |= t.value  # type: ignore[arg-type]
            last = t.value  # type: ignore[assignment]
            i += 1
            continue
        if t.kind == "rng" and last is not None and i + 1 < n and toks[i + 1].kind == "day":
            a, b = last, toks[i + 1].value
            if len(a) != 1 or len(b) != 1:  # type: ignore[arg-type]
                raise _Reject("a weekday range needs single days at both ends")
            k = WEEKDAYS.index(next(iter(a)))  # type: ignore[arg-type]
            ib = WEEKDAYS.index(next(iter(b)))  # type: ignore[arg-type]
            target = excluded if excluding else days
            while True:
                target.add(WEEKDAYS[k])
                if k == ib:
                    break
                k = (k + 1) % 7
            last = b  # type: ignore[assignment]
            i += 2
            continue
        if t.kind == "lst" and i + 1 < n and toks[i + 1].kind in ("day", "except"):
            i += 1
            continue
        if t.kind == "except" and days:
            excluding = True
            i += 1
            continue
        break
    return days - excluded, i


def _spans(toks: list[_Tok], i: int) -> tuple[list[tuple[time, time]], int]:
    spans: list[tuple[time, time]] = []
    n = len(toks)
    while i < n and toks[i].kind == "span":
        spans.append(toks[i].value)  # type: ignore[arg-type]
        i += 1
        if i + 1 < n and toks[i].kind == "lst" and toks[i + 1].kind == "span":
            i += 1
    return spans, i


def _rules(toks: list[_Tok]) -> dict[Weekday, list[tuple[time, time]]]:
    table: dict[Weekday, list[tuple[time, time]]] = {}
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t.kind == "lst":
            i += 1
            continue
        if t.kind != "day":
            if t.kind == "span":
                raise _Reject("times without days")
            raise _Reject(f"unexpected '{t.kind}'")
        days, i = _day_selector(toks, i)
        if not days:
            raise _Reject("every day is excluded")
        only = False
        if i < n and toks[i].kind == "only":
            only = True
            i += 1
        if i < n and toks[i].kind == "closed":
            for d in days:
                table[d] = []
            i += 1
            continue
        spans, i = _spans(toks, i)
        if not spans:
            raise _Reject("days without times")
        for d in days:
            if only or d not in table:
                table[d] = []
            table[d].extend(spans)
    return table


def _merge(spans: list[tuple[time, time]]) -> list[tuple[time, time]]:
    def key(t: time, end: bool) -> int:
        return 24 * 60 if end and t == MIDNIGHT else t.hour * 60 + t.minute

    ordered = sorted(spans, key=lambda s: (key(s[0], False), key(s[1], True)))
    out: list[tuple[time, time]] = []
    for opens, closes in ordered:
        if out and key(opens, False) <= key(out[-1][1], True):
            if key(closes, True) > key(out[-1][1], True):
                out[-1] = (out[-1][0], closes)
            continue
        out.append((opens, closes))
    return out


def _fmt_time(t: time, end: bool) -> str:
    return "24:00" if end and t == MIDNIGHT else f"{t.hour:02d}:{t.minute:02d}"


def _fmt_days(days: list[Weekday]) -> str:
    idx = sorted(WEEKDAYS.index(d) for d in days)
    parts: list[str] = []
    run = [idx[0]]
    for k in idx[1:]:
        if k == run[-1] + 1:
            run.append(k)
        else:
            parts.append(_fmt_run(run))
            run = [k]
    parts.append(_fmt_run(run))
    return ",".join(parts)


def _fmt_run(run: list[int]) -> str:
    code = [WEEKDAYS[k].value.title() for k in run]
    if len(run) >= 3:
        return f"{code[0]}-{code[-1]}"
    return ",".join(code)


def build_osm(
    table: dict[Weekday, list[tuple[time, time]]],
    *,
    ph_off: bool = False,
    sh_off: bool = False,
    by_appointment: bool = False,
) -> str:
    """The OSM ``opening_hours`` string for a weekly table (days never repeated)."""
    groups: dict[tuple[tuple[time, time], ...], list[Weekday]] = {}
    for d in WEEKDAYS:
        spans = tuple(table.get(d, ()))
        if spans:
            groups.setdefault(spans, []).append(d)
    rules: list[str]
    if (
        len(groups) == 1
        and len(next(iter(groups.values()))) == 7
        and next(iter(groups)) == ((MIDNIGHT, MIDNIGHT),)
    ):
        rules = ["24/7"]
    else:
        rules = [
            f"{_fmt_days(days)} "
            + ",".join(f"{_fmt_time(a, False)}-{_fmt_time(b, True)}" for a, b in spans)
            for spans, days in sorted(groups.items(), key=lambda kv: WEEKDAYS.index(kv[1][0]))
        ]
    if rules and sh_off:
        rules.append("SH off")
    if rules and ph_off:
        rules.append("PH off")
    osm = "; ".join(rules)
    if by_appointment:
        comment = f'"{APPOINTMENT_COMMENT}"'
        osm = f"{osm} || {comment}" if osm else comment
    return osm


def parse_opening_hours(text: str | None) -> OpeningHours | Unparsed:
    """Weekly opening hours from German (or OSM) text; see the module docstring."""
    if not text or not text.strip():
        return unparsed(text, "empty")
    try:
        return _parse(text)
    except _Reject as exc:
        remark = _BRACKET_NOTE.search(text)
        if remark and remark.start() > 0:  # "Mo–Fr 7–14 Uhr (Blocköffnung)": a note
            try:
                hours = _parse(text[: remark.start()])
            except _Reject:
                pass
            else:
                note = remark.group(1).strip()
                return replace(hours, note="; ".join(n for n in (hours.note, note) if n))
        return unparsed(text, str(exc))


_BRACKET_NOTE = re.compile(r"\s*\(([^()\d]*)\)\s*$")
"""A trailing remark in brackets without any number: kept as the note."""


def _parse(text: str) -> OpeningHours:
    s = _LABEL.sub("", fold(text, newline=" ; ")).strip(" ;,.")
    by_appointment = False
    notes: list[str] = []
    m = _FALLBACK.search(s)
    if m:
        if not _APPOINTMENT.search(m["c"]):
            raise _Reject(f"unknown OSM fallback comment {m['c']!r}")
        by_appointment = True
        s = s[: m.start()].strip(" ;,")
    m = _COMMENT_ONLY.match(s)
    if m:
        if not _APPOINTMENT.search(m["c"]):
            raise _Reject(f"unknown OSM comment {m['c']!r}")
        by_appointment = True
        s = ""
    if _APPOINTMENT.search(s):
        by_appointment = True
        s = _APPOINTMENT.sub(" ", s)
    ph_off = bool(_PH_OFF.search(s))
    if ph_off:
        s = _PH_OFF.sub(" ", s)
        notes.append(NOTE_PH)
    sh_off = bool(_SH_OFF.search(s))
    if sh_off:
        s = _SH_OFF.sub(" ", s)
        notes.append(NOTE_SH)
    s = s.strip(" ;,.")
    if _ALWAYS.match(s):
        table = {d: [(MIDNIGHT, MIDNIGHT)] for d in WEEKDAYS}
    elif s:
        table = {d: _merge(spans) for d, spans in _rules(_tokens(s)).items()}
    else:
        table = {}
    if not any(table.values()) and not by_appointment:
        raise _Reject("no opening hours found")
    spec = tuple(
        OpeningHoursSpecification(day_of_week=d, opens=a, closes=b)
        for d in WEEKDAYS
        for a, b in table.get(d, ())
    )
    osm = build_osm(table, ph_off=ph_off, sh_off=sh_off, by_appointment=by_appointment)
    return OpeningHours(
        osm=osm, spec=spec, by_appointment=by_appointment, note="; ".join(notes) if notes else None
    )
