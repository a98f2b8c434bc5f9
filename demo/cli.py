"""Command line of the demo world: ``serve`` (foreground server) and ``providers`` (metadata)."""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict

from demo.registry import provider_infos
from demo.world import DemoWorld


def serve(
    port: int = 0, *, verbose: bool = False, ready: Callable[[DemoWorld], None] | None = None
) -> None:
    """Run the world until Ctrl-C or SIGTERM. Prints the base URL as the first stdout line."""
    world = DemoWorld(port=port, verbose=verbose).start()
    previous = None
    with contextlib.suppress(ValueError):  # not in the main thread: Ctrl-C / stop() only
        previous = signal.signal(signal.SIGTERM, lambda *_: world.stopping.set())
    print(world.base_url, flush=True)
    for info in world.providers.values():
        print(
            f"  {info.id:<16} {info.format:<12} {info.expected_count:>4}  {info.url}",
            file=sys.stderr,
        )
    print(
        f"  robots.txt: {world.url('/robots.txt')}   controls: POST {world.url('/_control/')}…",
        file=sys.stderr,
    )
    if ready is not None:
        ready(world)
    try:
        world.wait()
    except KeyboardInterrupt:
        pass
    finally:
        world.stop()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for ``python -m demo`` and for mounting in the project CLI."""
    parser = argparse.ArgumentParser(
        prog="python -m demo", description="Familienpunkt demo provider world"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("serve", help="serve the demo world on 127.0.0.1 in the foreground")
    run.add_argument("--port", type=int, default=0, help="port to bind (default: a free one)")
    run.add_argument("--verbose", action="store_true", help="log every request to stderr")
    commands.add_parser(
        "providers", help="print provider metadata and expected offer counts as JSON"
    )
    args = parser.parse_args(argv)
    if args.command == "serve":
        serve(args.port, verbose=args.verbose)
        return 0
    data = {pid: asdict(info) for pid, info in provider_infos().items()}
    print(json.dumps(data, ensure_ascii=False, indent=2))
    return 0
