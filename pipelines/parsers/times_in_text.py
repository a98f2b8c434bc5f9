"""Clock times inside running text: "Die Ferienspiele beginnen jeweils um 9.30 Uhr und gehen
bis 16.30 Uhr", "täglich von 8.30 bis 12 Uhr und von 14 bis 17 Uhr", "ab 7.30 Uhr".

Every time or span of the sentence, in order: ``von X bis Y`` and ``X–Y Uhr`` are spans,
``ab``/``um``/a lone time are starts, ``bis``/``spätestens``/a closing verb ("schließt um",
"endet um", "… ist Schluss") are ends; "macht um 13 Uhr auf und schließt um 20 Uhr" is one
span. A number is a time only with "Uhr"/"h", with minutes after a colon, or as the other end
of a span that has them: "12 - 21 Jahren", "10-15 Minuten", "48h (2 Tage)" and dates such as
"23.12.21" are not times. A qualifier that holds only on some days ("außer am letzten Tag bis
14 Uhr") is a value of its own, so nothing is lost and nothing invented.
"""

from __future__ import annotations

import re
from datetime import time

from pipelines.parsers.text import fold
from pipelines.parsers.times import TimeSpan

_NUMBER_WORDS = {
    "eins": 1, "ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7,
    "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14,
    "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
    "zwanzig": 20,
}
_WORD = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_T = (r"(?:(?P<{n}h>(?<![\d.:,])(?:[01]?\d|2[0-4]))(?:(?P<{n}sep>[:.])(?P<{n}m>[0-5]\d))?"
      r"(?![\d])(?!\.\d)|(?P<{n}w>\b(?:" + _WORD + r")\b))")
_T1, _T2 = _T.format(n="a"), _T.format(n="b")
_UNIT = r"(?:\s*(?:uhr|h)\b\.?)"
_SOFT = r"(?:maximal|max\.|spätestens|längstens|höchstens|ca\.|circa|etwa|zirka)\s+"
_LEAD = (r"(?P<lead>\b(?:von|ab|um|bis|zwischen|gegen|spätestens(?:\s+um|\s+bis)?|"
         r"frühestens(?:\s+ab|\s+um)?|bereits(?:\s+um|\s+ab)?|erst(?:\s+um|\s+ab)?|"
         r"schon(?:\s+um|\s+ab)?|jeweils(?:\s+um|\s+von|\s+ab|\s+bis)?|"
         r"(?:in\s+der\s+)?zeit\s+von|morgens|abends|ab\s+morgens|"
         r"längstens(?:\s+aber)?(?:\s+bis)?|nur(?:\s+noch)?(?:\s+bis|\s+von)?|"
         r"um(?=\d))\s*)?")
_SPAN = re.compile(
    _LEAD + _T1 + rf"(?P<au>{_UNIT})?\s*(?P<sep>-|–|—|bis(?:\s+zum)?|und)\s*(?:{_SOFT})?"
    + _T2 + rf"(?P<bu>{_UNIT})?"
)
_ONE = re.compile(_LEAD + _T1 + rf"(?P<au>{_UNIT})?")
_AFTER = re.compile(
    r"^\s*(?:minuten|min\.?\b|stunden|std\.?|tage|tagen|jahre|jahren|jährige|-jährige|"
    r"jahr\b|monate|wochen|%|€|euro|grad|°|cm|m\b|km|kinder|plätze|personen|teilnehm)"
)
_CLOSING = re.compile(
    r"(?:\b(?:ab)?(?:schließt|schliesst)|\b(?:schließen|endet|enden|endete|endeten|beendet|"
    r"schluss|schluß))\b[^.;]{0,40}$"
)
_CLOSING_AFTER = re.compile(
    r"^\s*(?:uhr\s*)?(?:schluss|schluß|geschlossen|feierabend|endet|endete|enden|endeten)\b"
)
_OPENING = re.compile(r"\b(?:öffnet|öffnen|macht|machen|beginnt|beginnen|startet)\b[^.;]{0,40}$")


def _clock(m: re.Match, n: str) -> time | None:
    if m[f"{n}w"]:
        hour, minute = _NUMBER_WORDS[m[f"{n}w"]], 0
    else:
        hour, minute = int(m[f"{n}h"]), int(m[f"{n}m"] or 0)
    if hour == 24 and minute == 0:
        return time(0, 0)
    if hour > 23:
        return None
    return time(hour, minute)


def _timeish(m: re.Match, n: str, unit: str | None) -> bool:
    """Written as a time: a unit, or minutes after a colon (or a dot, with a unit elsewhere)."""
    if m[f"{n}w"]:
        return bool(unit)
    return bool(unit) or m[f"{n}sep"] == ":"


def _not_a_date(m: re.Match, n: str) -> bool:
    """"13.00", "19.30": hour and minutes after a dot that cannot be day and month."""
    return m[f"{n}sep"] == "." and (m[f"{n}m"] == "00" or int(m[f"{n}m"]) > 12)


def find_times(text: str) -> list[TimeSpan]:
    """Every time and time span of a sentence, in order (see the module text)."""
    return [span for _, _, span in locate_times(text)]


def times_text(text: str) -> str:
    """The folded sentence that :func:`locate_times` positions point into."""
    return fold(text).replace("–", "-")


