"""Prices: "15 Euro pro Woche", "Kinder 3 Euro, Erwachsene 6 Euro", "mit Mülheim-Pass die
Hälfte", "115 Euro, jedes weitere Geschwisterkind 85 Euro", "Eintritt frei".

Money is :class:`~decimal.Decimal` in whole cents; amounts need a currency ("15 €",
"EUR 12", "15,-"), except a text that is nothing but a number (a provider's price column).

Rules:
* Every part of the text must be understood. Harmless remarks ("Anmeldung erforderlich",
  "Spenden willkommen", "inkl. Mittagessen") are skipped; anything else unknown is
  :class:`Unparsed`, so a price list is never published incomplete.
* Words next to an amount that name nobody we know ("Materialkosten 5 €") are kept as the
  price's ``label``; audience and reduction words set ``audience``/``reduction`` and the label.
* **Relative reductions** ("die Hälfte", "50 % Ermäßigung", "10 € weniger") are computed from
  the base prices given before them (those without a reduction; for siblings the child/any
  prices), exactly: a result that is not a whole number of cents is Unparsed, never rounded.
* **Education vouchers** ("Bildungsgutscheine werden angenommen") pay the price: each base
  price is repeated with ``reduction=education_voucher`` and the same amount; the family's
  own share is not claimed. Without a base price the text is Unparsed.
* **Income-banded fees** ("einkommensabhängig") need amounts: "einkommensabhängig 0 bis
  250 € im Monat" gives the lowest and the highest band as two prices with
  ``reduction=income_based``, and ``is_free`` None when the lowest band is 0 (some pay nothing,
  others do). Without amounts it is Unparsed.
* A reduction without an amount ("Ermäßigung möglich"), an approximate or maximum price
  ("ca. 10 €", "bis zu 10 €"), a range without a rule ("10–15 €") and extra costs without an
  amount ("zzgl. Material") are Unparsed. "ab 10 €" is a price of 10 labelled "ab".
* ``is_free``: True for "kostenlos"/"Eintritt frei"/"0 €" with no price above zero; False when
  any price is above zero; None when only some audience is free ("Kinder frei") or fees are
  income-banded from 0.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from pydantic import ValidationError

from pipelines.parsers.result import InvalidValue, Unparsed, unparsed
from schemas.offer import Price
from schemas.vocab import PriceAudience, PriceUnit, Reduction

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("9999999.99")


@dataclass(frozen=True, slots=True)
class PriceInfo:
    """Whether an offer is free (None: not stated) and its prices."""

    is_free: bool | None
    prices: tuple[Price, ...] = ()


# --------------------------------------------------------------------------- vocabulary

_NUM = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d{1,2}|,-{1,2})?|\d+(?:[,.]\d{1,2}|,-{1,2})?)(?![\d])"
_CUR = r"(?:€|eur\b\.?|euro\b|chf\b|gbp\b|usd\b|£|\$)"
_UNITWORD = (
    r"(?:woche|wo\.|ferienwoche|tag|kurstag|ferientag|monat|mon\.|mo\.|jahr|stunde|std\.?|"
    r"termin|einheit|treffen|abend|nachmittag|vormittag|kurs|veranstaltung|kind|person|pers\.|"
    r"teilnehmer(?:in|innen)?|teilnehmende[nr]?|familie|erwachsene[nrm]?|elternteil|kopf)\b"
)


def _words(*alternatives: str) -> str:
    """Regex alternatives that must end at a word boundary."""
    return "(?:" + "|".join(alternatives) + r")(?!\w)"


_AMOUNT_START = r"(?<![\d.,])"
_VOCABULARY: tuple[tuple[str, str], ...] = (
    # values
    (
        "range",
        rf"(?:zwischen\s+)?{_AMOUNT_START}(?:{_CUR}\s*)?{_NUM}\s*(?:{_CUR}\s*)?"
        rf"(?:-|bis|und)\s*(?:{_CUR}\s*)?{_NUM}\s*{_CUR}?",
    ),
    ("pct", rf"{_AMOUNT_START}\d{{1,3}}(?:,\d{{1,2}})?\s*(?:%|prozent\b)"),
    (
        "age",
        rf"(?:(?:ab|bis|unter|über|von|im\s+alter\s+von)\s+)?{_AMOUNT_START}\d{{1,2}}"
        r"(?:\s*(?:-|bis)\s*\d{1,2})?\s*(?:jahre[n]?|j\.|monate[n]?|lebensjahr\w*)(?!\w)",
    ),
    (
        "amt",
        rf"{_CUR}\s*{_AMOUNT_START}{_NUM}(?:\s*{_CUR})?|{_AMOUNT_START}{_NUM}\s*{_CUR}"
        rf"|{_AMOUNT_START}\d{{1,3}}(?:\.\d{{3}})*,-{{1,2}}",
    ),
    (
        "half",
        _words(
            r"(?:die\s+|zur\s+|zum\s+|den\s+)?hälfte",
            r"halbpreis",
            r"(?:den\s+|zum\s+)?halbe[nrs]?\s+(?:preis|beitrag|eintritt|betrag)(?:es)?",
        ),
    ),
    (
        "free",
        _words(
            "kostenlos",
            "kostenfrei",
            "gratis",
            "umsonst",
            "gebührenfrei",
            "entgeltfrei",
            "beitragsfrei",
            "eintrittsfrei",
            r"freie[rn]?\s+eintritt",
            "frei",
            r"ohne\s+kosten",
            r"keine\s+kosten",
            r"keine\s+gebühren?",
            r"kein\s+eintritt",
            r"kein\s+teilnahmebeitrag",
            r"kostet\s+nichts",
            "free",
            "nulltarif",
        ),
    ),
    # reductions and income bands
    (
        "income",
        _words(
            r"einkommensabhängig(?:e[rnms]?)?",
            "einkommensgestaffelt",
            r"(?:je\s+)?nach\s+(?:dem\s+)?einkommen(?:\s+der\s+eltern)?(?:\s+gestaffelt)?",
            r"(?:sozial|einkommens)\s*gestaffelt",
            r"gestaffelt\s+nach\s+(?:dem\s+)?einkommen",
            r"nach\s+(?:der\s+)?(?:beitrags|elternbeitrags)?satzung",
        ),
    ),
    (
        "city",
        _words(
            r"(?:mülheim|muelheim|mh)[-\s]?pass(?:es)?",
            r"stadtpass(?:es)?",
            r"sozialpass(?:es)?",
            r"familienpass(?:es)?",
        ),
    ),
    (
        "benefit",
        r"(?:bei\s+)?(?:bezug\s+von\s+)?"
        + _words(
            r"(?:bürgergeld|sozialleistungen|sozialhilfe|leistungsbezug|transferleistungen"
            r"|alg\s*(?:ii|2)|hartz\s*(?:iv|4)|sgb\s*(?:ii|xii)|wohngeld|kinderzuschlag"
            r"|asylbewerberleistungen)(?:-?bezug|-?empfänger(?:innen)?)?"
        ),
    ),
    (
        "voucher",
        _words(
            r"bildungsgutschein(?:e|en)?",
            r"bildungs-\s*und\s*teilhabe(?:paket|leistungen)?",
            r"bildung\s+und\s+teilhabe",
            r"but(?:-gutscheine?|-leistungen)?",
            r"bildungspaket(?:es)?",
            "teilhabepaket",
        ),
    ),
    (
        "sibling",
        _words(
            r"(?:für\s+)?(?:jedes\s+)?weitere[sn]?\s+(?:geschwister)?kind(?:er)?",
            r"geschwister(?:kind(?:er)?)?",
            r"zweites\s+kind",
            r"ab\s+dem\s+(?:zweiten|2\.)\s+kind",
        ),
    ),
    ("member", _words(r"(?:vereins)?mitglieder(?:preis)?")),
    ("nonmember", _words(r"nicht-?mitglieder")),
    (
        "other",
        _words(
            "ermäßigt",
            r"ermäßigte[rn]?",
            r"ermäßigung(?:en)?",
            r"erm\.",
            "reduziert",
            "studierende",
            "studenten",
            "azubis",
            "auszubildende",
            r"rentner(?:innen)?",
            r"senior(?:inn)?en",
            "schwerbehinderte",
        ),
    ),
    # audiences
    (
        "child",
        _words(
            "kinder",
            "kind",
            "kids",
            "jugendliche",
            r"schüler(?:innen)?",
            "schulkinder",
            "kinderkarte",
            "kinderticket",
        ),
    ),
    (
        "adult",
        _words(
            r"erwachsene[nrm]?", r"eltern(?:teil)?", r"begleitperson(?:en)?", "erwachsenenkarte"
        ),
    ),
    ("family", _words(r"familien(?:karte|ticket|preis)?", "familie")),
    # units
    (
        "per",
        rf"(?:pro|je|/|für\s+(?:jede[nsr]?|die|den|das|eine[nsr]?))\s*{_UNITWORD}"
        rf"(?:\s*(?:und|&|/)\s*{_UNITWORD})?"
        + "|"
        + _words(
            r"p\.\s?p\.?",
            r"pro\s+kopf",
            r"im\s+(?:monat|jahr)",
            r"in\s+der\s+woche",
            r"am\s+tag",
            r"die\s+woche",
            r"den\s+monat",
        ),
    ),
    (
        "forcourse",
        _words(
            r"für\s+(?:alle\s+)?\d+\s+(?:termine|tage|wochen|einheiten|abende|treffen"
            r"|nachmittage|vormittage|kurstage)",
            r"für\s+(?:den\s+)?(?:ganzen|gesamten|kompletten)\s+kurs",
            r"für\s+alle\s+termine",
        ),
    ),
    (
        "adverb",
        _words(
            "wöchentlich", "täglich", "monatlich", r"mtl\.", "jährlich", "einmalig", "stündlich"
        ),
    ),
    (
        "unitnoun",
        _words(
            r"kursgebühr(?:en)?",
            "kursbeitrag",
            "kurspreis",
            "kursentgelt",
            "jahresbeitrag",
            "monatsbeitrag",
            "wochenpreis",
            "tagespreis",
            "tageskarte",
            "tagesticket",
            "einzelkarte",
            "einzeleintritt",
            "einzeltermin",
        ),
    ),
    # qualifiers
    ("min", _words("ab")),
    (
        "approx",
        _words(
            r"ca\.",
            "circa",
            "etwa",
            "ungefähr",
            r"bis\s+zu",
            "maximal",
            r"max\.",
            "höchstens",
            "mindestens",
        ),
    ),
    ("extra", _words(r"zzgl\.", "zuzüglich", r"zuzgl\.", "plus")),
    ("less", _words("weniger", "rabatt", "nachlass", "günstiger", "billiger", "abzug")),
    # words that carry no price information
    (
        "glue",
        _words(
            "mit",
            "für",
            "die",
            "der",
            "das",
            "den",
            "dem",
            "des",
            "ist",
            "sind",
            "zahlen",
            "zahlt",
            "kostet",
            "kosten",
            "beträgt",
            "betragen",
            r"preis(?:e)?",
            r"gebühr(?:en)?",
            r"teilnahmegebühr(?:en)?",
            "teilnahmebeitrag",
            "teilnahmeentgelt",
            "beitrag",
            "beiträge",
            "kostenbeitrag",
            "entgelt",
            "eintritt",
            r"eintrittspreis(?:e)?",
            "teilnahme",
            "je",
            r"inhaber(?:innen)?",
            r"inhaber\*innen",
            "inhabende",
            "von",
            "eines",
            "einer",
            "ein",
            "eine",
            "jeweils",
            "nur",
            "auch",
            "werden",
            "wird",
            "angenommen",
            "akzeptiert",
            "möglich",
            "gilt",
            "gelten",
            "bei",
            "im",
            "in",
            "und",
            "sowie",
            "oder",
            "erhalten",
            "bekommen",
            "zahlung",
            "bezahlung",
            "alle",
            "sämtliche",
            "veranstaltung",
            "angebot",
            "angebote",
            "nutzung",
            "kurs",
            "eingelöst",
            "einlösbar",
            "können",
            "kann",
            "gegen",
            "vorlage",
            "betrag",
            "pauschal",
            "pauschale",
            "insgesamt",
            "gesamt",
        ),
    ),
    ("punct", r"[:/&+=\-–.!*\"'„“()\[\]]"),
    ("word", r"[^\s:/&+=!*\"'„“()\[\]]+"),
)
"""Token kinds in matching order: the first alternative that matches wins."""
_TOKENS = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _VOCABULARY))

_SPLIT = re.compile(r",(?![\d-])|;|\n|\||\(|\)|\[|\]")
_SENTENCE = re.compile(r"(?<=[a-zäöüß])\.\s+(?=[A-ZÄÖÜ])")
_LAST_WORD = re.compile(r"(\w+)$")
_ABBREVIATIONS = frozenset(
    {
        "inkl",
        "incl",
        "zzgl",
        "zuzgl",
        "ca",
        "erm",
        "std",
        "mtl",
        "max",
        "min",
        "bzw",
        "evtl",
        "ggf",
        "einschl",
        "pers",
        "mon",
        "wo",
        "gem",
        "lt",
        "nr",
        "tel",
        "u",
        "z",
        "b",
        "p",
        "v",
    }
)
_REMARK = re.compile(
    # registration and donations
    r"^(?:anmeldung\s+(?:ist\s+)?(?:erforderlich|erbeten|notwendig|nötig)"
    r"|um\s+anmeldung\s+wird\s+gebeten"
    r"|(?:um\s+)?(?:eine\s+)?spenden?\s+(?:wird\s+gebeten|sind\s+willkommen|ist\s+willkommen"
    r"|willkommen|erwünscht|erbeten|freuen\s+wir\s+uns)"
    r"|(?:über\s+)?(?:eine\s+)?spenden?\s+freuen\s+wir\s+uns|spenden\s+sind\s+erwünscht"
    # what the price includes
    r"|(?:inkl\.|inklusive|incl\.|einschließlich|einschl\.|mit)\s+"
    r"(?:mittagessen|verpflegung|material|materialkosten|getränke[n]?|snack|frühstück|imbiss"
    r"|eintritt|mwst\.?|mehrwertsteuer|versicherung|fahrtkosten|ausflügen?|allen\s+materialien)"
    r"(?:\s+(?:und|&|,)\s+\w+)*"
    # how to pay
    r"|bitte\s+passend\s+mitbringen|barzahlung|nur\s+barzahlung|vor\s+ort\s+zu\s+zahlen"
    r"|zahlbar\s+vor\s+ort|bar\s+vor\s+ort)\.?$"
)
_BARE = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?)")
_SPACES = re.compile(r"\s+")
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_PCT_NUM = re.compile(r"\d+(?:,\d+)?")
_CUR_CODE = {
    "€": "EUR",
    "eur": "EUR",
    "eur.": "EUR",
    "euro": "EUR",
    "chf": "CHF",
    "gbp": "GBP",
    "usd": "USD",
    "£": "GBP",
    "$": "USD",
}
_CUR_FIND = re.compile(_CUR)
_NUM_FIND = re.compile(r"(?<![\d.,])" + _NUM)
_UNIT_WORDS: tuple[tuple[re.Pattern[str], PriceUnit], ...] = tuple(
    (re.compile(p), u)
    for p, u in (
        (r"ferienwoche|woche|wo\.|wöchentlich|wochenpreis", PriceUnit.PER_WEEK),
        (r"kurstag|ferientag|\btag\b|täglich|tagespreis|tageskarte|tagesticket", PriceUnit.PER_DAY),
        (r"monat|mon\.|\bmo\.|monatlich|mtl\.|monatsbeitrag", PriceUnit.PER_MONTH),
        (r"jahr|jährlich|jahresbeitrag", PriceUnit.PER_YEAR),
        (r"stunde|std|stündlich", PriceUnit.PER_HOUR),
        (
            r"termin|einheit|treffen|abend|nachmittag|vormittag|einzelkarte|einzeleintritt"
            r"|veranstaltung",
            PriceUnit.PER_SESSION,
        ),
        (r"kurs", PriceUnit.PER_COURSE),
        (r"einmalig", PriceUnit.ONCE),
    )
)
_PER_AUDIENCE: tuple[tuple[re.Pattern[str], PriceAudience], ...] = (
    (re.compile(r"\bkind\b"), PriceAudience.CHILD),
    (re.compile(r"familie"), PriceAudience.FAMILY),
    (re.compile(r"erwachsene|elternteil"), PriceAudience.ADULT),
    (re.compile(r"person|pers\.|teilnehm|kopf|p\.\s?p\."), PriceAudience.ANY),
)
_LABEL_KINDS = frozenset(
    {
        "word",
        "age",
        "child",
        "adult",
        "family",
        "sibling",
        "city",
        "benefit",
        "voucher",
        "member",
        "nonmember",
        "other",
        "income",
        "min",
        "extra",
    }
)
_VALUE_KINDS = frozenset({"amt", "range", "pct", "half", "free"})
_TRAILING = frozenset(
    {
        "word",
        "age",
        "glue",
        "punct",
        "child",
        "adult",
        "family",
        "sibling",
        "city",
        "benefit",
        "member",
        "nonmember",
        "other",
    }
)
"""Words that, after an amount and before the next one, still describe that amount."""
_STAYS_WITH_VALUE = frozenset({"per", "adverb", "forcourse", "less", "punct", "unitnoun", "other"})
"""After an amount: "pro Woche", "50 % Ermäßigung", "4 € ermäßigt" still belong to it."""
_NOT_LABEL = _VALUE_KINDS | {"per", "adverb", "forcourse", "unitnoun", "less", "punct"}
_REDUCTION_OF = {
    "city": Reduction.CITY_PASS,
    "benefit": Reduction.SOCIAL_BENEFITS,
    "voucher": Reduction.EDUCATION_VOUCHER,
    "sibling": Reduction.SIBLING,
    "member": Reduction.MEMBER,
    "other": Reduction.OTHER,
    "income": Reduction.INCOME_BASED,
}
_AUDIENCE_OF = {
    "child": PriceAudience.CHILD,
    "adult": PriceAudience.ADULT,
    "family": PriceAudience.FAMILY,
    "sibling": PriceAudience.SIBLING,
}


class _Reject(Exception):
    pass


# --------------------------------------------------------------------------- money


def money(num: str) -> Decimal:
    """German or plain amount text to Decimal cents: "1.500,50", "15,-", "12.50", "35464.5"."""
    num = num.strip().rstrip("-").rstrip(",")
    if "," in num:
        whole, frac = num.split(",", 1)
        whole = whole.replace(".", "")
    elif _THOUSANDS.fullmatch(num):
        whole, frac = num.replace(".", ""), ""
    elif "." in num:
        whole, frac = num.split(".", 1)
    else:
        whole, frac = num, ""
    try:
        value = Decimal(f"{whole}.{frac or '0'}")
    except InvalidOperation:  # pragma: no cover - the regex only passes digits
        raise _Reject(f"not an amount: {num!r}") from None
    if value > MAX_AMOUNT:
        raise InvalidValue(f"amount {value} is out of range (at most {MAX_AMOUNT})")
    return value.quantize(CENT)


def _currency(text: str) -> str:
    m = _CUR_FIND.search(text)
    return _CUR_CODE[m.group().strip()] if m else "EUR"


def _exact(value: Decimal, what: str) -> Decimal:
    if value != value.quantize(CENT):
        raise _Reject(f"{what} is {value.normalize()}, not a whole number of cents")
    if value < 0:
        raise InvalidValue(f"{what} is below zero")
    return value.quantize(CENT)


# --------------------------------------------------------------------------- segments


@dataclass(slots=True)
class _Tok:
    kind: str
    text: str  # lower case
    start: int
    end: int


@dataclass(slots=True)
class _Seg:
    toks: list[_Tok]
    original: str

    def kinds(self) -> set[str]:
        return {t.kind for t in self.toks}

    def label(self) -> str | None:
        """The words that say whose or which price this is, as published."""
        toks = self.toks
        first_value = next((i for i, t in enumerate(toks) if t.kind in _VALUE_KINDS), len(toks))
        idx = [
            i
            for i, t in enumerate(toks)
            if t.kind in _LABEL_KINDS
            and not (i > first_value and t.kind == "other" and t.text.startswith("ermäßigung"))
        ]
        if not idx:
            return None
        lo, hi = idx[0], idx[-1]
        if lo > 0 and toks[lo - 1].text in ("mit", "für", "bei"):
            lo -= 1
        tail = hi + 1
        while tail < len(toks) and toks[tail].kind in ("glue", "punct"):
            tail += 1
        if tail == len(toks) and hi + 1 < len(toks):
            hi = len(toks) - 1
        parts = [
            self.original[t.start : t.end] for t in toks[lo : hi + 1] if t.kind not in _NOT_LABEL
        ]
        text = _SPACES.sub(" ", " ".join(parts)).strip(" :-–,.")
        return text or None


def _tokenize(low: str) -> list[_Tok]:
    return [
        _Tok(m.lastgroup or "word", m.group(), m.start(), m.end()) for m in _TOKENS.finditer(low)
    ]


def _segments(toks: list[_Tok], original: str) -> list[_Seg]:
    """Cut a clause after each value and the unit words that follow it."""
    segs: list[_Seg] = []
    cur: list[_Tok] = []
    seen_value = False
    for t in toks:
        stays = t.kind in _STAYS_WITH_VALUE or (t.kind == "glue" and t.text in ("und", "sowie"))
        if seen_value and not stays:
            segs.append(_Seg(cur, original))
            cur, seen_value = [], False
        cur.append(t)
        if t.kind in _VALUE_KINDS and not (
            t.kind == "free" and any(x.kind in _VALUE_KINDS for x in cur[:-1])
        ):
            seen_value = True
    if cur:
        segs.append(_Seg(cur, original))
    # words after the last amount ("5 € Material") label that amount
    merged: list[_Seg] = []
    for seg in segs:
        if merged and seg.kinds() <= _TRAILING and merged[-1].kinds() & _VALUE_KINDS:
            merged[-1].toks.extend(seg.toks)
        else:
            merged.append(seg)
    return merged


def _unit(seg: _Seg) -> PriceUnit:
    for t in seg.toks:
        if t.kind == "forcourse":
            return PriceUnit.PER_COURSE
        if t.kind in ("per", "adverb", "unitnoun"):
            for rx, unit in _UNIT_WORDS:
                if rx.search(t.text):
                    return unit
    return PriceUnit.UNSPECIFIED


def _audience(seg: _Seg) -> PriceAudience:
    for t in seg.toks:
        if t.kind in _AUDIENCE_OF:
            return _AUDIENCE_OF[t.kind]
    for t in seg.toks:
        if t.kind == "per":
            for rx, aud in _PER_AUDIENCE:
                if rx.search(t.text):
                    return aud
    return PriceAudience.ANY


def _reduction(seg: _Seg) -> Reduction | None:
    for kind in ("income", "city", "benefit", "voucher", "sibling", "member", "other"):
        if any(t.kind == kind for t in seg.toks):
            return _REDUCTION_OF[kind]
    return None


def _price(
    amount: Decimal,
    currency: str,
    unit: PriceUnit,
    audience: PriceAudience,
    reduction: Reduction | None,
    label: str | None,
) -> Price:
    try:
        return Price(
            amount=amount,
            currency=currency,
            unit=unit,
            audience=audience,
            reduction=reduction,
            label=label[:200] if label else None,
        )
    except ValidationError as exc:  # pragma: no cover - amounts are checked before
        raise InvalidValue(f"not a valid price: {exc.errors()[0]['msg']}") from None


# --------------------------------------------------------------------------- entry


def parse_prices(text: str | None) -> PriceInfo | Unparsed:
    """Prices and whether an offer is free; see the module docstring for the rules."""
    if not text or not text.strip():
        return unparsed(text, "empty")
    original = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    try:
        return _parse(original)
    except _Reject as exc:
        remark = _BRACKET_NOTE.search(original)
        if remark and remark.start() > 0:  # "kostenlos (zdi-gefördert)": a note, not a price
            try:
                return _parse(original[: remark.start()])
            except _Reject:
                pass
        return unparsed(text, str(exc))


_BRACKET_NOTE = re.compile(r"\s*\([^()\d]*\)\s*$")
"""A trailing remark in brackets without any number: a note beside the value."""


def _clauses(text: str) -> list[str]:
    """Split at commas (not decimal ones), semicolons, brackets, lines and sentence ends."""
    out: list[str] = []
    for part in _SPLIT.split(text):
        start = 0
        for m in _SENTENCE.finditer(part):
            word = _LAST_WORD.search(part[: m.start()])
            if word and word.group(1).lower() not in _ABBREVIATIONS:
                out.append(part[start : m.start()])
                start = m.end()
        out.append(part[start:])
    return out


def _lower(text: str) -> str:
    low = text.lower().replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-")
    return low if len(low) == len(text) else text.casefold()[: len(text)].ljust(len(text))


def _parse(original: str) -> PriceInfo:
    bare = _BARE.fullmatch(original)
    if bare:
        amount = money(bare.group())
        if amount == 0:
            return PriceInfo(True, ())
        return PriceInfo(
            False, (_price(amount, "EUR", PriceUnit.UNSPECIFIED, PriceAudience.ANY, None, None),)
        )
    prices: list[Price] = []
    free_any = False
    income_zero = False
    pending_vouchers: list[str | None] = []
    for clause in _clauses(original):
        clause = clause.strip(" ,.;")
        if not clause:
            continue
        low = _lower(clause)
        if _REMARK.match(low):
            continue
        toks = _tokenize(low)
        if all(t.kind in ("punct", "glue") for t in toks):
            continue
        for seg in _segments(toks, clause):
            kinds = seg.kinds()
            if kinds <= {"punct", "glue"}:
                continue
            if "approx" in kinds:
                raise _Reject("an approximate or maximum price is not a price")
            seg_low = low[seg.toks[0].start : seg.toks[-1].end]
            if _REMARK.match(seg_low):
                continue
            if not kinds & _VALUE_KINDS:
                if "voucher" in kinds:
                    pending_vouchers.append(seg.label())
                    continue
                if "income" in kinds:
                    raise _Reject("income-based fee without amounts")
                if "extra" in kinds:
                    raise _Reject("extra costs without an amount")
                if kinds & set(_REDUCTION_OF):
                    raise _Reject("a reduction without an amount")
                raise _Reject(f"not a price: {seg_low!r}")
            free_any, income_zero = _value(seg, prices, free_any, income_zero)
    for label in pending_vouchers:
        bases = [p for p in prices if p.reduction is None and p.amount > 0]
        if not bases:
            raise _Reject("education vouchers accepted, but there is no price they pay")
        for b in bases:
            prices.append(
                _price(b.amount, b.currency, b.unit, b.audience, Reduction.EDUCATION_VOUCHER, label)
            )
    if not prices and not free_any:
        raise _Reject("no price found")
    positive = any(p.amount > 0 for p in prices)
    income = [p for p in prices if p.reduction is Reduction.INCOME_BASED]
    if positive:
        base_positive = any(p.amount > 0 and p.reduction is None for p in prices)
        is_free: bool | None = False
        if income and not base_positive and income_zero:
            is_free = None
    elif free_any:
        is_free = True
    else:
        is_free = None
    return PriceInfo(is_free, tuple(prices))


def _value(seg: _Seg, prices: list[Price], free_any: bool, income_zero: bool) -> tuple[bool, bool]:
    kinds = seg.kinds()
    label = seg.label()
    unit = _unit(seg)
    audience = _audience(seg)
    reduction = _reduction(seg)
    values = [t for t in seg.toks if t.kind in _VALUE_KINDS]
    if len([v for v in values if v.kind != "free"]) > 1:
        raise _Reject("several amounts in one part")
    v = next((x for x in values if x.kind != "free"), values[0])
    if v.kind == "range":
        if reduction is not Reduction.INCOME_BASED:
            raise _Reject("a price range without a rule")
        nums = _NUM_FIND.findall(v.text)
        lo, hi = money(nums[0]), money(nums[1])
        if hi <= lo:
            raise InvalidValue(f"income band {lo}–{hi}: the highest fee is not above the lowest")
        cur = _currency(v.text)
        base = label or "einkommensabhängig"
        prices.append(
            _price(lo, cur, unit, audience, Reduction.INCOME_BASED, f"{base} (niedrigster Beitrag)")
        )
        prices.append(
            _price(hi, cur, unit, audience, Reduction.INCOME_BASED, f"{base} (höchster Beitrag)")
        )
        return free_any, income_zero or lo == 0
    if reduction is Reduction.INCOME_BASED:
        raise _Reject("income-based fee needs its lowest and highest amount")
    if "extra" in kinds and v.kind != "amt":
        raise _Reject("extra costs without an amount")
    if v.kind == "free":
        if reduction is None and audience is PriceAudience.ANY and "word" not in kinds:
            return True, income_zero
        prices.append(_price(Decimal("0.00"), "EUR", unit, audience, reduction, label))
        return free_any, income_zero
    if v.kind == "amt":
        amount = money(_NUM_FIND.search(v.text).group())  # type: ignore[union-attr]
        cur = _currency(v.text)
        if not _CUR_FIND.search(v.text) and not v.text.rstrip().endswith("-"):
            raise _Reject(f"amount {v.text.strip()!r} has no currency")
        if "less" in kinds or _reduction_after_value(seg):
            return _relative(
                seg, prices, lambda b: b - amount, f"{amount} less", free_any, income_zero
            )
        if amount == 0 and reduction is None and audience is PriceAudience.ANY and label is None:
            return True, income_zero
        prices.append(_price(amount, cur, unit, audience, reduction, label))
        return free_any, income_zero
    if v.kind == "pct":
        pct = Decimal(_PCT_NUM.match(v.text).group().replace(",", "."))  # type: ignore[union-attr]
        if pct > 100:
            raise InvalidValue(f"a reduction of {pct} % is more than the price")
        if "less" not in kinds and not _reduction_after_value(seg) and reduction is None:
            raise _Reject("a percentage without saying it is a reduction")
        return _relative(
            seg, prices, lambda b: b * (100 - pct) / 100, f"{pct} % off", free_any, income_zero
        )
    # half
    return _relative(seg, prices, lambda b: b / 2, "half", free_any, income_zero)


def _reduction_after_value(seg: _Seg) -> bool:
    """ "10 € Ermäßigung", "50 % Ermäßigung": the amount is taken off, not paid."""
    seen = False
    for t in seg.toks:
        if t.kind in _VALUE_KINDS:
            seen = True
        elif seen and t.kind == "other" and t.text.startswith("ermäßigung"):
            return True
    return False


def _relative(
    seg: _Seg,
    prices: list[Price],
    fn: Callable[[Decimal], Decimal],
    what: str,
    free_any: bool,
    income_zero: bool,
) -> tuple[bool, bool]:
    """Reduced prices computed from the base prices given before (exact, never rounded)."""
    reduction = _reduction(seg)
    audience = _audience(seg)
    bases = [p for p in prices if p.reduction is None]
    if audience is PriceAudience.SIBLING:
        bases = [
            p for p in bases if p.audience in (PriceAudience.CHILD, PriceAudience.ANY)
        ] or bases
    elif audience is PriceAudience.CHILD and reduction is None:
        bases = [p for p in bases if p.audience in (PriceAudience.ADULT, PriceAudience.ANY)]
    elif audience is not PriceAudience.ANY:
        bases = [p for p in bases if p.audience is audience] or bases
    if not bases:
        raise _Reject(f"a relative price ({what}) without a price to start from")
    label = seg.label()
    for b in bases:
        amount = _exact(fn(b.amount), f"{what} of {b.amount}")
        aud = audience if audience is not PriceAudience.ANY else b.audience
        prices.append(_price(amount, b.currency, b.unit, aud, reduction, label))
    return free_any, income_zero
