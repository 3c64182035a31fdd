"""JSON as a table: an array of objects, one object per line (JSONL), or one object (a single row).

Nested objects are flattened with dotted keys ("person.name"), arrays by position ("phones.0"). Numbers
keep their text exactly as written ("1985", "39.50"); true/false become "true"/"false"; null is empty.
Columns are every key in order of first appearance: a top-level array and JSONL are read twice to find
them, one object at a time, so memory stays bounded; only the wrapped and single-object forms are parsed
whole.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

from rollcall.errors import InputError
from rollcall.records.readers.delimited import choose_encoding, decode_failure
from rollcall.records.readers.layout import build_columns
from rollcall.records.readers.table import Row, Table


def _pairs(pairs: list[tuple[str, object]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        name, n = key, 1
        while name in out:  # a repeated key is kept, not overwritten
            n += 1
            name = f"{key} ({n})"
        out[name] = value
    return out


def _loads(text: str):
    return json.loads(text, parse_float=str, parse_int=str, parse_constant=str, object_pairs_hook=_pairs)


def flatten(value: object, prefix: str = "") -> dict[str, str]:
    """Scalar text of every leaf of a JSON value, keyed by its dotted path."""
    if isinstance(value, dict):
        out: dict[str, str] = {}
        for key, inner in value.items():
            out.update(flatten(inner, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(value, list):
        if not value:
            return {prefix or "value": ""}
        out = {}
        for i, inner in enumerate(value):
            out.update(flatten(inner, f"{prefix}.{i}" if prefix else str(i)))
        return out
    if value is None:
        text = ""
    elif value is True:
        text = "true"
    elif value is False:
        text = "false"
    else:
        text = str(value)
    return {prefix or "value": text}


def _text(path: Path, codec: str, skip: int):
    fh = open(path, "rb")  # noqa: SIM115 - the caller closes it
    fh.seek(skip)
    return io.TextIOWrapper(fh, encoding=codec, errors="strict")


def _is_jsonl(path: Path, codec: str, skip: int) -> bool:
    """True when the first non-blank line is a whole JSON object and another non-blank line follows."""
    first = None
    with _text(path, codec, skip) as fh:
        for line in fh:
            if not line.strip():
                continue
            if first is not None:
                return True
            if not line.lstrip().startswith("{"):
                return False
            try:
                first = _loads(line)
            except json.JSONDecodeError:
                return False
            if not isinstance(first, dict):
                return False
    return False


def _jsonl_objects(path: Path, name: str, codec: str, skip: int) -> Iterator[tuple[int, dict | None]]:
    with _text(path, codec, skip) as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                yield number, None
                continue
            try:
                obj = _loads(line)
            except json.JSONDecodeError as err:
                raise InputError(f"invalid JSON ({err.msg} at character {err.colno})", file=name, row=number) from None
            if not isinstance(obj, dict):
                raise InputError(f"expected a JSON object on this line, found {type(obj).__name__}",
                                 file=name, row=number)
            yield number, obj


def open_json(path: Path, name: str, *, encoding: str | None, mapping: dict | None, keep_ragged: bool) -> Table:
    """Open a JSON or JSONL file as a table of flattened objects."""
    codec, why, skip = choose_encoding(path, name, encoding, mapping)
    warnings: list[str] = []
    try:
        if _is_jsonl(path, codec, skip):
            keys: dict[str, None] = {}
            for _, obj in _jsonl_objects(path, name, codec, skip):
                if obj is not None:
                    keys.update(dict.fromkeys(flatten(obj)))
            objects: Iterator[tuple[int, dict | None]] = _jsonl_objects(path, name, codec, skip)
        elif _first_char(path, codec, skip) == "[":
            keys = {}
            for _, obj in _array_objects(path, name, codec, skip):
                keys.update(dict.fromkeys(flatten(obj)))
            objects = _array_objects(path, name, codec, skip)
        else:
            with _text(path, codec, skip) as fh:
                try:
                    document = _loads(fh.read())
                except json.JSONDecodeError as err:
                    raise InputError(f"invalid JSON ({err.msg} at line {err.lineno}, character {err.colno})",
                                     file=name, row=err.lineno) from None
            items, note = _items(document, name)
            if note:
                warnings.append(note)
            keys = {}
            for item in items:
                keys.update(dict.fromkeys(flatten(item)))
            objects = iter(list(enumerate(items, start=1)))
    except UnicodeDecodeError:
        raise decode_failure(path, name, codec, skip, why) from None
    if not keys:
        raise InputError("no header found: the JSON holds no objects with keys", file=name)
    columns, mapping_warnings = build_columns(list(keys), mapping, file=name)
    table = Table(file_name=name, reader="json", sheet=None, encoding=codec, encoding_reason=why, delimiter=None,
                  header_rows=[], title_rows=[], columns=columns, rows=iter(()),
                  warnings=warnings + mapping_warnings)
    table.rows = _stream(table, list(keys), objects, lambda: decode_failure(path, name, codec, skip, why))
    return table


_DECODER = json.JSONDecoder(parse_float=str, parse_int=str, parse_constant=str, object_pairs_hook=_pairs)
ARRAY_CHUNK = 1 << 20
MAX_OBJECT_CHARS = 64 << 20  # one array item larger than this is reported as invalid rather than buffered


def _first_char(path: Path, codec: str, skip: int) -> str:
    with _text(path, codec, skip) as fh:
        while chunk := fh.read(4096):
            stripped = chunk.lstrip()
            if stripped:
                return stripped[0]
    return ""


def _array_objects(path: Path, name: str, codec: str, skip: int) -> Iterator[tuple[int, dict]]:
    """The objects of a top-level JSON array, one at a time, with their 1-based positions (bounded memory)."""
    with _text(path, codec, skip) as fh:
        buf, pos, lines_before, eof = "", 0, 0, False

        def more() -> bool:
            nonlocal buf, pos, lines_before, eof
            if eof:
                return False
            chunk = fh.read(ARRAY_CHUNK)
            if not chunk:
                eof = True
                return False
            if pos > ARRAY_CHUNK:  # drop what has been read, counting its lines for error messages
                lines_before += buf.count("\n", 0, pos)
                buf, pos = buf[pos:], 0
            buf += chunk
            return True

        def skip_space() -> str:
            nonlocal pos
            while True:
                while pos < len(buf) and buf[pos] in " \t\r\n":
                    pos += 1
                if pos < len(buf) or not more():
                    return buf[pos] if pos < len(buf) else ""

        def fail(message: str, at: int) -> InputError:
            line = lines_before + buf.count("\n", 0, at) + 1
            return InputError(f"invalid JSON ({message} at line {line})", file=name, row=line)

        skip_space()
        pos += 1  # the "[" seen by _first_char
        position = 0
        while True:
            c = skip_space()
            if not c:
                raise fail("the array is never closed", pos)
            if c == "]":
                pos += 1
                if skip_space():
                    raise fail("extra data after the array", pos)
                return
            if position:
                if c != ",":
                    raise fail("expected ',' or ']'", pos)
                pos += 1
                skip_space()
            while True:
                try:
                    obj, end = _DECODER.raw_decode(buf, pos)
                    break
                except json.JSONDecodeError as err:
                    if len(buf) - pos < MAX_OBJECT_CHARS and more():
                        continue  # the value may run past what has been read
                    if not buf[pos:].strip():
                        raise fail("the array is never closed", pos) from None
                    raise fail(err.msg, err.pos) from None
            position += 1
            if not isinstance(obj, dict):
                raise InputError(f"expected an array of objects; item {position} is {type(obj).__name__}",
                                 file=name, row=position)
            pos = end
            yield position, obj


def _items(document: object, name: str) -> tuple[list[dict], str | None]:
    if isinstance(document, list):
        for position, item in enumerate(document, start=1):
            if not isinstance(item, dict):
                raise InputError(f"expected an array of objects; item {position} is {type(item).__name__}",
                                 file=name, row=position)
        return document, None
    if isinstance(document, dict):
        lists = [k for k, v in document.items() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
        if len(lists) == 1 and len(document) == 1:
            return document[lists[0]], f"rows are the objects under the key {lists[0]!r}"
        return [document], "one JSON object: read as a single row"
    raise InputError(f"expected JSON objects, found a {type(document).__name__}", file=name)


def _stream(table: Table, keys: list[str], objects: Iterator[tuple[int, dict | None]],
            decode_error) -> Iterator[Row]:
    index = {key: position for position, key in enumerate(keys)}
    width = len(table.columns)
    try:
        for number, obj in objects:
            if obj is None:
                table.skipped_blank += 1
                continue
            cells = [""] * width
            for key, text in flatten(obj).items():
                cells[index[key]] = text
            if not any(c.strip() for c in cells):
                table.skipped_blank += 1
                continue
            yield Row(number, cells)
    except UnicodeDecodeError:
        raise decode_error() from None
