"""`rollcall generate OUTDIR`: write a fictional evidence corpus and its truth.csv (no data folder needed)."""

from __future__ import annotations

from pathlib import Path

import typer

from rollcall.cli.common import console, emit_json, show_progress


def register(app: typer.Typer) -> None:
    """Add this module's command to the main app."""
    app.command("generate")(generate)


def run_generate(outdir: Path, persons: int, seed: int, *, pdfs: bool = True, xlsx_rows: int | None = None,
                 quiet: bool = False):
    """Generate a corpus, with a progress bar on a terminal unless `quiet`; return its summary."""
    from rollcall.generate.corpus import generate_corpus
    from rollcall.generate.writers import EXCEL_MAX_ROWS

    rows = xlsx_rows or EXCEL_MAX_ROWS - 2
    if show_progress() and not quiet:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(TextColumn("generating"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console, transient=True) as bar:
            task = bar.add_task("persons", total=persons)
            return generate_corpus(outdir, persons, seed, pdfs=pdfs, xlsx_max_rows=rows,
                                   progress=lambda n: bar.update(task, completed=n))
    return generate_corpus(outdir, persons, seed, pdfs=pdfs, xlsx_max_rows=rows)


def generate(
    outdir: Path = typer.Argument(..., help="A new or empty folder to write the corpus into."),
    persons: int = typer.Option(1000, "--persons", help="How many fictional people (1 to 1,000,000)."),
    seed: int = typer.Option(1, "--seed", help="The same seed gives the same bytes in every file."),
    pdfs: bool = typer.Option(True, "--pdfs/--no-pdfs", help="Also write the PDF documents (needs a CJK font)."),
    xlsx_rows: int = typer.Option(None, "--xlsx-rows", help="Records per XLSX file before starting the next "
                                  "(default: as many as Excel allows)."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON summary."),
) -> None:
    """Write a corpus of clearly FICTIONAL evidence (registers, testimonies, a Uyghur-script list, PDFs)
    and truth.csv (file,row,person for every record), for building and measuring Rollcall."""
    summary = run_generate(outdir, persons, seed, pdfs=pdfs, xlsx_rows=xlsx_rows, quiet=as_json)
    if as_json:
        emit_json(summary.to_dict())
        return
    console.print(f"wrote a fictional corpus of {persons:,} people (seed {seed}) into {outdir}:")
    for name, count in summary.records.items():
        console.print(f"  {name}: {count:,} records")
    for name in summary.documents:
        console.print(f"  {name}: document")
    console.print("  truth.csv: file,row,person for every record; README.txt says what this is")
