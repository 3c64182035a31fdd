"""Serving the web app with a production WSGI server (Waitress) and WhiteNoise for static files."""

from __future__ import annotations

import logging

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def application():
    """The WSGI application for the data folder already opened (`rollcall.home.open_home`)."""
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, threads: int = 8) -> None:
    """Serve the opened data folder's web app on host:port until interrupted (blocking)."""
    import waitress

    from rollcall.accounts.roles import ensure_groups

    ensure_groups()
    logging.getLogger("waitress").setLevel(logging.WARNING)
    waitress.serve(application(), host=host, port=port, threads=threads, ident="rollcall")
