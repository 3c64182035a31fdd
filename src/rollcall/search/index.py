"""Keeping the search index current: what ingest writes with each record, and what is derived again
from the stored statements for sources indexed before (or for a rebuild).

Ingest writes a record's index rows with the record, in its transaction, through `IndexWriter`.
`index_source(source_id)` / `index_records(record_ids)` derive the same rows from the statements; both are
idempotent (a record already indexed is skipped), so calling them twice, or after a crash, is safe.
`index_pending()` indexes every source not yet marked indexed (searches call it first, so the index
catches up with sources ingested before it existed or before its layout changed). `rebuild()` empties
the index and indexes every source from scratch; an index built source by source answers exactly like a
rebuilt one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from django.db import connection, transaction

from rollcall import names
from rollcall.people.features import NameFeatures, record_features
from rollcall.records.bulk import fetchall, insert_rows, raw_connection
from rollcall.search.models import IndexedName, IndexedSource, NameEntry, NameKey, RecordFacets

NAME_FIELDS = ("name", "other_names")
TESTIFIER_COLUMN_STARTS = ("your ", "testifier", "reporter", "submitter", "informant")
TESTIFIER_COLUMN_WORDS = ("testifier", "your name", "reported by", "submitted by", "证人", "举报人", "گۇۋاھچى")
# A facet row as ingest and indexing hand it to `IndexWriter.write`: the record, then
# `people.features.search_facets`, then `people.features.public_search_facets`
FACET_COLUMNS = ("record_id, birth_lo, birth_hi, county, father, detained_lo, detained_hi, sentence, outcome, "
                 "public_birth_lo, public_birth_hi, public_county, public_detained_lo, public_detained_hi, "
                 "public_sentence, public_outcome")
NARROWING = slice(1, 4)  # a facet row's birth range and county, which name entries copy
PUBLIC_NARROWING = slice(9, 12)  # and their public counterparts
BATCH = 5000
WINDOW = 20000  # records read into memory at a time while indexing
Progress = Callable[[int], None]


@dataclass
class IndexResult:
    """What one indexing call added."""

    sources: int = 0
    records: int = 0
    entries: int = 0
    names: int = 0
    keys: int = 0

    def add(self, other: IndexResult) -> None:
        self.sources += other.sources
        self.records += other.records
        self.entries += other.entries
        self.names += other.names
        self.keys += other.keys

    def to_dict(self) -> dict:
        return {"sources": self.sources, "records": self.records, "entries": self.entries, "names": self.names,
                "keys": self.keys}


def entry_keys(original: str) -> list[str]:
    """The keys a written name is indexed under: its two-part keys, the single-part keys of each part, and
    those of its first part again as first (`f:`)."""
    return sorted(names.keys(original) | names.keys(original, partial=True) | names.first_keys(original))


@lru_cache(maxsize=4096)  # asked once per name, of the few columns a source has
def is_testifier_column(column: str) -> bool:
    """Whether a column speaks of the person who testified rather than the person testified about.

    Testimony forms ask "Your name"; ingest maps that column to `name` like the missing person's. The
    search must never find, or show, a testifier: their names stay out of the index.
    """
    text = column.strip().lower()
    return text.startswith(TESTIFIER_COLUMN_STARTS) or any(w in text for w in TESTIFIER_COLUMN_WORDS)


def indexed_column(field: str, column: str) -> bool:
    """Whether the cells of a column are names the index holds: names and other names, never a testifier's."""
    return field in NAME_FIELDS and not is_testifier_column(column)


def indexable_name(field: str, column: str, text: str) -> str | None:
    """The name a cell adds to the index (stripped), or None."""
    if not indexed_column(field, column) or not text or text.isspace():
        return None
    return text.strip()


class IndexWriter:
    """Adds index rows inside the open transaction: a facet row per record, an entry per name of a
    record, and, for each name not yet in the index, the name and its keys, once.

    Keeps the ids of the names it has met, so a register repeating a few thousand names looks each up once.
    """

    def __init__(self, db=None, mark: str | None = None) -> None:
        self.db, self.mark = (db, mark) if db is not None else raw_connection()
        self.name_ids: dict[str, int] = {}
        self.result = IndexResult()

    def write(self, facets: list[tuple], entries: list[tuple[int, str, str]],
              keys: dict[str, list[str]] | None = None) -> None:
        """Write facets (rows of `FACET_COLUMNS`) and entries (record, field, name as written); `keys` may
        carry the keys of new names, already computed."""
        self._add_names([t for t in dict.fromkeys(t for _, _, t in entries) if t not in self.name_ids], keys or {})
        insert_rows(self.db, self.mark, RecordFacets._meta.db_table, FACET_COLUMNS, facets)
        ids = self.name_ids
        narrowing = {f[0]: (*f[NARROWING], *f[PUBLIC_NARROWING]) for f in facets}
        insert_rows(self.db, self.mark, NameEntry._meta.db_table, "record_id, field, name_id, birth_lo, birth_hi, "
                    "county, public_birth_lo, public_birth_hi, public_county",
                    [(rid, fld, ids[t], *narrowing[rid]) for rid, fld, t in entries])
        self.result.records += len(facets)
        self.result.entries += len(entries)

    def _add_names(self, texts: list[str], keys: dict[str, list[str]]) -> None:
        if not texts:
            return
        self._look_up(texts)
        new = [t for t in texts if t not in self.name_ids]
        if not new:
            return
        insert_rows(self.db, self.mark, IndexedName._meta.db_table, "text", [(t,) for t in new])
        self._look_up(new)  # the ids the database gave them
        key_rows = [(k, self.name_ids[t]) for t in new for k in (keys.get(t) or entry_keys(t))]
        insert_rows(self.db, self.mark, NameKey._meta.db_table, "key, name_id", key_rows)
        self.result.names += len(new)
        self.result.keys += len(key_rows)

    def _look_up(self, texts: list[str]) -> None:
        table, m = IndexedName._meta.db_table, self.mark
        for i in range(0, len(texts), 900):
            chunk = texts[i:i + 900]
            self.name_ids.update(fetchall(self.db, f"SELECT text, id FROM {table} WHERE text IN "
                                                   f"({','.join([m] * len(chunk))})", chunk))


