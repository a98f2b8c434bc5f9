"""Ages: "ab 6 J.", "Sechs- bis Zwölfjährige", "zwischen 9 und 18 Jahren", "0–12 Monate",
"U3", "für alle Altersgruppen".

Bounds are **inclusive, in completed months** (what ``schemas.offer.Audience`` stores):

* a lower bound of N years is ``N*12`` ("ab 6" → 72);
* an upper bound of N years is the last month before the next birthday, ``(N+1)*12 - 1``
  ("bis 12 Jahre", "Sechs- bis Zwölfjährige" → 155, i.e. 12 years 11 months);
* "unter N Jahren"/"U N" is ``N*12 - 1``; "über N"/"Ü N"/"älter als N" is ``N*12``
  (someone of N years and a few days is already "over N");
* months are taken as they are ("0–12 Monate" → 0..12: a baby of 12 months and some days is
  still "12 months"); fractional years become months ("1,5 Jahre" → 18, also as upper bound);
  weeks become completed months (days / 30.4375, rounded down);
* "N-Jährige" is exactly that year of age (72..83 for six-year-olds); "im N. Lebensjahr" is
  ``(N-1)*12 .. N*12-1``;
* "für Babys" (no number) is the first year of life, 0..11;
* "U3" is 0..35, "Ü3" is 36.. (no upper bound; where a Kita group ends is not stated);
  "U3 und Ü3" (both groups) is 0.. with no upper bound;
* "für Erwachsene" is 216.. (18 years);
* an upper bound of 100 years is clamped to ``MAX_AGE_MONTHS`` (1200); beyond that, and for
  ages over 120 years, :class:`InvalidValue`.

"for all ages" ("für Groß und Klein", "für jedes Alter") gives ``scope=all_ages``; text with
no age at all ("für Kinder", "Jugendliche") is :class:`Unparsed` — "not stated" is kept apart
from "all ages". "ab dem 3. Lebensjahr" (from age 2 or 3?), school grades and birth years are
Unparsed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from pipelines.parsers.result import InvalidValue, Unparsed, unparsed
from pipelines.parsers.text import fold
from pipelines.parsers.words import NUMBER_WORDS, alternation
from schemas.offer import MAX_AGE_MONTHS, Audience
from schemas.vocab import AgeScope

DAYS_PER_MONTH = 30.4375
ADULT_MONTHS = 18 * 12
BABY_MAX_MONTHS = 11


@dataclass(frozen=True, slots=True)
class AgeSpec:
    """Ages in completed months, bounds inclusive (None: open)."""

    scope: AgeScope
    min_months: int | None = None
    max_months: int | None = None

    def to_audience(self, **fields: object) -> Audience:
        """The canonical :class:`~schemas.offer.Audience` with these ages (plus ``fields``)."""
        return Audience(
            age_scope=self.scope,
            age_min_months=self.min_months,
            age_max_months=self.max_months,
            **fields,  # type: ignore[arg-type]
        )


ALL_AGES = AgeSpec(AgeScope.ALL_AGES)

# --------------------------------------------------------------------------- normalising

_NUMBER_WORD = re.compile(
    rf"(?<![a-zäöüß])({alternation(NUMBER_WORDS)})(?=[\s\-–,.;:)/]|$|jährig|jaehrig|monatig)"
)
_TRUNCATION = re.compile(r"(\d)\s*-\s*(?=(?:bis|und|oder)\b)")

_ALL = re.compile(
    r"(?:für\s+)?(?:alle\s+(?:altersgruppen|altersstufen|altersklassen|alter|generationen"
    r"|jahrgänge)"
    r"|jedes\s+alter|jedes\s+lebensalter|groß\s+und\s+klein|gross\s+und\s+klein|klein\s+und\s+groß"
    r"|jung\s+und\s+alt|alt\s+und\s+jung|die\s+ganze\s+familie|ohne\s+altersbeschränkung"
    r"|ohne\s+altersbegrenzung|altersunabhängig|jedermann|alle)"
)
_LEBENSJAHR = re.compile(
    r"(?P<pre>im|in\s+dem|ab\s+dem|ab|bis\s+zum|bis|nach\s+dem|vor\s+dem"
    r"|ab\s+vollendung\s+des|bis\s+zur\s+vollendung\s+des)"
    r"\s+(?P<done>vollendete[nm]?\s+)?(?P<n>\d{1,3})\.\s*"
    r"(?P<unit>lebensjahr|lebensmonat)(?:es|s)?\b"
)

_TOKEN = re.compile(
    r"""
      (?P<lj>\#lj(?P<lj_lo>-?\d+):(?P<lj_hi>-?\d+)\#)
    | (?P<u>\bu\s?(?P<u_n>\d{1,2})\b)
    | (?P<o>(?:\bü|\bue)\s?(?P<o_n>\d{1,2})\b)
    | (?P<num>\d{1,3}(?:[.,]\d{1,2})?)(?![\d])
    | (?P<exact>-?\s*(?:jährige[nrs]?|jaehrige[nrs]?|jährig|jaehrig|jahrige[nr]?)\b)
    | (?P<exactm>-?\s*monatige[nrs]?\b)
    | (?P<years>(?:jahre[n]?|jahr|jahres|jhr\.?|j\.|j\b|lj\.?|yrs?\.?|years?)(?!\w))
    | (?P<months>(?:monate[n]?|monat|mon\.|mo\.|mon\b|mte\.?)(?!\w))
    | (?P<weeks>(?:wochen|woche|wo\.)(?!\w))
    | (?P<older>(?:und|oder)\s+(?:älter|aelter|mehr|darüber)\b)
    | (?P<younger>(?:und|oder)\s+(?:jünger|juenger|darunter)\b)
    | (?P<ab>ab\s+(?:dem\s+alter\s+von\s+|einem\s+alter\s+von\s+)?|ab\b|von\b|vom\b|from\b)
    | (?P<over>über\b|ueber\b|älter\s+als\b|aelter\s+als\b|mindestens\b|mind\.)
    | (?P<under>unter\b|jünger\s+als\b|juenger\s+als\b|kleiner\s+als\b|<)
    | (?P<to>bis\s+(?:einschließlich|einschliesslich|einschl\.|inkl\.|zu|zum\s+alter\s+von
        |maximal)\b
        |bis\b|höchstens\b|maximal\b|max\.|to\b)
    | (?P<between>zwischen\b)
    | (?P<dash>-|–)
    | (?P<und>und\b|&)
    | (?P<plus>\+)
    | (?P<baby>babys\b|babies\b|baby\b|säuglinge\b|säugling\b|neugeborene\b)
    | (?P<adult>erwachsene[n]?\b)
    | (?P<fill>für\b|kinder[n]?\b|kind\b|kids\b|geschwister(?:kinder)?\b|jugendliche[n]?\b|teens?\b
        |teenager\b|jungen\b|mädchen\b|maedchen\b
        |im\b|alter\b|altersgruppe\b|altersklasse\b|altersstufe\b|alt\b|mit\b|ihre[nm]?\b
        |eltern\b|elternteil\b|teilnehmende\b|teilnehmer(?:innen)?\b|geeignet\b|empfohlen\b
        |empfehlung\b|zielgruppe\b|der\b|die\b|das\b|den\b|dem\b|einem\b|einer\b|sowie\b
        |auch\b|nur\b|schulkinder\b|vorschulkinder\b|grundschulkinder\b|kleinkinder\b|mädels\b
        |jungs\b|junge\b|menschen\b|personen\b|ages?\b
        |in\s+begleitung\s+(?:eines|einer|der|von)\s+\w+\b
        |mit\s+begleit\w*\b|begleitet\b|ca\.|circa\b|etwa\b|ungefähr\b|altersempfehlung\b
        |altersangabe\b)
    | (?P<punct>[:()\[\],.;/!"'„“*])
    """,
    re.X,
)
_NOT_SPACE = re.compile(r"\S")
_YEAR_UNITS = ("years", "exact")


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
        if kind in ("lj", "lj_lo", "lj_hi"):
            lo, hi = int(m["lj_lo"]), int(m["lj_hi"])  # -1: open
            out.append(_Tok("lj", (lo if lo >= 0 else None, hi if hi >= 0 else None)))
        elif kind in ("u", "u_n"):
            out.append(_Tok("u", int(m["u_n"])))
        elif kind in ("o", "o_n"):
            out.append(_Tok("o", int(m["o_n"])))
        elif kind == "num":
            out.append(_Tok("num", Decimal(m["num"].replace(",", "."))))
        elif kind in ("fill", "punct"):
            continue
        elif kind == "ab":
            out.append(_Tok("ab"))
        else:
            out.append(_Tok(kind))  # type: ignore[arg-type]
    if _NOT_SPACE.search(s[pos:]):
        raise _Reject(f"unrecognised text {s[pos:].strip()!r}")
    return out


# --------------------------------------------------------------------------- conversion


def _lower(n: Decimal, unit: str) -> int:
    if unit in _YEAR_UNITS:
        return math.floor(n * 12)
    if unit == "months":
        return math.floor(n)
    return math.floor(float(n) * 7 / DAYS_PER_MONTH)


def _upper(n: Decimal, unit: str) -> int:
    """Inclusive upper bound: the whole unit counts ("bis 12 Jahre" is up to 12y11m)."""
    if unit in _YEAR_UNITS:
        if n != n.to_integral_value():
            return math.floor(n * 12)
        return int(n + 1) * 12 - 1
    if unit == "months":
        return math.floor(n)
    return math.floor(((float(n) + 1) * 7 - 1) / DAYS_PER_MONTH)


def _strict_upper(n: Decimal, unit: str) -> int:
    """Exclusive upper bound ("unter 6 Jahren")."""
    if unit in _YEAR_UNITS:
        return math.ceil(n * 12) - 1
    if unit == "months":
        return math.ceil(n) - 1
    return math.floor((float(n) * 7 - 1) / DAYS_PER_MONTH)


def _check_years(n: Decimal, unit: str) -> None:
    years = n if unit in _YEAR_UNITS else n / 12 if unit == "months" else n / 52
    if years > 120:
        raise InvalidValue(f"age {n.normalize()} {unit} is out of range (at most 120 years)")


# --------------------------------------------------------------------------- grammar


@dataclass(slots=True)
class _Val:
    n: Decimal
    unit: str | None  # years, months, weeks, exact (N-jährige), exactm; None: not written


def _val(toks: list[_Tok], i: int) -> tuple[_Val | None, int]:
    if i < len(toks) and toks[i].kind == "num":
        n = toks[i].value
        if i + 1 < len(toks) and toks[i + 1].kind in (
            "years",
            "months",
            "weeks",
            "exact",
            "exactm",
        ):
            unit = toks[i + 1].kind
            return _Val(n, "months" if unit == "exactm" else unit), i + 2  # type: ignore[arg-type]
        return _Val(n, None), i + 1  # type: ignore[arg-type]
    return None, i


def _constraints(toks: list[_Tok]) -> list[tuple[int | None, int | None]]:
    """Read (min, max) constraints from the token list."""
    out: list[tuple[int | None, int | None]] = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t.kind == "und":
            i += 1
            continue
        if t.kind == "lj":
            out.append(t.value)  # type: ignore[arg-type]
            i += 1
            continue
        if t.kind == "u":
            out.append((None, t.value * 12 - 1))  # type: ignore[operator]
            i += 1
            continue
        if t.kind == "o":
            out.append((t.value * 12, None))  # type: ignore[operator]
            i += 1
            continue
        prefix = None
        if t.kind in ("ab", "over", "under", "to", "between"):
            prefix = t.kind
            i += 1
        a, i = _val(toks, i)
        if a is None:
            raise _Reject(f"'{prefix or t.kind}' without an age")
        b = None
        if (
            i < n
            and toks[i].kind in ("dash", "to")
            or (prefix == "between" and i < n and toks[i].kind == "und")
        ):
            b, i = _val(toks, i + 1)
            if b is None:
                raise _Reject("a range without an upper age")
        elif prefix is None and i + 1 < n and toks[i].kind == "und" and toks[i + 1].kind == "num":
            # "6- und 7-Jährige": consecutive years
            b, j = _val(toks, i + 1)
            if b is not None and b.unit == "exact" and a.unit is None:
                if b.n != a.n + 1:
                    raise _Reject("ages listed with gaps")
                i = j
            else:
                b = None
        if b is not None:
            unit_b = b.unit or "years"
            unit_a = a.unit or ("years" if unit_b == "exact" else unit_b)
            if prefix not in (None, "ab", "between"):
                raise _Reject(f"'{prefix}' before a range")
            for v, u in ((a.n, unit_a), (b.n, unit_b)):
                _check_years(v, u)
            lo = _lower(a.n, unit_a)
            hi = _upper(b.n, unit_b)
            if i < n and toks[i].kind in ("older", "plus"):
                raise _Reject("a range followed by 'und älter'")
            out.append((lo, hi))
            continue
        unit = a.unit
        follow = toks[i].kind if i < n else None
        if follow in ("older", "plus"):
            if prefix not in (None, "ab"):
                raise _Reject("'und älter' after another bound")
            _check_years(a.n, unit or "years")
            out.append((_lower(a.n, unit or "years"), None))
            i += 1
            continue
        if follow == "younger":
            if prefix is not None:
                raise _Reject("'und jünger' after another bound")
            _check_years(a.n, unit or "years")
            out.append((None, _upper(a.n, unit or "years")))
            i += 1
            continue
        if prefix in ("ab", "over"):
            _check_years(a.n, unit or "years")
            out.append((_lower(a.n, unit or "years"), None))
        elif prefix == "to":
            _check_years(a.n, unit or "years")
            out.append((None, _upper(a.n, unit or "years")))
        elif prefix == "under":
            _check_years(a.n, unit or "years")
            out.append((None, _strict_upper(a.n, unit or "years")))
        elif prefix == "between":
            raise _Reject("'zwischen' needs two ages")
        elif unit == "exact" or unit in ("years", "months", "weeks"):
            _check_years(a.n, unit)
            out.append((_lower(a.n, unit), _upper(a.n, unit)))
        else:
            raise _Reject(f"a bare number ({a.n}) does not say which ages")
    return out


def _lebensjahr(m: re.Match[str]) -> str:
    n = int(m["n"])
    pre = _SPACES.sub(" ", m["pre"])
    done = bool(m["done"]) or "vollendung" in pre
    size = 12 if m["unit"] == "lebensjahr" else 1
    if n < 1:
        raise InvalidValue(f"there is no {n}. {m['unit']}")
    if pre in ("im", "in dem"):
        return f" #lj{(n - 1) * size}:{n * size - 1}# "
    if not done:
        raise _Reject(f"'{m.group()}' is ambiguous (from age {n - 1} or {n}?)")
    if pre.startswith(("ab", "nach")):
        return f" #lj{n * size}:-1# "
    return f" #lj-1:{n * size - 1}# "


_SPACES = re.compile(r"\s+")
_FOR = re.compile(r"^(?:für|offen\s+für|geeignet\s+für)\s+")
_BOUND = re.compile(
    r"(\d{1,3}(?:[.,]\d{1,2})?)\s*(jahre[n]?|jahr|j\.?|monate[n]?|monat|mon\.?|wochen|woche)?"
)


_BOTH_KITA_GROUPS = re.compile(
    r"(?:kinder\s+)?(?:u\s*3|unter\s+3(?:\s+jahren)?)\s*(?:und|sowie|/|,|\+|&)\s*"
    r"(?:ü|ue)\s*3(?:\s+jahren)?|(?:ü|ue)\s*3\s*(?:und|sowie|/|,|\+|&)\s*u\s*3"
)
"""The two Kita groups together: every age from birth (the groups' upper end is not stated)."""


def parse_ages(text: str | None) -> AgeSpec | Unparsed:
    """Ages in months from German text; see the module docstring for the rules."""
    if not text or not text.strip():
        return unparsed(text, "empty")
    s = fold(text).strip(" .,;:")
    s = _NUMBER_WORD.sub(lambda m: str(NUMBER_WORDS[m.group(1)]), s)
    s = _TRUNCATION.sub(r"\1 ", s)
    s = s.replace("jahr(e)", "jahre").replace("jahre(n)", "jahren")
    if _ALL.fullmatch(s) or _ALL.fullmatch(_FOR.sub("", s)):
        return ALL_AGES
    if _BOTH_KITA_GROUPS.fullmatch(s):  # "U3 und Ü3": both groups, so from birth on
        return AgeSpec(AgeScope.RANGE, 0, None)
    try:
        s = _LEBENSJAHR.sub(_lebensjahr, s)
        toks = _tokens(s)
        return _combine(text, toks)
    except _Reject as exc:
        return unparsed(text, str(exc))


def _combine(text: str, toks: list[_Tok]) -> AgeSpec | Unparsed:
    kinds = {t.kind for t in toks}
    babies = "baby" in kinds
    adults = "adult" in kinds
    toks = [t for t in toks if t.kind not in ("baby", "adult")]
    if not toks:
        if babies and adults:
            return unparsed(text, "babies and adults: no age range stated")
        if babies:
            return AgeSpec(AgeScope.RANGE, 0, BABY_MAX_MONTHS)
        if adults:
            return AgeSpec(AgeScope.RANGE, ADULT_MONTHS, None)
        return unparsed(text, "no age stated")
    if adults:
        return unparsed(text, "ages together with 'Erwachsene'")
    cons = _constraints(toks)
    if not cons:
        return unparsed(text, "no age stated")
    mins = [lo for lo, _ in cons if lo is not None]
    maxs = [hi for _, hi in cons if hi is not None]
    if len(mins) > 1 or len(maxs) > 1:
        raise _Reject("several age ranges")
    lo = mins[0] if mins else None
    hi = maxs[0] if maxs else None
    if hi is not None and hi < 0:
        raise InvalidValue("an upper age below 0 months: nobody is that young")
    if hi is not None and hi > MAX_AGE_MONTHS:
        hi = MAX_AGE_MONTHS
    if lo is not None and lo > MAX_AGE_MONTHS:
        raise InvalidValue(f"youngest age {lo} months is out of range")
    if lo is not None and hi is not None and lo > hi:
        raise InvalidValue(f"youngest age ({_fmt(lo)}) is above the oldest ({_fmt(hi)})")
    return AgeSpec(AgeScope.RANGE, lo, hi)


def _fmt(months: int) -> str:
    years, rest = divmod(months, 12)
    return f"{years} years {rest} months" if rest else f"{years} years"


def parse_age_bound(text: str | None, *, upper: bool = False) -> int | Unparsed:
    """One bound from an age column: "6" (years), "6 Monate", "18 Monate".

    ``upper`` reads it as an inclusive upper bound (6 years → 83 months).
    """
    if not text or not text.strip():
        return unparsed(text, "empty")
    s = _NUMBER_WORD.sub(lambda m: str(NUMBER_WORDS[m.group(1)]), fold(text).strip(" .,;:"))
    m = _BOUND.fullmatch(s)
    if not m:
        return unparsed(text, "not an age")
    n = Decimal(m[1].replace(",", "."))
    word = m[2] or "jahre"
    unit = "years" if word.startswith("j") else "months" if word.startswith("mon") else "weeks"
    _check_years(n, unit)
    value = _upper(n, unit) if upper else _lower(n, unit)
    return min(value, MAX_AGE_MONTHS) if upper else value
