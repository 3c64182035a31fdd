"""Helpers for the generator tests: read truth.csv and the generated files independently of the generator."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

from openpyxl import load_workbook

PERSONS = 300
SEED = 20260
def truth_rows(folder: Path) -> list[tuple[str, int, str]]:
    """truth.csv as (file, row, person)."""
    with (folder / "truth.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        assert next(reader) == ["file", "row", "person"]
        return [(file, int(row), person) for file, row, person in reader]


def record_rows(path: Path) -> Iterator[tuple[int, list]]:
    """(locator row, cells) of every record in a generated table file, read independently of the generator."""
    if path.suffix == ".xlsx":
        ws = load_workbook(path, read_only=True).worksheets[0]
        for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
            if number > 2:
                yield number, list(row)
    elif path.suffix == ".json":
        yield from enumerate(json.loads(path.read_text(encoding="utf-8")), start=1)
    else:
        encoding = "gbk" if "gbk" in path.name else "utf-8"
        with path.open(encoding=encoding, newline="") as f:
            for number, row in enumerate(csv.reader(f), start=1):
                if number > 2:
                    yield number, row