def locate_times(text: str) -> list[tuple[int, int, TimeSpan]]:
    """Every time and span with where it stands in :func:`times_text` of the sentence."""
    if not text or not text.strip():
        return []
    s = times_text(text)
    found: list[tuple[int, int, TimeSpan]] = []
    taken = [False] * len(s)
    for m in _SPAN.finditer(s):
        span = _span(m, s)
        if span is not None:
            found.append((m.start(), m.end(), span))
            taken[m.start():m.end()] = [True] * (m.end() - m.start())
    for m in _ONE.finditer(s):
        first = m.start("ah") if m["ah"] else m.start("aw")
        if any(taken[first:m.end()]):
            continue
        one = _single(m, s)
        if one is not None:
            found.append((m.start(), m.end(), one))
    found.sort(key=lambda x: x[0])
    where = [f[:2] for f in found]
    spans = _parallel([f[2] for f in found], where, s)
    return _pairs(spans, where, s)


def _parallel(spans: list[TimeSpan], where: list[tuple[int, int]], s: str) -> list[TimeSpan]:
    """"… endet um 14 Uhr … oder um 16 Uhr", "schließt sie um 15 Uhr, dienstags … um 18 Uhr":
    a lone 'um' time right after an end (joined by oder/und/a comma) is an end as well."""
    out = list(spans)
    for i in range(1, len(out)):
        prev, cur = out[i - 1], out[i]
        if prev.start is None and prev.end is not None and cur.end is None and \
                cur.start is not None:
            between = s[where[i - 1][1]:where[i][0]]
            lead = s[where[i][0]:where[i][0] + 3]
            if lead.startswith("um") and re.search(r"(?:\boder\b|\bund\b|,)", between) and \
                    len(between) < 60 and not re.search(r"\b(?:ab|öffnet|beginnt)\b", between):
                out[i] = TimeSpan(None, cur.start)
    return out


def _span(m: re.Match, s: str) -> TimeSpan | None:
    a, b = _clock(m, "a"), _clock(m, "b")
    if a is None or b is None:
        return None
    lead = (m["lead"] or "").strip()
    if m["sep"] == "und" and not lead.startswith("zwischen"):
        return None
    if _AFTER.match(s[m.end():]):
        return None
    au, bu = m["au"], m["bu"]
    dotted = _not_a_date(m, "a") and _not_a_date(m, "b")  # "13.00 bis 19.30"
    if not (_timeish(m, "a", au) or _timeish(m, "b", bu) or dotted):
        return None
    if m["aw"] and not au and not bu:
        return None
    if not bu and m["bsep"] != ":" and not au and not dotted:
        return None  # "von 10 Uhr bis 16" has a unit at the start; "12 - 21 Jahren" none
    return TimeSpan(a, b)


def _single(m: re.Match, s: str) -> TimeSpan | None:
    at = _clock(m, "a")
    if at is None:
        return None
    lead = (m["lead"] or "").strip()
    unit = m["au"]
    if m["aw"] and not unit:
        return None
    if not unit:
        shared_unit = lead.startswith(("ab", "um")) and re.match(
            r"\s*und\s+\d{1,2}(?:[.:]\d{2})?\s*uhr\b", s[m.end():])
        if m["asep"] == ":" or (m["asep"] == "." and lead.startswith(("ab", "um", "bis"))
                                and ("uhr" in s or _not_a_date(m, "a"))) or shared_unit:
            pass  # "um 08:30", "ab 14.15" beside other times in "Uhr", "ab 17 und 20.30 Uhr"
        else:
            return None
    if _AFTER.match(s[m.end():]):
        return None
    if lead.startswith(("ca", "circa", "etwa", "zirka")):
        return None
    before = s[max(0, m.start() - 60):m.start()]
    ending = lead.startswith(("bis", "spätestens", "längstens", "nur")) and \
        not re.search(r"\b(?:ab|von)\b", lead)
    if ending or _CLOSING.search(before) or _CLOSING_AFTER.match(s[m.end():]):
        return TimeSpan(None, at)
    return TimeSpan(at, None)  # "gegen 15 Uhr" without a closing word: a start


def _pairs(
    spans: list[TimeSpan], where: list[tuple[int, int]], s: str
) -> list[tuple[int, int, TimeSpan]]:
    """An opening time followed by a closing one ("macht um 13 Uhr auf und schließt um 20 Uhr",
    "ab 13.00 Uhr bis spätestens 14.00 Uhr") is one span."""
    out: list[tuple[int, int, TimeSpan]] = []
    i = 0
    while i < len(spans):
        cur = spans[i]
        if i + 1 < len(spans) and cur.end is None and cur.start is not None \
                and spans[i + 1].start is None and spans[i + 1].end is not None:
            between = s[where[i][1]:where[i + 1][0]]
            before = s[max(0, where[i][0] - 40):where[i][0]]
            lead_of_end = s[where[i + 1][0]:where[i + 1][0] + 4]
            if re.fullmatch(r"\s*(?:bis|-)?\s*", between) or (
                    lead_of_end.startswith("bis") and len(between) <= 30
                    and re.match(r"^\s*(?:uhr\s*)?(?:und|,)\s+(?:[a-zäöüß]+\s+){0,2}$", between)
            ) or (
                    re.search(r"\b(?:auf|geöffnet|öffnet|beginnt|startet|beginnen)\b",
                              between + before)
                    and re.search(r"\b(?:schließt|schliesst|endet)\b", between)):
                out.append((where[i][0], where[i + 1][1], TimeSpan(cur.start, spans[i + 1].end)))
                i += 2
                continue
        out.append((*where[i], cur))
        i += 1
    return out
