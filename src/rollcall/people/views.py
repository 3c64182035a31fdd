"""The merged view of people: every value with its sources, conflicts side by side, status timeline."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator

from django.db import connection

from rollcall.people.models import Judgement, PairScore, Person, PersonEvent

STATUS_FIELDS = ("detention_status", "detention_start", "detention_end", "facility", "sentence", "reason")
FAMILY_FIELDS = ("relation", "father_name")


def _script(text: str) -> str:
    try:
        from rollcall.names import detect_script
    except ImportError:  # names library absent: a coarse guess by code points
        return _coarse_script(text)
    return str(detect_script(text))


def _coarse_script(text: str) -> str:
    if any("\u0600" <= c <= "\u06ff" for c in text):
        return "arabic"
    if any("\u4e00" <= c <= "\u9fff" for c in text):
        return "han"
    if any("\u0400" <= c <= "\u04ff" for c in text):
        return "cyrillic"
    return "latin"


def _statements(person_ids: list[int]) -> Iterator[tuple]:
    marks = ",".join(["%s"] * len(person_ids))
    sql = ("SELECT m.person_id, r.id, r.row, src.id, src.sheet, i.original_name, i.sha256, s.field, s.\"column\", "
           "s.original, s.value, r.flags FROM people_membership m JOIN records_record r ON r.id = m.record_id "
           "JOIN records_source src ON src.id = r.source_id JOIN evidence_item i ON i.id = src.item_id "
           "LEFT JOIN records_statement s ON s.record_id = r.id "
           f"WHERE m.person_id IN ({marks}) ORDER BY m.person_id, r.id, s.column_index")
    with connection.cursor() as cur:
        cur.execute(sql, person_ids)
        while batch := cur.fetchmany(5000):
            yield from batch


def summaries(limit: int | None = None, offset: int = 0) -> Iterator[dict]:
    """Every current person with their names (as written, with script and source) and records."""
    people = Person.objects.filter(retired=False).order_by("id").values_list("id", "public_id")
    if limit is not None:
        people = people[offset:offset + limit]
    chunk: list[tuple[int, str]] = []
    for pair in people.iterator(chunk_size=2000):
        chunk.append(pair)
        if len(chunk) == 500:
            yield from _summaries(chunk)
            chunk = []
    if chunk:
        yield from _summaries(chunk)


def _summaries(people: list[tuple[int, str]]) -> Iterator[dict]:
    out = {pid: {"id": public, "names": [], "records": []} for pid, public in people}
    seen: set[int] = set()
    for pid, rid, row, src_id, sheet, file, sha, fld, _col, original, _value, _flags in _statements(list(out)):
        person = out[pid]
        if rid not in seen:
            seen.add(rid)
            person["records"].append({"record": rid, "source": file, "source_id": src_id, "sha256": sha,
                                      "locator": {"file": file, "sheet": sheet or None, "row": row}})
        if fld in ("name", "other_names") and original:
            person["names"].append({"original": original, "script": _script(original), "field": fld,
                                    "source": file, "record": rid})
    yield from out.values()


def detail(public_id: str) -> dict | None:
    """One person in full: every value with its sources, conflicts, timeline, family, history."""
    person = Person.objects.filter(public_id=public_id.upper()).first()
    if person is None:
        return None
    values: dict[str, dict[str, dict]] = defaultdict(dict)
    records: dict[int, dict] = {}
    timeline: dict[int, dict] = {}
    for _pid, rid, row, src_id, sheet, file, sha256, fld, col, original, value, flags in _statements([person.id]):
        source = {"source": file, "source_id": src_id, "sha256": sha256,
                  "locator": {"file": file, "sheet": sheet or None, "row": row}, "record": rid}
        records.setdefault(rid, {**source, "flags": json.loads(flags) if flags else []})
        if original is None:
            continue
        key = fld or f"raw:{col}"
        shown = value if value is not None else original
        entry = values[key].setdefault(shown, {"value": shown, "originals": [], "sources": []})
        if original not in entry["originals"]:
            entry["originals"].append(original)
        entry["sources"].append(source)
        if fld in STATUS_FIELDS:
            timeline.setdefault(rid, {"source": source})[fld] = shown
    fields = {k: list(v.values()) for k, v in values.items()}
    conflicts = sorted(k for k, v in fields.items() if len(v) > 1 and not k.startswith("raw:")
                       and k not in ("name", "other_names", "notes"))
    events = [{"kind": e.kind, "at": e.at.isoformat(), "reason": e.reason, "records": e.records,
               "other": e.other.public_id if e.other else None}
              for e in PersonEvent.objects.filter(person=person).select_related("other").order_by("id")]
    return {
        "id": person.public_id, "retired": person.retired,
        "names": [{"original": o, "script": _script(o), "field": k, "sources": e["sources"]}
                  for k in ("name", "other_names") for e in fields.get(k, []) for o in e["originals"]],
        "fields": fields, "conflicts": conflicts,
        "timeline": sorted(timeline.values(), key=lambda t: (t.get("detention_start") or "9999")),
        "family": {k: fields[k] for k in FAMILY_FIELDS if k in fields},
        "records": list(records.values()), "history": events,
    }


def review_queue(limit: int = 20) -> list[dict]:
    """Uncertain pairs most worth a human's time: closest to the threshold first, unjudged only."""
    from rollcall.people.link import REVIEW_BAND
    from rollcall.people.models import LinkRun

    run = LinkRun.objects.order_by("-id").first()
    if run is None:
        return []
    low, high = REVIEW_BAND[0], run.threshold
    judged = {(min(a, b), max(a, b)) for a, b in Judgement.objects.values_list("record_a_id", "record_b_id")}
    pairs = PairScore.objects.filter(run=run, probability__gte=low, probability__lt=high)
    ranked = sorted(pairs.values_list("record_a_id", "record_b_id", "probability", "weights"),
                    key=lambda p: abs(p[2] - (low + high) / 2))
    out = []
    for a, b, prob, weights in ranked:
        if (a, b) in judged:
            continue
        out.append({"a": a, "b": b, "probability": prob, "weights": weights,
                    "records": [record_view(a), record_view(b)]})
        if len(out) >= limit:
            break
    return out


def record_view(record_id: int) -> dict:
    """One record with its locator and statements, for side-by-side review."""
    from rollcall.records.models import Record
    from rollcall.records.queries import iter_records

    rec = Record.objects.select_related("source__item").get(id=record_id)
    for item in iter_records(rec.source, ids=[record_id]):
        person = rec.membership.person.public_id if hasattr(rec, "membership") else None
        return {**item, "person": person}
    raise LookupError(record_id)
