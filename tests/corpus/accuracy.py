"""How well the German value parsers read real text: ``python -m tests.corpus.accuracy``.

For every kind, on the real corpus's development part, its frozen test part and the clean
value-string corpus: how many phrasings were read right, left unparsed, or read wrong (a wrong
value is worse than none). A case is right only when the whole labelled value matches.

    python -m tests.corpus.accuracy              # the table
    python -m tests.corpus.accuracy --failures   # and every dev case read wrong or not at all
    python -m tests.corpus.accuracy --kind dates --failures

The test part is reported as figures only: its failures are not printed (nobody tunes on it).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from pipelines.parsers import jsonable
from pipelines.parsers.find import (
    find_ages,
    find_dates,
    find_hours,
    find_phones,
    find_places,
    find_prices,
    find_registration,
    find_times,
)
from tests.corpus.corpus import KINDS, Case, load_real, load_split, part_of

TARGET_RIGHT = 95.0
TARGET_WRONG = 1.0


def reference(case: Case) -> date:
    """Yearless dates fall in the case's year: the parser's window starts 30 days before."""
    return date(case.year, 1, 31)


def _d(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date | datetime) else str(value)


def _hhmm(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)[:5]


# -- expected and actual values in one comparable form


def dates_expected(e: list[dict]) -> list[tuple]:
    return [
        (
            _d(i.get("start")), _d(i.get("end")), tuple(sorted(i.get("weekdays", []))),
            tuple(sorted(_d(x) for x in i.get("exceptions", []))),
            i.get("holiday"), i.get("holiday_week"),
        )
        for i in e
    ]


def dates_actual(found: list) -> list[tuple]:
    out = []
    for spec in found:
        holiday = spec.holiday.rsplit("-", 1)[0] if spec.holiday else None
        symbolic = holiday is not None and spec.holiday_symbolic
        out.append((
            None if symbolic else _d(spec.start), None if symbolic else _d(spec.end),
            tuple(sorted(str(w.value if hasattr(w, "value") else w) for w in spec.weekdays)),
            tuple(sorted(_d(x) for x in spec.exceptions)),
            holiday if symbolic else None, spec.holiday_week if symbolic else None,
        ))
    return out


def times_expected(e: list[dict]) -> list[tuple]:
    return [(_hhmm(i.get("start")), _hhmm(i.get("end")), bool(i.get("all_day"))) for i in e]


def times_actual(found: list) -> list[tuple]:
    return [(_hhmm(t.start), _hhmm(t.end), bool(t.all_day)) for t in found]


def _money(value: Any) -> str:
    return str(Decimal(str(value)).quantize(Decimal("0.01")))


def prices_expected(e: dict) -> tuple:
    return (e.get("is_free"), tuple(
        (_money(p["amount"]), p.get("unit", "unspecified"), p.get("audience", "any"),
         p.get("reduction"), bool(p.get("extra", False)))
        for p in e.get("prices", [])
    ))


def prices_actual(found) -> tuple:
    if found is None:
        return (None, ())
    data = jsonable(found)
    return (data["is_free"], tuple(
        (_money(p["amount"]), p["unit"], p["audience"], p["reduction"], bool(p.get("extra")))
        for p in data["prices"]
    ))


def ages_expected(e: list[dict]) -> list[tuple]:
    return [("all" if i.get("all_ages") else "range", i.get("min"), i.get("max")) for i in e]


def ages_actual(found: list) -> list[tuple]:
    out = []
    for a in found:
        scope = getattr(a.scope, "value", a.scope)
        out.append(("all" if scope == "all_ages" else "range", a.min_months, a.max_months))
    return out


_OSM_DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]


def _osm_rules(osm: str) -> tuple:
    """An OSM opening_hours text as a table selector → times, so that equal meanings written
    differently ("Su off; PH off" and "Su,PH off", rules in another order) compare equal."""
    table: dict[str, str] = {}
    for rule in osm.split("||")[0].split(";"):
        rule = rule.strip()
        if not rule or rule.startswith('"'):
            continue
        prefix = ""
        if rule.startswith("SH ") and rule != "SH off":
            prefix, rule = "SH ", rule[3:]
        selector, _, times = rule.partition(" ")
        if selector == "24/7":
            table["24/7"] = "open"
            continue
        for part in selector.split(","):
            a, dash, b = part.partition("-")
            if dash and a in _OSM_DAYS and b in _OSM_DAYS:
                i, j = _OSM_DAYS.index(a), _OSM_DAYS.index(b)
                days = [_OSM_DAYS[(i + k) % 7] for k in range((j - i) % 7 + 1)]
            else:
                days = [part]
            for day in days:
                table[prefix + day] = ",".join(sorted(times.split(","))) if times else ""
    return tuple(sorted(table.items()))


def hours_expected(e: dict) -> tuple:
    return (_osm_rules(e.get("osm", "")), bool(e.get("by_appointment")))


def hours_actual(found) -> tuple:
    if found is None:
        return ("", False)
    return (_osm_rules(found.osm or ""), bool(found.by_appointment))


def places_expected(e: dict) -> tuple:
    return (e.get("free"), e.get("capacity"), bool(e.get("waitlist")))


def places_actual(found) -> tuple:
    if found is None:
        return (None, None, False)
    return (found.free, found.capacity, bool(found.waitlist))


def registration_expected(e: dict) -> tuple:
    return (_moment(e.get("opens")), _moment(e.get("closes")))


def _moment(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(timespec="minutes")
    return value.isoformat()


def registration_actual(found) -> tuple:
    if found is None:
        return (None, None)
    return (_moment(found.opens), _moment(found.closes))


@dataclass(frozen=True)
class Kind:
    find: Callable[[Case], Any]
    expected: Callable[[Any], Any]
    actual: Callable[[Any], Any]
    empty: Any


KIND_SPECS: dict[str, Kind] = {
    "dates": Kind(lambda c: find_dates(c.text, reference=reference(c)), dates_expected,
                  dates_actual, []),
    "times": Kind(lambda c: find_times(c.text), times_expected, times_actual, []),
    "prices": Kind(lambda c: find_prices(c.text), prices_expected, prices_actual, (None, ())),
    "ages": Kind(lambda c: find_ages(c.text), ages_expected, ages_actual, []),
    "hours": Kind(lambda c: find_hours(c.text), hours_expected, hours_actual, ("", False)),
    "phone": Kind(lambda c: find_phones(c.text), lambda e: list(e), list, []),
    "places": Kind(lambda c: find_places(c.text), places_expected, places_actual,
                   (None, None, False)),
    "registration": Kind(lambda c: find_registration(c.text, reference=reference(c)),
                         registration_expected, registration_actual, (None, None)),
}


@dataclass
class Outcome:
    case: Case
    part: str
    verdict: str  # right | unparsed | wrong
    expected: Any
    got: Any


def judge(case: Case, part: str) -> Outcome:
    spec = KIND_SPECS[case.kind]
    expected = spec.empty if case.none else spec.expected(case.expect)
    try:
        got = spec.actual(spec.find(case))
    except Exception as exc:  # a crash is a wrong answer
        return Outcome(case, part, "wrong", expected, f"{type(exc).__name__}: {exc}")
    if got == expected:
        verdict = "right"
    elif got == spec.empty:
        verdict = "unparsed"
    else:
        verdict = "wrong"
    return Outcome(case, part, verdict, expected, got)


def run() -> list[Outcome]:
    split = load_split()
    return [judge(case, part_of(case, split)) for case in load_real()]


def table(outcomes: list[Outcome], clean: dict[str, tuple[int, int]] | None = None) -> str:
    counts: dict[tuple[str, str], Counter] = {}
    for o in outcomes:
        counts.setdefault((o.case.kind, o.part), Counter())[o.verdict] += 1
    header = (f"{'kind':<13}{'part':<6}{'cases':>6}{'right':>8}{'unparsed':>10}{'wrong':>8}"
              f"{'right %':>9}{'wrong %':>9}")
    lines = [header, "-" * len(header)]
    for kind in KINDS:
        for part in ("dev", "test"):
            c = counts.get((kind, part), Counter())
            n = sum(c.values())
            if not n:
                continue
            lines.append(
                f"{kind:<13}{part:<6}{n:>6}{c['right']:>8}{c['unparsed']:>10}{c['wrong']:>8}"
                f"{100 * c['right'] / n:>8.1f}%{100 * c['wrong'] / n:>8.1f}%"
            )
    for part in ("dev", "test"):
        c = Counter()
        for (_, p), v in counts.items():
            if p == part:
                c.update(v)
        n = sum(c.values())
        if not n:
            continue
        lines.append(
            f"{'all':<13}{part:<6}{n:>6}{c['right']:>8}{c['unparsed']:>10}{c['wrong']:>8}"
            f"{100 * c['right'] / n:>8.1f}%{100 * c['wrong'] / n:>8.1f}%"
        )
    if clean:
        lines.append("")
        lines.append(f"{'clean corpus':<19}{'cases':>6}{'right':>8}{'right %':>9}")
        for name, (n, ok) in sorted(clean.items()):
            lines.append(f"{name:<19}{n:>6}{ok:>8}{100 * ok / n:>8.1f}%")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="print dev cases not right")
    parser.add_argument("--kind", choices=KINDS, help="only this kind")
    parser.add_argument("--no-clean", action="store_true", help="skip the clean corpus")
    parser.add_argument("--file", help="only cases of this corpus file (e.g. dates.c.toml): "
                        "a new batch measured before anything is tuned on it")
    args = parser.parse_args(argv)
    outcomes = [o for o in run() if args.kind in (None, o.case.kind)
                and args.file in (None, o.case.file)]
    clean = None
    if not args.no_clean:
        from tests.corpus.clean_strings import run_corpus

        clean = run_corpus().by_parser()
    print(table(outcomes, clean))
    if args.failures:
        bad = [o for o in outcomes if o.part == "dev" and o.verdict != "right"]
        print(f"\n{len(bad)} dev cases not right:")
        for o in bad:
            print(f"  [{o.case.kind} {o.verdict}] {o.case.text!r} ({o.case.year})\n"
                  f"      expected {o.expected}\n      got      {o.got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
