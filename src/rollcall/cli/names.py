"""`rollcall names`: show how a name is read across scripts; compare two names, or a CSV of pairs."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import typer
from rich.table import Table

from rollcall.cli.common import console, emit_json
from rollcall.errors import InputError

app = typer.Typer(no_args_is_help=True)


@app.command("show")
def show_cmd(
    name: str = typer.Argument(..., help="A name in any script: Uyghur Arabic, Latin, Chinese characters, pinyin."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Script, parts, Latin forms, pinyin and blocking keys of a name."""
    from rollcall.names import show

    view = show(name)
    if as_json:
        emit_json(view.to_dict())
        return
    console.print(f"[bold]{view.text}[/]  script: {view.script}")
    console.print(f"  Latin: {view.latin or '-'}" + (f"   pinyin: {view.pinyin}" if view.pinyin else ""))
    table = Table("part", "script", "role", "Latin forms (how)", "pinyin", show_edge=False)
    for p in view.parts:
        forms = ", ".join(f"{latin} ({via})" for latin, via in p.forms) or "-"
        role = p.role + (f" (-{p.patronymic})" if p.patronymic else "")
        table.add_row(p.text, p.script, role, forms, p.pinyin or "")
    console.print(table)
    console.print(f"  keys: {' '.join(view.keys) or '-'}")
    if view.not_compared:
        console.print(f"  not compared (too many parts): {' '.join(view.not_compared)}")


def _print_comparison(result) -> None:
    verdict = "[green]same name[/]" if result.same else "[yellow]different[/]"
    console.print(f"{result.a}  ~  {result.b}")
    console.print(f"  score {result.score:.3f} (threshold {result.threshold}): {verdict}"
                  + ("  [partial name]" if result.partial else ""))
    for m in result.explanation:
        console.print(f"  {m.a} → {m.a_latin} ({m.a_via})  ~  {m.b} → {m.b_latin} ({m.b_via}): {m.score:.2f}")
    for side, parts in (("a", result.unmatched_a), ("b", result.unmatched_b)):
        if parts:
            console.print(f"  unmatched in {side}: {' '.join(parts)}")


@app.command("compare")
def compare_cmd(
    a: str = typer.Argument(None, help="First name (any script)."),
    b: str = typer.Argument(None, help="Second name (any script)."),
    pairs: Path = typer.Option(None, "--pairs", help="CSV file with columns a,b ('-' for standard input): "
                                                     "one result per row, in input order."),
    encoding: str = typer.Option("utf-8", "--encoding", help="Text encoding of the --pairs file."),
    explain: bool = typer.Option(False, "--explain", help="With --pairs: include which parts matched how."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (one object per line with --pairs)."),
) -> None:
    """Whether two writings are the same name: score in [0, 1], verdict, and which parts matched how."""
    from rollcall.names import compare

    if pairs is not None:
        if a is not None or b is not None:
            raise typer.BadParameter("give either two names or --pairs FILE, not both")
        _compare_file(pairs, encoding, explain, as_json)
        return
    if a is None or b is None:
        raise typer.BadParameter("give two names (or --pairs FILE.csv)")
    result = compare(a, b)
    if as_json:
        emit_json(result.to_dict())
    else:
        _print_comparison(result)


def _read_text(path: Path, encoding: str) -> str:
    try:
        raw = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", file=str(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a CSV file", file=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=str(path)) from None
    try:
        text = raw.decode(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", file=str(path)) from None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"not valid {encoding} at byte {exc.start} (give --encoding, e.g. gb18030, utf-16)",
                         file=str(path), row=line) from None
    return text.removeprefix("\ufeff")


def _compare_file(path: Path, encoding: str, explain: bool, as_json: bool) -> None:
    from rollcall.names import compare

    text = _read_text(path, encoding)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("empty file: expected a header row with columns a,b", file=str(path)) from None
    except csv.Error as exc:
        raise InputError(f"not readable as CSV: {exc}", file=str(path), row=1) from None
    columns = [h.strip().lower() for h in header]
    missing = [c for c in ("a", "b") if c not in columns]
    if missing:
        raise InputError(f"missing column(s) {', '.join(missing)} (header is {','.join(header)})",
                         file=str(path), row=1)
    ia, ib = columns.index("a"), columns.index("b")
    out = sys.stdout
    buffer: list[str] = []
    row_number = 1
    try:
        for row_number, row in enumerate(reader, start=2):
            if not row:
                continue
            if len(row) <= max(ia, ib):
                raise InputError(f"has {len(row)} cell(s); columns a and b are needed", file=str(path),
                                 row=row_number)
            result = compare(row[ia], row[ib])
            if as_json:
                item = {"row": row_number, "a": row[ia], "b": row[ib], "score": round(result.score, 4),
                        "same": result.same}
                if explain:
                    item["partial"] = result.partial
                    item["explanation"] = [m.to_dict() for m in result.explanation]
                buffer.append(json.dumps(item, ensure_ascii=False))
            else:
                buffer.append(f"{result.score:.4f}\t{'same' if result.same else 'different'}\t{row[ia]}\t{row[ib]}")
            if len(buffer) >= 1000:
                out.write("\n".join(buffer) + "\n")
                buffer.clear()
    except csv.Error as exc:
        raise InputError(f"not readable as CSV: {exc}", file=str(path), row=row_number + 1) from None
    finally:
        if buffer:
            out.write("\n".join(buffer) + "\n")
        out.flush()
