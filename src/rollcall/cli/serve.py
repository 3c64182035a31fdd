"""`rollcall serve`: the web app and API on a production server."""

from __future__ import annotations

import typer

from rollcall.cli.common import err_console, open_home


def register(app: typer.Typer) -> None:
    """Add the `serve` command."""

    @app.command("serve")
    def serve(
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0 for all)."),
        port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    ) -> None:
        """Serve the web app (pages, REST API at /api/, admin at /admin/) until interrupted."""
        from rollcall.web.server import serve as run

        home = open_home()
        err_console.print(f"Rollcall serving {home} on http://{host}:{port}/  (Ctrl-C to stop)")
        try:
            run(host, port)
        except OSError as exc:
            from rollcall.errors import RollcallError

            raise RollcallError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from exc
