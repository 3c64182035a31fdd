"""Writing to the audit log."""

from __future__ import annotations

from datetime import UTC, datetime

from rollcall.accounts.models import AuditEntry


def record(actor: str, action: str, target: str, **detail: object) -> AuditEntry:
    """Append one entry: who (`actor`) did what (`action`) to what (`target`), with details."""
    return AuditEntry.objects.create(at=datetime.now(UTC), actor=actor, action=action, target=target,
                                     detail=detail)
