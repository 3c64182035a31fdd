"""Per-client rate limits for public search: a token bucket per opaque client key, in memory only.

The web app and the public API derive the client key themselves (e.g. a keyed hash of the connection,
rotated daily) and pass only that key here. The limiter stores a key, a token count and a time, and
nothing else: never the query, never an address, never a name. Nothing here is written to disk or logged.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class RateLimiter:
    """Allow each client `burst` searches at once, refilled at `per_minute` searches a minute."""

    def __init__(self, per_minute: float = 30.0, burst: int = 10, *, max_clients: int = 100_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if per_minute <= 0 or burst < 1:
            raise ValueError("per_minute must be positive and burst at least 1")
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.max_clients = max_clients
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def _level(self, client: str, now: float) -> float:
        tokens, at = self._buckets.get(client, (self.burst, now))
        return min(self.burst, tokens + (now - at) * self.rate)

    def allow(self, client: str) -> bool:
        """Whether this client may search now (and if so, spend one token)."""
        with self._lock:
            now = self.clock()
            tokens = self._level(client, now)
            allowed = tokens >= 1.0
            self._buckets[client] = (tokens - 1.0 if allowed else tokens, now)
            if len(self._buckets) > self.max_clients:
                self._forget_full(now)
            return allowed

    def retry_after(self, client: str) -> float:
        """Seconds until this client may search again (0 when it may now)."""
        with self._lock:
            tokens = self._level(client, self.clock())
        return 0.0 if tokens >= 1.0 else (1.0 - tokens) / self.rate

    def _forget_full(self, now: float) -> None:
        """Drop clients whose bucket has refilled: they are indistinguishable from new ones."""
        for client in [c for c in self._buckets if self._level(c, now) >= self.burst]:
            del self._buckets[client]

    def __len__(self) -> int:
        return len(self._buckets)
