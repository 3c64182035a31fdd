"""Blocking keys: a few short strings such that every writing of one name shares at least one.

A key is built from the consonant frame (latin.consonants) of a part's Latin forms: vowels, h and
doubled letters are where writings of one name differ most, so they are left out. Each pair key is also
made with one consonant of one part's frame left out, so that one slip in one part still leaves a key
in common. For a name of two or
more parts, each key joins the frames of two parts in alphabetical order (`2:mmt|trsn`), so order does
not matter and a key stays rare (one given name is shared by thousands; a given name with a father's
name by few). A single-part name gets single-part keys (`1:trsn`).

`keys(name, partial=True)` adds the single-part keys of every part of a longer name, so that a given
name alone finds its full name; expect many more candidates per key then (see docs/benchmarks.md).
`first_keys(name)` are the single-part keys of the first part alone (`f:trsn`): a given name searched
alone is the person's own, written first, and not the father's name that follows someone else's.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

from rollcall.names.latin import consonants
from rollcall.names.structure import Part, as_text, parse

MAX_FRAMES_PER_PART = 6
MAX_KEYED_PARTS = 3  # the given name, the father's name and one more
MIN_DELETION_FRAME = 3


def _frames(part: Part) -> list[str]:
    frames = list(dict.fromkeys(consonants(f.skeleton) for f in part.forms if f.skeleton))
    return frames[:MAX_FRAMES_PER_PART]


def _with_deletions(frames: list[str]) -> list[str]:
    """The frames and, for frames of MIN_DELETION_FRAME consonants or more, each with one consonant left out:
    a slip of the pen in one consonant (Tursun/Tursn/Turzun) still leaves one key in common."""
    out = dict.fromkeys(frames)
    for f in frames:
        if len(f) >= MIN_DELETION_FRAME:
            out.update(dict.fromkeys(f[:i] + f[i + 1:] for i in range(len(f))))
    return list(out)


@lru_cache(maxsize=131072)
def keys(name: str, partial: bool = False, slips: bool = True) -> frozenset[str]:
    """The blocking keys of a name written in any script (empty when it has no letters); without `slips`,
    no keys with a consonant left out."""
    parts = [p for p in parse(as_text(name)).parts if p.forms][:MAX_KEYED_PARTS]
    frames = [_frames(p) for p in parts]
    if partial and len(frames) > 1:  # the whole name's keys (cached) and each part's
        # (called as the plain call is, so that it hits the same cache entry)
        whole = keys(name) if slips else keys(name, slips=False)
        return whole | frozenset(f"1:{f}" for fs in frames for f in fs)
    out: set[str] = set()
    if len(frames) == 1:
        for fs in frames:
            out.update(f"1:{f}" for f in fs)
    for x, y in itertools.combinations(frames, 2):
        pairs = (itertools.chain(itertools.product(_with_deletions(x), y), itertools.product(x, _with_deletions(y)))
                 if slips else itertools.product(x, y))
        for fx, fy in pairs:
            first, second = sorted((fx, fy))
            out.add(f"2:{first}|{second}")
    return frozenset(out)


@lru_cache(maxsize=131072)
def first_keys(name: str) -> frozenset[str]:
    """The single-part keys of a name's first part only, marked `f:` (empty when it has no letters)."""
    parts = [p for p in parse(as_text(name)).parts if p.forms]
    return frozenset(f"f:{f}" for f in _frames(parts[0])) if parts else frozenset()
