"""The public search's per-client token bucket, on a clock the test moves by hand."""

from __future__ import annotations

import pytest

from rollcall.search.ratelimit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_burst_then_refusal_then_refill() -> None:
    clock = Clock()
    limiter = RateLimiter(per_minute=6, burst=3, clock=clock)
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.retry_after("a") == pytest.approx(10.0)
    clock.now += 10
    assert limiter.allow("a") and not limiter.allow("a")


def test_clients_are_independent() -> None:
    limiter = RateLimiter(per_minute=1, burst=1, clock=Clock())
    assert limiter.allow("a") and not limiter.allow("a")
    assert limiter.allow("b")


def test_it_holds_only_opaque_keys_and_forgets_idle_clients() -> None:
    clock = Clock()
    limiter = RateLimiter(per_minute=60, burst=2, max_clients=3, clock=clock)
    for k in ("k1", "k2", "k3"):
        limiter.allow(k)
    clock.now += 60
    limiter.allow("k4")
    assert len(limiter) == 1  # the three refilled buckets were dropped
    assert set(vars(limiter)) == {"rate", "burst", "max_clients", "clock", "_buckets", "_lock"}


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError):
        RateLimiter(per_minute=0)
