"""``familienpunkt parse …``: try the German value parsers from the shell.

Each command takes one or more texts and prints one JSON object per text:
``{"input": ..., "value": ...}``, ``{"input": ..., "unparsed": reason}`` or
``{"input": ..., "invalid": message}``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

import orjson
import typer

from core.clock import today_berlin
from pipelines.parsers.ages import parse_ages
from pipelines.parsers.contact import parse_phone
from pipelines.parsers.dates import parse_dates
from pipelines.parsers.hours import parse_opening_hours
from pipelines.parsers.prices import parse_prices
from pipelines.parsers.result import InvalidValue, Unparsed, jsonable
from pipelines.parsers.times import parse_times

app = typer.Typer(
    name="parse",
    help="Try the German value parsers: one JSON object per input text.",
    no_args_is_help=True,
    add_completion=False,
)

Texts = Annotated[list[str], typer.Argument(help="One or more texts to parse", metavar="TEXT...")]


def result_json(text: str, parse: Callable[[str], Any]) -> dict[str, Any]:
    """The JSON object the CLI prints for one input."""
    try:
        value = parse(text)
    except InvalidValue as exc:
        return {"input": text, "invalid": str(exc)}
    if isinstance(value, Unparsed):
        return {"input": text, "unparsed": value.reason}
    return {"input": text, "value": jsonable(value)}


def _emit(texts: list[str], parse: Callable[[str], Any]) -> None:
    for text in texts:
        typer.echo(orjson.dumps(result_json(text, parse)).decode())


def _today() -> date:
    return today_berlin()


@app.command("date")
def date_cmd(
    texts: Texts,
    on: Annotated[
        str | None,
        typer.Option("--on", help="Reference date YYYY-MM-DD (default: today in Europe/Berlin)"),
    ] = None,
) -> None:
    """Dates: "12.–16.07.", "jeden Mittwoch", "in der ersten Sommerferienwoche"."""
    try:
        reference = date.fromisoformat(on) if on else _today()
    except ValueError:
        raise typer.BadParameter(f"--on {on!r} is not a date YYYY-MM-DD") from None
    _emit(texts, lambda t: parse_dates(t, reference=reference))


@app.command("time")
def time_cmd(texts: Texts) -> None:
    """Times: "8 bis 13 Uhr", "ab 15 Uhr", "ganztägig"."""
    _emit(texts, parse_times)


@app.command("price")
def price_cmd(texts: Texts) -> None:
    """Prices: "15 Euro pro Woche, mit Mülheim-Pass die Hälfte"."""
    _emit(texts, parse_prices)


@app.command("age")
def age_cmd(texts: Texts) -> None:
    """Ages in months: "Sechs- bis Zwölfjährige", "U3", "für alle Altersgruppen"."""
    _emit(texts, parse_ages)


@app.command("hours")
def hours_cmd(texts: Texts) -> None:
    """Opening hours: "Mo–Fr 7.00–16.30 Uhr" → OSM opening_hours and schema.org rows."""
    _emit(texts, parse_opening_hours)


@app.command("phone")
def phone_cmd(texts: Texts) -> None:
    """Phone numbers to E.164: "(0208) 4 55 43 21"."""
    _emit(texts, parse_phone)


if __name__ == "__main__":  # pragma: no cover
    app()
