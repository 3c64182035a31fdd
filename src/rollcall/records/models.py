"""Sources (an ingested table of an evidence item), records (rows) and statements (cells)."""

from __future__ import annotations

from django.db import models

from rollcall.evidence.models import Item


class Source(models.Model):
    """One table read from an evidence item: a CSV/TSV file, or one sheet of a workbook."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="sources")
    sheet = models.CharField(max_length=255, blank=True, default="")
    name = models.CharField(max_length=1024)
    reader = models.CharField(max_length=32)
    encoding = models.CharField(max_length=64, blank=True, default="")
    encoding_reason = models.TextField(blank=True, default="")
    delimiter = models.CharField(max_length=8, blank=True, default="")
    header_rows = models.JSONField(default=list)
    columns = models.JSONField(default=list, help_text="[{index, name, field}] as used for this ingest")
    record_count = models.IntegerField(default=0)
    statement_count = models.IntegerField(default=0)
    ingested_at = models.DateTimeField()
    ingested_by = models.CharField(max_length=255)
    as_of = models.DateField(null=True, blank=True,
                             help_text="The day the table was compiled, as the user gave it at ingest: its ages "
                                       "are read as of then, for rows that carry no date of their own.")

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["item", "sheet"], name="one_source_per_item_sheet")]


class Record(models.Model):
    """One data row of a source, with where it stands in the file."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="records")
    row = models.IntegerField(help_text="Row number as in the file (1-based line or sheet row).")
    flags = models.JSONField(default=list, help_text="Discrepancies found at ingest; never corrections.")

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["source", "row"])]


class Statement(models.Model):
    """One claim: a cell's original text, the field it maps to and its normalised value."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="statements")
    column_index = models.IntegerField()
    column = models.CharField(max_length=1024, help_text="The column name as written in the file.")
    field = models.CharField(max_length=64, blank=True, default="", help_text="Canonical field, or empty.")
    original = models.TextField()
    value = models.TextField(null=True, blank=True)
    detail = models.JSONField(null=True, blank=True,
                              help_text="What normalisation decoded, e.g. an ID's birth date, sex and county.")
    author = models.CharField(max_length=255, blank=True, default="",
                              help_text="For human statements: who. Ingested ones take the source's.")
    reason = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["id"]
