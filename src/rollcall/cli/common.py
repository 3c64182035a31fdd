"""What every command shares: the data folder, the acting user, JSON output and failure."""

from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console

console = Console(stderr=False, highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


class State:
    """Options given before the command name (`rollcall --home DIR COMMAND`)."""

    home: str | None = None
    actor: str | None = None


state = State()


def open_home() -> Path:
    """Open (create and migrate on first use) the data folder this invocation works on."""
    from rollcall.home import open_home as _open

    return _open(state.home)


def actor() -> str:
    """Who is acting: --actor, else ROLLCALL_ACTOR, else the login name."""
    if state.actor:
        return state.actor
    if os.environ.get("ROLLCALL_ACTOR"):
        return os.environ["ROLLCALL_ACTOR"]
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def emit_json(obj: Any) -> None:
    """Print one JSON document (or JSON-lines item) to standard output, UTF-8, non-ASCII kept."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


def fail(message: str) -> NoReturn:
    """Stop with one clear message on standard error and exit code 1."""
    err_console.print(f"[bold red]error:[/] {message}", markup=True, soft_wrap=True)
    raise typer.Exit(1)


def show_progress() -> bool:
    """Whether long work may draw a progress bar (a terminal, not JSON mode)."""
    return sys.stderr.isatty()
