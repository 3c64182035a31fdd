"""Testimonies submitted through the web form, waiting for moderation or already decided."""

from __future__ import annotations

from django.db import models


class Testimony(models.Model):
    """What a relative told us about a missing person. The testifier's name and contact are sealed
    (`rollcall.accounts.sealing`); the rest becomes an evidence file once an editor accepts it."""

    PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"

    submitted_at = models.DateTimeField()
    status = models.CharField(max_length=16, default=PENDING, db_index=True)
    name = models.TextField(help_text="The missing person's name, in any script.")
    other_names = models.TextField(blank=True, default="")
    birth_year = models.CharField(max_length=32, blank=True, default="")
    hometown = models.TextField(blank=True, default="")
    relation = models.CharField(max_length=128, blank=True, default="",
                                help_text="The testifier's relation to the missing person.")
    last_contact = models.CharField(max_length=128, blank=True, default="")
    detention = models.TextField(blank=True, default="", help_text="What happened, as the testifier tells it.")
    testifier_name_sealed = models.TextField(blank=True, default="")
    testifier_contact_sealed = models.TextField(blank=True, default="")
    decided_by = models.CharField(max_length=255, blank=True, default="")
    decided_at = models.DateTimeField(null=True)
    decision_reason = models.TextField(blank=True, default="")
    evidence_sha256 = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["id"]
