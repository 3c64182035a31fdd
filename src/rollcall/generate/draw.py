"""Fast draws from a seeded RNG: the `random` module's `randrange`/`choices` cost several times more, and a
million-person corpus makes tens of millions of draws. Each takes exactly one `rng.random()`."""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def below(rng: random.Random, n: int) -> int:
    """An integer in [0, n)."""
    return int(rng.random() * n)


def between(rng: random.Random, low: int, high: int) -> int:
    """An integer in [low, high], both included."""
    return low + int(rng.random() * (high - low + 1))


def one(rng: random.Random, items: Sequence[T]) -> T:
    """One item, all equally likely."""
    return items[int(rng.random() * len(items))]


def weighted(rng: random.Random, items: Sequence[T], cum_weights: Sequence[float]) -> T:
    """One item, by cumulative weights."""
    return items[bisect_right(cum_weights, rng.random() * cum_weights[-1])]
