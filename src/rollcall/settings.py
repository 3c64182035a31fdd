"""Django settings, built from ROLLCALL_HOME (the data folder) and ROLLCALL_DATABASE_URL.

Settings decide; code does not branch on the environment. The embedded default is a SQLite database in
WAL mode inside the data folder.
"""

from __future__ import annotations

import importlib.util
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
    "rollcall.search",
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
            # a large page cache keeps big ingest transactions from spilling pages to disk mid-way
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                            "PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        },
    }


DATABASES = {"default": _database()}

# --- The web app (pages, API, accounts). Owned by the web surface; see docs/web.md. ---
INSTALLED_APPS += [
    "django.contrib.admin",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves its Swagger UI from its own static files, never from a CDN
    "rollcall.accounts",
    "rollcall.web",
    "rollcall.api",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "rollcall.web.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.template.context_processors.i18n",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
        "rollcall.web.context.role",
    ]},
}]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

USE_I18N = True
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ug", "ئۇيغۇرچە"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [Path(__file__).resolve().parent / "web" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = None
# Static files are served by WhiteNoise straight from the apps' static folders: no collectstatic step.
WHITENOISE_USE_FINDERS = True
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Leaflet for the facility map, served locally from the django-leaflet distribution's static files (the
# package is used for its bundled assets only, not as an app). No map tiles unless ROLLCALL_MAP_TILES names
# a tile URL template: loading tiles from a third party would tell it who looks at the map.
_leaflet = importlib.util.find_spec("leaflet")
STATICFILES_DIRS = [Path(p) / "static" for p in (_leaflet.submodule_search_locations or [])] if _leaflet else []
MAP_TILES = os.environ.get("ROLLCALL_MAP_TILES", "")
MAP_ATTRIBUTION = os.environ.get("ROLLCALL_MAP_ATTRIBUTION", "")
