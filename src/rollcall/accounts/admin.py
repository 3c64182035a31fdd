"""The Django admin's view of accounts: the audit log (read only) and API tokens (revocable, never issued
here: a token is shown once, by `rollcall user token`). Every admin edit is audited (`signals`)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from rollcall.accounts.models import ApiToken, AuditEntry

# Bulk deletion writes the admin's log entries without the save signal the audit log listens to.
admin.site.disable_action("delete_selected")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log, newest first; nobody may add, change or delete an entry."""

    list_display = ("at", "actor", "action", "target")
    list_filter = ("action",)
    search_fields = ("actor", "action", "target")
    ordering = ("-id",)
    readonly_fields = ("at", "actor", "action", "target", "detail")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """API tokens by user; only `revoked` can be changed, and only once (a revoked token stays revoked)."""

    list_display = ("id", "user", "created_at", "revoked")
    list_filter = ("revoked",)
    fields = ("user", "digest", "created_at", "revoked")

    def get_readonly_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> tuple[str, ...]:
        return ("user", "digest", "created_at") + (("revoked",) if obj is not None and obj.revoked else ())

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False
