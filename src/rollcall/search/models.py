"""The search index: one entry per written name of a record, its blocking keys, and per-record facets.

Indexed at the record level, not the person level: linkage regroups records into persons at any time,
and a query maps records to persons through `people_membership` when it answers, so linkage never
forces a re-index and ingest only adds entries for new records.
"""

from __future__ import annotations

from django.db import models

from rollcall.records.models import Record, Source


class IndexedSource(models.Model):
    """That every record of a source is in the index (written in the same transaction as its entries)."""

    source = models.OneToOneField(Source, on_delete=models.CASCADE, primary_key=True, related_name="+")
    records = models.IntegerField(default=0)
    entries = models.IntegerField(default=0)
    indexed_at = models.DateTimeField()


class RecordFacets(models.Model):
    """What narrows a search, per record: a birth-year range, the county code and the father's name."""

    record = models.OneToOneField(Record, on_delete=models.CASCADE, primary_key=True, related_name="+")
    birth_lo = models.IntegerField(null=True)
    birth_hi = models.IntegerField(null=True)
    county = models.CharField(max_length=6, null=True)
    father = models.TextField(null=True)


class NameEntry(models.Model):
    """One name of a record as written in the source (field `name` or `other_names`)."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="+")
    field = models.CharField(max_length=32)
    original = models.TextField()


class NameKey(models.Model):
    """A blocking key of a name entry (`2:mmt|trsn`, `1:trsn`); the index on (key, entry) covers lookups."""

    key = models.CharField(max_length=64)
    entry = models.ForeignKey(NameEntry, on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta:
        indexes = [models.Index(fields=["key", "entry"], name="search_key_entry")]
