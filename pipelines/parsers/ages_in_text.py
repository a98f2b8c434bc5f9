"""Ages inside running text: "Kinder, die bereits eingeschult und maximal zwölf Jahre alt
sind", "Jungen und Mädchen im Alter von sieben bis 13 Jahren", "für Acht- bis 14-Jährige",
"im ersten Lebensjahr", "Kinder unter drei Jahren (U3)".

Every age range of the sentence, in completed months, inclusive: a lower bound of N years is
N×12, an upper bound N×12+11 ("bis 12 Jahre" → 155), "unter N" N×12−1; months as written.
A number is an age only with an age word around it — "ab", "bis", "unter", "über",
"zwischen", "im Alter von", "mit N Jahren", "N-Jährige", "Lebensjahr", "Geburtstag" — never a
duration ("seit drei Jahren", "40 Jahre Ferienstadt") nor a count ("maximal 6 Kindern").
School phrases: Grundschulkinder 6–10, Vorschulkinder 5, eingeschult and Schulkinder from 6,
U3 under 3, Ü3 from 3; "für Jung und Alt" is every age.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.parsers.ages import AgeSpec
from pipelines.parsers.text import fold
from schemas.vocab import AgeScope

_WORDS = {
    "null": 0, "eins": 1, "ein": 1, "einem": 1, "einen": 1, "eines": 1, "einer": 1, "zwei": 2,
    "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
    "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16,
    "siebzehn": 17, "achtzehn": 18, "neunzehn": 19, "zwanzig": 20, "eineinhalb": 1.5,
    "anderthalb": 1.5, "einundzwanzig": 21,
}
_ORDINALS = {
    "ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4, "fünften": 5, "sechsten": 6,
    "siebten": 7, "achten": 8, "neunten": 9, "zehnten": 10, "elften": 11, "zwölften": 12,
    "vierzehnten": 14, "sechzehnten": 16, "achtzehnten": 18,
}
_W = "|".join(sorted(_WORDS, key=len, reverse=True))
_N = rf"(?:\d{{1,2}}(?:,5)?|{_W})"
_Y = r"(?:jahre|jahren|jahr|j\.)(?![a-zäöüß])"
_M = r"(?:monate|monaten|monat)(?![a-zäöüß])"
_U = rf"(?:{_Y}|{_M})"
_ORD = r"(?:\d{1,2}\.|" + "|".join(_ORDINALS) + r")"
_JAEHRIG = r"-?\s*jährig(?:e[nrs]?)?"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern)) for name, pattern in (
        ("range_jaehrig", rf"\b(?P<a>{_N})(?:-?\s*jährig\w*)?\s*-?\s*"
                          rf"(?P<sep>bis(?:\s+unter)?|und|-)\s*(?P<b>{_N}){_JAEHRIG}"),
        ("range", rf"(?:\b(?:im\s+alter\s+(?:von|zwischen)|von|zwischen|ab)\s+"
                  rf"(?:ca\.\s+|etwa\s+)?)?"
                  rf"\b(?P<a>{_N})\s*(?P<ua>{_U})?\s*(?P<sep>-|–|bis(?:\s+unter|\s+zu)?|und)\s*"
                  rf"(?P<b>{_N})\s*(?P<ub>{_U})"),
        ("lebensjahr", rf"\b(?P<pre>im|ab\s+dem|ab|bis\s+zum\s+vollendeten|bis\s+zum|"
                       rf"bis\s+zur\s+vollendung\s+des|mit\s+(?:vollendung|beginn)\s+des|nach\s+vollendung\s+des|"
                       rf"vollendung\s+des|mit\s+dem|vor\s+dem)\s+(?P<n>{_ORD})\s*"
                       r"(?P<what>lebensjahr\w*|lebensmonat\w*|geburtstag\w*)"),
        ("jaehrig", rf"(?P<pre>\bunter\s+|\büber\s+)?\b(?P<n>{_N}){_JAEHRIG}"),
        ("plus", r"\((?P<n>\d{1,2})\s*\+\)"),
        ("older", rf"\b(?P<n>{_N})\s+und\s+älter\b"),
        ("years_months", rf"\b(?P<a>{_N})\s+jahre?\s+und\s+(?P<b>{_N})\s+monate?\b"),
        ("alt", rf"\b(?P<pre>mindestens|maximal|höchstens|etwa|ca\.|circa)?\s*(?P<n>{_N})\s+"
                rf"{_Y}\s+alt\b"),
        ("bound", rf"\b(?P<pre>ab|bis\s+einschließlich|bis\s+zu|bis|unter|über|mindestens|"
                  rf"maximal|höchstens|frühestens|erst\s+mit|bereits\s+mit|mit)\s+"
                  rf"(?:ca\.\s+|etwa\s+|zum\s+)?(?P<n>{_N})\s*(?P<u>{_U})"),
        ("ab_bare", rf"\b(?P<pre>ab)\s+(?P<n>{_N})\s*(?=[,;)]|\.(?!\d)|$)"),
        ("keyword", r"\b(?:grundschulkinder\w*|grundschulalter|grundschüler\w*|"
                    r"vorschulkinder\w*|letzten\s+(?:kindergarten|kita)-?jahr\w*|"
                    r"bereits\s+eingeschult|schulkinder\w*|u\s?3(?:-kinder)?|ü\s?3(?:-kinder)?|"
                    r"unter\s+dreijährige\w*|jung\s+(?:und|&|trifft)\s+alt|"
                    r"ohne\s+altersgrenze\w*|jede[rn]?\s+altersstufe|alle[n]?\s+altersgruppen|"
                    r"alle[n]?\s+generationen|groß\s+und\s+klein|unabhängig\s+vom\s+alter)\b"),
    )
)
_DURATION_BEFORE = re.compile(r"\b(?:seit|vor|nach|für|in|innerhalb|alle|je|pro|jeweils)\s+$")
_NOT_PERSON_AFTER = re.compile(
    r"^\s*(?:programm|projekt|jubiläum|bestehen|erfahrung|ausbildung|laufzeit|förderung|"
    r"pause|studie|vertrag|zeitraum|bauzeit|wartezeit|amtszeit|frist|garantie|tradition|"
    r"geschichte|engagement|zusammenarbeit|partnerschaft|modell|phase|bestehens)\b"
)


@dataclass
class _Found:
    start: int
    end: int
    spec: AgeSpec
    name: str


def find_ages(text: str) -> list[AgeSpec]:
    """Every age range of a sentence, in order (see the module text)."""
    if not text or not text.strip():
        return []
    s = fold(text)
    found: list[_Found] = []
    taken = [False] * (len(s) + 1)
    for name, pattern in _PATTERNS:
        for m in pattern.finditer(s):
            if any(taken[m.start():m.end()]):
                continue
            spec = _read(name, m, s, text)
            if spec is None:
                continue
            found.append(_Found(m.start(), m.end(), spec, name))
            taken[m.start():m.end()] = [True] * (m.end() - m.start())
    found.sort(key=lambda f: f.start)
    found = _join_bounds(found, s)
    out: list[AgeSpec] = []
    for f in found:
        # "im letzten Kindergartenjahr ... die Vorschulkinder": two words, one group
        if f.spec in out and (f.name == "keyword" or f.spec.scope is AgeScope.ALL_AGES):
            continue
        out.append(f.spec)
    return out


def _join_bounds(found: list[_Found], s: str) -> list[_Found]:
    """"Kinder, die bereits eingeschult und maximal zwölf Jahre alt sind", "ab 6 und bis 12
    Jahre": a lower bound and an upper bound joined by "und" are one range."""
    out: list[_Found] = []
    for f in found:
        prev = out[-1] if out else None
        if prev is not None and prev.spec.scope is AgeScope.RANGE and \
                f.spec.scope is AgeScope.RANGE and prev.spec.max_months is None and \
                f.spec.min_months is None and prev.spec.min_months is not None and \
                f.spec.max_months is not None and prev.spec.min_months <= f.spec.max_months and \
                re.fullmatch(r"[\s,]*(?:und|aber|jedoch)?\s*(?:\w+\s+){0,2}", s[prev.end:f.start]):
            out[-1] = _Found(prev.start, f.end,
                             AgeSpec(AgeScope.RANGE, prev.spec.min_months, f.spec.max_months),
                             prev.name)
            continue
        out.append(f)
    return out


