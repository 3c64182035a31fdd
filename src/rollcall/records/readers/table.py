"""What a reader returns: a table's columns, how it was decoded, and its data rows as a stream."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(slots=True)
class Column:
    """One column of a table: where it is, what its header says, and the canonical field it maps to."""

    index: int          # 0-based position in the row
    name: str           # header text as decoded; two header rows joined as "upper / lower"; "" when empty
    key: str            # unique in the table: the name (spaces collapsed), "电话 (2)" for a repeat, "column_5"
    field: str | None   # canonical field, or None: the column's cells are kept as raw statements
    how: str            # "recognised" | "mapping" | "unrecognised"


@dataclass(slots=True)
class Row:
    """One data row: its number as in the file, and its cells' text exactly as decoded."""

    number: int         # 1-based physical line (CSV/TSV), worksheet row (XLSX/XLS), position or line (JSON)
    cells: list[str]    # "" for an empty cell; len(cells) <= len(table.columns)


@dataclass
class Table:
    """A table opened for reading. `rows` streams the data rows once; blank rows are skipped and counted."""

    file_name: str
    reader: str                  # "csv" | "xlsx" | "xls" | "json"
    sheet: str | None
    encoding: str | None         # None for workbooks (they carry their own encoding)
    encoding_reason: str
    delimiter: str | None
    header_rows: list[int]
    title_rows: list[int]
    columns: list[Column]
    rows: Iterator[Row]
    warnings: list[str] = field(default_factory=list)
    title_text: list[str] = field(default_factory=list)   # text of the title rows, one string per row
    skipped_blank: int = 0       # blank data rows skipped so far (final once `rows` is exhausted)
