"""Reading records and statements back out, with their provenance."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import TextIO

from django.db import connection, transaction

from rollcall.evidence import custody
from rollcall.records.models import Source

EXPORT_COLUMNS = ["statement", "source", "file", "sha256", "sheet", "row", "record", "column", "field",
                  "original", "value", "detail"]


def locator(source: Source, row: int) -> dict:
    """Where a record stands: file name, sheet (or None) and row number as in the file."""
    return {"file": source.item.original_name, "sheet": source.sheet or None, "row": row}


def iter_records(source: Source, limit: int | None = None, ids: list[int] | None = None) -> Iterator[dict]:
    """Each record of a source in file order (or only those with the given ids), with locator, flags and
    statements."""
    sql = ("SELECT r.id, r.row, r.flags, s.field, s.\"column\", s.original, s.value, s.detail "
           "FROM records_record r LEFT JOIN records_statement s ON s.record_id = r.id "
           "WHERE r.source_id = %s")
    params: list = [source.id]
    if limit is not None:
        sql += " AND r.id IN (SELECT id FROM records_record WHERE source_id = %s ORDER BY id LIMIT %s)"
        params += [source.id, limit]
    if ids is not None:
        sql += " AND r.id IN (" + ",".join(["%s"] * len(ids)) + ")"
        params += ids
    sql += " ORDER BY r.id, s.column_index, s.id"
    current: dict | None = None
    with connection.cursor() as cur:
        cur.execute(sql, params)
        while batch := cur.fetchmany(5000):
            for rid, row, flags, fld, column, original, value, detail in batch:
                if current is None or current["id"] != rid:
                    if current is not None:
                        yield current
                    current = {"id": rid, "source": source.id, "locator": locator(source, row),
                               "flags": json.loads(flags) if flags else [], "statements": []}
                if original is not None:
                    st = {"field": fld or None, "column": column, "original": original, "value": value}
                    if detail:
                        st["detail"] = json.loads(detail)
                    current["statements"].append(st)
    if current is not None:
        yield current


def export_statements(out: TextIO, fmt: str, *, actor: str, destination: str) -> int:
    """Write every statement with its provenance as CSV or JSON lines; log the export per source file."""
    sql = ("SELECT s.id, src.id, i.original_name, i.sha256, src.sheet, r.row, r.id, s.\"column\", s.field, "
           "s.original, s.value, s.detail FROM records_statement s JOIN records_record r ON r.id = s.record_id "
           "JOIN records_source src ON src.id = r.source_id JOIN evidence_item i ON i.id = src.item_id "
           "ORDER BY s.id")
    writer = csv.writer(out) if fmt == "csv" else None
    if writer:
        writer.writerow(EXPORT_COLUMNS)
    count = 0
    with connection.cursor() as cur:
        cur.execute(sql)
        while batch := cur.fetchmany(5000):
            for row in batch:
                row = list(row)
                row[4] = row[4] or None
                row[8] = row[8] or None
                if writer:
                    writer.writerow(["" if v is None else v for v in row])
                else:
                    row[11] = json.loads(row[11]) if row[11] else None
                    out.write(json.dumps(dict(zip(EXPORT_COLUMNS, row, strict=True)), ensure_ascii=False) + "\n")
                count += 1
    with transaction.atomic():
        for src in Source.objects.select_related("item").order_by("id"):
            custody.append("exported", src.item.sha256, actor, {"what": "statements", "format": fmt,
                                                                 "source": src.id, "destination": destination,
                                                                 "statements_total": count})
    return count


def plain_testifier_items() -> list[tuple[str, str]]:
    """(sha256, file name) of stored items whose sources hold testifier identity (a sealed field) but whose
    file is still plain on disk: ingested before ingest sealed such files."""
    from rollcall.accounts.sealing import SEALED_FIELDS
    from rollcall.evidence import store

    sealed = store.sealed_shas()
    found: dict[str, str] = {}
    for source in Source.objects.select_related("item").order_by("id"):
        if source.item.sha256 in sealed or source.item.sha256 in found:
            continue
        if any(c.get("field") in SEALED_FIELDS for c in source.columns):
            found[source.item.sha256] = source.item.original_name
    return sorted(found.items())
