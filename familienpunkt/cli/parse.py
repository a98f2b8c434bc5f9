"""``familienpunkt parse …``: try the German value parsers from the shell.

Each command takes one or more texts and prints one JSON object per text. A text is first read
as a field value (the strict parser: "12.–16.07.", "9-12.30h"); if that fails it is read as a
sentence, and every value found inside it is listed:

* ``{"input": ..., "value": ...}`` — the whole text is one value;
* ``{"input": ..., "found": [...]}`` — values found inside a sentence;
* ``{"input": ..., "unparsed": reason}`` — neither;
* ``{"input": ..., "invalid": message}`` — a recognised but impossible value (31.06.).

``--on YYYY-MM-DD`` is the reference day for yearless dates (default: today in Berlin); every
command accepts it and the kinds without dates ignore it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

import orjson
import typer

from core.clock import today_berlin

app = typer.Typer(
    name="parse",
    help="Try the German value parsers: one JSON object per input text.",
    no_args_is_help=True,
    add_completion=False,
)

Texts = Annotated[list[str], typer.Argument(help="One or more texts to parse", metavar="TEXT...")]
On = Annotated[
    str | None,
    typer.Option("--on", help="Reference date YYYY-MM-DD for yearless dates (default: today)"),
]


def result_json(
    text: str, parse: Callable[[str], Any], find: Callable[[str], Any] | None = None
) -> dict[str, Any]:
    """The JSON object the CLI prints for one input."""
    from pipelines.parsers.result import InvalidValue, Unparsed, jsonable

    try:
        value = parse(text)
    except InvalidValue as exc:
        return {"input": text, "invalid": str(exc)}
    if not isinstance(value, Unparsed):
        return {"input": text, "value": jsonable(value)}
    found = find(text) if find is not None else None
    if found:
        values = found if isinstance(found, list) else [found]
        return {"input": text, "found": [jsonable(v) for v in values]}
    return {"input": text, "unparsed": value.reason}


def _emit(texts: list[str], parse: Callable[[str], Any], find: Callable[[str], Any]) -> None:
    for text in texts:
        typer.echo(orjson.dumps(result_json(text, parse, find)).decode())


def _reference(on: str | None) -> date:
    try:
        return date.fromisoformat(on) if on else today_berlin()
    except ValueError:
        raise typer.BadParameter(f"--on {on!r} is not a date YYYY-MM-DD") from None


@app.command("date")
def date_cmd(texts: Texts, on: On = None) -> None:
    """Dates: "12.–16.07.", "jeden Mittwoch", "von Montag, 10. bis Freitag, 21. August"."""
    from pipelines.parsers.dates import parse_dates
    from pipelines.parsers.dates_in_text import find_dates

    reference = _reference(on)
    _emit(texts, lambda t: parse_dates(t, reference=reference),
          lambda t: find_dates(t, reference=reference))


@app.command("time")
def time_cmd(texts: Texts, on: On = None) -> None:
    """Times: "8 bis 13 Uhr", "beginnen jeweils um 9.30 Uhr und gehen bis 16.30 Uhr"."""
    from pipelines.parsers.times import parse_times
    from pipelines.parsers.times_in_text import find_times

    _reference(on)
    _emit(texts, parse_times, find_times)


@app.command("price")
def price_cmd(texts: Texts, on: On = None) -> None:
    """Prices: "15 Euro pro Woche", "für das erste Kind 90, für das zweite Kind 80 Euro"."""
    from pipelines.parsers.prices import parse_prices
    from pipelines.parsers.prices_in_text import find_prices

    _reference(on)
    _emit(texts, parse_prices, find_prices)


@app.command("age")
def age_cmd(texts: Texts, on: On = None) -> None:
    """Ages in months: "Sechs- bis Zwölfjährige", "Kinder, die bereits eingeschult sind"."""
    from pipelines.parsers.ages import parse_ages
    from pipelines.parsers.ages_in_text import find_ages

    _reference(on)
    _emit(texts, parse_ages, find_ages)


@app.command("hours")
def hours_cmd(texts: Texts, on: On = None) -> None:
    """Opening hours: "Mo–Fr 7.00–16.30 Uhr", "montags bis freitags von 9 bis 17 Uhr geöffnet"."""
    from pipelines.parsers.hours import parse_opening_hours
    from pipelines.parsers.hours_in_text import find_hours

    _reference(on)
    _emit(texts, parse_opening_hours, find_hours)


@app.command("phone")
def phone_cmd(texts: Texts, on: On = None) -> None:
    """Phone numbers to E.164: "(0208) 4 55 43 21", "Infos unter: 02041/7095167"."""
    from pipelines.parsers.contact import parse_phone
    from pipelines.parsers.phones_in_text import find_phones

    _reference(on)
    _emit(texts, parse_phone, find_phones)


@app.command("places")
def places_cmd(texts: Texts, on: On = None) -> None:
    """Free places and capacity: "noch 4 Plätze frei", "maximal 12 Kinder", "ausgebucht"."""
    from pipelines.parsers.places import parse_places
    from pipelines.parsers.places_in_text import find_places

    _reference(on)
    _emit(texts, parse_places, find_places)


@app.command("registration")
def registration_cmd(texts: Texts, on: On = None) -> None:
    """Registration: "Anmeldung ab 19 Uhr am 07.09.", "Anmeldeschluss ist der 10. Juli"."""
    from pipelines.parsers.moments import parse_moment
    from pipelines.parsers.registration_in_text import find_registration

    reference = _reference(on)
    for text in texts:  # the sentence first: it says whether the date opens or closes
        found = find_registration(text, reference=reference)
        line = {"input": text, "found": [_registration(found)]} if found else result_json(
            text, lambda t: parse_moment(t, reference=reference))
        typer.echo(orjson.dumps(line).decode())


def _registration(found: Any) -> dict[str, Any]:
    from pipelines.parsers.result import jsonable

    return {"opens": jsonable(found.opens), "closes": jsonable(found.closes)}


if __name__ == "__main__":  # pragma: no cover
    app()
