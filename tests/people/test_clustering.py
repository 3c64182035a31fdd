"""Clustering with judgements, and stable public IDs across re-runs (pure functions)."""

from __future__ import annotations

import re

from rollcall.people.clustering import cluster
from rollcall.people.identity import assign, new_public_id


def test_pairs_above_threshold_join_transitively():
    groups = cluster([1, 2, 3, 4, 5], [(1, 2, 0.99), (2, 3, 0.95), (4, 5, 0.5)], 0.9)
    assert groups == [[1, 2, 3], [4], [5]]


def test_same_judgement_joins_below_threshold():
    assert cluster([1, 2, 3], [(1, 2, 0.1)], 0.9, same=[(1, 2)]) == [[1, 2], [3]]


def test_different_judgement_holds_against_a_chain_of_strong_links():
    # 1-2 and 2-3 are strong, but a human said 1 and 3 are different people: the weaker link gives way
    groups = cluster([1, 2, 3], [(1, 2, 0.99), (2, 3, 0.95)], 0.9, different=[(1, 3)])
    assert groups == [[1, 2], [3]]


def test_different_judgement_survives_merges_of_groups():
    pairs = [(1, 2, 0.99), (3, 4, 0.99), (2, 3, 0.97), (4, 5, 0.96)]
    groups = cluster([1, 2, 3, 4, 5], pairs, 0.9, different=[(1, 5)])
    assert [1, 5] not in [[g[0], g[-1]] for g in groups]
    assert not any(1 in g and 5 in g for g in groups)


def test_a_chain_of_namesakes_cannot_join_two_id_numbers():
    # 1 and 4 carry two ID numbers; 2 and 3 (a testimony, a list) have none and look like both
    ids = {1: "653126195809074810", 4: "653126196303206293", 5: "653126196303206298"}
    pairs = [(1, 2, 0.99), (2, 3, 0.95), (3, 4, 0.93), (4, 5, 0.92)]
    far = lambda x, y: sum(a != b for a, b in zip(x, y, strict=True)) > 1  # noqa: E731
    groups = cluster([1, 2, 3, 4, 5], pairs, 0.9, identifiers=ids, distinct=far)
    assert groups == [[1, 2, 3], [4, 5]]  # 5's number is 4's with one digit mistyped
    # a human who judged them the same person wins; a record carrying one of the numbers still joins
    assert cluster([1, 2, 3, 4, 5], pairs, 0.9, same=[(1, 4)], identifiers=ids, distinct=far) == [[1, 2, 3, 4, 5]]


def test_two_rows_of_one_list_join_only_by_their_own_pair():
    # 1 and 3 are two namesakes on one status list ("S"); 2 is a testimony like both of them
    lists = {1: "S", 2: "T", 3: "S", 4: "S"}
    pairs = [(1, 2, 0.97), (2, 3, 0.95)]
    assert cluster([1, 2, 3], pairs, 0.9) == [[1, 2, 3]]  # without the lists, the chain joins them
    assert cluster([1, 2, 3], pairs, 0.9, lists=lists) == [[1, 2], [3]]
    # a row listed twice (the pair's own evidence at the bar) is one person, and the chain then holds
    twice = [(1, 3, 0.995), *pairs]
    assert cluster([1, 2, 3], twice, 0.9, lists=lists) == [[1, 2, 3]]
    assert cluster([1, 2, 3], [(1, 3, 0.98), *pairs], 0.9, lists=lists) == [[1, 2], [3]]
    assert cluster([1, 2, 3], twice, 0.9, lists=lists, same_list_bar=0.999) == [[1, 2], [3]]
    # a third row of the list, below the bar with 3, does not join through 1-3's own pair or the testimony
    assert cluster([1, 2, 3, 4], [*twice, (2, 4, 0.93), (3, 4, 0.98)], 0.9, lists=lists) == [[1, 2, 3], [4]]
    # a human who judged them the same person wins
    assert cluster([1, 2, 3], pairs, 0.9, same=[(1, 3)], lists=lists) == [[1, 2, 3]]


def test_groups_of_many_lists_keep_each_list_once():
    # 1-2 (lists A, B) and 3-4 (lists C, B): joining them would put two rows of list B in one person;
    # 5 (list D) joins 3-4 by its stronger pair, and then no longer 1-2
    lists = {1: "A", 2: "B", 3: "C", 4: "B", 5: "D"}
    pairs = [(1, 2, 0.99), (3, 4, 0.99), (1, 3, 0.95), (4, 5, 0.94), (2, 5, 0.93)]
    assert cluster([1, 2, 3, 4, 5], pairs, 0.9) == [[1, 2, 3, 4, 5]]
    assert cluster([1, 2, 3, 4, 5], pairs, 0.9, lists=lists) == [[1, 2], [3, 4, 5]]


def test_public_id_shape_and_uniqueness():
    taken: set[str] = set()
    for _ in range(200):
        pid = new_public_id(taken.__contains__)
        assert re.fullmatch(r"RC-[0-9A-HJKMNP-TV-Z]{5}", pid)
        assert pid not in taken
        taken.add(pid)


def test_ids_stay_when_records_are_added():
    previous = {1: 100, 2: 100, 3: 200}
    out = assign([[1, 2, 9], [3], [10]], previous)
    assert [a.person for a in out] == [100, 200, None]


def test_merge_keeps_the_larger_persons_id_and_retires_the_other():
    previous = {1: 100, 2: 100, 3: 200}
    (a,) = assign([[1, 2, 3]], previous)
    assert a.person == 100 and a.absorbed == [200] and a.took_from == []


def test_split_keeps_id_with_the_larger_part_and_records_where_the_rest_came_from():
    previous = {1: 100, 2: 100, 3: 100}
    big, small = assign([[1, 2], [3]], previous)
    assert big.person == 100
    assert small.person is None and small.took_from == [100]
