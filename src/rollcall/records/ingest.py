"""Ingest: keep a table file as evidence, then turn every row into a record and every cell a statement.

One ingest is one transaction: a failure or a kill at any moment leaves no partial source, and running it
again completes it. Ingesting the same bytes (and sheet) again is a no-op. The search index is written in
the same transaction, row by row as the records are.

Rows of a large file are read, decoded and checked in a forked process while this one writes the batches
it sends: on two cores the two run side by side. The child never touches the database.

Cells of the sealed fields (a testifier's name and contact, `rollcall.accounts.sealing.SEALED_FIELDS`) are
encrypted before they reach the database: the statement's original is the sealed text with its marker, with
no normalised value, and record checks never see them. The web app decrypts them only in an audited view.
A file with any column mapped to a sealed field is then stored sealed (`rollcall.evidence.store.seal_item`)
in the same transaction; stored evidence is read only through `plain_copy`.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import traceback
from collections.abc import Callable, Iterator
from contextlib import closing, suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import NamedTuple

from django.db import transaction

from rollcall.accounts.sealing import SEALED_FIELDS, seal_statement
from rollcall.errors import RollcallError
from rollcall.evidence import custody
from rollcall.evidence.models import Item
from rollcall.evidence.store import AddResult, add_file, discard_unsaved, plain_copy, seal_item
from rollcall.people.features import FIELDS as FEATURE_FIELDS
from rollcall.people.features import First, public_search_facets, search_facets
from rollcall.records import readers
from rollcall.records.bulk import fetchall, insert_flat, insert_rows, raw_connection
from rollcall.records.checks import RECORD_CHECKS
from rollcall.records.models import Source
from rollcall.records.normalise import cell_normaliser, json_text
from rollcall.records.plan import columns_json as _columns_json
from rollcall.search.index import IndexWriter, entry_keys, index_pending, indexable_name, indexed_column, mark_indexed

BATCH_ROWS = 2000
# From this file size rows are read in a forked child (below it forking costs more than it saves);
# $ROLLCALL_FORK_FROM_BYTES overrides it (0: always, a huge number: never).
FORK_FROM_BYTES = 2_000_000
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
                "columns": s.columns, "as_of": s.as_of.isoformat() if s.as_of else None}


def ingest_file(path: str | os.PathLike[str], *, actor: str, source_name: str = "",
                encoding: str | None = None, sheet: str | None = None, mapping: dict | None = None,
                keep_ragged: bool = False, as_of: date | None = None,
                progress: Progress | None = None) -> list[IngestResult]:
    """Add a table file as evidence and ingest it (every sheet, or the one named). Idempotent.

    `as_of`: the day the table was compiled, where known: its ages are read as of then."""
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
                                         keep_ragged=keep_ragged, as_of=as_of, progress=progress)
                           for name in names]
            # The sealing hook: a file with a testifier's identity is stored sealed, in this transaction.
            fields = sorted({c["field"] for r in results for c in r.source.columns if c.get("field") in SEALED_FIELDS})
            if fields:
                sealed_now = seal_item(added.item, actor=actor, detail={"fields": fields})
    except BaseException:
        discard_unsaved(added, sealed_now)
        raise
    # Every sheet was indexed in the ingest's transaction; sources ingested before the index existed (or
    # before its layout changed) catch up here.
    index_pending()
    return results


def _ingest_sheet(item: Item, stored: Path, display_name: str, sheet: str, *, actor: str, source_name: str,
                  encoding: str | None, mapping: dict | None, keep_ragged: bool, as_of: date | None,
                  progress: Progress | None) -> IngestResult:
    existing = Source.objects.filter(item=item, sheet=sheet).select_related("item").first()
    if existing:
        return IngestResult(existing, False, existing.record_count, existing.statement_count)
    table = readers.open_table(stored, display_name=display_name, encoding=encoding,
                               sheet=sheet or None, mapping=mapping, keep_ragged=keep_ragged)
    # Inside the ingest's transaction, without a savepoint of its own (see rollcall.records.bulk).
    with transaction.atomic(savepoint=False):
        source = Source.objects.create(
            item=item, sheet=sheet, name=source_name or (f"{display_name} [{sheet}]" if sheet else display_name),
            reader=table.reader, encoding=table.encoding or "", encoding_reason=table.encoding_reason,
            delimiter=table.delimiter or "", header_rows=list(table.header_rows), columns=_columns_json(table),
            ingested_at=datetime.now(UTC), ingested_by=actor, as_of=as_of,
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
            **({"as_of": as_of.isoformat()} if as_of else {}),
        })
    return result


class _Column(NamedTuple):
    """How the cells of one column are written: its name as written, its field and normaliser, whether its
    cells are names the search indexes, whether they are facts the search narrows by, and whether they are
    sealed."""

    name: str
    field: str
    norm: Callable | None
    indexed: bool
    facet: bool
    sealed: bool


def _column(c) -> _Column:
    name, fld = c.name or c.key, c.field or ""
    return _Column(name, fld, _normaliser(c.field), indexed_column(fld, name), fld in FEATURE_FIELDS,
                   fld in SEALED_FIELDS)


STATEMENT_COLUMNS = 'record_id, column_index, "column", field, original, value, detail'
STATEMENT_WIDTH = 7


@dataclass
class _Batch:
    """Rows ready to insert: records, statements (their values one after another, `STATEMENT_WIDTH` a
    statement) and their index rows (facets, name entries, and the keys of names first met in this
    ingest)."""

    records: list[tuple] = field(default_factory=list)
    statements: list = field(default_factory=list)
    facets: list[tuple] = field(default_factory=list)
    entries: list[tuple] = field(default_factory=list)
    keys: dict[str, list[str]] = field(default_factory=dict)
    flagged: int = 0

    @property
    def statement_count(self) -> int:
        return len(self.statements) // STATEMENT_WIDTH


def _prepared(table: readers.Table, source_id: int, next_id: int, as_of_year: int | None) -> Iterator[_Batch]:
    """The table's rows as batches ready to insert, record ids counting from `next_id`: every cell decoded,
    every record checked, its index rows made. Touches no database."""
    plan = [_column(c) for c in table.columns]
    keyed: set[str] = set()  # names whose keys this ingest has computed
    batch = _Batch()
    statements = batch.statements
    for row in table.rows:
        record_id = next_id
        next_id += 1
        by_field: dict[str, list[tuple[str, str | None]]] = {}
        first: First = {}
        if len(row.cells) > len(plan):  # columns added while streaming (--keep-ragged)
            plan.extend(_column(c) for c in table.columns[len(plan):])
        for position, text in enumerate(row.cells):
            if not text or text.isspace():
                continue
            name, fld, norm, indexed, facet, sealed = plan[position]
            if sealed:
                statements.extend((record_id, position, name, fld, seal_statement(text), None, None))
                continue
            value, detail = norm(text) if norm else (None, None)
            statements.extend((record_id, position, name, fld, text, value, detail))
            if fld:
                if fld in by_field:
                    by_field[fld].append((text, value))
                else:
                    by_field[fld] = [(text, value)]
                    if facet:
                        first[fld] = (text, value, detail)
                if indexed and (written := indexable_name(fld, name, text)) is not None:
                    batch.entries.append((record_id, fld, written))
                    if written not in keyed:
                        keyed.add(written)
                        batch.keys[written] = entry_keys(written)
        flags = [flag for check in RECORD_CHECKS for flag in check(by_field)] if by_field else []
        batch.flagged += bool(flags)
        batch.records.append((record_id, source_id, row.number, json_text(flags) if flags else "[]"))
        batch.facets.append((record_id, *search_facets(first, as_of_year), *public_search_facets(first, as_of_year)))
        if len(batch.records) >= BATCH_ROWS:
            yield batch
            batch = _Batch()
            statements = batch.statements
    if batch.records:
        yield batch


def _prepare_in_child(table: readers.Table, source_id: int, next_id: int, as_of_year: int | None, out: Connection,
                      theirs: Connection) -> None:
    """A forked reader's work: send each prepared batch, then the table's final columns and warnings (or
    the error that stopped it). Ctrl-C is the parent's to handle: it stops this process with itself."""
    theirs.close()  # the parent's end: with it closed here, a parent gone means a broken pipe, not a hang
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        for batch in _prepared(table, source_id, next_id, as_of_year):
            out.send(("batch", batch))
        out.send(("end", table.columns, table.warnings))
    except BrokenPipeError:  # the ingest that started us has gone (killed, or failed): nothing to tell
        return
    except RollcallError as err:
        _tell(out, err)
    except BaseException as err:  # noqa: BLE001  a bug: the ingest must fail and say where
        _tell(out, RuntimeError("reading rows failed: " + "".join(
            traceback.format_exception(type(err), err, err.__traceback__))))
    finally:
        out.close()


