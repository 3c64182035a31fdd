"""`rollcall link`: group every record into persons, keeping human judgements and public IDs.

The threshold: records are joined into one person when the model's match probability is at least
DEFAULT_THRESHOLD (0.7; chosen on generated corpora of 100,000 and 1,000,000 records once two rows of one
list no longer join through other records, see docs/benchmarks.md) — set with `--threshold`.
Pairs between REVIEW_BAND[0] and the threshold are the review queue.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection, transaction

from rollcall.people import clustering, identity
from rollcall.people.clustering import DEFAULT_THRESHOLD
from rollcall.people.engine import ScoredPair, score_pairs
from rollcall.people.features import record_features
from rollcall.people.models import Judgement, LinkRun, Membership, Person, PersonEvent

REVIEW_BAND = (0.2, DEFAULT_THRESHOLD)
KEEP_PAIRS_FROM = 0.05  # pairs stored for review and explanation


def latest_judgements() -> dict[tuple[int, int], str]:
    """The newest human verdict for each judged pair of records (a, b with a < b)."""
    verdicts: dict[tuple[int, int], str] = {}
    for a, b, verdict in Judgement.objects.order_by("id").values_list("record_a_id", "record_b_id", "verdict"):
        verdicts[(min(a, b), max(a, b))] = verdict
    return verdicts


@dataclass
class Grouping:
    """What one linkage computation found, before anything is saved."""

    records: int
    pairs: list[ScoredPair]
    groups: list[list[int]]
    trained: dict
    judgements: int
    # what the grouping obeyed: human verdicts per pair, each record's valid ID number and its source
    verdicts: dict[tuple[int, int], str]
    identifiers: dict[int, str]
    record_ids: list[int]
    lists: dict[int, int]

    def at(self, threshold: float) -> list[list[int]]:
        """The persons these scored pairs make at another threshold (judgements still win)."""
        return _group(self.record_ids, self.pairs, threshold, self.verdicts, self.identifiers, self.lists)


def compute(*, threshold: float = DEFAULT_THRESHOLD, model: str = "rollcall", engine: str = "duckdb",
            progress: Callable[[str], None] | None = None) -> Grouping:
    """Score every candidate pair and group records into persons (judgements win); saves nothing."""
    say = progress or (lambda _msg: None)
    from rollcall.people import namekeys

    say("reading records")
    rows = list(record_features(namekeys.features))
    say(f"scoring candidate pairs of {len(rows):,} records ({model} model on {engine})")
    # pairs below KEEP_PAIRS_FROM are neither grouped nor kept: not fetched (at a million records, millions)
    pairs, trained = score_pairs(rows, model=model, name_score=namekeys.score, engine=engine,
                                 min_probability=KEEP_PAIRS_FROM)
    verdicts = latest_judgements()
    ids = {r["unique_id"]: r["id_number"] for r in rows if r.get("id_valid")}
    record_ids = [r["unique_id"] for r in rows]
    lists = {r["unique_id"]: r["source_id"] for r in rows}
    say(f"clustering {len(pairs):,} pairs")
    groups = _group(record_ids, pairs, threshold, verdicts, ids, lists)
    return Grouping(len(rows), pairs, groups, trained, len(verdicts), verdicts, ids, record_ids, lists)


def _group(record_ids: list[int], pairs: list[ScoredPair], threshold: float,
           verdicts: dict[tuple[int, int], str], ids: dict[int, str],
           lists: dict[int, int]) -> list[list[int]]:
    same = [k for k, v in verdicts.items() if v == Judgement.SAME]
    different = [k for k, v in verdicts.items() if v == Judgement.DIFFERENT]
    # Two valid resident ID numbers more than one character apart belong to two people, however alike
    # everything else is (twins, namesakes in one household), also when a chain of records without ID
    # numbers links them. Two rows of one source join only by their own pair (a list names a person once
    # as a rule; a chain of namesakes through other lists joined its rows).
    return clustering.cluster(record_ids, ((p.a, p.b, p.probability) for p in pairs), threshold, same=same,
                              different=different, identifiers=ids, distinct=_far_apart, lists=lists)


def _far_apart(x: str, y: str) -> bool:
    """Whether two ID numbers differ in more than one place (one place apart may be a typing error)."""
    return sum(a != b for a, b in zip(x, y, strict=False)) > 1 or len(x) != len(y)


def link(*, actor: str, threshold: float = DEFAULT_THRESHOLD, model: str = "rollcall", engine: str = "duckdb",
         progress: Callable[[str], None] | None = None) -> LinkRun:
    """Run linkage over every record and update persons; returns the run with its summary."""
    started = datetime.now(UTC)
    found = compute(threshold=threshold, model=model, engine=engine, progress=progress)
    if progress:
        progress("saving persons")
    with transaction.atomic():
        run = LinkRun.objects.create(started_at=started, actor=actor, engine=engine, threshold=threshold,
                                     records=found.records, pairs=len(found.pairs), model=found.trained)
        summary = _save(run, found.groups, found.pairs)
        run.persons = len(found.groups)
        run.finished_at = datetime.now(UTC)
        run.summary = {**summary, "model": model, "judgements_applied": found.judgements}
        run.save()
    return run


def _save(run: LinkRun, groups: list[list[int]], pairs: list[ScoredPair]) -> dict:
    previous = dict(Membership.objects.values_list("record_id", "person_id"))
    assignments = identity.assign(groups, previous)
    now = datetime.now(UTC)
    taken = set(Person.objects.values_list("public_id", flat=True))
    fresh = [a for a in assignments if a.person is None]
    new_people = []
    for _ in fresh:
        public_id = identity.new_public_id(taken.__contains__)
        taken.add(public_id)
        new_people.append(Person(public_id=public_id, created_at=now, created_by_run=run))
    new_people = Person.objects.bulk_create(new_people, batch_size=5000)
    public = dict(Person.objects.filter(id__in=set(previous.values())).values_list("id", "public_id"))
    events: list[PersonEvent] = []
    membership_rows: list[tuple[int, int, int]] = []
    merged = split = 0
    fresh_ids = iter(p.id for p in new_people)
    for a in assignments:
        if a.person is None:
            person_id = next(fresh_ids)
            reason = ("split off from " + ", ".join(public[p] for p in a.took_from) if a.took_from
                      else "new records")
            events.append(PersonEvent(person_id=person_id, run=run, kind="created", records=a.records,
                                      reason=reason, at=now))
        else:
            person_id = a.person
        for other in a.absorbed:
            merged += 1
            events.append(PersonEvent(person_id=person_id, run=run, kind="merged", other_id=other,
                                      records=[r for r in a.records if previous.get(r) == other], at=now,
                                      reason=f"linkage run {run.id}: the records of {public[other]} were matched "
                                             "to this person"))
        for other in a.took_from:
            if a.person is not None:
                split += 1
                events.append(PersonEvent(person_id=other, run=run, kind="split", other_id=person_id,
                                          records=[r for r in a.records if previous.get(r) == other], at=now,
                                          reason=f"linkage run {run.id}: these records now belong to another "
                                                 "person"))
        membership_rows.extend((r, person_id, run.id) for r in a.records)
    kept = {a.person for a in assignments if a.person is not None}
    retired = sorted(p for p in set(previous.values()) if p not in kept)
    Person.objects.filter(id__in=retired).update(retired=True)
    events.extend(PersonEvent(person_id=p, run=run, kind="retired", records=[], at=now,
                              reason=f"linkage run {run.id}: all its records now belong to other persons")
                  for p in retired)
    PersonEvent.objects.bulk_create(events, batch_size=5000)
    with connection.cursor() as cur:
        cur.execute("DELETE FROM people_membership")
        cur.executemany("INSERT INTO people_membership (record_id, person_id, run_id) VALUES (%s, %s, %s)",
                        membership_rows)
        cur.execute("DELETE FROM people_pairscore")
        cur.executemany(
            "INSERT INTO people_pairscore (run_id, record_a_id, record_b_id, probability, weight, weights) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            [(run.id, p.a, p.b, p.probability, p.weight, json.dumps(p.weights, separators=(",", ":")))
             for p in pairs if p.probability >= KEEP_PAIRS_FROM])
    return {"persons_created": len(new_people), "merges": merged, "splits": split, "retired": len(retired)}
