"""Grouping scored pairs into persons, with human judgements over the model.

Pure (no Django). Judged-same pairs are joined first; model pairs at or above the threshold are then joined
strongest first, except where the join would put two records judged different into one person, or two
records that carry two distinct identifiers (valid resident ID numbers far apart). So a "different"
judgement always holds, also against a chain of strong model links; and a chain of namesakes through
records without ID numbers cannot join people whose ID numbers say they are two.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping


class _Groups:
    """Union-find over record ids that remembers which groups must never be joined, and the identifiers
    each group holds."""

    def __init__(self, ids: Iterable[int], identifiers: Mapping[int, str],
                 distinct: Callable[[str, str], bool]) -> None:
        self.parent = {i: i for i in ids}
        self.apart: dict[int, set[int]] = {}
        self.held: dict[int, set[str]] = {i: {identifiers[i]} for i in self.parent if i in identifiers}
        self.distinct = distinct

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def keep_apart(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        self.apart.setdefault(ra, set()).add(rb)
        self.apart.setdefault(rb, set()).add(ra)

    def may_join(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if rb in {self.find(x) for x in self.apart.get(ra, ())}:
            return False
        mine, theirs = self.held.get(ra, set()), self.held.get(rb, set())
        # two people when each group holds a number unlike every number of the other (a group a human
        # joined may hold two numbers; a record carrying one of them may still join it)
        return not (any(all(self.distinct(x, y) for y in theirs) for x in mine)
                    and any(all(self.distinct(y, x) for x in mine) for y in theirs))

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if len(self.apart.get(ra, ())) < len(self.apart.get(rb, ())):
            ra, rb = rb, ra
        self.parent[rb] = ra
        if rb in self.held:
            self.held.setdefault(ra, set()).update(self.held.pop(rb))
        moved = self.apart.pop(rb, set())
        if moved:
            self.apart.setdefault(ra, set()).update(moved)
            for other in moved:
                peers = self.apart.get(other)
                if peers is not None:
                    peers.discard(rb)
                    peers.add(ra)


def cluster(record_ids: Iterable[int], pairs: Iterable[tuple[int, int, float]], threshold: float,
            same: Iterable[tuple[int, int]] = (), different: Iterable[tuple[int, int]] = (),
            identifiers: Mapping[int, str] | None = None,
            distinct: Callable[[str, str], bool] = str.__ne__) -> list[list[int]]:
    """Persons as lists of record ids (each sorted; the list sorted by first id).

    `pairs` are (a, b, match probability); `same` and `different` are human judgements, which win.
    `identifiers` (record -> an identifier such as a valid ID number) keep apart, unless a human judged
    otherwise, any two groups holding identifiers that `distinct` says belong to two people.
    """
    groups = _Groups(record_ids, identifiers or {}, distinct)
    for a, b in different:
        if a in groups.parent and b in groups.parent:
            groups.keep_apart(a, b)
    for a, b in same:
        if a in groups.parent and b in groups.parent:
            groups.join(a, b)
    for a, b, _p in sorted((p for p in pairs if p[2] >= threshold), key=lambda p: -p[2]):
        if groups.may_join(a, b):
            groups.join(a, b)
    members: dict[int, list[int]] = {}
    for rid in groups.parent:
        members.setdefault(groups.find(rid), []).append(rid)
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])
