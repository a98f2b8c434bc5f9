"""``run``, ``import`` and ``publish``: the jobs, with a live view and honest exit codes."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Annotated, Any

import typer
from rich.live import Live
from rich.table import Table

from familienpunkt.cli.common import (
    EXIT_BUSY,
    EXIT_ERROR,
    EXIT_SOURCES,
    RegistryOption,
    VerboseOption,
    console,
    err,
    fail,
    load_registry,
    quiet_prefect,
)

DEMO_PORT = 47811
"""The demo world's usual port: offer URLs contain it, so a stable port keeps them stable
between runs (a changed URL is a changed offer)."""
STAGES = ("waiting", "extracting", "normalising", "loading", "ok", "suspicious", "failed")
STYLE = {
    "extracting": "cyan", "normalising": "blue", "loading": "magenta", "ok": "green",
    "suspicious": "yellow", "failed": "red",
}
SourcesArgument = Annotated[list[str] | None, typer.Argument(help="Only these sources")]
DemoOption = Annotated[
    bool, typer.Option(help="Start the bundled demo providers if the registry uses them")
]


@contextlib.contextmanager
def demo_world_if_needed(sources: list) -> Iterator[None]:
    """Start the bundled demo providers when a selected source's URL uses ``{demo}`` and no
    ``FAMILIENPUNKT_URL_DEMO`` points elsewhere; the URL variable is set while it runs."""
    from schemas.source import url_variable_env

    variable = url_variable_env("demo")
    if os.environ.get(variable) or not any("demo" in s.url_variables for s in sources):
        yield
        return
    from demo.world import DemoWorld

    with DemoWorld(port=_demo_port()) as world:
        console.print(f"[dim]demo providers serving at {world.base_url}[/]")
        os.environ[variable] = world.base_url
        try:
            yield
        finally:
            os.environ.pop(variable, None)


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


class LiveProgress:
    """One line per stage with the sources in it: fits a 24-row terminal for any registry."""

    def __init__(self, source_ids: list[str]):
        self.stage: dict[str, str] = dict.fromkeys(source_ids, "waiting")
        self.detail: dict[str, str] = {}

    def __call__(self, stage: str, source_id: str, info: dict[str, Any]) -> None:
        if stage in ("done", "failed"):
            stage = info.get("status", stage)
            if info.get("reason"):
                self.detail[source_id] = str(info["reason"])
        self.stage[source_id] = stage

    def render(self) -> Table:
        done = sum(s in ("ok", "suspicious", "failed") for s in self.stage.values())
        table = Table(title=f"sources: {done}/{len(self.stage)} done", show_edge=False,
                      show_header=False)
        table.add_column("stage", no_wrap=True)
        table.add_column("sources", overflow="ellipsis", no_wrap=True)
        for stage in STAGES:
            names = sorted(s for s, st in self.stage.items() if st == stage)
            if names:
                style = STYLE.get(stage, "dim")
                table.add_row(f"[{style}]{stage}[/] {len(names)}", " ".join(names))
        problems = [f"{s}: {self.detail[s]}" for s, st in sorted(self.stage.items())
                    if st in ("failed", "suspicious") and s in self.detail]
        for line in problems[:6]:
            table.add_row("", f"[dim]{line}[/]")
        return table


def _with_progress(function, source_ids: list[str], **kwargs):
    from flows import progress

    live_progress = LiveProgress(source_ids)
    if not console.is_terminal:
        return function(**kwargs)
    with Live(live_progress.render(), console=console, refresh_per_second=4,
              transient=True) as live:

        def show(stage: str, source_id: str, info: dict[str, Any]) -> None:
            live_progress(stage, source_id, info)
            live.update(live_progress.render())

        stop = progress.listen(show)
        try:
            return function(**kwargs)
        finally:
            stop()


def _run_flow(flow, sources: list[str] | None, registry, demo: bool):
    """Run an import flow over the registry's sources; returns (result, failed exception)."""
    from flows.import_sources import SourcesFailed
    from flows.local_server import PrefectServerError, prefect_api
    from schemas.source import RegistryError
    from warehouse.access import WarehouseBusy

    reg = load_registry(registry)
    try:
        selected = reg.enabled(sources or None)
    except RegistryError as exc:
        fail(str(exc))
    ids = [s.id for s in selected]
    with contextlib.ExitStack() as stack:
        if demo:
            stack.enter_context(demo_world_if_needed(selected))
        try:
            for source in selected:
                source.resolved()
            stack.enter_context(prefect_api())
            return _with_progress(
                flow, ids, registry_path=str(reg.path), only=sources or None
            ), None
        except SourcesFailed as exc:
            return getattr(exc, "run", exc.summary), exc
        except WarehouseBusy as exc:
            fail(str(exc), EXIT_BUSY)
        except (RegistryError, PrefectServerError) as exc:
            fail(str(exc))


def print_import(summary) -> None:
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
        row[1] = f"[{colour.get(row[1].split()[0], 'white')}]{row[1]}[/]"
        table.add_row(*row)
    table.add_row(*[c.replace("**", "") for c in totals(summary.reports)], style="bold")
    console.print(table)


def _exit_for(failed) -> None:
    if failed is not None:
        err.print(f"[bold yellow]attention:[/] {failed}")
        raise typer.Exit(EXIT_SOURCES)


def run(
    sources: SourcesArgument = None,
    registry: RegistryOption = None,
    demo: DemoOption = True,
    verbose: VerboseOption = False,
) -> None:
    """The main job: import every source, then publish the open-data export.

    Exit code 0 when every source is ok (or fails as the registry expects), 3 when sources
    failed or are suspicious (the others are still published), 4 when the warehouse was busy."""
    quiet_prefect(verbose)
    from flows.run import familienpunkt_run

    summary, failed = _run_flow(familienpunkt_run, sources, registry, demo)
    print_import(summary.imported)
    published = summary.published
    console.print(
        f"release {published.release_id} holds [bold]{published.counts.get('offers', 0)}[/] "
        f"offers from {len(published.by_source)} sources "
        f"({summary.imported.run_id} imported {len(summary.imported.reports)} sources)"
    )
    console.print(f"export: [bold]{published.path}[/]")
    console.print(f"latest: {published.latest}")
    _exit_for(failed)


def import_(
    sources: SourcesArgument = None,
    registry: RegistryOption = None,
    demo: DemoOption = True,
    verbose: VerboseOption = False,
) -> None:
    """Import sources into the warehouse (no publication); exit codes as for ``run``."""
    quiet_prefect(verbose)
    from flows.import_sources import import_sources

    summary, failed = _run_flow(import_sources, sources, registry, demo)
    print_import(summary)
    _exit_for(failed)


def publish(registry: RegistryOption = None, verbose: VerboseOption = False) -> None:
    """Publish the warehouse's current offers as a new release and point ``latest`` at it."""
    quiet_prefect(verbose)
    from flows.local_server import PrefectServerError, prefect_api
    from warehouse.access import WarehouseBusy

    reg = load_registry(registry)
    try:
        with prefect_api():
            from flows.publish import publish_export

            summary = publish_export(registry_path=str(reg.path))
    except WarehouseBusy as exc:
        fail(str(exc), EXIT_BUSY)
    except PrefectServerError as exc:
        fail(str(exc), EXIT_ERROR)
    for name, count in summary.counts.items():
        console.print(f"{name:>15}: {count}")
    console.print(f"export: [bold]{summary.path}[/]")
