"""Streaming table writers, one per format, each returning the locator row of every record it writes.

Row numbers follow `rollcall records --json` locators: the 1-based physical line in a CSV (title row on
line 1, header on line 2, so the first record is row 3), the worksheet row in XLSX (same layout), and the
1-based position of the object in a JSON array. Cells never contain line breaks, so lines and rows agree.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

from rollcall.errors import RollcallError
from rollcall.generate.notice import NOTICE
from rollcall.generate.xlsx import XlsxWriter

EXCEL_MAX_ROWS = 1_048_576


def _check_cells(values: list[Any], where: str) -> None:
    for value in values:
        if isinstance(value, str) and ("\n" in value or "\r" in value):
            raise RollcallError(f"{where}: a generated cell contains a line break: {value!r}")


class CsvTable:
    """A CSV file with a title row (the fictional notice) and a header row, written as it goes."""

    def __init__(self, path: Path, header: list[str], *, title: str, encoding: str = "utf-8",
                 delimiter: str = ",") -> None:
        self.path = path
        self.name = path.name
        self._file = path.open("w", encoding=encoding, newline="", errors="strict")
        self._writer = csv.writer(self._file, delimiter=delimiter, lineterminator="\r\n")
        self._writer.writerow([title])
        self._writer.writerow(header)
        self._line = 2

    def write(self, values: list[Any]) -> tuple[str, int]:
        """Append one record; return (file name, its row number)."""
        _check_cells(values, self.name)
        self._writer.writerow(values)
        self._line += 1
        return self.name, self._line

    def close(self) -> None:
        self._file.close()


class JsonArray:
    """A JSON array of objects, one per line, written as it goes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        self._file = path.open("w", encoding="utf-8", newline="\n")
        self._file.write("[\n")
        self._count = 0

    def write(self, obj: dict) -> tuple[str, int]:
        """Append one object; return (file name, its 1-based position)."""
        if self._count:
            self._file.write(",\n")
        self._file.write(json.dumps(obj, ensure_ascii=False))
        self._count += 1
        return self.name, self._count

    def close(self) -> None:
        self._file.write("\n]\n")
        self._file.close()


class XlsxTables:
    """One-sheet workbooks (title row, header row, records), split into numbered files at `max_rows`.

    One sheet per file keeps truth.csv's `file,row` unique without a sheet column.
    """

    def __init__(self, folder: Path, stem: str, header: list[str], *, title: str, sheet: str,
                 max_rows: int = EXCEL_MAX_ROWS - 2) -> None:
        if not 1 <= max_rows <= EXCEL_MAX_ROWS - 2:
            raise RollcallError(f"rows per workbook must be 1..{EXCEL_MAX_ROWS - 2}, not {max_rows}")
        self.folder, self.stem, self.header, self.title, self.sheet = folder, stem, header, title, sheet
        self.max_rows = max_rows
        self.paths: list[Path] = []
        self._wb: XlsxWriter | None = None
        self._rows = 0

    @property
    def name(self) -> str:
        return self.paths[-1].name if self.paths else f"{self.stem}.xlsx"

    def _open(self) -> None:
        part = len(self.paths) + 1
        self.paths.append(self.folder / (f"{self.stem}.xlsx" if part == 1 else f"{self.stem}-{part}.xlsx"))
        self._wb = XlsxWriter(self.paths[-1], sheet=self.sheet, title=NOTICE,
                              creator="Rollcall generator (fictional data)")
        self._wb.append([self.title])
        self._wb.append(self.header)
        self._rows = 0

    def write(self, values: list[Any]) -> tuple[str, int]:
        """Append one record; return (file name, its worksheet row)."""
        if self._wb is None or self._rows >= self.max_rows:
            self._save()
            self._open()
        _check_cells(values, self.name)
        row = self._wb.append(values)
        self._rows += 1
        return self.paths[-1].name, row

    def _save(self) -> None:
        if self._wb is not None:
            self._wb.close()
            self._wb = None

    def close(self) -> None:
        if self._wb is None and not self.paths:
            self._open()  # an empty source still gets its file (title and header only)
        self._save()


def iso(day: date) -> str:
    """A date as YYYY-MM-DD."""
    return day.isoformat()