def _tell(out: Connection, err: BaseException) -> None:
    with suppress(BrokenPipeError):
        out.send(("error", err))


def _batches(table: readers.Table, source_id: int, next_id: int, size: int, as_of_year: int | None) -> Iterator[_Batch]:
    """Prepared batches. For a file of `FORK_FROM_BYTES` or more, read and decoded in a forked process
    where the platform allows it (this process then only writes: the two run on two cores); a small file
    (a testimony from the web form, a short list) here, in this thread. The table's columns and warnings
    are brought back up to date once the last batch is in."""
    if size < int(os.environ.get("ROLLCALL_FORK_FROM_BYTES", FORK_FROM_BYTES)) or \
            "fork" not in mp.get_all_start_methods():
        yield from _prepared(table, source_id, next_id, as_of_year)
        return
    ctx = mp.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_prepare_in_child, args=(table, source_id, next_id, as_of_year, send, receive),
                        daemon=True, name="rollcall-ingest-reader")
    child.start()
    send.close()
    finished = False
    try:
        while True:
            try:
                message = receive.recv()
            except EOFError:
                child.join()
                raise RuntimeError(f"the process reading the rows stopped (exit code {child.exitcode})") from None
            if message[0] == "batch":
                yield message[1]
            elif message[0] == "end":
                table.columns[:] = message[1]
                table.warnings[:] = message[2]
                finished = True
                return
            else:
                finished = True
                raise message[1]
    finally:
        receive.close()
        if not finished and child.is_alive():  # this side stopped first (a failed write, an interrupt)
            child.kill()
        child.join(timeout=30)
        if child.is_alive():  # it said all it had to say; whatever holds it now must not hold the ingest
            child.kill()
            child.join()


