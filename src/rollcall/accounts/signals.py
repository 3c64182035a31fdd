"""Edits made in the Django admin reach the audit log.

The admin writes a `LogEntry` for every addition, change and deletion it makes, inside the same transaction
as the edit; each one saved is copied to `AuditEntry` (action `admin.add`, `admin.change`, `admin.delete`).
The admin's bulk "delete selected" action is switched off (`rollcall.accounts.admin`) because it writes its
log entries in bulk, without the save signal.
"""

from __future__ import annotations

from typing import Any

ACTIONS = {1: "admin.add", 2: "admin.change", 3: "admin.delete"}  # LogEntry ADDITION, CHANGE, DELETION


def copy_admin_entry(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """Append an audit entry for one admin log entry just saved: who, what, which object, what changed."""
    if not created:
        return
    from rollcall.accounts import audit

    ct = instance.content_type
    target = f"{ct.app_label}.{ct.model} {instance.object_id}" if ct else f"object {instance.object_id}"
    audit.record(instance.user.get_username(), ACTIONS.get(instance.action_flag, "admin.other"), target,
                 object=instance.object_repr, change=instance.get_change_message(), admin_log=instance.pk)


def connect() -> None:
    """Listen to the admin's log (called once, when the accounts app is ready)."""
    from django.contrib.admin.models import LogEntry
    from django.db.models.signals import post_save

    post_save.connect(copy_admin_entry, sender=LogEntry, dispatch_uid="rollcall-admin-audit")
