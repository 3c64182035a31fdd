"""Django settings, built from ROLLCALL_HOME (the data folder) and ROLLCALL_DATABASE_URL.

Settings decide; code does not branch on the environment. The embedded default is a SQLite database in
WAL mode inside the data folder.
"""

from __future__ import annotations

import importlib.util
import os
import secrets
from pathlib import Path
from urllib.parse import urlparse

HOME = Path(os.environ.get("ROLLCALL_HOME", "./rollcall-data")).expanduser().resolve()
EVIDENCE_DIR = HOME / "evidence"



def _secret_key() -> str:
    """ROLLCALL_SECRET_KEY if set, else the data folder's own random key (`keys/secret.key`, created 0600 on
    first use, like the testimony key). It signs sessions, CSRF and message cookies and keys the rate
    limits' client hashes; a key in the source would let anyone forge them on every installation."""
    if os.environ.get("ROLLCALL_SECRET_KEY"):
        return os.environ["ROLLCALL_SECRET_KEY"]
    path = HOME / "keys" / "secret.key"
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # written to a private temporary file, then linked into place: a process starting at the same
        # moment either finds no file or a complete one, never a half-written key
        tmp = path.with_name(f".secret.key.{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(50) + "\n")
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    key = path.read_text().strip()
    if len(key) < 32:
        raise ValueError(f"{path}: the secret key is missing or too short (delete the file to make a new one)")
    return key


SECRET_KEY = _secret_key()
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
    "rollcall.web.errors.MethodNotAllowedPages",
]
CSRF_FAILURE_VIEW = "rollcall.web.errors.csrf_failure"
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


def _rate_limits() -> dict[str, tuple[float, int]]:
    """Per client: (requests a minute, burst) for public search, login attempts and testimony submissions;
    ROLLCALL_RATE_LIMITS overrides some, e.g. "login=5/10,testimony=1/5"."""
    limits = {"search": (30.0, 10), "login": (5.0, 10), "testimony": (1.0, 5)}
    for part in filter(None, (p.strip() for p in os.environ.get("ROLLCALL_RATE_LIMITS", "").split(","))):
        name, _, rate = part.partition("=")
        per_minute, _, burst = rate.partition("/")
        if name.strip() not in limits:
            raise ValueError(f"ROLLCALL_RATE_LIMITS: unknown limit {name!r} (search, login, testimony)")
        try:
            limits[name.strip()] = (float(per_minute), int(burst))
        except ValueError:
            raise ValueError(f"ROLLCALL_RATE_LIMITS: {part!r} is not NAME=PER_MINUTE/BURST") from None
    return limits


RATE_LIMITS = _rate_limits()
