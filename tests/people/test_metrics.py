from rollcall.people.metrics import bcubed, pairwise


def test_perfect_prediction():
    truth = {1: "a", 2: "a", 3: "b"}
    assert pairwise({1: 9, 2: 9, 3: 8}, truth).f1 == 1.0
    assert bcubed({1: 9, 2: 9, 3: 8}, truth).f1 == 1.0


def test_everything_merged():
    truth = {1: "a", 2: "a", 3: "b", 4: "b"}
    s = pairwise({i: 0 for i in truth}, truth)
    assert s.recall == 1.0 and s.precision == 2 / 6
    b = bcubed({i: 0 for i in truth}, truth)
    assert b.recall == 1.0 and b.precision == 0.5


def test_everything_split():
    truth = {1: "a", 2: "a", 3: "a"}
    s = pairwise({1: 1, 2: 2, 3: 3}, truth)
    assert s.recall == 0.0 and s.f1 == 0.0
    assert abs(bcubed({1: 1, 2: 2, 3: 3}, truth).recall - 1 / 3) < 1e-9
