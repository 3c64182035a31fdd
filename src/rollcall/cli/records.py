"""Commands that read tables in and records out: ingest, sources, records, export."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import typer

from rollcall.cli.common import actor, console, emit_json, fail, open_home, show_progress

export_app = typer.Typer(no_args_is_help=True, help="Export data with its provenance.")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command("ingest")(ingest)
    app.command("sources")(sources)
    app.command("records")(records)
    app.add_typer(export_app, name="export")


def ingest(
    file: Path = typer.Argument(..., help="CSV/TSV, XLSX/XLS or JSON file to ingest."),
    source_name: str = typer.Option("", "--source-name", help="Name of the source (default: file name)."),
    encoding: str = typer.Option(None, "--encoding", help="Text encoding, overriding detection."),
    sheet: str = typer.Option(None, "--sheet", help="Only this sheet of a workbook."),
    mapping: Path = typer.Option(None, "--mapping", help="YAML file mapping columns to fields."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show the mapping and first rows; write nothing."),
    keep_ragged: bool = typer.Option(False, "--keep-ragged",
                                     help="Keep cells beyond the header as extra columns instead of failing."),
    as_of: str = typer.Option(None, "--as-of", help="The day (YYYY-MM-DD) the table was compiled: its ages are "
                                                    "read as of then, for rows without a date of their own."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Keep a table file as evidence and turn every row into a record, every cell into a statement."""
    from rollcall.records import readers

    as_of_date = _as_of(as_of) if as_of else None

    if encoding:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            fail(f"--encoding {encoding!r} is not an encoding Python knows (try gb18030, utf-16, mac_roman)")
    loaded = readers.load_mapping(mapping) if mapping else None
    if dry_run:
        from rollcall.records.plan import dry_run as plan

        tables = plan(file, encoding=encoding, sheet=sheet, mapping=loaded, keep_ragged=keep_ragged)
        if as_json:
            emit_json(tables)
        else:
            for table in tables:
                _print_plan(table)
        return
    open_home()
    from rollcall.records.ingest import ingest_file

    if show_progress() and not as_json:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                      console=console, transient=True) as bar:
            task = bar.add_task(f"ingesting {file.name}", total=None)
            results = ingest_file(file, actor=actor(), source_name=source_name, encoding=encoding, sheet=sheet,
                                  mapping=loaded, keep_ragged=keep_ragged, as_of=as_of_date,
                                  progress=lambda n: bar.update(task, description=f"{file.name}: {n:,} rows"))
    else:
        results = ingest_file(file, actor=actor(), source_name=source_name, encoding=encoding, sheet=sheet,
                              mapping=loaded, keep_ragged=keep_ragged, as_of=as_of_date)
    ignored = {r.source.id: _options_not_applied(r.source, encoding=encoding, mapping=mapping,
                                                 keep_ragged=keep_ragged, as_of=as_of_date)
               for r in results if not r.created}
    if as_json:
        emit_json([{**r.to_dict(), "not_applied": ignored[r.source.id]} if ignored.get(r.source.id) else r.to_dict()
                   for r in results])
        return
    for r in results:
        s = r.source
        where = f"{s.item.original_name}" + (f" [{s.sheet}]" if s.sheet else "")
        if not r.created:
            console.print(f"already ingested: {where} is source {s.id} ({s.record_count:,} records); nothing done")
            if ignored[s.id]:
                console.print(f"  not applied: {ignored[s.id]}; these bytes were read before as source {s.id} "
                              f"(encoding {s.encoding or 'n/a'}). Re-reading stored evidence with other options "
                              "is not supported yet: the first reading stands")
            continue
        enc = f", encoding {s.encoding} ({s.encoding_reason})" if s.encoding else ""
        console.print(f"ingested {where} as source {s.id}: {r.records:,} records, {r.statements:,} statements"
                      f"{enc}" + (f", {r.flagged:,} records flagged" if r.flagged else ""))
        unmapped = [c["name"] or c["key"] for c in s.columns if not c["field"]]
        if unmapped:
            console.print(f"  kept as raw columns (no canonical field): {', '.join(unmapped)}")
        for w in r.warnings:
            console.print(f"  warning: {w}")


def _as_of(text: str) -> date:
    """The day given with --as-of: a real date written YYYY-MM-DD, not before 1900 nor after today."""
    import re

    try:
        day = date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        day = None
    if day is None:
        fail(f"--as-of {text!r} is not a date: give it as YYYY-MM-DD (2020-06-30)")
    if not date(1900, 1, 1) <= day <= date.today():
        fail(f"--as-of {text}: the day a table was compiled is between 1900 and today")
    return day


