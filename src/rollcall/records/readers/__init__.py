"""Table readers for ingest: CSV/TSV, XLSX, XLS and JSON files as columns and a stream of rows.

Pure library (no Django). `open_table` decides the encoding (and says why), finds title and header rows,
maps headers to canonical fields, and returns a `Table` whose `rows` is a generator: memory stays bounded
however long the file. Every problem is an `InputError` naming the file and, where it applies, the row
and column, raised before the first row or from the generator. See docs/ingest-formats.md.
"""

from __future__ import annotations

from pathlib import Path

from rollcall.errors import InputError
from rollcall.records.readers.delimited import open_delimited
from rollcall.records.readers.fields import CANONICAL_FIELDS, FIELD_MEANINGS, recognise
from rollcall.records.readers.jsontable import open_json
from rollcall.records.readers.mapping import load_mapping, validate_mapping
from rollcall.records.readers.sniff import file_name, sniff_format
from rollcall.records.readers.table import Column, Row, Table
from rollcall.records.readers.workbook import open_workbook, workbook_sheets

__all__ = [
    "CANONICAL_FIELDS", "FIELD_MEANINGS", "Column", "Row", "Table", "load_mapping", "open_table", "recognise",
    "sheets", "sniff_format", "validate_mapping",
]


def sheets(path: str | Path, *, display_name: str | None = None) -> list[str]:
    """Names of a workbook's worksheets that hold values; [""] for single-table formats (CSV, TSV, JSON)."""
    path = Path(path)
    name = file_name(path, display_name)
    kind = sniff_format(path, display_name=display_name)
    if kind in ("xlsx", "xls"):
        names = workbook_sheets(path, name, kind)
        if not names:
            raise InputError("the workbook has no values in any sheet", file=name)
        return names
    return [""]


def open_table(path: str | Path, *, display_name: str | None = None, encoding: str | None = None,
               sheet: str | None = None, mapping: dict | None = None, keep_ragged: bool = False) -> Table:
    """Open a table file for reading: its layout, columns and a stream of its data rows.

    `display_name` is the name used in locators and messages (the evidence store reads a copy named by
    its hash); `encoding` overrides detection for text formats; `sheet` picks a worksheet (the first
    with values by default); `mapping` is a checked mapping (see `load_mapping`); `keep_ragged` keeps
    cells beyond the header as columns extra_1, ... instead of refusing the row.
    """
    path = Path(path)
    name = file_name(path, display_name)
    kind = sniff_format(path, display_name=display_name)
    if kind in ("xlsx", "xls"):
        return open_workbook(path, name, kind, sheet=sheet or None, mapping=mapping, keep_ragged=keep_ragged)
    if sheet:
        raise InputError(f"--sheet {sheet!r} given, but a {kind.upper()} file has no sheets", file=name)
    if kind == "json":
        return open_json(path, name, encoding=encoding, mapping=mapping, keep_ragged=keep_ragged)
    return open_delimited(path, name, encoding=encoding, mapping=mapping, keep_ragged=keep_ragged)
