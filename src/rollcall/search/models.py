"""The search index: distinct written names with their blocking keys, one entry per name of a record,
and per-record facets.

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
    """What narrows a search, per record: a birth-year range, the county code, the father's name, the
    months within which the detention began (year * 12 + month - 1), the years of a sentence and how the
    detention ended or stands."""

    record = models.OneToOneField(Record, on_delete=models.CASCADE, primary_key=True, related_name="+")
    birth_lo = models.IntegerField(null=True)
    birth_hi = models.IntegerField(null=True)
    county = models.CharField(max_length=6, null=True)
    father = models.TextField(null=True)
    detained_lo = models.IntegerField(null=True)
    detained_hi = models.IntegerField(null=True)
    sentence = models.IntegerField(null=True)
    outcome = models.CharField(max_length=8, null=True)  # "died", "released", "prison"
    # the same from public fields alone (`people.features.PUBLIC_FIELDS`, `PUBLIC_DETENTION_FIELDS`): what a
    # public search judges by
    public_birth_lo = models.IntegerField(null=True)
    public_birth_hi = models.IntegerField(null=True)
    public_county = models.CharField(max_length=6, null=True)
    public_detained_lo = models.IntegerField(null=True)
    public_detained_hi = models.IntegerField(null=True)
    public_sentence = models.IntegerField(null=True)
    public_outcome = models.CharField(max_length=8, null=True)


class IndexedName(models.Model):
    """One distinct name as written: its keys are computed and stored once, however many records carry it
    (a register repeats the same few thousand names across a county)."""

    text = models.TextField(unique=True)


class NameEntry(models.Model):
    """One name of a record as written in the source (field `name` or `other_names`), with the record's
    birth range and county copied from its facets (and their public counterparts): --born and --place
    narrow a name's records on the index alone, without a lookup per record."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="+")
    field = models.CharField(max_length=32)
    name = models.ForeignKey(IndexedName, on_delete=models.CASCADE, related_name="+", db_index=False)
    birth_lo = models.IntegerField(null=True)
    birth_hi = models.IntegerField(null=True)
    county = models.CharField(max_length=6, null=True)
    public_birth_lo = models.IntegerField(null=True)
    public_birth_hi = models.IntegerField(null=True)
    public_county = models.CharField(max_length=6, null=True)

    class Meta:
        # covering for the narrowing of both kinds of search
        indexes = [models.Index(fields=["name", "county", "birth_lo", "birth_hi", "record", "field", "public_county",
                                        "public_birth_lo", "public_birth_hi"], name="search_entry_narrowing")]


class NameKey(models.Model):
    """A blocking key of a distinct name (`2:mmt|trsn`, `1:trsn`); the index on (key, name) covers lookups."""

    key = models.CharField(max_length=64)
    name = models.ForeignKey(IndexedName, on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta:
        indexes = [models.Index(fields=["key", "name"], name="search_key_name")]