def _num(word: str) -> float:
    word = word.strip()
    if word in _WORDS:
        return float(_WORDS[word])
    return float(word.replace(",", "."))


def _months(n: float, unit: str | None) -> int:
    return round(n) if unit and unit.startswith("monat") else round(n * 12)


def _upper(n: float, unit: str | None) -> int:
    return round(n) if unit and unit.startswith("monat") else round(n * 12) + 11


def _range(lo: int | None, hi: int | None) -> AgeSpec | None:
    if lo is not None and hi is not None and lo > hi:
        return None
    if lo is None and hi is None:
        return None
    if (lo is not None and lo > 1200) or (hi is not None and hi > 1200):
        return None
    return AgeSpec(AgeScope.RANGE, lo, hi)


def _read(name: str, m: re.Match, s: str, original: str) -> AgeSpec | None:
    before = s[max(0, m.start() - 20):m.start()]
    after = s[m.end():m.end() + 30]
    if name == "range":
        if _DURATION_BEFORE.search(before) and not m.group().startswith(("von", "zwischen", "ab")):
            return None
        a, b = _num(m["a"]), _num(m["b"])
        ua, ub = m["ua"], m["ub"]
        if m["sep"] == "und" and not m.group().startswith(("zwischen", "im alter zwischen")):
            return None
        hi = (round(b * 12) - 1 if not ub.startswith("monat") else round(b) - 1) \
            if m["sep"].endswith("unter") else _upper(b, ub)
        if m["sep"].endswith("zu") and not ub.startswith("monat"):
            hi = round(b * 12) + 11
        return _range(_months(a, ua or ub), hi)
    if name == "range_jaehrig":
        if _NOT_PERSON_AFTER.match(after):
            return None
        a, b = _num(m["a"]), _num(m["b"])
        hi = round(b * 12) - 1 if m["sep"].endswith("unter") else round(b * 12) + 11
        return _range(round(a * 12), hi)
    if name == "jaehrig":
        if _NOT_PERSON_AFTER.match(after) or _capital_noun_after(original, m, s):
            return None
        n = _num(m["n"])
        pre = (m["pre"] or "").strip()
        if pre == "unter":
            return _range(None, round(n * 12) - 1)
        if pre == "über":
            return _range(round(n * 12) + 12, None)
        return _range(round(n * 12), round(n * 12) + 11)
    if name == "lebensjahr":
        n = _ordinal(m["n"])
        pre, what = m["pre"], m["what"]
        if what.startswith("lebensmonat"):
            return _range(n - 1, None) if pre.startswith("ab") else None
        if what.startswith("geburtstag"):
            if pre.startswith("bis"):
                return _range(None, n * 12 - 1)
            if pre.startswith(("ab", "mit")):
                return _range(n * 12, None)
            return None
        if pre == "im":
            return _range((n - 1) * 12, n * 12 - 1)
        if pre.startswith("bis"):
            return _range(None, n * 12 - 1)
        if "beginn" in pre:
            return _range((n - 1) * 12, None)
        if "vollendung" in pre or pre.startswith("ab dem") and "vollendet" in before:
            return _range(n * 12, None)
        return None  # "ab dem 3. Lebensjahr": from age 2 or 3? left out
    if name == "plus":
        return _range(round(_num(m["n"]) * 12), None)
    if name == "older":
        return _range(round(_num(m["n"]) * 12), None)
    if name == "years_months":
        return _range(round(_num(m["a"]) * 12 + _num(m["b"])), None) if re.search(
            r"mindestens", s[m.end():m.end() + 60]) else None
    if name == "alt":
        pre = m["pre"] or ""
        n = _num(m["n"])
        if re.search(r"\b(?:wird|werden|wurde|wurden|ist|sind)\s+$", before) and not pre:
            return None  # "das Theater wird 7 Jahre alt"
        if pre in ("maximal", "höchstens"):
            return _range(None, round(n * 12) + 11)
        if pre in ("mindestens", "etwa", "ca.", "circa") or re.search(
                r"\b(?:sollten|müssen|muss|sollte)\b", s[max(0, m.start() - 60):m.start()]):
            return _range(round(n * 12), None)
        return None
    if name == "bound":
        pre = m["pre"]
        n, unit = _num(m["n"]), m["u"]
        if pre == "mit" and not re.search(r"\b(?:bereits|schon|erst|ab)\s+$", before) and \
                not re.search(r"\b(?:anfangen|beginnen|starten|darf|dürfen|kann|können)\b",
                              s[m.end():m.end() + 40]):
            return None
        if pre in ("ab", "über", "mindestens", "frühestens", "erst mit", "bereits mit", "mit"):
            lo = _months(n, unit) if pre != "über" else _months(n, unit)
            return _range(lo, None)
        if pre == "unter":
            return _range(None, _months(n, unit) - 1)
        if pre in ("bis", "bis einschließlich", "maximal", "höchstens", "bis zu"):
            if _DURATION_BEFORE.search(before):
                return None
            return _range(None, _upper(n, unit))
        return None
    if name == "ab_bare":
        if not re.search(r"\b(?:kinder|alter|jugendliche|jährige|teilnehm|für|jahren)\b",
                         s[:m.start()][-60:]):
            return None
        return _range(round(_num(m["n"]) * 12), None)
    if name == "keyword":
        return _keyword(m.group())
    return None


