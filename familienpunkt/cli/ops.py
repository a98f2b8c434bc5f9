"""``serve``, ``deploy`` and ``alerts``: scheduled operation on a Prefect server."""

from __future__ import annotations

import contextlib
import os
from typing import Annotated

import typer

from familienpunkt.cli.common import (
    RegistryOption,
    VerboseOption,
    console,
    fail,
    load_registry,
    quiet_prefect,
)

alerts_app = typer.Typer(help="Alerts for failed and suspicious runs.", no_args_is_help=True)


def _needs_server() -> None:
    if not os.environ.get("PREFECT_API_URL"):
        fail("schedules need a Prefect server: run 'prefect server start' and set "
             "PREFECT_API_URL=http://127.0.0.1:4200/api")


def _url_variables_set(registry) -> None:
    from schemas.source import RegistryError

    try:
        for source in registry.enabled():
            source.resolved()
    except RegistryError as exc:
        fail(f"{exc}; set it to where those providers serve (for the demo: start "
             "'familienpunkt demo serve --port 47811' and set "
             "FAMILIENPUNKT_URL_DEMO=http://127.0.0.1:47811)")


def serve(registry: RegistryOption = None, verbose: VerboseOption = False) -> None:
    """Run every source on its own schedule in this process (needs PREFECT_API_URL)."""
    quiet_prefect(verbose)
    _needs_server()
    reg = load_registry(registry)
    _url_variables_set(reg)
    from prefect import serve as prefect_serve

    from flows.schedule import deployments
    from flows.writer import ensure_writer_limit

    ensure_writer_limit()
    prefect_serve(*deployments(reg))


def deploy(
    pool: Annotated[str, typer.Option("--pool", help="Process work pool (created if missing)")],
    registry: RegistryOption = None,
    no_schedules: Annotated[
        bool, typer.Option("--no-schedules", help="Deploy without cron schedules (run by hand)")
    ] = False,
) -> None:
    """Deploy every source (and the publication) to a process work pool for workers to run.

    Then start one or more workers: ``prefect worker start --pool NAME``."""
    quiet_prefect(False)
    _needs_server()
    reg = load_registry(registry)
    _url_variables_set(reg)
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectAlreadyExists

    from flows.schedule import deploy_to_pool
    from flows.writer import ensure_writer_limit

    with get_client(sync_client=True) as client, contextlib.suppress(ObjectAlreadyExists):
        client.create_work_pool(WorkPoolCreate(name=pool, type="process"))
    ensure_writer_limit()
    ids = deploy_to_pool(reg, pool, schedules=not no_schedules)
    console.print(f"{len(ids)} deployments on work pool [bold]{pool}[/]; start workers with "
                  f"'prefect worker start --pool {pool}'")


@alerts_app.command("install")
def alerts_install(
    webhook: Annotated[str, typer.Option("--webhook", help="URL that gets the alert as JSON")],
) -> None:
    """Add a Prefect automation: any failed import or publication run calls the webhook."""
    quiet_prefect(False)
    _needs_server()
    from flows.automation import install

    automation_id = install(webhook)
    console.print(f"automation {automation_id} calls {webhook} when a run fails")


@alerts_app.command("test")
def alerts_test() -> None:
    """Send a test alert through the configured webhook and e-mail settings."""
    from core.clock import now_berlin
    from flows import alerts
    from flows.import_sources import ImportSummary
    from warehouse.ledger import SourceRunReport

    now = now_berlin()
    row = SourceRunReport(run_id="test", source_id="alert-test", status="failed",
                          started_at=now, finished_at=now, reason="a test alert")
    sent = alerts.send(ImportSummary("test", "partial", [row], ""))
    console.print(f"sent {len(sent)} test alarm(s)")
