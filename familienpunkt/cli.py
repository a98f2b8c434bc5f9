"""The ``familienpunkt`` command line: run, import, publish, sources, status and helpers."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.live import Live
from rich.table import Table

app = typer.Typer(
    name="familienpunkt",
    help="Gather every family offer of a city, normalise it and publish open data.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
console = Console(width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True)

RegistryOption = Annotated[
    Path | None,
    typer.Option("--registry", "-r", help="Source registry (default: the demo registry)"),
]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's own logs")]


def _quiet_prefect(verbose: bool) -> None:
    """Prefect reads its settings at import time: set them before the first import."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "WARNING")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_LOG_PRINTS", "false")
    # no telemetry: the machine is offline, and its write races the ephemeral SQLite server
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


def _registry(path: Path | None):
    from familienpunkt.settings import get_settings
    from schemas.source import Registry, RegistryError

    try:
        return Registry.load(path or get_settings().registry)
    except RegistryError as exc:
        _fail(str(exc))


@contextmanager
def _demo_world_if_needed(registry, wanted: bool):
    """Start the bundled demo providers when the registry points at them."""
    uses_demo = any("{demo}" in s.url for s in registry.sources.values())
    if not (uses_demo and wanted):
        yield None
        return
    from demo.world import DemoWorld

    with DemoWorld(port=_demo_port()) as world:
        console.print(f"[dim]demo providers serving at {world.base_url}[/]")
        yield world.base_url


DEMO_PORT = 47811
"""The demo world's usual port: offer URLs contain it, so a stable port keeps them stable
between runs (a changed URL is a changed offer)."""


def _demo_port() -> int:
    import socket

    port = int(os.environ.get("FAMILIENPUNKT_DEMO_PORT", DEMO_PORT))
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) != 0:
            return port
    err.print(
        f"[yellow]port {port} is busy: the demo uses a free port, so its offer URLs change[/]"
    )
    return 0


class _LiveProgress:
    """A live table of the sources of a run, fed by flow progress events."""

    STYLE = {
        "extracting": "cyan",
        "normalising": "blue",
        "loading": "magenta",
        "done": "green",
        "failed": "red",
    }

    def __init__(self, source_ids: list[str]):
        self.state: dict[str, tuple[str, str]] = {s: ("waiting", "") for s in source_ids}

    def __call__(self, stage: str, source_id: str, info: dict[str, Any]) -> None:
        detail = ""
        if stage in ("done", "failed"):
            stage = info.get("status", stage)
            detail = info.get("reason") or ""
        elif "records" in info:
            detail = f"{info['records']} records"
        self.state[source_id] = (stage, detail)

    def render(self) -> Table:
        table = Table(title="sources", show_edge=False)
        table.add_column("source")
        table.add_column("stage")
        table.add_column("detail", overflow="fold")
        for source_id, (stage, detail) in sorted(self.state.items()):
            style = self.STYLE.get(stage, {"ok": "green", "suspicious": "yellow"}.get(stage, "dim"))
            table.add_row(source_id, f"[{style}]{stage}[/]", detail)
        return table


def _run_with_progress(function, source_ids: list[str], **kwargs):
    from flows import progress

    live_progress = _LiveProgress(source_ids)
    if not console.is_terminal:
        return function(**kwargs)
    with Live(live_progress.render(), console=console, refresh_per_second=4) as live:

        def show(stage: str, source_id: str, info: dict[str, Any]) -> None:
            live_progress(stage, source_id, info)
            live.update(live_progress.render())

        stop = progress.listen(show)
        try:
            return function(**kwargs)
        finally:
            stop()


def _flow_over_sources(flow, sources: list[str] | None, registry: Path | None, demo: bool):
    """Run an import flow over the registry's sources (the demo world started if needed)."""
    reg = _registry(registry)
    selected = [s.id for s in reg.enabled(sources or None)]
    with _demo_world_if_needed(reg, demo) as demo_base:
        return _run_with_progress(
            flow, selected, registry_path=str(reg.path), only=sources or None,
            demo_base=demo_base,
        )


def _print_import(summary) -> None:
    from flows.report import COLUMNS, rows, totals

    table = Table(title=f"import run {summary.run_id} — {summary.status}")
    for column in COLUMNS:
        table.add_column(
            column,
            justify="right" if column not in ("source", "status", "reason") else "left",
            overflow="fold",
        )
    colour = {"ok": "green", "suspicious": "yellow", "failed": "red"}
    for row in rows(summary.reports):
        row[1] = f"[{colour.get(row[1], 'white')}]{row[1]}[/]"
        table.add_row(*row)
    table.add_row(*[c.replace("**", "") for c in totals(summary.reports)], style="bold")
    console.print(table)


