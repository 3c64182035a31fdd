"""Django settings, built from ROLLCALL_HOME (the data folder) and ROLLCALL_DATABASE_URL.

Settings decide; code does not branch on the environment. The embedded default is a SQLite database in
WAL mode inside the data folder.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

HOME = Path(os.environ.get("ROLLCALL_HOME", "./rollcall-data")).expanduser().resolve()
EVIDENCE_DIR = HOME / "evidence"

SECRET_KEY = os.environ.get("ROLLCALL_SECRET_KEY", "rollcall-local-only-not-a-secret")
DEBUG = False
ALLOWED_HOSTS = ["*"]
USE_TZ = True
TIME_ZONE = "UTC"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "rollcall.evidence",
    "rollcall.records",
    "rollcall.people",
    "rollcall.facilities",
]


def _database() -> dict:
    url = os.environ.get("ROLLCALL_DATABASE_URL")
    if url:
        parsed = urlparse(url)
        if parsed.scheme in {"postgres", "postgresql"}:
            return {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": parsed.path.lstrip("/"),
                "USER": parsed.username or "",
                "PASSWORD": parsed.password or "",
                "HOST": parsed.hostname or "",
                "PORT": str(parsed.port or ""),
            }
        if parsed.scheme != "sqlite":
            raise ValueError(f"ROLLCALL_DATABASE_URL: unsupported scheme {parsed.scheme!r}")
        name = parsed.path
    else:
        name = str(HOME / "rollcall.sqlite3")
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": name,
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        },
    }


DATABASES = {"default": _database()}
