"""`rollcall id`: check and decode resident ID numbers, one or a file of them."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from rollcall.cli.common import console, emit_json
from rollcall.errors import InputError

app = typer.Typer(no_args_is_help=True)


def _print_human(result) -> None:
    mark = "[green]valid[/]" if result.valid else "[bold red]invalid[/]"
    shown = result.number if result.number == result.input else f"{result.number} (given as {result.input!r})"
    console.print(f"{shown}: {mark}")
    if result.converted_from:
        console.print(f"  converted from the 15-digit {result.converted_from}")
    if result.birth_date:
        console.print(f"  birth date  {result.birth_date}")
    if result.sex:
        console.print(f"  sex         {result.sex}")
    if result.region:
        r = result.region
        names_zh = " ".join(x for x in (r.code, r.county_zh, r.prefecture_zh, r.province_zh) if x)
        console.print(f"  region      {names_zh}")
        console.print(f"              {', '.join(x for x in (r.county, r.prefecture, r.province) if x)}")
        if r.note:
            console.print(f"              ({r.note})")
    elif result.county_code:
        console.print(f"  region      {result.county_code} (not known for that year)")
    for problem in result.errors:
        console.print(f"  [red]error[/] {problem.kind}: {problem.message}")
    for problem in result.warnings:
        console.print(f"  [yellow]warning[/] {problem.kind}: {problem.message}")
    if result.candidates:
        console.print("  valid numbers one edit away (check them against the source):")
        for c in result.candidates:
            console.print(f"    {c.number}  {c.edit} at {c.position} ({c.detail}); {c.birth_date} {c.sex} "
                          f"{c.county_code} {c.county}")


def _read_lines(path: str) -> list[str]:
    if path == "-":
        data = sys.stdin.buffer.read()
        name = "standard input"
    else:
        file = Path(path)
        if not file.is_file():
            raise InputError("no such file", file=path)
        data = file.read_bytes()
        name = path
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError("is not UTF-8 text; give one number per line in UTF-8", file=name, row=line) from None
    return text.splitlines()


@app.command("check")
def check_cmd(
    number: str = typer.Argument(None, help="The number as written (spaces, hyphens and a lowercase x allowed)."),
    batch: str = typer.Option(None, "--batch", help="A UTF-8 file with one number per line ('-' for stdin)."),
    json_out: bool = typer.Option(False, "--json", help="JSON output (with --batch: one object per line)."),
    candidates: bool = typer.Option(True, "--candidates/--no-candidates",
                                    help="For invalid numbers, list the valid numbers one edit away."),
) -> None:
    """Check a resident ID number: checksum, birth date, sex, region (valid in the birth year).

    A single number exits 1 when it is invalid (after printing what is wrong); --batch always exits 0 and
    prints one result per input line, in order (a blank line gives a result with the error `empty`).
    """
    from rollcall.places.ids import Problem, check

    if (number is None) == (batch is None):
        raise typer.BadParameter("give either a NUMBER or --batch FILE")
    if batch is not None:
        for line_no, line in enumerate(_read_lines(batch), start=1):
            if line.strip():
                result = check(line, candidates=candidates)
            else:
                from rollcall.places.ids import IdCheck
                result = IdCheck(input=line, number="", valid=False,
                                 errors=[Problem("empty", "the line is empty")])
            if json_out:
                emit_json({"line": line_no, **result.to_dict()})
            else:
                _print_human(result)
        return
    result = check(number, candidates=candidates)
    if json_out:
        emit_json(result.to_dict())
    else:
        _print_human(result)
    if not result.valid:
        raise typer.Exit(1)