def _options_not_applied(source, *, encoding: str | None, mapping: Path | None, keep_ragged: bool,
                         as_of: date | None = None) -> str:
    """The reading options given to a repeated ingest that differ from how the source was first read."""
    import codecs

    given = []
    if encoding and codecs.lookup(encoding).name != codecs.lookup(source.encoding or "utf-8").name:
        given.append(f"--encoding {encoding}")
    if mapping:
        given.append(f"--mapping {mapping}")
    if keep_ragged:
        given.append("--keep-ragged")
    if as_of and as_of != source.as_of:
        given.append(f"--as-of {as_of.isoformat()} (the source is as of {source.as_of or 'no date'})")
    return ", ".join(given)


def _print_plan(table: dict) -> None:
    where = table["file"] + (f" [{table['sheet']}]" if table["sheet"] else "")
    console.print(f"[bold]{where}[/]: {table['reader']}, encoding {table['encoding']} "
                  f"({table['encoding_reason']}), delimiter {table['delimiter']!r}")
    console.print(f"  title rows {table['title_rows']}, header rows {table['header_rows']}")
    for c in table["columns"]:
        console.print(f"  column {c['index'] + 1}: {c['name'] or c['key']!r} → {c['field'] or '(raw)'} [{c['how']}]")
    for row in table["first_rows"]:
        console.print(f"  row {row['row']}: {row['cells']}")
    for w in table["warnings"]:
        console.print(f"  warning: {w}")


def sources(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List ingested sources: id, name, sha256, encoding, record count."""
    open_home()
    from rollcall.records.models import Source

    rows = [source_dict(s) for s in Source.objects.select_related("item").order_by("id")]
    if as_json:
        emit_json(rows)
        return
    from rich.table import Table

    table = Table("id", "name", "sha256", "encoding", "records")
    for r in rows:
        table.add_row(str(r["id"]), r["name"], r["sha256"][:16] + "…", r["encoding"] or "", f"{r['records']:,}")
    console.print(table)


def source_dict(s) -> dict:
    """A source as JSON-ready data."""
    return {"id": s.id, "name": s.name, "file": s.item.original_name, "sheet": s.sheet or None,
            "sha256": s.item.sha256, "reader": s.reader, "encoding": s.encoding or None,
            "encoding_reason": s.encoding_reason, "records": s.record_count, "statements": s.statement_count,
            "columns": s.columns, "ingested_at": s.ingested_at.isoformat(), "ingested_by": s.ingested_by,
            "as_of": s.as_of.isoformat() if s.as_of else None}


def _find_sources(ref: str):
    from rollcall.records.models import Source

    qs = Source.objects.select_related("item").order_by("id")
    if ref.isdigit():
        found = list(qs.filter(id=int(ref)))
    else:
        found = list(qs.filter(item__original_name=ref)) or list(qs.filter(name=ref))
    if not found:
        fail(f"no source {ref!r}: give a source id or file name from `rollcall sources`")
    return found


def records(
    source: str = typer.Argument(..., help="Source id or file name."),
    limit: int = typer.Option(None, "--limit", min=1, help="At most this many records."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON lines, one record per line."),
) -> None:
    """Show a source's records, each with its locator and statements (field, original, value)."""
    open_home()
    from rollcall.records.queries import iter_records

    shown = 0
    for src in _find_sources(source):
        for rec in iter_records(src, limit=None if limit is None else limit - shown):
            shown += 1
            if as_json:
                emit_json(rec)
            else:
                loc = rec["locator"]
                console.print(f"[bold]record {rec['id']}[/] {loc['file']}"
                              + (f" [{loc['sheet']}]" if loc["sheet"] else "") + f" row {loc['row']}"
                              + (f"  flags: {rec['flags']}" if rec["flags"] else ""))
                for st in rec["statements"]:
                    value = f" → {st['value']}" if st["value"] is not None else ""
                    console.print(f"    {st['field'] or '(' + st['column'] + ')'}: {st['original']}{value}",
                                  markup=False)
        if limit is not None and shown >= limit:
            break


@export_app.command("statements")
def export_statements(
    fmt: str = typer.Option("jsonl", "--format", help="csv or jsonl."),
    output: Path = typer.Option(None, "--output", "-o", help="Write to this file (default: standard output)."),
) -> None:
    """Export every statement with its source, file hash and locator (custody log records the export)."""
    if fmt not in {"csv", "jsonl"}:
        fail(f"--format must be csv or jsonl, not {fmt!r}")
    open_home()
    from rollcall.records.queries import export_statements as run

    if output:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            count = run(fh, fmt, actor=actor(), destination=str(output))
        print(f"exported {count:,} statements to {output}", file=sys.stderr)
    else:
        run(sys.stdout, fmt, actor=actor(), destination="stdout")
