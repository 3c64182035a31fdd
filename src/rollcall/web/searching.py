"""The bridge to the search library (`rollcall.search`): public mode for the public, with a rate limit
per client keyed by a daily-rotated keyed hash of the connection (no address or query is stored)."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.http import HttpRequest

_limiter = None


@dataclass
class Outcome:
    """What a search gave: results, or why there are none (`unavailable`: no search library;
    `limited`: too many searches from this client; `error`: the query cannot be searched)."""

    results: list[dict] = field(default_factory=list)
    unavailable: str = ""
    limited: bool = False
    error: str = ""


def client_key(request: HttpRequest) -> str:
    """An opaque key for the client, rotated daily, from which the address cannot be read back."""
    day = datetime.now(UTC).strftime("%Y-%m-%d")
    material = f"{request.META.get('REMOTE_ADDR', '')}".encode()
    return hmac.new(f"{settings.SECRET_KEY}:{day}".encode(), material, hashlib.sha256).hexdigest()[:32]


def run(query: str, *, public: bool, limit: int = 20, client: str | None = None) -> Outcome:
    """Search people (the library's public mode when `public`); public searches are rate-limited."""
    global _limiter
    try:
        from rollcall.search.query import search
        from rollcall.search.ratelimit import RateLimiter
    except ImportError:
        return Outcome(unavailable="search index not built")
    from rollcall.errors import RollcallError

    if public and client is not None:
        if _limiter is None:
            _limiter = RateLimiter(per_minute=30, burst=10)
        if not _limiter.allow(client):
            return Outcome(limited=True)
    try:
        return Outcome(results=search(query, limit=limit, public=public))
    except RollcallError as exc:
        return Outcome(error=str(exc))
