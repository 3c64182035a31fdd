"""The `rollcall` command line: thin modules that parse, call the libraries and apps, and print.

Contract (see docs): `rollcall [--home DIR] COMMAND`; data-printing commands take --json; exit codes are
0 success, 1 failure or invalid input (one message, no traceback), 2 usage error.
"""

from __future__ import annotations

import sys

import typer

from rollcall import __version__
from rollcall.cli import audit, demo, evidence, facilities, generate, ids, names, people, places, records, serve, users
from rollcall.cli import search as search_cli
from rollcall.cli.common import err_console, state
from rollcall.errors import RollcallError

app = typer.Typer(
    name="rollcall",
    help="Rollcall: a verified registry for documenting mass arbitrary detention.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        print(f"rollcall {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    home: str = typer.Option(None, "--home", help="Data folder (default $ROLLCALL_HOME or ./rollcall-data)."),
    actor: str = typer.Option(None, "--actor", help="Who is acting, for the custody log (default: login)."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show version."),
) -> None:
    state.home = home
    state.actor = actor


evidence.register(app)
records.register(app)
people.register(app)
generate.register(app)
demo.register(app)
search_cli.register(app)
app.add_typer(names.app, name="names", help="Names across scripts: show, compare.")
app.add_typer(places.app, name="place", help="Places: resolve any writing of a place to its code.")
app.add_typer(ids.app, name="id", help="Resident ID numbers: check and decode.")
app.add_typer(facilities.app, name="facilities", help="Facilities: import datasets, list, show, near, match.")
serve.register(app)
app.add_typer(users.app, name="user", help="Accounts: add users with a role, issue, list and revoke API tokens.")
audit.register(app)


def main() -> None:
    """Entry point: run the CLI, turning user-facing errors into one message and exit code 1."""
    try:
        app()
    except RollcallError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", markup=True, soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:
        err_console.print("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
