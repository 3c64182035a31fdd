"""XLSX (streamed by `xlsx.XlsxBook`) and legacy XLS (xlrd) worksheets as tables.

A cell's text is the value the workbook stores, not what Excel displays: text as is; whole numbers
without ".0"; other numbers in Python's shortest round-trip form; dates as ISO 8601 (date only at
midnight); booleans TRUE/FALSE; error cells as their code (#N/A). Merged header cells span their range;
a merged cell in the data keeps its value on its first row only (a warning names it).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

from rollcall.errors import InputError
from rollcall.records.readers.layout import SCAN_ROWS, Merge, build_columns, find_layout, is_blank
from rollcall.records.readers.ragged import fit_row
from rollcall.records.readers.table import Row, Table
from rollcall.records.readers.xlsx import XlsxBook

MAX_SCAN_ROWS = 2000
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
PRECISE_DIGITS = 15


def cell_text(value: object) -> str:
    """The text of a workbook cell value (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 10**PRECISE_DIGITS:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def _xlsx_merges(path: Path, part: str | None) -> list[Merge] | None:
    """Merged ranges of one worksheet, read from its XML (read-only openpyxl does not report them)."""
    if not part:
        return None
    merges: list[Merge] = []
    with zipfile.ZipFile(path) as archive, archive.open(part.lstrip("/")) as fh:
        tail = b""
        while chunk := fh.read(1 << 20):
            data = tail + chunk
            if b"mergeCell" not in data:  # a fast scan: most of a sheet is cells
                tail = data[-200:]
                continue
            for m in _MERGE.finditer(data):
                c1, r1, c2, r2 = m.group(1), m.group(2), m.group(3) or m.group(1), m.group(4) or m.group(2)
                merges.append((int(r1), _column_number(c1) - 1, int(r2), _column_number(c2) - 1))
            tail = data[-200:]
    return sorted(set(merges))


def _open_xls(path: Path, name: str):
    import xlrd
    from xlrd.compdoc import CompDocError

    log = io.StringIO()  # xlrd writes its warnings to stdout by default, which would corrupt --json output
    try:
        try:
            return xlrd.open_workbook(str(path), formatting_info=True, ragged_rows=True, on_demand=True, logfile=log)
        except NotImplementedError:
            return xlrd.open_workbook(str(path), ragged_rows=True, on_demand=True, logfile=log)
    except (xlrd.XLRDError, CompDocError, OSError, EOFError, ValueError, AssertionError, IndexError, KeyError,
            struct.error) as err:
        raise InputError(f"cannot read this XLS workbook (damaged, encrypted or not a workbook?): {err}",
                         file=name) from None


def _xlsx_has_values(book: XlsxBook, sheet: str) -> bool:
    return any(any(cells) for _, cells in book.rows(sheet))


def _filled_sheets(book, kind: str) -> list[str]:
    if kind == "xlsx":
        return [sheet for sheet, _ in book.sheets if _xlsx_has_values(book, sheet)]
    out = []
    for index, title in enumerate(book.sheet_names()):
        sh = book.sheet_by_index(index)
        if any(sh.row_len(r) for r in range(sh.nrows)):
            out.append(title)
    return out


def _all_sheets(book, kind: str) -> list[str]:
    return [sheet for sheet, _ in book.sheets] if kind == "xlsx" else book.sheet_names()


def _open_book(path: Path, name: str, kind: str):
    return XlsxBook(path, name) if kind == "xlsx" else _open_xls(path, name)


def _close_book(book, kind: str) -> None:
    if kind == "xlsx":
        book.close()
    else:
        book.release_resources()


def workbook_sheets(path: Path, name: str, kind: str) -> list[str]:
    """Names of the worksheets that hold at least one value, in workbook order."""
    book = _open_book(path, name, kind)
    try:
        return _filled_sheets(book, kind)
    finally:
        _close_book(book, kind)


def _pick_sheet(book, kind: str, sheet: str | None, name: str) -> str:
    if sheet is None:
        filled = _filled_sheets(book, kind)
        if not filled:
            raise InputError("the workbook has no values in any sheet", file=name)
        return filled[0]
    all_names = _all_sheets(book, kind)
    if sheet not in all_names:
        raise InputError(f"no sheet {sheet!r}; the sheets are: {', '.join(repr(s) for s in all_names)}", file=name)
    return sheet


def _lossy_number(warnings: list[str], warned: set[int], sheet: str, number: int, column: int, value: float) -> None:
    if column not in warned:
        warned.add(column)
        warnings.append(f"sheet {sheet!r} row {number} column {column + 1}: {value!r} is stored as a number of "
                        f"more than {PRECISE_DIGITS} digits, which Excel cannot hold exactly (an ID number typed "
                        "as a number?): its last digits are lost in the workbook itself; check the source")


def _xlsx_rows(book: XlsxBook, sheet: str, warnings: list[str]) -> Iterator[tuple[int, list[str]]]:
    warned: set[int] = set()
    book.uncached.clear()
    formulas_noted = False
    for number, cells in book.rows(sheet):
        for column, text in enumerate(cells):
            if "e+" in text and text[0].isdigit() and len(text) > 15:
                _lossy_number(warnings, warned, sheet, number, column, float(text))
        if book.uncached and not formulas_noted:
            formulas_noted = True
            row, column = book.uncached[0]
            warnings.append(f"sheet {sheet!r} row {row} column {column + 1}: a formula with no stored result "
                            "(the workbook was not saved by a spreadsheet program that calculates); such cells "
                            "read as empty; open and save it in a spreadsheet program to keep their values")
        yield number, cells


def _xls_rows(book, sh, warnings: list[str]) -> Iterator[tuple[int, list[str]]]:
    import xlrd

    warned: set[int] = set()
    for rx in range(sh.nrows):
        cells = []
        for column, cell in enumerate(sh.row(rx)):
            if cell.ctype == xlrd.XL_CELL_NUMBER and abs(cell.value) >= 10**PRECISE_DIGITS:
                _lossy_number(warnings, warned, sh.name, rx + 1, column, cell.value)
            if cell.ctype == xlrd.XL_CELL_DATE:
                try:
                    cells.append(cell_text(xlrd.xldate_as_datetime(cell.value, book.datemode)))
                except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                    cells.append(cell_text(cell.value))
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                cells.append(cell_text(bool(cell.value)))
            elif cell.ctype == xlrd.XL_CELL_ERROR:
                cells.append(xlrd.error_text_from_code.get(cell.value, f"#ERROR{cell.value}"))
            else:
                cells.append(cell_text(cell.value) if cell.ctype != xlrd.XL_CELL_EMPTY else "")
        yield rx + 1, cells


def open_workbook(path: Path, name: str, kind: str, *, sheet: str | None, mapping: dict | None,
                  keep_ragged: bool) -> Table:
    """Open one worksheet of an XLSX or XLS file as a table (the first sheet with values by default)."""
    stream_warnings: list[str] = []
    book = _open_book(path, name, kind)
    try:
        chosen = _pick_sheet(book, kind, sheet, name)
        if kind == "xlsx":
            merges = _xlsx_merges(path, book.part(chosen))
            source: Iterator[tuple[int, list[str]]] = _xlsx_rows(book, chosen, stream_warnings)
        else:
            sh = book.sheet_by_name(chosen)
            merges = [(rlo + 1, clo, rhi, chi - 1) for rlo, rhi, clo, chi in getattr(sh, "merged_cells", [])]
            source = _xls_rows(book, sh, stream_warnings)
    except (zipfile.BadZipFile, zlib.error, KeyError, OSError, EOFError) as err:
        _close_book(book, kind)
        raise InputError(f"cannot read sheet {sheet!r} (damaged or truncated?): {err}", file=name) from None
    except BaseException:
        _close_book(book, kind)
        raise

    def close() -> None:
        _close_book(book, kind)

    try:
        header_rows = _forced_header(mapping)
        scanned = _scan(source, name, chosen, max(header_rows) if header_rows else 0)
        m = mapping or {}
        layout = find_layout(scanned, file=name, sheet=chosen, merges=merges, header_rows=header_rows,
                             title_count=int(m.get("title_rows") or 0), width_from_data=True)
        columns, warnings = build_columns(layout.names, mapping, file=name)
        warnings = layout.warnings + warnings
    except BaseException:
        close()
        raise
    stream_warnings.extend(warnings)
    warnings = stream_warnings  # one list: the row stream adds to it as it reads
    last_header = layout.header_rows[-1]
    for r1, c1, r2, c2 in merges:
        if r2 > r1 and r2 > last_header:
            warnings.append(f"sheet {chosen!r}: merged cell rows {r1}-{r2}, columns {c1 + 1}-{c2 + 1}: its value "
                            f"is kept on row {r1} only")
    table = Table(file_name=name, reader=kind, sheet=chosen, encoding=None,
                  encoding_reason="workbook (text is stored as Unicode)", delimiter=None,
                  header_rows=layout.header_rows, title_rows=layout.title_rows, columns=columns, rows=iter(()),
                  warnings=warnings, title_text=layout.title_text)
    table.rows = _stream(table, scanned[layout.data_from:], source, keep_ragged, close, chosen)
    return table


def _forced_header(mapping: dict | None) -> list[int] | None:
    m = mapping or {}
    if m.get("header_rows"):
        return list(m["header_rows"])
    return [int(m["header_row"])] if m.get("header_row") else None


def _scan(source: Iterator[tuple[int, list[str]]], name: str, sheet: str, need: int) -> list[tuple[int, list[str]]]:
    scanned = []
    nonblank = 0
    try:
        for number, cells in source:
            scanned.append((number, cells))
            if not is_blank(cells):
                nonblank += 1
            if (nonblank >= SCAN_ROWS or len(scanned) >= MAX_SCAN_ROWS) and number >= need:
                break
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, KeyError, SyntaxError) as err:
        raise InputError(f"sheet {sheet!r} cannot be read (damaged or truncated?): {err}", file=name) from None
    return scanned


def _stream(table: Table, pending: list[tuple[int, list[str]]], source: Iterable[tuple[int, list[str]]],
            keep_ragged: bool, close, sheet: str) -> Iterator[Row]:
    ncols = len(table.columns)
    number = pending[-1][0] if pending else 0
    try:
        for rows in (pending, source):
            for number, cells in rows:
                if is_blank(cells):
                    table.skipped_blank += 1
                    continue
                if len(cells) > ncols:
                    cells = fit_row(table, number, cells, keep_ragged)
                    ncols = len(table.columns)
                yield Row(number, cells)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, SyntaxError) as err:  # SyntaxError: XML parse
        raise InputError(f"sheet {sheet!r} cannot be read past this row (damaged or truncated?): {err}",
                         file=table.file_name, row=number + 1) from None
    finally:
        close()
