"""Stored evidence items and the custody log."""

from __future__ import annotations

from django.db import models


class Item(models.Model):
    """One file as received, kept byte-for-byte under its SHA-256 (Berkeley Protocol minimum metadata)."""

    sha256 = models.CharField(max_length=64, unique=True)
    original_name = models.CharField(max_length=1024)
    size = models.BigIntegerField()
    media_type = models.CharField(max_length=255)
    source_name = models.CharField(max_length=1024, blank=True, default="")
    source_url = models.TextField(blank=True, default="")
    collected_by = models.CharField(max_length=255, blank=True, default="")
    collected_at = models.CharField(max_length=64, blank=True, default="",
                                    help_text="When it was collected, as the collector stated it.")
    note = models.TextField(blank=True, default="")
    added_at = models.DateTimeField()
    added_by = models.CharField(max_length=255)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.sha256[:12]})"


class CustodyEvent(models.Model):
    """One entry of the append-only custody log; `hash` covers the entry and the previous entry's hash."""

    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.CharField(max_length=255)
    action = models.CharField(max_length=32)
    item_sha256 = models.CharField(max_length=64, db_index=True)
    detail = models.JSONField(default=dict)
    version = models.CharField(max_length=64)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
