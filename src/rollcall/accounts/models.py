"""API tokens and the audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A bearer token for the REST API; only its SHA-256 is stored, the token itself is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    revoked = models.BooleanField(default=False)


class AuditEntry(models.Model):
    """One append-only line of who did what: every edit, and every view of a testifier's contact."""

    at = models.DateTimeField()
    actor = models.CharField(max_length=255)
    action = models.CharField(max_length=64)
    target = models.CharField(max_length=255)
    detail = models.JSONField(default=dict)

    class Meta:
        ordering = ["id"]
