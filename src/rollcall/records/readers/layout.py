"""Where a table's header is: title rows above it, one or two header rows, and the columns they name.

Works on the first rows of any table (rows as lists of cell text, with their numbers in the file), so
CSV, XLSX and XLS share one set of rules (described in docs/ingest-formats.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rollcall.errors import InputError
from rollcall.records.readers.fields import CANONICAL_FIELDS, recognise
from rollcall.records.readers.table import Column

SCAN_ROWS = 30          # non-blank rows looked at to find the header
HEADER_CELL_MAX = 60    # a header cell longer than this is text, not a column name
_NUMBERISH = re.compile(r"^[\s\d.,:/\-+年月日号()%]*$")

# (first row, first column, last row, last column): a merged range, rows as in the file, columns 0-based
Merge = tuple[int, int, int, int]


@dataclass
class Layout:
    """What the top of a table is: title rows, header rows, and the header text of each column."""

    title_rows: list[int]
    header_rows: list[int]
    names: list[str]
    data_from: int      # index in the scanned rows of the first row after the header
    title_text: list[str]
    warnings: list[str]


def is_blank(cells: list[str]) -> bool:
    """True when no cell has anything but whitespace."""
    return not any(cells) or all(not c or c.isspace() for c in cells)


def _nonempty(cells: list[str]) -> list[int]:
    return [i for i, c in enumerate(cells) if c and not c.isspace()]


def _headerish(cells: list[str]) -> bool:
    filled = [cells[i].strip() for i in _nonempty(cells)]
    if not filled or any(len(c) > HEADER_CELL_MAX for c in filled):
        return False
    numeric = sum(1 for c in filled if _NUMBERISH.match(c))
    return numeric <= 0.4 * len(filled)


def _recognised(cells: list[str]) -> int:
    return sum(1 for i in _nonempty(cells) if recognise(cells[i]))


def _spans(cells: list[str], width: int, number: int, merges: list[Merge] | None) -> list[tuple[int, int]]:
    """(first, last) column covered by each non-empty cell of a row: its merged range, or blanks after it."""
    filled = _nonempty(cells)
    out = []
    for k, i in enumerate(filled):
        if merges is not None:
            last = next((m[3] for m in merges if m[0] == number and m[1] == i), i)
        else:
            last = (filled[k + 1] - 1) if k + 1 < len(filled) else width - 1
        out.append((i, max(i, last)))
    return out


def _is_upper_header(upper: tuple[int, list[str]], lower: tuple[int, list[str]], width: int,
                     merges: list[Merge] | None) -> bool:
    (u_num, u_cells), (l_num, l_cells) = upper, lower
    if l_num != u_num + 1 or not _headerish(u_cells) or not _headerish(l_cells):
        return False
    spans = _spans(u_cells, width, u_num, merges)
    if len(spans) == 1 and spans[0][0] == 0 and spans[0][1] >= width - 1:
        return False  # one cell over the whole width: a title
    grouped = any(last > first and any(j < len(l_cells) and l_cells[j].strip() for j in range(first, last + 1))
                  for first, last in spans)
    if not grouped:
        return False
    lower = [l_cells[i].strip() for i in _nonempty(l_cells)]
    if any(_NUMBERISH.match(c) for c in lower):
        return False  # sub-headers are never numbers or dates: this is the first data row
    if merges is not None and any(m[0] == u_num and m[3] > m[1] for m in merges):
        return True
    # without merged cells, blank-continued cells are weak evidence: the lower row must read as names
    return _recognised(l_cells) >= max(1, (len(lower) + 1) // 2)


def _joined_names(upper: tuple[int, list[str]], lower: tuple[int, list[str]], width: int,
                  merges: list[Merge] | None) -> list[str]:
    (u_num, u_cells), (_, l_cells) = upper, lower
    over = [""] * width
    for first, last in _spans(u_cells, width, u_num, merges):
        for j in range(first, min(last, width - 1) + 1):
            if j == first or merges is not None or (j < len(l_cells) and l_cells[j].strip()):
                over[j] = u_cells[first].strip()
    names = []
    for j in range(width):
        up = over[j]
        low = l_cells[j].strip() if j < len(l_cells) else ""
        names.append(f"{up} / {low}" if up and low and up != low else (low or up))
    return names


def find_layout(rows: list[tuple[int, list[str]]], *, file: str, sheet: str | None = None,
                merges: list[Merge] | None = None, header_rows: list[int] | None = None,
                title_count: int = 0, width_from_data: bool = False) -> Layout:
    """The layout of a table from its first rows (blank rows included, in file order).

    `header_rows` (from a mapping file) forces the header; `title_count` says how many non-blank rows
    at the top are titles; `width_from_data` lets the widest scanned row add unnamed columns (workbooks,
    where a column may have values but no header), where a delimited file's header fixes its width.
    """
    where = f" of sheet {sheet!r}" if sheet else ""
    nonblank = [(k, r) for k, r in enumerate(rows) if not is_blank(r[1])]
    if not nonblank:
        raise InputError(f"no header found: the table{where} has no non-blank rows", file=file)
    if header_rows:
        by_number = {r[0]: k for k, r in enumerate(rows)}
        missing = [n for n in header_rows if n not in by_number or is_blank(rows[by_number[n]][1])]
        if missing:
            raise InputError(f"the mapping's header row {missing[0]} is blank or not among the first "
                             f"{len(rows)} rows{where}", file=file)
        picked = [by_number[n] for n in header_rows]
    else:
        picked = _pick_header(nonblank[title_count:], nonblank, file=file, where=where)
    top, bottom = picked[0], picked[-1]
    head_cells = [rows[k][1] for k in picked]
    width = max(len(c) for c in head_cells)
    if width_from_data:
        width = max([width] + [len(r[1]) - _trailing_blanks(r[1]) for r in rows[bottom + 1:]])
    if not header_rows and len(picked) == 1:
        k = picked[0]
        above = next((j for j, _ in reversed(nonblank[title_count:]) if j < k), None)
        below = next((j for j, _ in nonblank if j > k), None)
        if above is not None and _is_upper_header(rows[above], rows[k], width, merges):
            picked, top = [above, k], above
        elif below is not None and _is_upper_header(rows[k], rows[below], width, merges):
            picked, bottom = [k, below], below
    if len(picked) == 2:
        names = _joined_names(rows[picked[0]], rows[picked[1]], width, merges)
    else:
        cells = rows[picked[0]][1]
        names = [cells[j] if j < len(cells) else "" for j in range(width)]
    titles = [(rows[k][0], rows[k][1]) for k, _ in nonblank if k < top]
    header_width = max(len(_nonempty(rows[k][1])) for k in picked)
    wide = [n for n, cells in titles if len(_nonempty(cells)) >= max(2, header_width // 2)]
    warnings = [f"rows {', '.join(map(str, wide))}{where} are above the header (row {rows[picked[0]][0]}) and "
                "read as titles, though they are as wide as a table row; check with --dry-run, or give "
                "header_row in a mapping file"] if wide and not header_rows and not title_count else []
    return Layout(
        title_rows=[n for n, _ in titles],
        header_rows=[rows[k][0] for k in picked],
        names=names,
        data_from=bottom + 1,
        title_text=[" ".join(c.strip() for c in cells if c.strip()) for _, cells in titles],
        warnings=warnings,
    )


def _trailing_blanks(cells: list[str]) -> int:
    n = 0
    for c in reversed(cells):
        if c and not c.isspace():
            break
        n += 1
    return n


def _pick_header(candidates: list[tuple[int, tuple[int, list[str]]]], nonblank: list, *, file: str,
                 where: str) -> list[int]:
    if not candidates:
        raise InputError(f"no header found{where}: every non-blank row is a title row", file=file)
    widest = max(len(_nonempty(r[1])) for _, r in candidates)
    usable = [(k, r) for k, r in candidates if _headerish(r[1]) and len(_nonempty(r[1])) >= min(2, widest)]
    best = max(usable, key=lambda kr: (_recognised(kr[1][1]), -kr[0]), default=None)
    if best is not None and _recognised(best[1][1]) > 0:
        return [best[0]]
    wide = [k for k, r in usable if len(_nonempty(r[1])) >= 0.5 * widest]
    if wide:
        return [wide[0]]
    return [candidates[0][0]]


def build_columns(names: list[str], mapping: dict | None, *, file: str) -> tuple[list[Column], list[str]]:
    """Columns for header names: unique keys, and the field of each (mapping file first, then recognition)."""
    taken: set[str] = set()
    keys = []
    for index, name in enumerate(names):
        base = " ".join(name.split()) or f"column_{index + 1}"
        key, n = base, 1
        while key in taken:
            n += 1
            key = f"{base} ({n})"
        taken.add(key)
        keys.append(key)
    given: dict = dict((mapping or {}).get("columns") or {})
    used: set = set()
    columns, warnings = [], []
    for index, (name, key) in enumerate(zip(names, keys, strict=True)):
        matched = next((m for m in (key, name, name.strip()) if m in given), None)
        if matched is not None:
            used.add(matched)
            field = given[matched]
            if field is not None and field not in CANONICAL_FIELDS:
                raise InputError(f"mapping names unknown field {field!r} for column {name!r}", file=file)
            columns.append(Column(index, name, key, field, "mapping"))
        else:
            field = recognise(name) if name.strip() else None
            columns.append(Column(index, name, key, field, "recognised" if field else "unrecognised"))
    for entry in given:
        if entry not in used:
            warnings.append(f"mapping entry {entry!r} matches no column (columns: {', '.join(keys)})")
    return columns, warnings
