"""Rate limits per client for what can be abused by repetition: public search, logging in (password
guessing) and testimony submission (flooding the moderation queue).

One in-memory token bucket per purpose (`rollcall.search.ratelimit.RateLimiter`), sized by
`settings.RATE_LIMITS` (ROLLCALL_RATE_LIMITS). A client is known only by a keyed hash of its address
rotated daily: no address, user name or query is kept. Behind a reverse proxy every visitor shares the
proxy's address, so the limits then apply to all visitors together.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rollcall.search.ratelimit import RateLimiter

_limiters: dict[str, RateLimiter] = {}
_lock = threading.Lock()


def client_key(request: HttpRequest) -> str:
    """An opaque key for the client, rotated daily, from which the address cannot be read back."""
    day = datetime.now(UTC).strftime("%Y-%m-%d")
    material = f"{request.META.get('REMOTE_ADDR', '')}".encode()
    return hmac.new(f"{settings.SECRET_KEY}:{day}".encode(), material, hashlib.sha256).hexdigest()[:32]


def limiter(purpose: str) -> RateLimiter:
    """The one limiter of a purpose (search, login, testimony), built from the settings on first use."""
    with _lock:
        if purpose not in _limiters:
            per_minute, burst = settings.RATE_LIMITS[purpose]
            _limiters[purpose] = RateLimiter(per_minute=per_minute, burst=burst)
        return _limiters[purpose]


def allow(purpose: str, request: HttpRequest) -> bool:
    """Whether this client may do this now (and if so, it counts)."""
    return limiter(purpose).allow(client_key(request))


def too_many(request: HttpRequest, purpose: str) -> HttpResponse:
    """The page saying to wait (429), in the visitor's language, with Retry-After."""
    wait = max(1, round(limiter(purpose).retry_after(client_key(request))))
    response = render(request, "web/limited.html", {"purpose": purpose}, status=429)
    response["Retry-After"] = str(wait)
    return response


def throttled(purpose: str, methods: tuple[str, ...] = ("POST",)) -> Callable:
    """A view decorator: requests with one of `methods` count against the purpose's limit; over it, 429."""

    def wrap(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def inner(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method in methods and not allow(purpose, request):
                return too_many(request, purpose)
            return view(request, *args, **kwargs)

        return inner

    return wrap
