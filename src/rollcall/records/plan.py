"""What an ingest would do, without touching the data folder (`rollcall ingest --dry-run`). No Django."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from rollcall.records import readers


def columns_json(table: readers.Table) -> list[dict]:
    """A table's columns as JSON-ready data: position, header as written, key, field and how it was mapped."""
    return [{"index": c.index, "name": c.name, "key": c.key, "field": c.field, "how": c.how}
            for c in table.columns]


def dry_run(path: str | os.PathLike[str], *, encoding: str | None = None, sheet: str | None = None,
            mapping: dict | None = None, keep_ragged: bool = False, rows: int = 5) -> list[dict]:
    """What an ingest would do, without writing anything: mapping, encoding and the first decoded rows."""
    path = Path(path)
    readers.sniff_format(path)
    out = []
    for sheet_name in ([sheet] if sheet is not None else readers.sheets(path, display_name=path.name)):
        table = readers.open_table(path, display_name=path.name, encoding=encoding, sheet=sheet_name or None,
                                   mapping=mapping, keep_ragged=keep_ragged)
        first = []
        for row in _take(table.rows, rows):
            first.append({"row": row.number, "cells": {
                table.columns[i].key: text
                for i, text in enumerate(row.cells) if text.strip()}})
        out.append({"file": path.name, "sheet": sheet_name or None, "reader": table.reader,
                    "encoding": table.encoding, "encoding_reason": table.encoding_reason,
                    "delimiter": table.delimiter, "title_rows": list(table.title_rows),
                    "header_rows": list(table.header_rows), "columns": columns_json(table),
                    "first_rows": first, "warnings": list(table.warnings)})
    return out


def _take(rows: Iterable, n: int) -> list:
    out = []
    for row in rows:
        if len(out) >= n:
            break
        out.append(row)
    return out


