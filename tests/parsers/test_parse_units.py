"""Unit tests of the tricky cases: DST, year inference around New Year, exact Decimal halves,
the many meanings of "bis", the holiday calendar, the result types and the CLI."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import orjson
import pytest
from typer.testing import CliRunner

from familienpunkt.cli.parse import app
from pipelines.parsers import (
    YEAR_GRACE,
    AgeSpec,
    DateSpec,
    InvalidValue,
    PriceInfo,
    SchoolHolidays,
    TimeSpan,
    Unparsed,
    html_to_text,
    is_public_holiday,
    jsonable,
    parse_age_bound,
    parse_ages,
    parse_dates,
    parse_datetime,
    parse_opening_hours,
    parse_prices,
    parse_times,
    public_holidays,
)
from pipelines.parsers.dates import infer_year
from schemas.offer import Audience
from schemas.vocab import AgeScope, Reduction, Weekday

BERLIN = ZoneInfo("Europe/Berlin")
REF = date(2026, 11, 21)


# --------------------------------------------------------------------------- result types


def test_unparsed_is_falsy_frozen_and_keeps_the_text() -> None:
    u = parse_ages("für Kinder")
    assert isinstance(u, Unparsed)
    assert not u
    assert u.text == "für Kinder"
    assert u.reason == "no age stated"
    with pytest.raises(dataclasses.FrozenInstanceError):
        u.reason = "x"  # type: ignore[misc]


def test_invalid_value_is_a_value_error_with_a_message() -> None:
    with pytest.raises(ValueError, match="day 31 is out of range for June 2027"):
        parse_dates("31.06.2027", reference=REF)
    assert issubclass(InvalidValue, ValueError)


def test_values_are_truthy_and_frozen() -> None:
    spec = parse_dates("12.07.2026", reference=REF)
    assert spec and isinstance(spec, DateSpec)
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.start = None  # type: ignore[misc]


@pytest.mark.parametrize(
    "parse", [parse_times, parse_prices, parse_ages, parse_opening_hours, parse_datetime]
)
@pytest.mark.parametrize("text", [None, "", "   "])
def test_empty_input_is_unparsed(parse, text) -> None:  # type: ignore[no-untyped-def]
    result = parse(text)
    assert isinstance(result, Unparsed) and result.reason == "empty"


# --------------------------------------------------------------------------- DST


def test_dst_gap_in_spring_is_invalid() -> None:
    with pytest.raises(InvalidValue, match="does not exist"):
        parse_datetime("28.03.2027 02:30")
    with pytest.raises(InvalidValue, match="does not exist"):
        parse_datetime("2026-03-29T02:00")


def test_dst_fold_in_autumn_is_unparsed_unless_an_offset_decides() -> None:
    assert isinstance(parse_datetime("2026-10-25T02:30"), Unparsed)
    first = parse_datetime("2026-10-25T02:30:00+02:00")
    second = parse_datetime("2026-10-25T02:30:00+01:00")
    assert isinstance(first, datetime) and isinstance(second, datetime)
    # aware datetimes that share a tzinfo subtract as wall-clock times: measure in UTC
    assert second.astimezone(UTC) - first.astimezone(UTC) == timedelta(hours=1)
    assert second.fold == 1
    assert first.utcoffset() == timedelta(hours=2) and second.utcoffset() == timedelta(hours=1)


def test_times_around_the_switch_get_the_right_offset() -> None:
    before = parse_datetime("2027-03-28T01:59")
    after = parse_datetime("2027-03-28T03:00")
    assert isinstance(before, datetime) and isinstance(after, datetime)
    assert before.utcoffset() == timedelta(hours=1)
    assert after.utcoffset() == timedelta(hours=2)
    assert after.astimezone(UTC) - before.astimezone(UTC) == timedelta(minutes=1)  # across the gap


def test_datetimes_are_aware_and_in_berlin() -> None:
    value = parse_datetime("20220222T183000Z")
    assert isinstance(value, datetime)
    assert value.tzinfo == BERLIN
    assert value.isoformat() == "2022-02-22T19:30:00+01:00"


def test_other_timezone() -> None:
    value = parse_datetime("2026-07-12T10:00", tz="Europe/London")
    assert isinstance(value, datetime) and value.utcoffset() == timedelta(hours=1)
    with pytest.raises(ValueError, match="unknown timezone"):
        parse_datetime("2026-07-12T10:00", tz="Mars/Olympus")


# --------------------------------------------------------------------------- year inference


@pytest.mark.parametrize(
    ("reference", "day", "expected"),
    [
        (date(2026, 12, 20), (1, 3), 2027),  # early January seen before New Year: next year
        (date(2027, 1, 5), (12, 15), 2026),  # mid December seen just after: last year (grace)
        (date(2027, 1, 20), (12, 15), 2027),  # more than the grace ago: this coming December
        (date(2026, 11, 21), (10, 22), 2026),  # exactly reference - grace: still this year
        (date(2026, 11, 21), (10, 21), 2027),  # one day earlier: next year
        (date(2026, 1, 15), (12, 31), 2025),  # 15 days ago: within the grace
    ],
)
def test_infer_year(reference: date, day: tuple[int, int], expected: int) -> None:
    assert infer_year(day[0], day[1], reference) == expected


def test_grace_is_thirty_days() -> None:
    assert timedelta(days=30) == YEAR_GRACE


def test_year_crossing_range_before_and_after_new_year() -> None:
    before = parse_dates("27.12.–3.1.", reference=date(2026, 12, 1))
    after = parse_dates("27.12.–3.1.", reference=date(2027, 1, 2))
    assert isinstance(before, DateSpec) and isinstance(after, DateSpec)
    assert (before.start, before.end) == (date(2026, 12, 27), date(2027, 1, 3))
    assert (after.start, after.end) == (date(2026, 12, 27), date(2027, 1, 3))


def test_written_year_wins_over_inference() -> None:
    spec = parse_dates("12.07.2025", reference=REF)
    assert isinstance(spec, DateSpec) and spec.start == date(2025, 7, 12)
    spec = parse_dates("12.07.2026 – 16.07.", reference=REF)
    assert isinstance(spec, DateSpec) and spec.end == date(2026, 7, 16)


def test_two_digit_years_follow_the_posix_pivot() -> None:
    for text, year in (("1.1.68", 2068), ("1.1.69", 1969)):
        spec = parse_dates(text, reference=REF)
        assert isinstance(spec, DateSpec) and spec.start == date(year, 1, 1)


def test_exception_outside_the_range_is_unparsed() -> None:
    result = parse_dates("12.–16.07.2027 außer am 3.10.", reference=REF)
    assert isinstance(result, Unparsed) and "outside" in result.reason


def test_explicit_calendar_is_used(tmp_path: Path) -> None:
    path = tmp_path / "ferien.toml"
    path.write_text(
        '[calendar]\nstate = "NW"\n[[period]]\nname = "sommerferien"\nyear = 2030\n'
        "start = 2030-07-01\nend = 2030-08-13\n",
        encoding="utf-8",
    )
    calendar = SchoolHolidays.load(path)
    spec = parse_dates(
        "in der ersten Sommerferienwoche", reference=date(2030, 1, 1), holidays=calendar
    )
    assert isinstance(spec, DateSpec)
    assert (spec.start, spec.end, spec.holiday) == (
        date(2030, 7, 1),
        date(2030, 7, 5),
        "sommerferien-2030",
    )
    missing = parse_dates("in den Osterferien", reference=date(2030, 1, 1), holidays=calendar)
    assert isinstance(missing, Unparsed)


# --------------------------------------------------------------------------- "bis"


@pytest.mark.parametrize(
    ("text", "start", "end", "times"),
    [
        ("bis 5.3.2027", None, date(2027, 3, 5), None),
        ("12. bis 16.07.2027", date(2027, 7, 12), date(2027, 7, 16), None),
        ("12.07.2027 bis 16 Uhr", date(2027, 7, 12), date(2027, 7, 12), TimeSpan(None, time(16))),
        (
            "12.07.2027, 10 bis 16 Uhr",
            date(2027, 7, 12),
            date(2027, 7, 12),
            TimeSpan(time(10), time(16)),
        ),
        ("ab 3.3.2027 bis 5.5.2027", date(2027, 3, 3), date(2027, 5, 5), None),
        ("bis einschließlich 5.3.2027", None, date(2027, 3, 5), None),
    ],
)
def test_bis_in_dates(
    text: str, start: date | None, end: date | None, times: TimeSpan | None
) -> None:
    spec = parse_dates(text, reference=REF)
    assert isinstance(spec, DateSpec), spec
    assert (spec.start, spec.end, spec.times) == (start, end, times)


def test_bis_after_weekdays_is_the_last_day() -> None:
    spec = parse_dates("mittwochs bis 24.3.2027", reference=REF)
    assert isinstance(spec, DateSpec)
    assert spec.weekdays == (Weekday.WE,) and spec.start is None and spec.end == date(2027, 3, 24)


def test_bis_in_times_and_ages() -> None:
    assert parse_times("8 bis 13 Uhr") == TimeSpan(time(8), time(13))
    assert parse_times("bis 13 Uhr") == TimeSpan(None, time(13))
    assert parse_ages("bis 12 Jahre") == AgeSpec(AgeScope.RANGE, None, 155)
    assert parse_ages("6 bis 12") == AgeSpec(AgeScope.RANGE, 72, 155)


def test_dangling_bis_is_unparsed() -> None:
    assert isinstance(parse_dates("12.07.2027 bis", reference=REF), Unparsed)
    assert isinstance(parse_dates("bis", reference=REF), Unparsed)


# --------------------------------------------------------------------------- money


def test_half_is_exact_decimal() -> None:
    info = parse_prices("15,50 €, mit Mülheim-Pass die Hälfte")
    assert isinstance(info, PriceInfo)
    base, half = info.prices
    assert half.amount == Decimal("7.75") and isinstance(half.amount, Decimal)
    assert half.reduction is Reduction.CITY_PASS
    assert str(half.amount) == "7.75"


@pytest.mark.parametrize(
    "text", ["15,25 €, mit Mülheim-Pass die Hälfte", "0,01 €, ermäßigt die Hälfte"]
)
def test_half_that_is_not_whole_cents_is_not_rounded(text: str) -> None:
    result = parse_prices(text)
    assert isinstance(result, Unparsed) and "cents" in result.reason


def test_no_float_in_amounts() -> None:
    info = parse_prices("Kinder 3,30 €, Erwachsene 6,60 €, mit Mülheim-Pass die Hälfte")
    assert isinstance(info, PriceInfo)
    assert [str(p.amount) for p in info.prices] == ["3.30", "6.60", "1.65", "3.30"]
    assert all(type(p.amount) is Decimal for p in info.prices)


def test_percentage_reduction_exact() -> None:
    info = parse_prices("40 € pro Monat, mit Mülheim-Pass 25 % Ermäßigung")
    assert isinstance(info, PriceInfo)
    assert info.prices[1].amount == Decimal("30.00")


def test_thousands_and_decimal_separators() -> None:
    cases = {"1.500 €": "1500.00", "1.500,50 €": "1500.50", "12.50 €": "12.50", "12,5 €": "12.50"}
    for text, amount in cases.items():
        info = parse_prices(text)
        assert isinstance(info, PriceInfo) and str(info.prices[0].amount) == amount, text


def test_prices_are_valid_canonical_models() -> None:
    info = parse_prices("115 Euro, jedes weitere Geschwisterkind 85 Euro")
    assert isinstance(info, PriceInfo)
    for p in info.prices:
        type(p).model_validate(p.model_dump())


# --------------------------------------------------------------------------- ages


def test_age_upper_bound_rule() -> None:
    spec = parse_ages("Sechs- bis Zwölfjährige")
    assert spec == AgeSpec(AgeScope.RANGE, 72, (12 + 1) * 12 - 1)


def test_age_spec_to_audience() -> None:
    audience = parse_ages("3-6 Jahre").to_audience(age_text="3-6 Jahre")  # type: ignore[union-attr]
    assert isinstance(audience, Audience)
    assert (audience.age_min_months, audience.age_max_months) == (36, 83)
    all_ages = parse_ages("für alle Altersgruppen").to_audience()  # type: ignore[union-attr]
    assert all_ages.age_scope is AgeScope.ALL_AGES and all_ages.age_min_months is None


@pytest.mark.parametrize(
    ("text", "upper", "months"),
    [
        ("6", False, 72),
        ("6", True, 83),
        ("6 Monate", False, 6),
        ("18 Monate", True, 18),
        ("sechs", False, 72),
        ("1,5 Jahre", False, 18),
    ],
)
def test_age_bound_columns(text: str, upper: bool, months: int) -> None:
    assert parse_age_bound(text, upper=upper) == months


def test_age_bound_rejects_text() -> None:
    assert isinstance(parse_age_bound("für Kinder"), Unparsed)


# --------------------------------------------------------------------------- holidays


def test_calendar_matches_the_facts_table() -> None:
    cal = SchoolHolidays.default()
    expected = {
        ("osterferien", 2025): ("2025-04-14", "2025-04-26"),
        ("pfingstferien", 2025): ("2025-06-10", "2025-06-10"),
        ("sommerferien", 2025): ("2025-07-14", "2025-08-26"),
        ("herbstferien", 2025): ("2025-10-13", "2025-10-25"),
        ("weihnachtsferien", 2025): ("2025-12-22", "2026-01-06"),
        ("osterferien", 2026): ("2026-03-30", "2026-04-11"),
        ("pfingstferien", 2026): ("2026-05-26", "2026-05-26"),
        ("sommerferien", 2026): ("2026-07-20", "2026-09-01"),
        ("herbstferien", 2026): ("2026-10-17", "2026-10-31"),
        ("weihnachtsferien", 2026): ("2026-12-23", "2027-01-06"),
        ("osterferien", 2027): ("2027-03-22", "2027-04-03"),
        ("pfingstferien", 2027): ("2027-05-18", "2027-05-18"),
        ("sommerferien", 2027): ("2027-07-19", "2027-08-31"),
        ("herbstferien", 2027): ("2027-10-23", "2027-11-06"),
        ("weihnachtsferien", 2027): ("2027-12-24", "2028-01-08"),
    }
    assert len(cal.periods) == len(expected)
    for (name, year), (start, end) in expected.items():
        period = cal.get(name, year)
        assert period is not None, (name, year)
        assert (period.start.isoformat(), period.end.isoformat()) == (start, end)
    unconfirmed = {p.key for p in cal.periods if not p.confirmed}
    assert unconfirmed == {"osterferien-2026", "pfingstferien-2026", "herbstferien-2026"}
    assert "Ministerium für Schule und Bildung" in (cal.authority or "")


def test_calendar_lookups() -> None:
    cal = SchoolHolidays.default()
    assert cal.is_school_holiday(date(2026, 7, 20))
    assert cal.is_school_holiday(date(2027, 1, 6))
    assert not cal.is_school_holiday(date(2026, 9, 2))
    running = cal.next_period("sommerferien", date(2026, 8, 1))
    upcoming = cal.next_period("sommerferien", date(2026, 9, 2))
    assert running is not None and running.key == "sommerferien-2026"
    assert upcoming is not None and upcoming.key == "sommerferien-2027"
    assert cal.next_period("sommerferien", date(2027, 9, 1)) is None
    assert cal.get("Sommerferien", 2028) is None
    with pytest.raises(LookupError):
        cal.is_school_holiday(date(2025, 1, 3))  # Christmas 2024/25 is not in the file
    with pytest.raises(LookupError):
        cal.is_school_holiday(date(2028, 6, 1))


def test_holiday_weeks_are_full_school_weeks() -> None:
    cal = SchoolHolidays.default()
    summer = cal.get("sommerferien", 2026).weeks()  # type: ignore[union-attr]
    assert len(summer) == 6 and summer[-1] == (date(2026, 8, 24), date(2026, 8, 28))
    autumn = cal.get("herbstferien", 2026).weeks()  # type: ignore[union-attr]
    assert autumn == (
        (date(2026, 10, 19), date(2026, 10, 23)),
        (date(2026, 10, 26), date(2026, 10, 30)),
    )
    assert cal.get("pfingstferien", 2027).weeks() == ()  # type: ignore[union-attr]
    assert len(cal.get("weihnachtsferien", 2026).weeks()) == 1  # type: ignore[union-attr]


def test_public_holidays_2026_match_the_facts() -> None:
    days = public_holidays(2026)
    expected = [
        "01.01",
        "03.04",
        "06.04",
        "01.05",
        "14.05",
        "25.05",
        "04.06",
        "03.10",
        "01.11",
        "25.12",
        "26.12",
    ]
    assert sorted(f"{d:%m.%d}" for d in days) == sorted(f"{e[3:]}.{e[:2]}" for e in expected)
    assert days[date(2026, 6, 4)] == "Fronleichnam"
    assert is_public_holiday(date(2026, 10, 3)) and not is_public_holiday(date(2026, 10, 5))
    days.clear()  # callers get their own copy
    assert len(public_holidays(2026)) == 11


def test_calendar_rejects_bad_files(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        '[[period]]\nname = "karneval"\nyear = 2026\nstart = 2026-02-16\nend = 2026-02-17\n'
    )
    with pytest.raises(ValueError, match="unknown holiday name"):
        SchoolHolidays.load(path)
    path.write_text(
        '[[period]]\nname = "osterferien"\nyear = 2026\nstart = 2026-04-11\nend = 2026-03-30\n'
    )
    with pytest.raises(ValueError, match="before start"):
        SchoolHolidays.load(path)


# --------------------------------------------------------------------------- text


def test_html_to_text_layout() -> None:
    html = (
        "<h2>Ferienspiele</h2><p>Für Kinder von 6&nbsp;bis 12&nbsp;Jahren.</p>"
        "<ul><li>Basteln</li><li>Ausflüge</li></ul><script>track()</script>"
        "<p>Anmeldung: <a href='x'>hier</a></p>"
    )
    assert html_to_text(html) == (
        "Ferienspiele\n\nFür Kinder von 6 bis 12 Jahren.\n\n"
        "- Basteln\n- Ausflüge\n\nAnmeldung: hier"
    )


def test_html_to_text_double_escaped() -> None:
    assert html_to_text("&lt;p&gt;Hallo &amp;amp; willkommen&lt;/p&gt;") == "Hallo & willkommen"


def test_plain_text_keeps_its_lines() -> None:
    text = "Inhalt:\n- Basteln\n- Spielen   im Garten\n\n\n\nEnde"
    assert html_to_text(text) == "Inhalt:\n- Basteln\n- Spielen im Garten\n\nEnde"
    assert html_to_text("Kinder < 6 Jahre & Eltern") == "Kinder < 6 Jahre & Eltern"


# --------------------------------------------------------------------------- JSON and CLI


def test_jsonable() -> None:
    spec = parse_dates("12.07.2027, 10–12 Uhr", reference=REF)
    assert jsonable(spec) == {
        "start": "2027-07-12",
        "end": "2027-07-12",
        "weekdays": [],
        "exceptions": [],
        "times": {"start": "10:00", "end": "12:00", "all_day": False},
        "holiday": None,
        "skip_public_holidays": False,
        "skip_school_holidays": False,
        "holiday_week": None,
        "holiday_symbolic": False,
    }
    info = parse_prices("15 Euro pro Woche")
    assert jsonable(info)["prices"][0]["amount"] == "15.00"  # type: ignore[index]


runner = CliRunner()


def _lines(output: str) -> list[dict[str, object]]:
    return [orjson.loads(line) for line in output.splitlines() if line.strip()]


def test_cli_date_with_reference() -> None:
    result = runner.invoke(
        app, ["date", "--on", "2026-11-21", "12.–16.07.", "werktags", "31.06.2027"]
    )
    assert result.exit_code == 0, result.output
    out = _lines(result.output)
    assert out[0] == {
        "input": "12.–16.07.",
        "value": {
            "start": "2027-07-12",
            "end": "2027-07-16",
            "weekdays": [],
            "exceptions": [],
            "times": None,
            "holiday": None,
            "skip_public_holidays": False,
            "skip_school_holidays": False,
            "holiday_week": None,
            "holiday_symbolic": False,
        },
    }
    assert "ambiguous" in out[1]["unparsed"]  # type: ignore[operator]
    assert out[2] == {"input": "31.06.2027", "invalid": "day 31 is out of range for June 2027"}


def test_cli_date_bad_reference() -> None:
    result = runner.invoke(app, ["date", "--on", "gestern", "12.07."])
    assert result.exit_code != 0


@pytest.mark.parametrize(
    ("command", "text", "key", "expected"),
    [
        ("time", "9-12.30h", "value", {"start": "09:00", "end": "12:30", "all_day": False}),
        (
            "age",
            "Sechs- bis Zwölfjährige",
            "value",
            {"scope": "range", "min_months": 72, "max_months": 155},
        ),
        ("phone", "(0208) 4 55 43 21", "value", "+492084554321"),
        ("phone", "0800 KINDER", "unparsed", None),
    ],
)
def test_cli_commands(command: str, text: str, key: str, expected: object) -> None:
    result = runner.invoke(app, [command, text])
    assert result.exit_code == 0, result.output
    (line,) = _lines(result.output)
    assert line["input"] == text and key in line
    if expected is not None:
        assert line[key] == expected


def test_cli_price_and_hours() -> None:
    result = runner.invoke(app, ["price", "15 Euro pro Woche, mit Mülheim-Pass die Hälfte"])
    (line,) = _lines(result.output)
    prices = line["value"]["prices"]  # type: ignore[index]
    assert [p["amount"] for p in prices] == ["15.00", "7.50"]
    result = runner.invoke(app, ["hours", "täglich außer montags 10–18 Uhr"])
    (line,) = _lines(result.output)
    assert line["value"]["osm"] == "Tu-Su 10:00-18:00"  # type: ignore[index]
    assert len(line["value"]["spec"]) == 6  # type: ignore[index]
