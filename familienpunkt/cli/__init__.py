"""The ``familienpunkt`` command line, one module per group of commands.

Exit codes: 0 all well; 1 bad configuration or arguments (nothing useful happened); 3 the run
finished and published, but sources failed or are suspicious without the registry expecting
it; 4 the warehouse was held by another process longer than this one would wait.
"""

from __future__ import annotations

from typing import Annotated

import typer

from familienpunkt.cli import ops, runs, sources, status
from familienpunkt.cli.parse import app as parse_app

app = typer.Typer(
    name="familienpunkt",
    help="Gather every family offer of a city, normalise it and publish open data.\n\n"
    "Exit codes: 0 ok; 1 error; 3 sources failed or are suspicious (the rest was published); "
    "4 the warehouse was busy.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

app.command()(runs.run)
app.command("import")(runs.import_)
app.command()(runs.publish)
app.command()(status.status)
app.command()(status.quarantine)
app.add_typer(status.withdrawals_app, name="withdrawals")
app.command()(sources.sources)
app.command("inspect")(sources.inspect_)
app.command("new-source")(sources.new_source)
app.command()(sources.schema)
app.command()(ops.serve)
app.command()(ops.deploy)
app.add_typer(ops.alerts_app, name="alerts")
app.add_typer(parse_app, name="parse", help="Check how a German phrase is parsed.")

demo_app = typer.Typer(help="The bundled demo provider world.", no_args_is_help=True)
app.add_typer(demo_app, name="demo")


@demo_app.command("serve")
def demo_serve(port: Annotated[int, typer.Option(help="Port (0: a free one)")] = 0) -> None:
    """Serve the demo providers in the foreground until Ctrl-C."""
    from demo.cli import serve

    serve(port)
