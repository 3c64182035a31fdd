"""Recording human judgements on pairs of records, and applying them at once."""

from __future__ import annotations

from datetime import UTC, datetime

from django.db import transaction

from rollcall.errors import InputError
from rollcall.people.models import Judgement, LinkRun, PairScore
from rollcall.records.models import Record


def judge(record_a: int, record_b: int, verdict: str, *, author: str, reason: str) -> Judgement:
    """Record that two records are the same person, different people, or that a human is unsure."""
    if verdict not in {v for v, _ in Judgement.VERDICTS}:
        raise InputError(f"verdict must be same, different or unsure, not {verdict!r}")
    if record_a == record_b:
        raise InputError("a judgement needs two different records")
    if not reason.strip():
        raise InputError("a judgement needs a reason (--reason): what in the evidence decided it")
    found = set(Record.objects.filter(id__in=[record_a, record_b]).values_list("id", flat=True))
    for rid in (record_a, record_b):
        if rid not in found:
            raise InputError(f"no record {rid}")
    a, b = min(record_a, record_b), max(record_a, record_b)
    run = LinkRun.objects.order_by("-id").first()
    score = PairScore.objects.filter(run=run, record_a_id=a, record_b_id=b).first() if run else None
    with transaction.atomic():
        return Judgement.objects.create(record_a_id=a, record_b_id=b, verdict=verdict, author=author,
                                        reason=reason.strip(), at=datetime.now(UTC),
                                        model_probability=score.probability if score else None)