@app.command()
def run(
    sources: Annotated[list[str] | None, typer.Argument(help="Only these sources")] = None,
    registry: RegistryOption = None,
    demo: Annotated[
        bool, typer.Option(help="Start the bundled demo providers if the registry uses them")
    ] = True,
    verbose: VerboseOption = False,
) -> None:
    """The main job: import every source, then publish the open-data export."""
    _quiet_prefect(verbose)
    from flows.run import familienpunkt_run

    summary = _flow_over_sources(familienpunkt_run, sources, registry, demo)
    _print_import(summary.imported)
    published = summary.published
    console.print(
        f"published [bold]{published.counts.get('offers', 0)}[/] offers from "
        f"{len({r.source_id for r in summary.imported.reports if r.valid})} sources"
    )
    console.print(f"export: [bold]{published.path}[/]")
    console.print(f"latest: {published.latest}")


@app.command("import")
def import_(
    sources: Annotated[list[str] | None, typer.Argument(help="Only these sources")] = None,
    registry: RegistryOption = None,
    demo: Annotated[bool, typer.Option(help="Start the bundled demo providers if needed")] = True,
    verbose: VerboseOption = False,
) -> None:
    """Import sources into the warehouse (no publication)."""
    _quiet_prefect(verbose)
    from flows.import_sources import import_sources

    _print_import(_flow_over_sources(import_sources, sources, registry, demo))


@app.command()
def publish(registry: RegistryOption = None, verbose: VerboseOption = False) -> None:
    """Publish the warehouse's current offers as a new release and point ``latest`` at it."""
    _quiet_prefect(verbose)
    reg = _registry(registry)
    from flows.publish import publish_export

    summary = publish_export(registry_path=str(reg.path))
    for name, count in summary.counts.items():
        console.print(f"{name:>15}: {count}")
    console.print(f"export: [bold]{summary.path}[/]")


@app.command()
def sources(
    registry: RegistryOption = None,
    check: Annotated[
        bool, typer.Option("--check", help="Also check adapter options and spiders")
    ] = False,
) -> None:
    """List the sources of the registry (and check them)."""
    reg = _registry(registry)
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


def _warehouse():
    from familienpunkt.settings import get_settings
    from warehouse.db import connect

    path = get_settings().warehouse_path
    if not path.exists():
        _fail(f"no warehouse at {path} yet: run 'familienpunkt run' first")
    return connect(path, read_only=True)


@app.command()
def status(
    runs: Annotated[int, typer.Option(help="How many runs to list")] = 5,
    source: Annotated[
        str | None, typer.Option("--source", "-s", help="Statistics of this source's last run")
    ] = None,
) -> None:
    """The last runs and the sources of the latest import run (or one source in detail)."""
    from warehouse import ledger

    con = _warehouse()
    if source:
        try:
            _print_source_stats(con, source)
        finally:
            con.close()
        return
    try:
        table = Table(title="runs")
        for column in ("run", "kind", "started", "status", "sources", "note"):
            table.add_column(column, overflow="fold")
        recent = ledger.last_runs(con, runs)
        for row in recent:
            table.add_row(
                row["run_id"],
                row["kind"],
                f"{row['started_at']:%Y-%m-%d %H:%M:%S}",
                row["status"],
                str(row["sources"] or ""),
                row["note"] or "",
            )
        console.print(table)
        last_import = next((r for r in recent if r["kind"] == "import"), None)
        if last_import:
            detail = Table(title=f"sources of {last_import['run_id']}")
            names = (
                "source_id",
                "status",
                "fetched",
                "valid",
                "quarantined",
                "new",
                "changed",
                "unchanged",
                "withdrawn",
                "duration_s",
                "reason",
            )
            for name in names:
                detail.add_column(name.replace("_id", ""), overflow="fold")
            for row in ledger.source_runs(con, last_import["run_id"]):
                detail.add_row(*[str(row[n]) if row[n] is not None else "" for n in names])
            console.print(detail)
    finally:
        con.close()


