"""How well predicted persons match the truth: pairwise and B-cubed precision, recall and F1 (pure)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import asdict, dataclass


@dataclass
class Scores:
    """Precision, recall and F1 of one way of counting."""

    precision: float
    recall: float
    f1: float

    def to_dict(self) -> dict:
        return asdict(self)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _pairs_within(groups: Mapping[Hashable, list]) -> int:
    return sum(len(g) * (len(g) - 1) // 2 for g in groups.values())


def pairwise(predicted: Mapping[Hashable, Hashable], truth: Mapping[Hashable, Hashable]) -> Scores:
    """Over all pairs of records: precision = true same-person pairs among predicted same-person pairs."""
    items = [i for i in truth if i in predicted]
    by_pred: dict = defaultdict(list)
    by_true: dict = defaultdict(list)
    by_both: dict = defaultdict(list)
    for i in items:
        by_pred[predicted[i]].append(i)
        by_true[truth[i]].append(i)
        by_both[(predicted[i], truth[i])].append(i)
    tp, pred_pairs, true_pairs = _pairs_within(by_both), _pairs_within(by_pred), _pairs_within(by_true)
    p = tp / pred_pairs if pred_pairs else 1.0
    r = tp / true_pairs if true_pairs else 1.0
    return Scores(p, r, _f1(p, r))


def bcubed(predicted: Mapping[Hashable, Hashable], truth: Mapping[Hashable, Hashable]) -> Scores:
    """Per record, averaged: how much of its predicted person is truly it, and how much of it was found."""
    items = [i for i in truth if i in predicted]
    if not items:
        return Scores(1.0, 1.0, 1.0)
    pred_size = Counter(predicted[i] for i in items)
    true_size = Counter(truth[i] for i in items)
    both = Counter((predicted[i], truth[i]) for i in items)
    p = sum(both[(predicted[i], truth[i])] / pred_size[predicted[i]] for i in items) / len(items)
    r = sum(both[(predicted[i], truth[i])] / true_size[truth[i]] for i in items) / len(items)
    return Scores(p, r, _f1(p, r))