def _write_rows(source: Source, table: readers.Table, result: IngestResult, progress: Progress | None) -> None:
    """Stream the table's rows into records, statements and the search index, in batches, inside the open
    transaction."""
    db, mark = raw_connection()
    next_id = fetchall(db, "SELECT COALESCE(MAX(id), 0) FROM records_record", [])[0][0] + 1
    index = IndexWriter(db, mark)
    # closing: a failed write stops the reader at once
    as_of_year = source.as_of.year if source.as_of else None
    with closing(_batches(table, source.id, next_id, source.item.size, as_of_year)) as batches:
        for batch in batches:
            _flush(db, mark, batch, index)
            result.records += len(batch.records)
            result.statements += batch.statement_count
            result.flagged += batch.flagged
            if progress:
                progress(result.records)
    mark_indexed(source.id, result.records, index.result.entries)


def _normaliser(field: str | None):
    """The normaliser of a column's field; none for unmapped columns and sealed fields (never decoded)."""
    return cell_normaliser(field) if field and field not in SEALED_FIELDS else None


def _flush(db, mark: str, batch: _Batch, index: IndexWriter) -> None:
    if not batch.records:
        return
    insert_rows(db, mark, "records_record", "id, source_id, row, flags", batch.records)
    insert_flat(db, mark, "records_statement", STATEMENT_COLUMNS + ", author, reason", STATEMENT_WIDTH,
                batch.statements, constants="'', ''")
    index.write(batch.facets, batch.entries, batch.keys)
