"""Commands on the data folder and evidence: init, add, verify."""

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
