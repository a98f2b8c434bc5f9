"""``sources``, ``inspect``, ``new-source`` and ``schema``: the registry and its formats."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from familienpunkt.cli.common import RegistryOption, console, err, fail, load_registry


def sources(
    registry: RegistryOption = None,
    check: Annotated[
        bool, typer.Option("--check", help="Also check adapter options and spiders")
    ] = False,
) -> None:
    """List the sources of the registry (and check them)."""
    reg = load_registry(registry)
    table = Table(title=str(reg.path))
    for column in ("source", "provider", "adapter", "schedule", "licence", "min", "enabled", "url"):
        table.add_column(column, overflow="fold")
    for source in reg.sources.values():
        adapter = source.adapter.value + (f":{source.spider}" if source.spider else "")
        table.add_row(
            source.id,
            source.provider,
            adapter,
            source.schedule,
            source.licence,
            str(source.min_records),
            "yes" if source.enabled else "no",
            source.url,
        )
    console.print(table)
    if check:
        from familienpunkt.checks import check_registry

        problems = check_registry(reg)
        for problem in problems:
            err.print(f"[red]✗[/] {problem}")
        if problems:
            raise typer.Exit(1)
        console.print(f"[green]✓[/] {len(reg.sources)} sources checked")


def schema(
    what: Annotated[
        str, typer.Argument(help="dictionary | offer | location | organization")
    ] = "dictionary",
) -> None:
    """Print the data dictionary or a JSON Schema, generated from the models."""
    import json

    from schemas.dictionary import data_dictionary, json_schemas

    if what == "dictionary":
        sys.stdout.write(data_dictionary())
        return
    schemas = json_schemas()
    if what not in schemas:
        fail(f"unknown schema {what!r}; choose dictionary, {', '.join(schemas)}")
    sys.stdout.write(json.dumps(schemas[what], indent=2, ensure_ascii=False) + "\n")


def inspect_(
    target: Annotated[str, typer.Argument(metavar="FILE_OR_URL", help="A provider's file or URL")],
    adapter: Annotated[
        str | None,
        typer.Option(
            "--adapter",
            "-a",
            help="csv, xlsx, ical, json_api, geojson, gml, rss, rpde, xcri_cap, "
            "openqcat or structured (HTML schema.org); detected when left out",
        ),
    ] = None,
    normalise: Annotated[
        bool,
        typer.Option(
            "--normalise", help="Print canonical offers (or the quarantine reason) instead"
        ),
    ] = False,
    source_id: Annotated[
        str | None,
        typer.Option("--source-id", help="Read it as this registry source (options, key, mapping)"),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=0, help="Print at most N")
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="Offer kind for records that name none (e.g. course)"),
    ] = None,
    key: Annotated[
        str | None, typer.Option("--key", help="Field holding the provider's key")
    ] = None,
    registry: RegistryOption = None,
) -> None:
    """Show the raw records (or offers) an adapter extracts from a file or URL, as JSON lines."""
    from familienpunkt.inspect import run as run_inspect

    code = run_inspect(
        target,
        out=sys.stdout.buffer,
        err=sys.stderr,
        adapter=adapter,
        normalise_records=normalise,
        source_id=source_id,
        registry=registry,
        limit=limit,
        kind=kind,
        key=key,
    )
    raise typer.Exit(code)


def new_source(
    source_id: Annotated[str, typer.Argument(metavar="ID", help="Id of the new source")],
    provider: Annotated[str, typer.Option(
        "--provider", help="Key of its provider in the registry")],
    adapter: Annotated[str, typer.Option(
        "--adapter", help="spider, or a feed kind: csv, xlsx, ical, json_api, geojson, gml, rss, "
        "rpde, xcri_cap, openqcat")],
    url: Annotated[str | None, typer.Option(
        "--url", help="Feed URL or the spider's start page")] = None,
    sample: Annotated[Path | None, typer.Option(
        "--sample", help="A saved copy of the feed or page (otherwise --url is fetched)")] = None,
    spider_base: Annotated[str, typer.Option(
        "--spider-base", help="Base of a spider: listing, structured, sitemap or tribe"
    )] = "structured",
    title: Annotated[str | None, typer.Option("--title", help="Human name of the source")] = None,
    licence: Annotated[str, typer.Option(
        "--licence", help="Licence id, e.g. dl-by-de/2.0")] = "other-closed",
    kind: Annotated[str | None, typer.Option("--kind", help="Default offer kind")] = None,
    registry: RegistryOption = None,
    root: Annotated[Path | None, typer.Option(
        "--root", help="Project folder to write into (default: this checkout)")] = None,
) -> None:
    """Add a source: registry entry, fixture and test (and the spider), all alike."""
    from core.settings import PROJECT_ROOT, get_settings
    from familienpunkt.scaffold import Layout, NewSource, ScaffoldError, next_steps, written_paths
    from familienpunkt.scaffold import new_source as scaffold_source

    project = (root or PROJECT_ROOT).resolve()
    default_registry = get_settings().registry
    if root is not None and default_registry.is_relative_to(PROJECT_ROOT):
        default_registry = project / default_registry.relative_to(PROJECT_ROOT)
    layout = Layout(project, (registry or default_registry).resolve())
    request = NewSource(source_id, provider, adapter, url=url, sample=sample,
                        spider_base=spider_base, title=title, licence=licence, kind=kind)
    try:
        plan = scaffold_source(request, layout)
    except ScaffoldError as exc:
        from rich.markup import escape

        err.print(f"[bold red]error:[/] {escape(str(exc))}", soft_wrap=True, highlight=False)
        raise typer.Exit(1) from None
    for note in plan.notes:
        console.print(f"[dim]{note}[/]")
    console.print(f"new source [bold]{source_id}[/]; wrote:")
    for path in written_paths(plan, layout):
        console.print(f"  {path}")
    for step in next_steps(request, plan, layout):
        console.print(f"next: {step}")
