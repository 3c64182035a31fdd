"""`rollcall place`: resolve any writing of a place (or a file of them) to its code; show a code."""

from __future__ import annotations

import codecs
import sys
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from rollcall.cli.common import console, emit_json
from rollcall.errors import InputError

app = typer.Typer(no_args_is_help=True)


def place_json(place: Any) -> dict[str, Any]:
    """A place as JSON: every writing, its parent and validity years, the display label, and the codes
    it continues (`former_codes`) and that continue it (`successors`) where it was re-coded."""
    from rollcall.places import latin_name, successors

    return {
        "code": place.code, "level": place.level, "name_zh": place.name_zh, "pinyin": place.pinyin,
        "name_ug": place.name_ug, "name_uly": place.name_uly, "english": list(place.english),
        "latin": latin_name(place.code), "parent": place.parent, "valid_from": place.valid_from,
        "valid_to": place.valid_to, "partial": place.partial, "former_codes": list(place.former_codes),
        "successors": [p.code for p in successors(place.code)],
    }


def resolution_json(query: str, candidates: list) -> dict[str, Any]:
    """One query's answer: the best candidate's code (null if none) and the ranked candidates."""
    return {
        "query": query,
        "code": candidates[0].place.code if candidates else None,
        "candidates": [{**place_json(c.place), "confidence": c.confidence, "matched": c.matched}
                       for c in candidates],
    }


def _read_batch(path: str, encoding: str = "utf-8") -> list[str]:
    """The queries of a batch file, one per line ('-' for standard input), in order, decoded with the
    encoding the user names (UTF-8 by default; a UTF-8 byte-order mark is allowed)."""
    try:
        codec = codecs.lookup(encoding).name
    except LookupError as exc:
        raise InputError(f"--encoding: unknown encoding {encoding!r}") from exc
    if path == "-":
        raw = sys.stdin.buffer.read()
    else:
        file = Path(path)
        if not file.is_file():
            raise InputError("no such file" if not file.exists() else "not a file", file=path)
        try:
            raw = file.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", file=path) from exc
    if codec.startswith("utf-16") or codec.startswith("utf-32"):
        try:
            raw = raw.decode(codec).encode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"not {encoding} (byte {exc.start + 1})", file=path) from exc
        codec = "utf-8"
    elif b"\x00" in raw[:4096]:
        raise InputError("looks binary or UTF-16; give a text file, one query per line (--encoding utf-16 "
                         "if it is UTF-16)", file=path)
    lines = raw.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    queries = []
    for number, line in enumerate(lines, start=1):
        try:
            text = line.decode("utf-8-sig" if number == 1 and codec == "utf-8" else codec)
        except UnicodeDecodeError as exc:
            raise InputError(f"line {number}: not {encoding} (byte {exc.start + 1} of the line); save "
                             "the file as UTF-8 or name its encoding with --encoding", file=path) from exc
        queries.append(text.rstrip("\r"))
    return queries


def _print_table(query: str, candidates: list) -> None:
    from rollcall.places import latin_name

    if not candidates:
        console.print(f"{query}: no known place")
        return
    table = Table(title=query, title_justify="left")
    for column in ("code", "level", "Chinese", "Latin", "Uyghur", "confidence", "matched"):
        table.add_column(column)
    for c in candidates:
        p = c.place
        years = "" if p.valid_to is None else f" (until {p.valid_to})"
        table.add_row(p.code, p.level + years, p.name_zh, latin_name(p.code), p.name_ug,
                      f"{c.confidence:.2f}", c.matched)
    console.print(table)


@app.command("resolve")
def resolve_command(
    text: str = typer.Argument(None, help="A place in any writing, or an address."),
    batch: str = typer.Option(None, "--batch", help="File of queries, one per line ('-' for stdin)."),
    limit: int = typer.Option(5, "--limit", min=1, help="Most candidates per query."),
    within: str = typer.Option(None, "--within", help="Only places inside this code (e.g. 653100)."),
    encoding: str = typer.Option("utf-8", "--encoding", help="Encoding of the --batch file (e.g. gb18030)."),
    as_json: bool = typer.Option(False, "--json", help="JSON (JSON lines with --batch)."),
) -> None:
    """Which places TEXT may mean, best first, with code, level and confidence."""
    from rollcall.places import get, resolve

    if (text is None) == (batch is None):
        raise typer.BadParameter("give either TEXT or --batch FILE")
    if within is not None and get(within) is None:
        raise InputError(f"--within: unknown place code {within!r}")
    queries = _read_batch(batch, encoding) if batch is not None else [text]
    for query in queries:
        candidates = resolve(query, limit=limit, within=within)
        if as_json:
            emit_json(resolution_json(query, candidates))
        else:
            _print_table(query, candidates)


@app.command("show")
def show_command(
    code: str = typer.Argument(..., help="A place code: 653121, or 6531 / 65 for higher levels."),
    as_json: bool = typer.Option(False, "--json", help="JSON."),
) -> None:
    """One place in every writing, with its parents."""
    from rollcall.places import get, lineage

    place = get(code)
    if place is None:
        raise InputError(f"unknown place code {code!r}")
    chain = lineage(place.code)
    if as_json:
        emit_json({**place_json(place), "lineage": [place_json(p) for p in chain]})
        return
    data = place_json(place)
    for key in ("code", "level", "name_zh", "pinyin", "name_ug", "name_uly", "latin"):
        console.print(f"{key:10} {data[key]}")
    console.print(f"{'english':10} {'; '.join(place.english)}")
    years = f"{place.valid_from or '…'}–{place.valid_to or ''}"
    console.print(f"{'valid':10} {years}{'  (partial coverage)' if place.partial else ''}")
    if data["former_codes"]:
        console.print(f"{'continues':10} {', '.join(data['former_codes'])}")
    if data["successors"]:
        console.print(f"{'now':10} {', '.join(data['successors'])}")
    console.print(f"{'within':10} {' › '.join(f'{p.name_zh} {p.code}' for p in chain[1:]) or '-'}")
