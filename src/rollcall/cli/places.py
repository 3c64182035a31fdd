"""CLI group (filled in by its library's issue)."""

import typer

app = typer.Typer(no_args_is_help=True)
