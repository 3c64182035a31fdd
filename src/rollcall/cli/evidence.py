"""Commands on the data folder and its evidence: init, add, verify, log."""

from __future__ import annotations

from pathlib import Path

import typer

from rollcall.cli.common import actor, console, emit_json, fail, open_home


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command("init")(init)
    app.command("add")(add)
    app.command("verify")(verify)
    app.command("log")(log)


def init(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Create (or open) the data folder: SQLite database in WAL mode plus evidence files."""
    home = open_home()
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("PRAGMA journal_mode")
        mode = cur.fetchone()[0]
    if as_json:
        emit_json({"home": str(home), "database": connection.settings_dict["NAME"], "journal_mode": mode})
    else:
        console.print(f"data folder ready: {home} (SQLite, journal mode {mode})")


def add(
    file: Path = typer.Argument(..., help="The file to keep as evidence."),
    source_name: str = typer.Option("", "--source-name", help="Name of the source it came from."),
    url: str = typer.Option("", "--url", help="Where it was obtained (source URL)."),
    collected_by: str = typer.Option("", "--collected-by", help="Who collected it."),
    collected_at: str = typer.Option("", "--collected-at", help="When it was collected (ISO 8601)."),
    note: str = typer.Option("", "--note", help="A note on the item."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Keep a file as evidence, byte-for-byte, named by its SHA-256. The same bytes again add nothing."""
    open_home()
    from rollcall.evidence.store import add_file, stored_path

    result = add_file(file, actor=actor(), source_name=source_name, url=url, collected_by=collected_by,
                      collected_at=collected_at, note=note)
    item = result.item
    if as_json:
        emit_json({**item_dict(item), "created": result.created, "stored": str(stored_path(item.sha256))})
    elif result.created:
        console.print(f"added {item.original_name}: sha256 {item.sha256}, {item.size} bytes, {item.media_type}")
    else:
        console.print(f"already stored: {file.name} has the same bytes as item {item.id} "
                      f"({item.original_name}, added {item.added_at:%Y-%m-%d %H:%M} UTC); nothing added")


def item_dict(item) -> dict:
    """An evidence item as JSON-ready data."""
    return {"id": item.id, "sha256": item.sha256, "original_name": item.original_name, "size": item.size,
            "media_type": item.media_type, "source_name": item.source_name, "source_url": item.source_url,
            "collected_by": item.collected_by, "collected_at": item.collected_at, "note": item.note,
            "added_at": item.added_at.isoformat(), "added_by": item.added_by}


def verify(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Re-hash every stored file and walk the custody chain: exit 1 naming anything altered."""
    open_home()
    from rollcall.evidence.verify import verify as run

    report = run()
    if as_json:
        emit_json(report.to_dict())
    else:
        for warning in report.warnings:
            console.print(f"warning: {warning}")
        for problem in report.problems:
            console.print(f"[red]ALTERED[/] {problem}")
        state = "intact" if report.intact else f"NOT intact: {len(report.problems)} problem(s)"
        console.print(f"{report.files_checked} file(s) re-hashed, {report.entries_checked} custody entries "
                      f"walked: {state}")
    if not report.intact:
        raise typer.Exit(1)


def log(
    item: str = typer.Option(None, "--item", help="Only entries for this hash (or its prefix)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON lines."),
) -> None:
    """Show the chain-of-custody log, oldest first."""
    open_home()
    from rollcall.evidence.models import CustodyEvent

    events = CustodyEvent.objects.order_by("seq")
    if item:
        if len(item) < 6:
            fail("--item needs at least 6 characters of the hash")
        events = events.filter(item_sha256__startswith=item.lower())
    for e in events.iterator():
        row = {"seq": e.seq, "at": e.at.isoformat(), "actor": e.actor, "action": e.action,
               "item": e.item_sha256, "detail": e.detail, "version": e.version, "prev_hash": e.prev_hash,
               "hash": e.hash}
        if as_json:
            emit_json(row)
        else:
            console.print(f"{e.seq:>5} {e.at:%Y-%m-%d %H:%M:%S} {e.action:<12} {e.item_sha256[:12]}  "
                          f"{e.actor}  {e.hash[:12]}")
