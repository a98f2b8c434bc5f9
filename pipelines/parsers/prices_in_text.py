"""Prices inside running text: "Die Teilnehmerbeiträge betragen für das erste Kind einer
Familie 90, für das zweite Kind 80 Euro. Alle weiteren Kinder sind kostenfrei."

Every amount of the sentence becomes one price, in order, described by the words around it:

* **who pays** — sibling ("das zweite Kind", "jedes weitere Kind", "Geschwister"), family
  ("Familienkarte", "für Familien"), adult, child ("Kinder", "pro Kind", "unter 14 Jahren");
  a topic stated before the first amount ("Für das erste Kind kostet …") holds for the amounts
  after it;
* **for what** — per week, day, month, year, hour, session, course, once, from the words
  right after the amount ("pro Woche", "monatlich", "/Tag") or the noun it prices
  ("Jahreskarte", "Kursgebühr", "Aufnahmegebühr");
* **reductions** — "ermäßigt", pupils and students (other), members, city and family passes,
  social benefits, income-based fees; an amount added on top ("zzgl.", "plus", "Pfand",
  "… Euro mehr") is an *extra*;
* **free** — "kostenlos", "Eintritt frei": free for everyone, or a 0.00 price for the group it
  names ("Kinder unter 6 Jahren haben freien Eintritt").

A number is an amount with a currency, or — in a sentence that has one — a decimal amount or a
number coordinated with it ("… 90, für das zweite Kind 80 Euro"). Incomes, budgets, sums of
thousands and the size of a discount are not prices. What cannot be placed is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pipelines.parsers.prices import PriceInfo, money
from schemas.offer import Price
from schemas.vocab import PriceAudience, PriceUnit, Reduction

_NUMBER_WORDS = {
    "einen": 1, "einem": 1, "ein": 1, "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
    "fünfzehn": 15, "zwanzig": 20, "dreißig": 30, "fünfzig": 50, "hundert": 100,
}
_WORDS = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:,\d{1,2}|\.\d{2}(?!\d))?"
_CUR = r"(?:€|eur\b\.?|euro\b)"
_DASHES = r"(?:\s*[,.]\s*-{1,2}|,--|\.-)?"
_AMOUNT = re.compile(
    rf"(?P<pre>{_CUR})\s*(?P<n1>{_NUM}){_DASHES}(?:\s*{_CUR})?"
    rf"|(?<![\d.,])(?P<n2>{_NUM}){_DASHES}\s*{_CUR}"
    rf"|\b(?P<w>{_WORDS})\s+{_CUR}"
)
_BARE_WORDS = "|".join(sorted((w for w in _NUMBER_WORDS if not w.startswith("ein")),
                             key=len, reverse=True))
_BARE = re.compile(rf"(?<![\d.,/])(?P<n>\d+,\d{{2}})(?![\d%])|(?<![\d.,/-])(?P<i>\d{{1,3}})"
                   rf"(?=\s*(?:,(?!\d)|und\b|oder\b|bzw\.?|beziehungsweise\b|-\s*\d|–\s*\d|bis\s+\d))"
                   rf"|\b(?P<w>{_BARE_WORDS})\b(?=\s*(?:,|und\b|oder\b|bzw\.?|\.|$))")
_PRICE_WORDS = re.compile(r"preis|kosten|kostet|gebühr|beitrag|eintritt|zahl|tarif")
_NOT_AFTER_BARE = re.compile(
    r"^\s*(?:-?\s*(?:jahre|jahren|jährige|monate|wochen|tage|stunden|std|minuten|min\b|uhr|"
    r"kinder|personen|plätze|teilnehm|%|prozent|cm|m\b|km|mal\b|\.\s*\d))"
)
_FREE = re.compile(
    r"\b(?:kostenlos\w*|kostenfrei\w*|gratis|umsonst|gebührenfrei|beitragsfrei|entgeltfrei|"
    r"eintrittsfrei|frei(?:e[nmrs]?)?\s+eintritt|eintritt\s+(?:ist\s+)?(?:\w+\s+){0,4}frei\b|"
    r"einritt\s+(?:\w+\s+){0,5}frei\b|befreit|kein(?:en)?\s+(?:eltern)?beitrag|erlässt|"
    r"kostet\s+nichts|ohne\s+kosten|keine\s+kosten|keine\s+gebühr)"
)
_INCOME = re.compile(r"(?:einkommen|verdien|gehalt|umsatz|budget|haushalt|förder\w*summe|"
                     r"investi|zuschuss|spende|gewinn|einnahm|verlust|verloren|kostet\s+die\s+stadt)")
_DIFFERENCE = re.compile(r"^\s*(?:ermäßigt\w*|günstiger|billiger|weniger|teurer|rabatt)")
_EXTRA_BEFORE = re.compile(
    r"(?:zzgl\.?|zuzüglich|plus|hinzu\w*|zusätzlich\w*|aufpreis|pfand\w*|einsatz|nachzahl\w*|"
    r"verlängerung|zeitüberschreitung|hinzugebucht|ferner|außerdem\s+fallen|zusatzkosten)"
)
_EXTRA_AFTER = re.compile(r"^\s*(?:mehr\b|zusätzlich|nach\b|hinzu|dazu\b|aufpreis|als\s+nachzahl)")
_EXTRA_AFTER_FAR = re.compile(r"\b(?:hinzugebucht|nachzahl\w*|zahlen\s+sie\s+\S+\s+nach)")
_UNITS: tuple[tuple[PriceUnit, str], ...] = (
    (PriceUnit.PER_WEEK, r"pro\s+woche|/\s*woche|je\s+woche|wöchentlich|in\s+der\s+woche|"
                         r"die\s+woche|pro\s+ferienwoche"),
    (PriceUnit.PER_DAY, r"pro\s+(?:\w+\s+)?tag\b|/\s*tag\b|je\s+tag\b|täglich|am\s+tag\b|"
                        r"pro\s+betreuungstag|pro\s+gebuchten\s+tag|pro\s+person/tag"),
    (PriceUnit.PER_MONTH, r"monatlich|im\s+monat|/\s*monat|pro\s+monat|mtl\.|je\s+monat|"
                          r"im\s+mon\b|/\s*mon\b|und\s+monat"),
    (PriceUnit.PER_YEAR, r"jährlich|im\s+jahr\b|pro\s+jahr|/\s*jahr\b|jahresgebühr|"
                         r"jahresbeitrag"),
    (PriceUnit.PER_HOUR, r"pro\s+stunde|/\s*std|je\s+stunde|stündlich|pro\s+std"),
    (PriceUnit.PER_SESSION, r"pro\s+(?:termin|vorlesung|einheit|sitzung|kurstermin|treffen)|"
                            r"je\s+(?:termin|einheit|vorlesung)"),
)
_UNIT_BEFORE: tuple[tuple[PriceUnit, str], ...] = (
    (PriceUnit.PER_YEAR, r"jahreskarte\w*|jahresbeitrag\w*|jahresgebühr\w*|im\s+ersten\s+jahr|"
                         r"in\s+jedem\s+weiteren|jährlich\w*|förderverein"),
    (PriceUnit.PER_MONTH, r"monatsbeitrag\w*|monatlich\w*|pro\s+monat|verpflegungsgeld\s+pro\s+"
                          r"kind\s+und\s+monat"),
    (PriceUnit.PER_DAY, r"tagesticket\w*|tageskarte\w*|pro\s+tag\b|täglich|pro\s+betreuungstag"),
    (PriceUnit.PER_WEEK, r"\beine\s+woche\b|für\s+eine\s+woche|wochenbeitrag|pro\s+woche"),
    (PriceUnit.PER_COURSE, r"kursgebühr\w*|kursbeitrag\w*|kurspreis|der\s+kurs\s+kostet|"
                           r"kurse?\s+umfass\w*|unterrichtseinheiten\s+für|kurseinheiten|"
                           r"kursgebühr|zehn\s+stunden\s+schwimmen"),
    (PriceUnit.ONCE, r"aufnahmegebühr|anmeldegebühr|einmalig|kaution|die\s+anmeldung\s+kostet"),
    (PriceUnit.PER_SESSION, r"jede\s+vorlesung|pro\s+(?:termin|vorlesung)"),
)
_SIBLING = re.compile(
    r"(?:zweite[ns]?|dritte[ns]?|weitere[ns]?)\s+(?:geschwister)?kind\w*|geschwister\w*|"
    r"drittkind|zweitkind|für\s+das\s+zweite\b|für\s+das\s+dritte\b|weitere[n]?\s+kinder"
)
_FIRST_CHILD = re.compile(r"erste[ns]?\s+kind")
_FAMILY = re.compile(r"\bfamilie(?!npass)\w*")
_ADULT = re.compile(r"\berwachsene\w*|\berwachsener\b|\bbegleit-?erwachsene\w*")
_CHILD = re.compile(
    r"\bkinder(?:n|karte\w*|ticket\w*|-ticket\w*|kurse|preis\w*)?\b|\bkind\b|\bkindes\b|"
    r"\bkids\b|\bjugendliche\w*|\bunter\s+\d+\s+jahr\w*|"
    r"\bbis\s+(?:einschließlich\s+)?\d+\s+jahr\w*|\bbis\s+\d+\s*cm"
)
_ANY_PAYER = re.compile(r"\bgruppe\w*|pro\s+person|je\s+person|pro\s+teilnehm\w*")
_REDUCTIONS: tuple[tuple[Reduction, str], ...] = (
    (Reduction.INCOME_BASED, r"einkommen(?!snachweis)\w*|einkommensabhängig"),
    (Reduction.SOCIAL_BENEFITS, r"sozialleistung\w*|wohngeld|bürgergeld|sgb|asylbewerber\w*|"
                                r"bildung\s+und\s+teilhabe|leistungsempfänger\w*|hartz"),
    (Reduction.CITY_PASS, r"\w*-pass\w*|familienpass\w*|stadtpass\w*|sozialpass\w*|bonuscard|"
                          r"ferienpass-?inhaber\w*"),
    (Reduction.MEMBER, r"(?<!nicht)(?<!nicht-)mitglieder\b|(?:als|für)\s+mitglied|"
                       r"\bmitglied\s+in\s+(?:einem|einer)\b"),
    (Reduction.OTHER, r"ermäßigt\w*|\berm\.|begünstigte|\bschüler(?:innen|/innen)?\b|studenten|"
                      r"studierende|auszubildende|rentner\w*|schwerbehinderte\w*|arbeitslose"),
)
_BREAK = re.compile(r"[;|•]|\s[-–]\s|\.\s+(?=[A-ZÄÖÜ])")


@dataclass
class _Amount:
    start: int
    end: int
    value: Decimal


def find_prices(text: str) -> PriceInfo | None:
    """The prices of a sentence (None when it holds none: see the module text)."""
    if not text or not text.strip():
        return None
    s = " ".join(text.split())
    low = s.lower().replace("–", "-")
    amounts = _amounts(low)
    frees = [m for m in _FREE.finditer(low) if not _inside(m, amounts)]
    if not amounts and not frees:
        return None
    entries: list[tuple[int, Price]] = []
    topic_audience: PriceAudience | None = None
    topic_unit: PriceUnit | None = None
    sentence_unit = _sentence_unit(low)
    sentence_audience = _sentence_audience(low, amounts)
    tail_unit = _unit(low[amounts[-1].end:]) if amounts else None
    consumed = 0
    previous: Price | None = None
    for k, a in enumerate(amounts):
        next_start = amounts[k + 1].start if k + 1 < len(amounts) else len(low)
        left = _left_context(low, max(consumed, amounts[k - 1].end if k else 0), a.start)
        right = _right_context(low, a.end, next_start)
        direct = _direct(right)
        consumed = a.end + len(direct)
        audience, from_left = _audience(left, right)
        parenthetical = k > 0 and left.lstrip().startswith("(") and previous is not None
        ranged = k > 0 and previous is not None and re.fullmatch(
            r"\s*(?:-|bis|und)\s*", low[amounts[k - 1].end:a.start]) and re.search(
            r"zwischen\s*$", low[:amounts[k - 1].start][-12:])
        if audience is None and (parenthetical or ranged):
            audience = previous.audience  # "80 € für Erwachsene (ermäßigt 60 €)"
        if audience is None and len(amounts) == 1:
            audience = _audience_in(low)  # one amount: the whole sentence describes it
        if audience is None:
            audience = topic_audience or sentence_audience or PriceAudience.ANY
        elif from_left and k == 0:
            topic_audience = audience
        own_period = re.search(r"\b(?:zwei|drei|vier|\d+)\s+(?:wochen|tage|monate)\b", left)
        unit = _unit(right) or _unit_before(left)
        if unit is not None and k == 0:
            topic_unit = unit
        if unit is None and (ranged or parenthetical):
            unit = previous.unit
        if unit is None and not own_period:
            unit = sentence_unit or topic_unit or tail_unit
        reduction = _reduction(left, direct if len(amounts) > 1 else right, audience)
        extra = bool(_EXTRA_BEFORE.search(left[-60:]) or _EXTRA_AFTER.match(right)
                     or _EXTRA_AFTER_FAR.search(right[:80]))
        if (ranged or parenthetical) and previous is not None and previous.extra:
            extra = True
        price = Price(amount=a.value, unit=unit or PriceUnit.UNSPECIFIED, audience=audience,
                      reduction=reduction, extra=extra)
        entries.append((a.start, price))
        previous = price
    general_free = False
    for m in frees:
        clause = _clause(low, m.start(), m.end(), amounts)
        audience = _audience_in(clause, payer=False)
        reduction = _reduction(clause, "", audience or PriceAudience.ANY, whole=True)
        if audience is None and reduction is None:
            general_free = True  # free for everyone
            continue
        entries.append((m.start(), Price(amount=Decimal("0.00"),
                                         audience=audience or PriceAudience.ANY,
                                         reduction=reduction)))
    prices = [p for _, p in sorted(entries, key=lambda e: e[0])]
    if any(p.amount > 0 for p in prices):
        is_free: bool | None = False
    elif general_free:
        is_free = True
    else:
        is_free = None
    if not prices and is_free is None:
        return None
    return PriceInfo(is_free, tuple(prices))


def _amounts(low: str) -> list[_Amount]:
    found: list[_Amount] = []
    for m in _AMOUNT.finditer(low):
        value = money(str(_NUMBER_WORDS[m["w"]])) if m["w"] else money(m["n1"] or m["n2"])
        found.append(_Amount(m.start(), m.end(), value))
    if found or _PRICE_WORDS.search(low):  # decimals and coordinated numbers beside them
        taken = [(a.start, a.end) for a in found]
        for m in _BARE.finditer(low):
            if any(s <= m.start() < e or s < m.end() <= e for s, e in taken):
                continue
            if _NOT_AFTER_BARE.match(low[m.end():]):
                continue
            if m["w"]:
                if not _near_currency(low, m, found):
                    continue
                value = money(str(_NUMBER_WORDS[m["w"]]))
            elif m["i"]:
                if not _near_currency(low, m, found):
                    continue
                value = money(m["i"])
            else:
                if not found and not re.match(r"^\s*(?:pro|je|für)\b", low[m.end():]):
                    continue  # no currency in the sentence: only "6,40 pro Erwachsenen"
                value = money(m["n"])
            found.append(_Amount(m.start(), m.end(), value))
    found.sort(key=lambda a: a.start)
    return [a for a in found if _is_price(low, a)]


_NEXT_NUMBER = re.compile(rf"\d|\b(?:{_WORDS})\b")


def _near_currency(low: str, m: re.Match, found: list[_Amount]) -> bool:
    """A bare number counts when the next number of the clause is a currency amount ("90, für
    das zweite Kind 80 Euro", "zwischen 50 – 100 Euro"), or it ends the sentence after one
    ("… einen Euro, bei Erwachsenen sind es zwei")."""
    nxt = _NEXT_NUMBER.search(low, m.end())
    for a in found:
        if nxt is not None and a.start == nxt.start() and a.start - m.end() < 60 and \
                not _BREAK.search(low[m.end():a.start]):
            return True
        if a.end < m.start() and m.start() - a.end < 60 and low[m.end():].strip(" .!)") == "":
            return True  # "… einen Euro, bei Erwachsenen sind es zwei."
    return False


def _is_price(low: str, a: _Amount) -> bool:
    if a.value >= 5000:
        return False  # sums of thousands: budgets, incomes, losses
    before = low[max(0, a.start - 45):a.start]
    after = low[a.end:a.end + 25]
    if _INCOME.search(before) and not re.search(r"\(|\bab\b", low[a.start - 3:a.start]):
        return False
    if re.search(r"\bum\s*$", before) and _DIFFERENCE.match(after):
        return False  # "ein um 5 € ermäßigter Beitrag": the discount, not a price
    return not re.match(r"^\s*(?:ermäßigung|rabatt|nachlass)\b", after)


def _inside(m: re.Match, amounts: list[_Amount]) -> bool:
    return any(a.start <= m.start() < a.end for a in amounts)


def _left_context(low: str, prev_end: int, start: int) -> str:
    left = low[prev_end:start]
    breaks = list(_BREAK.finditer(left))
    if breaks:
        left = left[breaks[-1].end():]
    return left


def _right_context(low: str, end: int, next_start: int) -> str:
    right = low[end:next_start]
    cut = _BREAK.search(right)
    if cut:
        right = right[:cut.start()]
    comma = right.find(",")
    if comma >= 0 and next_start < len(low):
        right = right[:comma]
    return right[:70]


def _clause(low: str, start: int, end: int, amounts: list[_Amount]) -> str:
    """The words of the clause around a free mention, up to the commas or amounts around it."""
    lefts = [m.end() for m in re.finditer(r"[;|•,]|\s[-–]\s", low[:start])]
    lefts += [a.end for a in amounts if a.end <= start]
    rights = [end + m.start() for m in re.finditer(r"[;|•,]|\s[-–]\s", low[end:])]
    rights += [a.start for a in amounts if a.start >= end]
    return low[max([0, *lefts]):min([len(low), *rights])]


_COMPOSITION = re.compile(
    r"\b(?:\d+|zwei|drei|vier|fünf|sechs|acht|zehn|zwölf)\s+(?:erwachsene\w*|kinder\w*)"
)
_COMPANION = re.compile(r"in\s+begleitung\s+(?:eines|einer|von|des)\s+\w+")
_DIRECT = re.compile(r"^\s*[(/]?\s*(?:für|pro|je|bei)?\s*(?:den|die|das|einen|eine|ein|jede[ns]?)?"
                     r"\s*(?P<word>[\w./-]+(?:\s+(?:kind\w*|erwachsene\w*|familie\w*))?)\)?")


def _audience_in(text: str, *, payer: bool = True) -> PriceAudience | None:
    text = _COMPANION.sub(" ", _COMPOSITION.sub(" ", text))
    if _SIBLING.search(text):
        return PriceAudience.SIBLING
    if _FIRST_CHILD.search(text):
        return PriceAudience.CHILD
    if _FAMILY.search(text):
        return PriceAudience.FAMILY
    child, adult = bool(_CHILD.search(text)), bool(_ADULT.search(text))
    if child and adult:
        return PriceAudience.ANY
    if child:
        return PriceAudience.CHILD
    if adult:
        return PriceAudience.ADULT
    if payer and _ANY_PAYER.search(text):
        return PriceAudience.ANY
    return None


def _direct(right: str) -> str:
    """The words right after an amount that still describe it ("für Erwachsene", "(ermäßigt)",
    "pro Kind"), not the next amount's topic ("und für Familien …")."""
    m = _DIRECT.match(right)
    if not m or re.match(r"^\s*(?:und|oder|sowie|bzw)\b", right):
        return ""
    return right[:m.end()]


def _audience(left: str, right: str) -> tuple[PriceAudience | None, bool]:
    """Who pays, and whether it was said before the amount (a topic): the words right after
    the amount, then those before it, then the rest of its clause after it."""
    clause = "" if re.match(r"^\s*(?:und|oder|sowie|bzw)\b", right) else right
    for text, from_left in ((_direct(right), False), (left[-80:], True), (clause, False)):
        found = _audience_in(text, payer=False)
        if found is not None:
            return found, from_left
    for text in (_direct(right), left[-80:]):
        if _audience_in(text) is not None:
            return PriceAudience.ANY, False
    return None, False


def _sentence_audience(low: str, amounts: list[_Amount]) -> PriceAudience | None:
    """"… und sind pro Kind zu entrichten": a payer named once for every amount."""
    if re.search(r"\b(?:pro|je)\s+kind\b", low[amounts[-1].end:] if amounts else ""):
        return PriceAudience.CHILD
    return None


def _unit(right: str) -> PriceUnit | None:
    near = right[:40]
    for unit, pattern in _UNITS:
        if re.search(rf"^\W*(?:\w+\s+){{0,3}}(?:{pattern})", near):
            return unit
    return None


_SENTENCE_UNITS: tuple[tuple[PriceUnit, str], ...] = (
    (PriceUnit.PER_YEAR, r"jahreskarte\w*|jahresgebühr\w*"),
    (PriceUnit.PER_COURSE, r"kursgebühr\w*|kursbeitrag\w*|der\s+kurs\s+kostet|kurse?\s+umfass"),
    (PriceUnit.PER_DAY, r"tagesticket\w*|tageskarte\w*"),
)


def _sentence_unit(low: str) -> PriceUnit | None:
    """A noun that prices the whole sentence ("Jahreskarten zu 80 Euro …, Kinder 40 Euro")."""
    for unit, pattern in _SENTENCE_UNITS:
        if re.search(pattern, low):
            return unit
    return None


def _unit_before(text: str) -> PriceUnit | None:
    for unit, pattern in _UNIT_BEFORE:
        if re.search(pattern, text):
            return unit
    return None


def _reduction(left: str, right: str, audience: PriceAudience, *,
               whole: bool = False) -> Reduction | None:
    if audience is PriceAudience.SIBLING:
        return Reduction.SIBLING
    text = _COMPANION.sub(" ", left if whole else left[-70:] + " " + right[:40])
    for reduction, pattern in _REDUCTIONS:
        if re.search(pattern, text):
            if reduction is Reduction.CITY_PASS and not re.search(
                    r"inhaber|besitzer|\bmit\b|\bfür\b|im\s+rahmen|gegen|nachweis", text):
                continue  # "Der Ferienpass kostet 15 Euro": the pass is what is sold
            return reduction
    return None
