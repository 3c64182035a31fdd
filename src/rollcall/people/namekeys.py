"""How linkage sees a name, through the names library: canonical form, blocking keys, score."""

from __future__ import annotations

from functools import lru_cache

from rollcall import names
from rollcall.people.features import NameFeatures


@lru_cache(maxsize=262144)
def features(text: str) -> NameFeatures:
    """Blocking keys of a name in any script, its single-part keys, and a canonical (order-free) form."""
    full = sorted(names.keys(text))
    parts = sorted(k for k in names.keys(text, partial=True) if k.startswith("1:"))
    count = len([p for p in names.parse(text).parts if p.forms])
    return NameFeatures(canon="|".join(full) or None, keys=full, part_keys=parts, parts=count)


def score(a: str, b: str) -> float:
    """Our cross-script name score in [0, 1] (see rollcall.names.compare)."""
    return names.score(a, b)
