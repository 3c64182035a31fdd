"""Ingest: keep a table file as evidence, then turn every row into a record and every cell a statement.

One ingest is one transaction: a failure or a kill at any moment leaves no partial source, and running it
again completes it. Ingesting the same bytes (and sheet) again is a no-op.

Cells of the sealed fields (a testifier's name and contact, `rollcall.accounts.sealing.SEALED_FIELDS`) are
encrypted before they reach the database: the statement's original is the sealed text with its marker, with
no normalised value, and record checks never see them. The web app decrypts them only in an audited view.
A file with any column mapped to a sealed field is then stored sealed (`rollcall.evidence.store.seal_item`)
in the same transaction; stored evidence is read only through `plain_copy`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.db import connection, transaction

from rollcall.accounts.sealing import SEALED_FIELDS, seal_statement
from rollcall.evidence import custody
from rollcall.evidence.models import Item
from rollcall.evidence.store import AddResult, add_file, discard_unsaved, plain_copy, seal_item
from rollcall.records import readers
from rollcall.records.checks import RECORD_CHECKS
from rollcall.records.models import Source
from rollcall.records.normalise import cell_normaliser
from rollcall.records.plan import columns_json as _columns_json

BATCH_ROWS = 2000
Progress = Callable[[int], None]


@dataclass
class IngestResult:
    """What one ingest did for one table (a file, or one sheet of a workbook)."""

    source: Source
    created: bool
    records: int = 0
    statements: int = 0
    flagged: int = 0
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        s = self.source
        return {"source": s.id, "name": s.name, "file": s.item.original_name, "sheet": s.sheet or None,
                "sha256": s.item.sha256, "created": self.created, "encoding": s.encoding or None,
                "encoding_reason": s.encoding_reason, "records": s.record_count,
                "statements": s.statement_count, "flagged": self.flagged, "warnings": self.warnings,
                "columns": s.columns}


def ingest_file(path: str | os.PathLike[str], *, actor: str, source_name: str = "",
                encoding: str | None = None, sheet: str | None = None, mapping: dict | None = None,
                keep_ragged: bool = False, progress: Progress | None = None) -> list[IngestResult]:
    """Add a table file as evidence and ingest it (every sheet, or the one named). Idempotent."""
    path = Path(path)
    readers.sniff_format(path)  # refuses garbage before anything is stored
    added: AddResult | None = None
    sealed_now = False
    try:
        # One transaction: the item, its custody entries and every record land together or not at all.
        with transaction.atomic():
            added = add_file(path, actor=actor, source_name=source_name)
            with plain_copy(added.item.sha256) as stored:
                names = [sheet] if sheet is not None else readers.sheets(stored, display_name=path.name)
                results = [_ingest_sheet(added.item, stored, path.name, name or "", actor=actor,
                                         source_name=source_name, encoding=encoding, mapping=mapping,
                                         keep_ragged=keep_ragged, progress=progress) for name in names]
            # The sealing hook: a file with a testifier's identity is stored sealed, in this transaction.
            fields = sorted({c["field"] for r in results for c in r.source.columns if c.get("field") in SEALED_FIELDS})
            if fields:
                sealed_now = seal_item(added.item, actor=actor, detail={"fields": fields})
    except BaseException:
        discard_unsaved(added, sealed_now)
        raise
    # The search index follows every ingest, source by source (after the commit: a failure here leaves the
    # source ingested and the index catches up on the next ingest or `rollcall search --reindex`).
    from rollcall.search.index import index_pending

    index_pending()
    return results


def _ingest_sheet(item: Item, stored: Path, display_name: str, sheet: str, *, actor: str, source_name: str,
                  encoding: str | None, mapping: dict | None, keep_ragged: bool,
                  progress: Progress | None) -> IngestResult:
    existing = Source.objects.filter(item=item, sheet=sheet).select_related("item").first()
    if existing:
        return IngestResult(existing, False, existing.record_count, existing.statement_count)
    table = readers.open_table(stored, display_name=display_name, encoding=encoding,
                               sheet=sheet or None, mapping=mapping, keep_ragged=keep_ragged)
    with transaction.atomic():
        source = Source.objects.create(
            item=item, sheet=sheet, name=source_name or (f"{display_name} [{sheet}]" if sheet else display_name),
            reader=table.reader, encoding=table.encoding or "", encoding_reason=table.encoding_reason,
            delimiter=table.delimiter or "", header_rows=list(table.header_rows), columns=_columns_json(table),
            ingested_at=datetime.now(UTC), ingested_by=actor,
        )
        result = IngestResult(source, True)
        _write_rows(source, table, result, progress)
        result.warnings = list(table.warnings)
        source.record_count, source.statement_count = result.records, result.statements
        source.columns = _columns_json(table)  # ragged rows kept with keep_ragged add columns while streaming
        source.save(update_fields=["record_count", "statement_count", "columns"])
        custody.append("ingested", item.sha256, actor, {
            "source": source.id, "sheet": sheet, "reader": table.reader, "encoding": table.encoding,
            "encoding_reason": table.encoding_reason, "records": result.records,
            "statements": result.statements, "columns": source.columns,
        })
    return result


def _write_rows(source: Source, table: readers.Table, result: IngestResult, progress: Progress | None) -> None:
    """Stream the table's rows into records and statements, in batches, inside the open transaction."""
    with connection.cursor() as cur:
        cur.execute("SELECT COALESCE(MAX(id), 0) FROM records_record")
        next_id = cur.fetchone()[0] + 1
        records: list[tuple] = []
        statements: list[tuple] = []
        # per column: position, name as written, field, and its normaliser (built once, cached inside)
        plan = [(c.name or c.key, c.field or "", _normaliser(c.field)) for c in table.columns]
        source_id = source.id
        for row in table.rows:
            record_id = next_id
            next_id += 1
            by_field: dict[str, list[tuple[str, str | None]]] = {}
            for index, text in enumerate(row.cells):
                if not text or text.isspace():
                    continue
                if index >= len(plan):  # columns added while streaming (--keep-ragged)
                    plan.extend((c.name or c.key, c.field or "", None) for c in table.columns[len(plan):])
                name, field, norm = plan[index]
                if field in SEALED_FIELDS:
                    statements.append((record_id, index, name, field, seal_statement(text), None, None))
                    continue
                value, detail = norm(text) if norm else (None, None)
                statements.append((record_id, index, name, field, text, value, detail))
                if field:
                    by_field.setdefault(field, []).append((text, value))
            flags = [flag for check in RECORD_CHECKS for flag in check(by_field)] if by_field else []
            if flags:
                result.flagged += 1
            records.append((record_id, source_id, row.number, json.dumps(flags, ensure_ascii=False) if flags else "[]"))
            if len(records) >= BATCH_ROWS:
                _flush(cur, records, statements, result, progress)
        _flush(cur, records, statements, result, progress)


def _normaliser(field: str | None):
    """The normaliser of a column's field; none for unmapped columns and sealed fields (never decoded)."""
    return cell_normaliser(field) if field and field not in SEALED_FIELDS else None


def _flush(cur, records: list[tuple], statements: list[tuple], result: IngestResult,
           progress: Progress | None) -> None:
    if not records:
        return
    # On SQLite, the sqlite3 connection itself: Django's cursor wrapper rewrites every parameter set and
    # made inserts the slowest part of an ingest.
    sqlite = connection.vendor == "sqlite"
    raw = connection.connection if sqlite else cur
    mark = "?" if sqlite else "%s"
    raw.executemany(f"INSERT INTO records_record (id, source_id, row, flags) VALUES ({mark}, {mark}, {mark}, {mark})",
                    records)
    raw.executemany(
        "INSERT INTO records_statement (record_id, column_index, \"column\", field, original, value, detail, "
        f"author, reason) VALUES ({', '.join([mark] * 7)}, '', '')", statements)
    result.records += len(records)
    result.statements += len(statements)
    if progress:
        progress(result.records)
    records.clear()
    statements.clear()
