"""What every command shares: the consoles, exit codes, errors and the registry."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

console = Console(width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True)

EXIT_OK = 0
EXIT_ERROR = 1
"""Bad configuration or arguments, a failed publication: nothing useful happened."""
EXIT_SOURCES = 3
"""The run finished and published, but sources failed or are suspicious (and the registry does
not expect it): someone should look (``familienpunkt status``)."""
EXIT_BUSY = 4
"""Another process held the warehouse longer than this one would wait."""

RegistryOption = Annotated[
    Path | None,
    typer.Option("--registry", "-r", help="Source registry (default: the demo registry)"),
]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's own logs")]


def quiet_prefect(verbose: bool) -> None:
    """Prefect reads its settings at import time: set them before the first import."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "WARNING")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_LOG_PRINTS", "false")
    # no telemetry: the machine is offline, and its write races the local SQLite server
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


def fail(message: str, code: int = EXIT_ERROR) -> NoReturn:
    from rich.markup import escape

    err.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True, highlight=False)
    raise typer.Exit(code)


def load_registry(path: Path | None):
    from core.settings import get_settings
    from schemas.source import Registry, RegistryError

    try:
        return Registry.load(path or get_settings().registry)
    except RegistryError as exc:
        fail(str(exc))
