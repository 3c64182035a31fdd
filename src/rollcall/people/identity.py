"""Stable public IDs: a person keeps `RC-XXXXX` across re-runs; splits and merges are recorded.

Pure (no Django). Given the previous person of each record and the new groups, each new group takes the ID
of the previous person that contributes most of its records (ties: the older ID), provided that person's
ID has not already gone to a group holding more of its records. Groups left without one get a new ID.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U


def new_public_id(taken: Callable[[str], bool], length: int = 5) -> str:
    """A fresh random ID such as RC-7F3K2 that `taken` says is free."""
    while True:
        candidate = "RC-" + "".join(secrets.choice(ALPHABET) for _ in range(length))
        if not taken(candidate):
            return candidate


@dataclass
class Assignment:
    """For one new group: the ID it keeps (or None for a new person) and what happened to it."""

    records: list[int]
    person: int | None  # previous person id kept, or None
    absorbed: list[int] = field(default_factory=list)  # previous persons retired: all they had left is here
    took_from: list[int] = field(default_factory=list)  # previous persons, continuing elsewhere, split off here


def assign(groups: list[list[int]], previous: dict[int, int]) -> list[Assignment]:
    """Decide which previous person (by internal id) each group continues; see the module docstring."""
    claims: list[tuple[int, int, int]] = []  # (-records contributed, previous person, group index)
    counts: list[Counter] = []
    for index, records in enumerate(groups):
        c = Counter(previous[r] for r in records if r in previous)
        counts.append(c)
        claims.extend((-n, person, index) for person, n in c.items())
    owner: dict[int, int] = {}
    kept: dict[int, int] = {}
    for _neg, person, index in sorted(claims):
        if person not in owner and index not in kept:
            owner[person] = index
            kept[index] = person
    out = []
    for index, records in enumerate(groups):
        person = kept.get(index)
        others = [p for p in sorted(counts[index]) if p != person]
        out.append(Assignment(records, person, absorbed=[p for p in others if p not in owner],
                              took_from=[p for p in others if p in owner]))
    return out
