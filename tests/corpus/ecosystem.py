"""What the ecosystem's libraries read of the real corpus, beside our finders:
``python -m tests.corpus.ecosystem``.

* dates — ``dateparser.search.search_dates`` (German), which comes with Prefect;
* prices — ``price_parser.Price.fromstring`` (``pip install price-parser``; skipped when it is
  not installed: it is not a dependency of the project);
* phone numbers — ``phonenumbers.PhoneNumberMatcher`` alone, which our finder uses and
  extends with German extension shorthand ("-4533 und -4535").

Each library answers a narrower question than the corpus labels (dateparser finds single
days, price-parser one amount), so besides the whole-value score the table shows what the
library can be asked: the *first* value of a phrase. Both parts of the corpus are read; no
parser is tuned here.
"""

from __future__ import annotations

import sys
import warnings
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pipelines.parsers.find import find_dates, find_phones, find_prices
from tests.corpus.accuracy import reference
from tests.corpus.corpus import Case, load_real


def _first_day(case: Case) -> date | None:
    for item in case.expect or []:
        start = item.get("start")
        if isinstance(start, date):
            return start
    return None


def _days(case: Case) -> list[date]:
    return [i["start"] for i in case.expect or [] if isinstance(i.get("start"), date)
            and i.get("start") == i.get("end")]


def dates_table(cases: list[Case]) -> list[tuple[str, int, int, int]]:
    from dateparser.search import search_dates

    warnings.filterwarnings("ignore")
    rows = []
    dated = [c for c in cases if c.kind == "dates" and _first_day(c) is not None]
    singles = [c for c in cases if c.kind == "dates" and c.expect and
               len(_days(c)) == len(c.expect)]
    ours_first = ours_singles = lib_first = lib_singles = 0
    for case in dated:
        ref = reference(case)
        found = find_dates(case.text, reference=ref)
        if found and found[0].start == _first_day(case):
            ours_first += 1
        hits = search_dates(case.text, languages=["de"], settings={
            "RELATIVE_BASE": datetime.combine(ref, datetime.min.time()),
            "PREFER_DATES_FROM": "future", "REQUIRE_PARTS": ["day", "month"]}) or []
        if hits and hits[0][1].date() == _first_day(case):
            lib_first += 1
        if case in singles:
            if [s.start for s in found] == _days(case) and all(s.start == s.end for s in found):
                ours_singles += 1
            if [h[1].date() for h in hits] == _days(case):
                lib_singles += 1
    rows.append(("dates: first day right (of dated phrases)", len(dated), ours_first, lib_first))
    rows.append(("dates: every single day right", len(singles), ours_singles, lib_singles))
    return rows


def prices_table(cases: list[Case]) -> list[tuple[str, int, int, int]]:
    try:
        from price_parser import Price
    except ModuleNotFoundError:
        return [("prices: price-parser is not installed (pip install price-parser)", 0, 0, 0)]
    priced = [c for c in cases if c.kind == "prices" and (c.expect or {}).get("prices")]
    ours = lib = 0
    for case in priced:
        first = Decimal(str(case.expect["prices"][0]["amount"]))
        found = find_prices(case.text)
        if found and found.prices and found.prices[0].amount == first:
            ours += 1
        amount = Price.fromstring(case.text).amount
        if amount is not None and Decimal(amount).quantize(Decimal("0.01")) == first:
            lib += 1
    return [("prices: first amount right", len(priced), ours, lib)]


def phones_table(cases: list[Case]) -> list[tuple[str, int, int, int]]:
    import phonenumbers

    phone = [c for c in cases if c.kind == "phone"]
    ours = lib = 0
    for case in phone:
        expected = list(case.expect or [])
        if find_phones(case.text) == expected:
            ours += 1
        plain = [phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
                 for m in phonenumbers.PhoneNumberMatcher(case.text, "DE")]
        if plain == expected:
            lib += 1
    return [("phone: every number right (fax left out)", len(phone), ours, lib)]


def main() -> int:
    cases = load_real()
    rows: list[Any] = [*dates_table(cases), *prices_table(cases), *phones_table(cases)]
    print(f"{'question':<50}{'cases':>6}{'ours':>8}{'library':>9}")
    for name, n, ours, lib in rows:
        if not n:
            print(name)
            continue
        print(f"{name:<50}{n:>6}{100 * ours / n:>7.1f}%{100 * lib / n:>8.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