def _print_source_stats(con, source_id: str) -> None:
    """HTTP, paging, field coverage and quality figures of a source's last run."""
    import orjson

    row = con.execute(
        "SELECT run_id, status, reason, fetched, valid, quarantined, duration_s, stats::VARCHAR "
        "FROM source_runs WHERE source_id = ? ORDER BY started_at DESC LIMIT 1",
        [source_id],
    ).fetchone()
    if row is None:
        _fail(f"source {source_id!r} has no run yet")
    run_id, state, reason, fetched, valid, quarantined, seconds, raw = row
    stats = orjson.loads(raw) if raw else {}
    extract, normalise = stats.get("extract", {}), stats.get("normalise", {})
    console.print(f"[bold]{source_id}[/] in run {run_id}: {state} {reason or ''}")
    console.print(
        f"fetched {fetched}, valid {valid}, quarantined {quarantined} in {seconds:.1f} s; "
        f"pages {extract.get('pages_fetched', 0)}, HTTP {extract.get('http_status_counts', {})}, "
        f"records per page {extract.get('records_per_page', 0)}, "
        f"robots.txt forbidden {extract.get('robots_forbidden', 0)}"
    )
    coverage = Table(title="fields (per record)")
    for column in ("slot", "present", "missing", "unparsed", "invalid"):
        coverage.add_column(column, justify="left" if column == "slot" else "right")
    for slot, counts in sorted(normalise.get("fields", {}).items()):
        names = ("present", "missing", "unparsed", "invalid")
        coverage.add_row(slot, *(str(counts[k]) for k in names))
    console.print(coverage)
    for title, key in (("quality flags", "flags"), ("unmapped categories", "unmapped_categories")):
        if normalise.get(key):
            console.print(f"{title}: " + ", ".join(f"{k} {v}" for k, v in normalise[key].items()))


@app.command()
def quarantine(
    source: Annotated[str | None, typer.Argument(help="Only this source")] = None,
    limit: Annotated[int, typer.Option(help="At most this many records")] = 50,
) -> None:
    """Records of the last runs that failed validation, with source, record, field and reason."""
    con = _warehouse()
    try:
        rows = con.execute(
            "SELECT q.source_id, q.record_key, q.field, q.message FROM quarantine q "
            "WHERE q.run_id = "
            "(SELECT max(run_id) FROM source_runs s WHERE s.source_id = q.source_id) "
            "AND (? IS NULL OR q.source_id = ?) ORDER BY q.source_id, q.record_key LIMIT ?",
            [source, source, limit],
        ).fetchall()
    finally:
        con.close()
    table = Table(title="quarantine (last run of each source)")
    for column in ("source", "record", "field", "message"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    console.print(table if rows else "nothing in quarantine")


@app.command()
def serve(registry: RegistryOption = None, verbose: VerboseOption = False) -> None:
    """Run every source on its own schedule (needs a Prefect server: PREFECT_API_URL)."""
    _quiet_prefect(verbose)
    if not os.environ.get("PREFECT_API_URL"):
        _fail("schedules need a Prefect server: run 'prefect server start' and set PREFECT_API_URL")
    reg = _registry(registry)
    if any("{demo}" in s.url for s in reg.enabled()):
        _fail("the registry points at the demo world; serve a registry of real sources")
    from prefect import serve as prefect_serve

    from flows.schedule import deployments

    prefect_serve(*deployments(reg))


@app.command()
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
        _fail(f"unknown schema {what!r}; choose dictionary, {', '.join(schemas)}")
    sys.stdout.write(json.dumps(schemas[what], indent=2, ensure_ascii=False) + "\n")


demo_app = typer.Typer(help="The bundled demo provider world.", no_args_is_help=True)
app.add_typer(demo_app, name="demo")


@demo_app.command("serve")
def demo_serve(port: Annotated[int, typer.Option(help="Port (0: a free one)")] = 0) -> None:
    """Serve the demo providers in the foreground until Ctrl-C."""
    from demo.cli import serve

    serve(port)


def _mount_parse() -> None:
    from pipelines.parsers.cli import app as parse_app

    app.add_typer(parse_app, name="parse", help="Check how a German phrase is parsed.")


_mount_parse()


@app.command("inspect")
def inspect_(
    target: Annotated[str, typer.Argument(metavar="FILE_OR_URL", help="A provider's file or URL")],
    adapter: Annotated[
        str | None,
        typer.Option(
            "--adapter",
            "-a",
            help="csv, xlsx, ical, json_api, geojson, rss, rpde, xcri_cap, "
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


@app.command("new-source")
def new_source(
    source_id: Annotated[str, typer.Argument(metavar="ID", help="Id of the new source")],
    provider: Annotated[str, typer.Option(
        "--provider", help="Key of its provider in the registry")],
    adapter: Annotated[str, typer.Option(
        "--adapter", help="spider, or a feed kind: csv, xlsx, ical, json_api, geojson, rss, "
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
    from familienpunkt.scaffold import Layout, NewSource, ScaffoldError, next_steps, written_paths
    from familienpunkt.scaffold import new_source as scaffold_source
    from familienpunkt.settings import PROJECT_ROOT, get_settings

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