def _keyword(word: str) -> AgeSpec | None:
    if word.startswith(("grundschul", "grundschüler")):
        return AgeSpec(AgeScope.RANGE, 72, 131)
    if word.startswith(("vorschul", "letzten")):
        return AgeSpec(AgeScope.RANGE, 60, 71)
    if word.startswith(("bereits eingeschult", "schulkinder")):
        return AgeSpec(AgeScope.RANGE, 72, None)
    if word.startswith("u"):
        if word.startswith("unter"):
            return AgeSpec(AgeScope.RANGE, None, 35)
        return AgeSpec(AgeScope.RANGE, 0, 35) if word.startswith("u") and \
            not word.startswith("unabh") else AgeSpec(AgeScope.ALL_AGES)
    if word.startswith("ü"):
        return AgeSpec(AgeScope.RANGE, 36, None)
    return AgeSpec(AgeScope.ALL_AGES)


def _ordinal(word: str) -> int:
    word = word.strip().rstrip(".")
    return int(word) if word.isdigit() else _ORDINALS[word]


def _capital_noun_after(original: str, m: re.Match, s: str) -> bool:
    """"das dreijährige Programm": an adjective before a noun that is not a person."""
    rest = s[m.end():]
    word = re.match(r"\s+([a-zäöüß]+)", rest)
    if not word:
        return False
    persons = ("kinder", "kind", "mädchen", "jungen", "jugendliche", "teilnehm", "schüler",
               "kids", "buben", "söhne", "töchter", "tochter", "sohn", "babys", "zwillinge",
               "geschwister", "enkel", "nachwuchs", "besucher", "spieler", "turner")
    return not word.group(1).startswith(persons) and word.group(1) not in (
        "und", "oder", "bis", "sowie", "wiederum", "sind", "können", "dürfen", "haben",
        "werden", "waren", "gibt", "treffen", "lernen", "ab", "in", "im", "an", "aus", "mit")
