"""Facility files as imported, their rows with every cell and value, and the merged facilities.

Rows and values are the evidence (never edited); `Facility` and `FacilityLink` are derived from them and
rebuilt after each import (a facility keeps its id while its key, its first row, stays the same).
"""

from __future__ import annotations

from django.db import models


class FacilityImport(models.Model):
    """One facility file imported (kept as an evidence item with this SHA-256)."""

    item_sha256 = models.CharField(max_length=64, unique=True)
    original_name = models.CharField(max_length=1024)
    format = models.CharField(max_length=16)
    encoding = models.CharField(max_length=32)
    row_count = models.IntegerField()
    imported_at = models.DateTimeField()
    imported_by = models.CharField(max_length=255)

    class Meta:
        ordering = ["id"]


class Facility(models.Model):
    """One facility of the merged registry, summarised from its rows (see `summary` for all fields)."""

    key = models.CharField(max_length=128, unique=True, help_text="Its first row: 'aspi-336', 'buzzfeed-106'.")
    name = models.CharField(max_length=512, blank=True, default="")
    type = models.CharField(max_length=32, blank=True, default="")
    county_code = models.CharField(max_length=12, blank=True, default="", db_index=True)
    lat = models.FloatField(null=True)
    lon = models.FloatField(null=True)
    summary = models.JSONField(default=dict)

    class Meta:
        ordering = ["id"]


class FacilityRow(models.Model):
    """One row of an imported file: every cell as written (column, text), in file order."""

    source_file = models.ForeignKey(FacilityImport, on_delete=models.PROTECT, related_name="rows")
    row = models.IntegerField(help_text="Line number in the file where the row starts (the header is 1).")
    source = models.CharField(max_length=16)
    source_id = models.CharField(max_length=64)
    cells = models.JSONField(default=list)
    problems = models.JSONField(default=list)
    facility = models.ForeignKey(Facility, null=True, on_delete=models.SET_NULL, related_name="rows")

    class Meta:
        ordering = ["source_file_id", "row"]
        constraints = [models.UniqueConstraint(fields=["source_file", "row"], name="facility_row_once")]


class FacilityValue(models.Model):
    """A normalised value read from one cell of a row (field, value, column, original text)."""

    row = models.ForeignKey(FacilityRow, on_delete=models.CASCADE, related_name="values")
    field = models.CharField(max_length=32)
    value = models.JSONField()
    column = models.CharField(max_length=255)
    original = models.TextField()

    class Meta:
        ordering = ["row_id", "id"]
        indexes = [models.Index(fields=["field"])]


class FacilityLink(models.Model):
    """Evidence that two rows are one facility (a cross-reference or proximity), followed or not."""

    a = models.ForeignKey(FacilityRow, on_delete=models.CASCADE, related_name="+")
    b = models.ForeignKey(FacilityRow, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16)
    detail = models.CharField(max_length=255)
    distance_m = models.FloatField(null=True)
    merged = models.BooleanField()
    note = models.CharField(max_length=255, blank=True, default="")

    class Meta:
        ordering = ["id"]
