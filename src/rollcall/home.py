"""Where a Rollcall data folder lives, and how it is opened (created and migrated on first use)."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_HOME = "./rollcall-data"
_configured: Path | None = None


def resolve_home(home: str | os.PathLike[str] | None = None) -> Path:
    """The data folder named by the argument, else by ROLLCALL_HOME, else ./rollcall-data."""
    raw = home if home is not None else os.environ.get("ROLLCALL_HOME") or DEFAULT_HOME
    return Path(raw).expanduser().resolve()


def open_home(home: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Path:
    """Make the data folder ready for use: create it, configure Django on it and apply migrations.

    Calling it again for the same folder in one process is cheap; a process serves one folder.
    """
    global _configured
    path = resolve_home(home)
    if _configured is not None:
        if _configured != path:
            raise RuntimeError(f"this process already uses the data folder {_configured}, not {path}")
        return path
    path.mkdir(parents=True, exist_ok=True)
    (path / "evidence").mkdir(exist_ok=True)
    os.environ["ROLLCALL_HOME"] = str(path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rollcall.settings")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
        from rollcall.evidence.custody import start_head

        start_head()
    _configured = path
    return path
