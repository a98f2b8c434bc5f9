"""``python -m familienpunkt``: the command line."""

from familienpunkt.cli import app

app()
