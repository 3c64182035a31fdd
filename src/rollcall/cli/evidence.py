"""Commands on the data folder and its evidence: init, add, verify, log; `evidence export` and `evidence seal`."""

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
    group = typer.Typer(help="Evidence items: export an item's original bytes (audited), seal an item.",
                        no_args_is_help=True)
    group.command("export")(export)
    group.command("seal")(seal)
    app.add_typer(group, name="evidence")


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
    sealed: bool = typer.Option(False, "--seal", help="It is sensitive (a testifier's identity): store it "
                                                      "encrypted at rest."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Keep a file as evidence, byte-for-byte, named by its SHA-256. The same bytes again add nothing."""
    open_home()
    from django.db import transaction

    from rollcall.evidence.store import add_file, discard_unsaved, is_sealed, seal_item

    sealed_now = False
    result = None
    try:
        with transaction.atomic():
            result = add_file(file, actor=actor(), source_name=source_name, url=url, collected_by=collected_by,
                              collected_at=collected_at, note=note)
            if sealed:
                sealed_now = seal_item(result.item, actor=actor(), detail={"reason": "rollcall add --seal"})
    except BaseException:
        discard_unsaved(result, sealed_now)
        raise
    item = result.item
    if as_json:
        emit_json({**item_dict(item), "created": result.created, "sealed": is_sealed(item.sha256),
                   "stored": str(stored_file(item.sha256))})
    elif result.created:
        console.print(f"added {item.original_name}: sha256 {item.sha256}, {item.size} bytes, {item.media_type}"
                      + (" (sealed)" if sealed_now else ""))
    elif sealed_now:
        console.print(f"already stored: {file.name} is item {item.id} ({item.original_name}); now sealed")
    else:
        console.print(f"already stored: {file.name} has the same bytes as item {item.id} "
                      f"({item.original_name}, added {item.added_at:%Y-%m-%d %H:%M} UTC); nothing added")


def stored_file(sha256: str) -> Path:
    """The file in the store holding the item: its sealed copy when sealed."""
    from rollcall.evidence.store import is_sealed, sealed_path, stored_path

    return sealed_path(sha256) if is_sealed(sha256) else stored_path(sha256)


def find_item(ref: str):
    """The item named by a hash or a prefix of at least 6 characters (fails naming the problem)."""
    from rollcall.evidence.models import Item

    ref = ref.strip().lower()
    if len(ref) < 6:
        fail("an item is named by its SHA-256 or at least 6 characters of it")
    found = list(Item.objects.filter(sha256__startswith=ref)[:2])
    if not found:
        fail(f"no evidence item has a hash starting {ref}")
    if len(found) > 1:
        fail(f"more than one item's hash starts {ref}: give more characters")
    return found[0]


def export(
    item_ref: str = typer.Argument(..., metavar="ITEM", help="The item's SHA-256 (or 6+ characters of it)."),
    output: Path = typer.Option(..., "-o", "--output", help="The file to write (must not exist)."),
    reason: str = typer.Option(..., "--reason", help="Why the original is needed (audited)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Write an item's original bytes exactly as added (decrypting a sealed item). Admins only; written to
    the audit log and the custody log."""
    open_home()
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from rollcall.accounts import audit
    from rollcall.accounts.roles import ADMIN, role_of
    from rollcall.evidence import custody
    from rollcall.evidence.store import is_sealed, write_plain

    who = actor()
    user = get_user_model().objects.filter(username=who).first()
    if role_of(user) != ADMIN:
        fail(f"only an admin may export evidence: {who!r} is not an admin account (run as --actor ADMIN; "
             "`rollcall user add NAME --role admin` makes one)")
    if not reason.strip():
        fail("--reason must say why the original is needed")
    item = find_item(item_ref)
    sealed = is_sealed(item.sha256)
    output = output.resolve()
    if not output.parent.is_dir():
        fail(f"folder {output.parent} does not exist")
    size = write_plain(item.sha256, output)
    try:
        with transaction.atomic():
            audit.record(who, "evidence.export", f"item {item.sha256}", original_name=item.original_name,
                         sealed=sealed, file=str(output), reason=reason)
            custody.append("exported", item.sha256, who, {"kind": "evidence file", "sealed": sealed,
                                                          "file": str(output), "reason": reason})
    except BaseException:
        output.unlink(missing_ok=True)  # no unaudited copy
        raise
    if as_json:
        emit_json({**item_dict(item), "sealed": sealed, "file": str(output), "bytes": size})
    else:
        console.print(f"exported {item.original_name} ({item.sha256}, {size} bytes"
                      f"{', decrypted' if sealed else ''}) to {output}; audited")


def seal(
    item_ref: str = typer.Argument(..., metavar="ITEM", help="The item's SHA-256 (or 6+ characters of it)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Store an item encrypted at rest (for a file holding a testifier's identity that is stored plain, e.g.
    one ingested before ingest sealed files). Sealing a sealed item removes any plain copy left beside it."""
    open_home()
    from django.db import transaction

    from rollcall.evidence.store import discard_sealed_copy, finish_sealing, seal_item

    item = find_item(item_ref)
    sealed_now = False
    try:
        with transaction.atomic():
            sealed_now = seal_item(item, actor=actor(), detail={"reason": "rollcall evidence seal"})
    except BaseException:
        if sealed_now:
            discard_sealed_copy(item.sha256)
        raise
    removed = finish_sealing(item.sha256)
    if as_json:
        emit_json({"sha256": item.sha256, "sealed_now": sealed_now, "plain_copy_removed": removed,
                   "stored": str(stored_file(item.sha256))})
    elif sealed_now:
        console.print(f"sealed {item.original_name} ({item.sha256})")
    else:
        console.print(f"{item.original_name} ({item.sha256}) was sealed already"
                      + ("; removed the plain copy left beside it" if removed else ""))


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
    from rollcall.records.queries import plain_testifier_items

    report = run()
    for sha, name in plain_testifier_items():
        report.warnings.append(f"item {sha} ({name}) holds a testifier's identity in plain text on disk (ingested "
                               f"before such files were sealed): `rollcall evidence seal {sha}` encrypts it")
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
