"""`rollcall audit`: read the audit log (account changes, admin edits, judgements, testimony decisions and
every opening of a testifier's sealed details)."""

from __future__ import annotations

import typer

from rollcall.cli.common import console, emit_json, open_home


def register(app: typer.Typer) -> None:
    """Add the `audit` command."""
    app.command("audit")(audit)


def entry_dict(e) -> dict:
    """An audit entry as JSON-ready data."""
    return {"id": e.id, "at": e.at.isoformat(), "actor": e.actor, "action": e.action, "target": e.target,
            "detail": e.detail}


def audit(
    limit: int = typer.Option(50, "--limit", min=1, help="The latest N entries."),
    action: str = typer.Option(None, "--action", help="Only this action (e.g. record.view_sealed)."),
    actor: str = typer.Option(None, "--by", help="Only entries by this actor."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON lines, one entry per line."),
) -> None:
    """Show the latest audit entries, oldest first: when, who, what, to what, with details."""
    open_home()
    from rollcall.accounts.models import AuditEntry

    qs = AuditEntry.objects.all()
    if action:
        qs = qs.filter(action=action)
    if actor:
        qs = qs.filter(actor=actor)
    entries = [entry_dict(e) for e in reversed(list(qs.order_by("-id")[:limit]))]
    if as_json:
        for e in entries:
            emit_json(e)
        return
    from rich.table import Table

    table = Table("id", "at", "actor", "action", "target", "detail")
    for e in entries:
        table.add_row(str(e["id"]), e["at"][:19], e["actor"], e["action"], e["target"],
                      ", ".join(f"{k}={v}" for k, v in e["detail"].items()))
    console.print(table)
