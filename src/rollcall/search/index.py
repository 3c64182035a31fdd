"""Keeping the search index current: add the records of newly ingested sources, or rebuild it all.

`index_source(source_id)` / `index_records(record_ids)` are what ingest calls right after it commits;
both are idempotent (a record already indexed is skipped), so calling them twice, or after a crash, is
safe. `index_pending()` indexes every source not yet marked indexed (searches call it first, so the
index catches up even where ingest did not call it). `rebuild()` empties the index and indexes every
source from scratch; an index built source by source answers exactly like a rebuilt one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from django.db import connection, transaction

from rollcall import names
from rollcall.people.features import NameFeatures, record_features
from rollcall.search.models import IndexedSource, NameEntry, NameKey, RecordFacets

NAME_FIELDS = ("name", "other_names")
TESTIFIER_COLUMN_STARTS = ("your ", "testifier", "reporter", "submitter", "informant")
TESTIFIER_COLUMN_WORDS = ("testifier", "your name", "reported by", "submitted by", "证人", "举报人", "گۇۋاھچى")
BATCH = 5000
WINDOW = 20000  # records read into memory at a time while indexing
Progress = Callable[[int], None]


@dataclass
class IndexResult:
    """What one indexing call added."""

    sources: int = 0
    records: int = 0
    entries: int = 0
    keys: int = 0

    def add(self, other: IndexResult) -> None:
        self.sources += other.sources
        self.records += other.records
        self.entries += other.entries
        self.keys += other.keys

    def to_dict(self) -> dict:
        return {"sources": self.sources, "records": self.records, "entries": self.entries, "keys": self.keys}


@lru_cache(maxsize=65536)  # registers repeat names: a county's list holds the same few hundred many times
def entry_keys(original: str) -> frozenset[str]:
    """The keys a written name is indexed under: its two-part keys and the single-part key of each part."""
    return names.keys(original) | names.keys(original, partial=True)


def _plain_name(text: str) -> NameFeatures:
    return NameFeatures(canon=text, keys=[])


@lru_cache(maxsize=4096)  # asked once per name, of the few columns a source has
def is_testifier_column(column: str) -> bool:
    """Whether a column speaks of the person who testified rather than the person testified about.

    Testimony forms ask "Your name"; ingest maps that column to `name` like the missing person's. The
    search must never find, or show, a testifier: their names stay out of the index.
    """
    text = column.strip().lower()
    return text.startswith(TESTIFIER_COLUMN_STARTS) or any(w in text for w in TESTIFIER_COLUMN_WORDS)


def _names_of(source_id: int, lo: int, hi: int) -> dict[int, list[tuple[str, str]]]:
    """The names written in records lo <= id < hi of a source, testifiers' left out."""
    out: dict[int, list[tuple[str, str]]] = {}
    sql = ("SELECT r.id, s.field, s.original, s.\"column\" FROM records_record r JOIN records_statement s "
           "ON s.record_id = r.id WHERE r.source_id = %s AND r.id >= %s AND r.id < %s AND s.field IN (%s, %s) "
           "ORDER BY r.id, s.column_index")
    with connection.cursor() as cur:
        cur.execute(sql, [source_id, lo, hi, *NAME_FIELDS])
        for rid, fld, original, column in cur.fetchall():
            if original and original.strip() and not is_testifier_column(column):
                out.setdefault(rid, []).append((fld, original.strip()))
    return out


def _already(record_ids: list[int]) -> set[int]:
    done: set[int] = set()
    for i in range(0, len(record_ids), 900):
        chunk = record_ids[i:i + 900]
        done.update(RecordFacets.objects.filter(record_id__in=chunk).values_list("record_id", flat=True))
    return done


def _index_one_source(source_id: int, only: set[int] | None, progress: Progress | None) -> IndexResult:
    result = IndexResult()
    # Facets and keys go in as plain rows: an ORM object per key costs more than the key itself.
    facets_sql = (f"INSERT INTO {RecordFacets._meta.db_table} (record_id, birth_lo, birth_hi, county, father) "
                  "VALUES (%s, %s, %s, %s, %s)")
    keys_sql = f"INSERT INTO {NameKey._meta.db_table} (key, entry_id) VALUES (%s, %s)"
    with connection.cursor() as cur:
        cur.execute("SELECT MIN(id), MAX(id), COUNT(*) FROM records_record WHERE source_id = %s", [source_id])
        first, last, count = cur.fetchone()
    with transaction.atomic(), connection.cursor() as cur:
        # a window of records at a time, so memory stays the same however large the source
        for lo in range(first or 0, (last or -1) + 1, WINDOW):
            window = (lo, lo + WINDOW)
            written = _names_of(source_id, *window)
            rows = [f for f in record_features(_plain_name, [source_id], window)
                    if only is None or f["unique_id"] in only]
            skip = _already([f["unique_id"] for f in rows])
            facets = [(f["unique_id"], f["birth_lo"], f["birth_hi"], f["county"], f["father"])
                      for f in rows if f["unique_id"] not in skip]
            pending = [(f["unique_id"], fld, original) for f in rows if f["unique_id"] not in skip
                       for fld, original in written.get(f["unique_id"], [])]
            cur.executemany(facets_sql, facets)
            result.records += len(facets)
            for i in range(0, len(pending), BATCH):
                chunk = pending[i:i + BATCH]
                entries = NameEntry.objects.bulk_create(
                    [NameEntry(record_id=rid, field=fld, original=original) for rid, fld, original in chunk],
                    batch_size=BATCH)
                keys = [(k, e.id) for e in entries for k in sorted(entry_keys(e.original))]
                cur.executemany(keys_sql, keys)
                result.entries += len(entries)
                result.keys += len(keys)
                if progress:
                    progress(len(chunk))
        if only is None:
            IndexedSource.objects.update_or_create(
                source_id=source_id, defaults={"records": count, "entries": result.entries,
                                               "indexed_at": datetime.now(UTC)})
            result.sources = 1
    return result


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
        for model in (NameKey, NameEntry, RecordFacets, IndexedSource):  # raw: millions of rows, no signals
            cur.execute(f"DELETE FROM {model._meta.db_table}")
    return index_pending(progress)


def stats() -> dict:
    """How big the index is: sources, records, name entries, keys."""
    return {"sources": IndexedSource.objects.count(), "records": RecordFacets.objects.count(),
            "entries": NameEntry.objects.count(), "keys": NameKey.objects.count()}
