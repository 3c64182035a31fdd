"""Rows wider than the header: an error naming the cell, or (when asked) extra columns that keep it."""

from __future__ import annotations

from rollcall.errors import InputError
from rollcall.records.readers.table import Column, Table


def fit_row(table: Table, number: int, cells: list[str], keep_ragged: bool) -> list[str]:
    """The row's cells cut to the table's width when the extra cells are empty; extra columns or an error."""
    ncols = len(table.columns)
    extra = cells[ncols:]
    first = next((j for j, c in enumerate(extra) if c and not c.isspace()), None)
    if first is None:
        return cells[:ncols]
    if not keep_ragged:
        position = ncols + first + 1
        raise InputError(
            f"ragged row: a value {extra[first][:40]!r} in position {position}, beyond the header's {ncols} "
            "columns; fix the row, or pass --keep-ragged to keep extra cells as columns extra_1, extra_2, ...",
            file=table.file_name, row=number, column=str(position))
    last = len(cells) - next(j for j, c in enumerate(reversed(cells)) if c and not c.isspace())
    extras = sum(1 for c in table.columns if c.how == "unrecognised" and c.key.startswith("extra_") and not c.name)
    for index in range(ncols, last):
        extras += 1
        table.columns.append(Column(index, "", f"extra_{extras}", None, "unrecognised"))
    table.warnings.append(f"row {number}: {last - ncols} cell(s) beyond the header kept as extra columns")
    return cells[:last]