def _plain_name(text: str) -> NameFeatures:
    return NameFeatures(canon=text, keys=[])


def _names_of(source_id: int, lo: int, hi: int) -> dict[int, list[tuple[str, str]]]:
    """The names written in records lo <= id < hi of a source, testifiers' left out."""
    out: dict[int, list[tuple[str, str]]] = {}
    sql = ("SELECT r.id, s.field, s.original, s.\"column\" FROM records_record r JOIN records_statement s "
           "ON s.record_id = r.id WHERE r.source_id = %s AND r.id >= %s AND r.id < %s AND s.field IN (%s, %s) "
           "ORDER BY r.id, s.column_index")
    with connection.cursor() as cur:
        cur.execute(sql, [source_id, lo, hi, *NAME_FIELDS])
        for rid, fld, original, column in cur.fetchall():
            if (text := indexable_name(fld, column, original)) is not None:
                out.setdefault(rid, []).append((fld, text))
    return out


def _already(record_ids: list[int]) -> set[int]:
    done: set[int] = set()
    for i in range(0, len(record_ids), 900):
        chunk = record_ids[i:i + 900]
        done.update(RecordFacets.objects.filter(record_id__in=chunk).values_list("record_id", flat=True))
    return done


def mark_indexed(source_id: int, records: int, entries: int) -> None:
    """Record that every record of a source is in the index (in the caller's transaction)."""
    IndexedSource.objects.update_or_create(source_id=source_id, defaults={
        "records": records, "entries": entries, "indexed_at": datetime.now(UTC)})


def _index_one_source(source_id: int, only: set[int] | None, progress: Progress | None) -> IndexResult:
    writer = IndexWriter()
    with connection.cursor() as cur:
        cur.execute("SELECT MIN(id), MAX(id), COUNT(*) FROM records_record WHERE source_id = %s", [source_id])
        first, last, count = cur.fetchone()
    with transaction.atomic():
        # a window of records at a time, so memory stays the same however large the source
        for lo in range(first or 0, (last or -1) + 1, WINDOW):
            window = (lo, lo + WINDOW)
            written = _names_of(source_id, *window)
            rows = [f for f in record_features(_plain_name, [source_id], window, public=True)
                    if only is None or f["unique_id"] in only]
            skip = _already([f["unique_id"] for f in rows])
            rows = [f for f in rows if f["unique_id"] not in skip]
            for i in range(0, len(rows), BATCH):
                chunk = rows[i:i + BATCH]
                facets = [(f["unique_id"], f["birth_lo"], f["birth_hi"], f["county"], f["father"],
                           *f["detention_facets"], *f["public_facets"]) for f in chunk]
                entries = [(f["unique_id"], fld, text) for f in chunk for fld, text in written.get(f["unique_id"], [])]
                writer.write(facets, entries)
                if progress:
                    progress(len(entries))
        if only is None:
            mark_indexed(source_id, count, writer.result.entries)
            writer.result.sources = 1
    return writer.result


def index_source(source_id: int, progress: Progress | None = None) -> IndexResult:
    """Add every not-yet-indexed record of one source to the index, and mark the source indexed."""
    return _index_one_source(source_id, None, progress)


def index_records(record_ids: Iterable[int], progress: Progress | None = None) -> IndexResult:
    """Add the given records to the index (those already there are skipped)."""
    ids = sorted(set(record_ids))
    by_source: dict[int, set[int]] = {}
    with connection.cursor() as cur:
        for i in range(0, len(ids), 900):
            chunk = ids[i:i + 900]
            cur.execute("SELECT id, source_id FROM records_record WHERE id IN (" + ",".join(["%s"] * len(chunk))
                        + ")", chunk)
            for rid, sid in cur.fetchall():
                by_source.setdefault(sid, set()).add(rid)
    result = IndexResult()
    for sid, rids in sorted(by_source.items()):
        result.add(_index_one_source(sid, rids, progress))
    return result


def pending_sources() -> list[int]:
    """Sources ingested but not yet marked indexed, in ingest order."""
    with connection.cursor() as cur:
        cur.execute("SELECT s.id FROM records_source s LEFT JOIN search_indexedsource i ON i.source_id = s.id "
                    "WHERE i.source_id IS NULL ORDER BY s.id")
        return [r[0] for r in cur.fetchall()]


def index_pending(progress: Progress | None = None) -> IndexResult:
    """Index every source not yet indexed (a no-op when the index is current)."""
    result = IndexResult()
    for sid in pending_sources():
        result.add(index_source(sid, progress))
    return result


def rebuild(progress: Progress | None = None) -> IndexResult:
    """Empty the index and index every source from scratch."""
    with transaction.atomic(), connection.cursor() as cur:
        # raw: millions of rows, no signals
        for model in (NameKey, NameEntry, IndexedName, RecordFacets, IndexedSource):
            cur.execute(f"DELETE FROM {model._meta.db_table}")
    return index_pending(progress)


def stats() -> dict:
    """How big the index is: sources, records, name entries, distinct names, keys."""
    return {"sources": IndexedSource.objects.count(), "records": RecordFacets.objects.count(),
            "entries": NameEntry.objects.count(), "names": IndexedName.objects.count(),
            "keys": NameKey.objects.count()}
