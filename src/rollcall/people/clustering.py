"""Grouping scored pairs into persons, with human judgements over the model.

Pure (no Django). Judged-same pairs are joined first; model pairs at or above the threshold are then joined
strongest first, except where the join would put two records judged different into one person, or two
records that carry two distinct identifiers (valid resident ID numbers far apart), or two records of one
list (source) that only a chain through other records links. So a "different" judgement always holds, also
against a chain of strong model links; a chain of namesakes through records without ID numbers cannot
join people whose ID numbers say they are two; and two rows of one list, which as a rule names each person
once, become one person only on their own pair's evidence, at `same_list_bar` or above.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping

DEFAULT_THRESHOLD = 0.7  # match probability at which records join one person (docs/linkage.md: why)
SAME_LIST_BAR = 0.99  # a pair of rows of one list joins only at this match probability or above


class _Groups:
    """Union-find over record ids that remembers which groups must never be joined, and the identifiers
    and lists each group holds."""

    def __init__(self, ids: Iterable[int], identifiers: Mapping[int, str],
                 distinct: Callable[[str, str], bool], lists: Mapping[int, Hashable] | None = None,
                 same_list_bar: float = SAME_LIST_BAR) -> None:
        self.parent = {i: i for i in ids}
        self.apart: dict[int, set[int]] = {}
        self.held: dict[int, set[str]] = {i: {identifiers[i]} for i in self.parent if i in identifiers}
        self.distinct = distinct
        self.lists = lists or {}
        self.same_list_bar = same_list_bar
        # the lists of each group of more than one record (a lone record's is self.lists[record])
        self.held_lists: dict[int, set[Hashable]] = {}

    def lists_of(self, root: int) -> set[Hashable]:
        """The lists (sources) the records of the group with this root come from."""
        held = self.held_lists.get(root)
        if held is not None:
            return held
        return {self.lists[root]} if root in self.lists else set()

    def lists_allow(self, a: int, b: int, probability: float) -> bool:
        """Whether the pair (a, b) at this probability may join groups drawing on the same list: only when
        the one list they share is a and b's own and the pair clears the bar (two rows of one list are
        one person on their own evidence, not through a chain of other records)."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb or not self.lists:
            return True
        shared = self.lists_of(ra) & self.lists_of(rb)
        if not shared:
            return True
        mine = self.lists.get(a)
        return (probability >= self.same_list_bar and mine is not None and mine == self.lists.get(b)
                and shared == {mine})

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
        if self.lists:
            joined = self.lists_of(ra) | self.lists_of(rb)
            self.held_lists.pop(rb, None)
            self.held_lists[ra] = joined
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
            distinct: Callable[[str, str], bool] = str.__ne__, lists: Mapping[int, Hashable] | None = None,
            same_list_bar: float = SAME_LIST_BAR) -> list[list[int]]:
    """Persons as lists of record ids (each sorted; the list sorted by first id).

    `pairs` are (a, b, match probability); `same` and `different` are human judgements, which win.
    `identifiers` (record -> an identifier such as a valid ID number) keep apart, unless a human judged
    otherwise, any two groups holding identifiers that `distinct` says belong to two people. `lists`
    (record -> the list it is a row of) keep apart, unless a human judged otherwise, groups drawing on one
    list, except by a pair of two of its rows at `same_list_bar` or above.
    """
    groups = _Groups(record_ids, identifiers or {}, distinct, lists, same_list_bar)
    for a, b in different:
        if a in groups.parent and b in groups.parent:
            groups.keep_apart(a, b)
    for a, b in same:
        if a in groups.parent and b in groups.parent:
            groups.join(a, b)
    for a, b, p in sorted((p for p in pairs if p[2] >= threshold), key=lambda p: -p[2]):
        if groups.may_join(a, b) and groups.lists_allow(a, b, p):
            groups.join(a, b)
    members: dict[int, list[int]] = {}
    for rid in groups.parent:
        members.setdefault(groups.find(rid), []).append(rid)
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])
