"""Mapping files: a YAML file that says which canonical field each column is, overriding recognition.

    columns:            # header text (or column key) -> canonical field, or null to keep the column raw
      序号: null
      户籍地址: household_address
    header_row: 3       # optional: the (single) header row, numbered as in the file
    header_rows: [2, 3] # optional: two header rows instead
    title_rows: 1       # optional: the first N non-blank rows are titles, the header comes after
    encoding: gb18030   # optional: used when --encoding is not given
"""

from __future__ import annotations

from pathlib import Path

import yaml

from rollcall.errors import InputError
from rollcall.records.readers.encoding import check_codec
from rollcall.records.readers.fields import CANONICAL_FIELDS

_KEYS = ("columns", "header_row", "header_rows", "title_rows", "encoding")


def _positive(value: object, what: str, file: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(f"{what} must be a positive whole number, not {value!r}", file=file)
    return value


def validate_mapping(data: object, *, file: str) -> dict:
    """A checked mapping from parsed YAML; an error naming the first bad entry."""
    if data is None:
        raise InputError("the mapping file is empty; it needs a 'columns:' section", file=file)
    if not isinstance(data, dict):
        raise InputError(f"a mapping file is a YAML mapping with a 'columns:' section, not a {type(data).__name__}",
                         file=file)
    unknown = [k for k in data if k not in _KEYS]
    if unknown:
        raise InputError(f"unknown entry {unknown[0]!r}; a mapping file may have: {', '.join(_KEYS)}", file=file)
    columns = data.get("columns") or {}
    if not isinstance(columns, dict):
        raise InputError("'columns' must map header names to fields", file=file)
    out: dict = {"columns": {}}
    for header, field in columns.items():
        if field is not None and (not isinstance(field, str) or field not in CANONICAL_FIELDS):
            raise InputError(f"column {str(header)!r} maps to unknown field {field!r}; known fields: "
                             f"{', '.join(CANONICAL_FIELDS)} (or null to keep the column raw)", file=file)
        out["columns"][str(header)] = field
    if data.get("header_row") is not None:
        out["header_row"] = _positive(data["header_row"], "header_row", file)
    if data.get("header_rows") is not None:
        rows = data["header_rows"]
        if not isinstance(rows, list) or not 1 <= len(rows) <= 2:
            raise InputError("header_rows must be a list of one or two row numbers", file=file)
        out["header_rows"] = [_positive(r, "each of header_rows", file) for r in rows]
        if len(rows) == 2 and rows[1] != rows[0] + 1:
            raise InputError("the two header_rows must be consecutive rows", file=file)
    if data.get("title_rows") is not None:
        out["title_rows"] = _positive(data["title_rows"], "title_rows", file)
    if data.get("encoding") is not None:
        out["encoding"] = check_codec(str(data["encoding"]), file=file)
    return out


def load_mapping(path: str | Path) -> dict:
    """Read and check a YAML mapping file (see the module docstring for its shape)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("no such mapping file", file=str(path)) from None
    except UnicodeDecodeError as err:
        raise InputError(f"a mapping file must be UTF-8 (byte offset {err.start} is not)", file=str(path)) from None
    except OSError as err:
        raise InputError(f"cannot read the mapping file: {err.strerror or err}", file=str(path)) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err)
        raise InputError(f"not valid YAML: {problem}", file=str(path),
                         row=mark.line + 1 if mark is not None else None) from None
    return validate_mapping(data, file=str(path))
