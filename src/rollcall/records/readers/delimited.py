"""CSV and TSV: decoded with the chosen encoding, delimiter sniffed, streamed row by row."""

from __future__ import annotations

import codecs
import csv
import io
import re
import sys
from collections import Counter
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from rollcall.errors import InputError
from rollcall.records.readers.encoding import (
    bom_encoding,
    check_codec,
    detect,
    endian_codec,
    first_decode_error,
    first_non_ascii_word,
    plausibility,
)
from rollcall.records.readers.layout import SCAN_ROWS, build_columns, find_layout
from rollcall.records.readers.ragged import fit_row
from rollcall.records.readers.table import Row, Table

DELIMITERS = (",", "\t", ";", "|")
SNIFF_LINES = 50
MAX_SCAN_LINES = 2000   # physical rows read at most while looking for the header
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # a long testimony in one cell is still one cell


def choose_encoding(path: Path, name: str, encoding: str | None, mapping: dict | None) -> tuple[str, str, int]:
    """(codec, reason, bytes to skip) from --encoding, the mapping file, or detection."""
    given, why = encoding, "--encoding given"
    if given is None and mapping and mapping.get("encoding"):
        given, why = mapping["encoding"], "the mapping file gives it"
    if given is None:
        return detect(path, file=name)
    codec = check_codec(given, file=name)
    with open(path, "rb") as fh:
        found = bom_encoding(fh.read(4))
    if found:
        bom_codec, length, _ = found
        if codec == "utf-8" and bom_codec == "utf-8-sig":
            return "utf-8-sig", f"{why} ({given}; its BOM skipped)", 0
        if codec == bom_codec:  # utf-16-le given for a file with a UTF-16 LE BOM: the BOM is not text
            return codec, f"{why} ({given}; its BOM skipped)", length
        return codec, why, 0
    with open(path, "rb") as fh:
        head = fh.read(4096)
    ordered = endian_codec(codec, head)
    if ordered != codec:
        if b"\x00" not in head:
            raise InputError(f"--encoding {given} given, but the file has no byte-order mark and no NUL bytes: "
                             "it is not UTF-16 or UTF-32 text; try gb18030, utf-8, cp1252 or leave --encoding out",
                             file=name)
        return ordered, f"{why} ({given}; no BOM, byte order from the text)", 0
    return codec, why, 0


_EXCEL_SEP = re.compile(r"^sep=(.)\r?\n")


def sniff_delimiter(text: str, suffix: str) -> str:
    """The delimiter whose rows have the most consistent width over the first rows; "," for one column.

    An Excel `sep=;` first line names it outright (that line is then read as a title row).
    """
    hint = _EXCEL_SEP.match(text)
    if hint:
        return hint.group(1)
    best, best_score = ",", (0, 0, 0)
    for delimiter in DELIMITERS:
        # Parsed as CSV, not split into lines: a quoted cell may hold line breaks and other delimiters.
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            widths = [len(r) for r in islice((r for r in rows if any(c.strip() for c in r)), SNIFF_LINES)]
        except csv.Error:
            continue
        counts = Counter(w for w in widths if w > 1)
        if not counts:
            continue
        width, agree = counts.most_common(1)[0]
        preferred = 1 if (delimiter == "\t") == (suffix == ".tsv") else 0
        # The share of rows at the commonest width, not their number: a wrong delimiter breaks quoted
        # cells that hold line breaks into extra rows of a consistent-looking width.
        score = (agree / len(widths), preferred, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _text_head(path: Path, codec: str, skip: int, size: int = 256 * 1024) -> str:
    with open(path, "rb") as fh:
        fh.seek(skip)
        data = fh.read(size)
    try:
        return codecs.getincrementaldecoder(codec)("strict").decode(data, False)
    except UnicodeDecodeError:
        return codecs.getincrementaldecoder(codec)("replace").decode(data, False)


def decode_failure(path: Path, name: str, codec: str, skip: int, why: str) -> InputError:
    found = first_decode_error(path, codec, skip=skip)
    if found is None:  # pragma: no cover - the stream failed, so a byte does fail
        return InputError(f"the file is not text in {codec}", file=name)
    offset, line, bad = found
    hint = ("give --encoding" if detected_reason(why)
            else "try --encoding with the file's real encoding (e.g. gb18030, utf-16, cp1252, mac_roman)")
    return InputError(f"not text in {codec} ({why}): byte 0x{bad[:1].hex()} at byte offset {offset} "
                      f"(bytes {bad.hex(' ')}) cannot be decoded; {hint}", file=name, row=line)


def _given_encoding_doubts(head: str, codec: str, why: str) -> list[str]:
    """A warning when text decoded with an encoding the user chose reads like a wrong code page.

    The user's choice stands (detection can be wrong too); the warning shows what it made of the text.
    """
    if detected_reason(why):
        return []
    score = plausibility(head)
    if score >= 0:
        return []
    word = first_non_ascii_word(head) or ""
    return [f"decoded with {codec} as given, the text reads like a wrong code page (plausibility {score:.2f}, "
            f"e.g. {word!r}); check --encoding, or leave it out to let Rollcall detect it"]


def detected_reason(why: str) -> bool:
    """Whether an encoding reason says detection chose it (not --encoding or a mapping file)."""
    return not (why.startswith("--encoding") or "mapping" in why)


def open_delimited(path: Path, name: str, *, encoding: str | None, mapping: dict | None,
                   keep_ragged: bool) -> Table:
    """Open a CSV/TSV file: decide its encoding and delimiter, find its header, and stream its rows."""
    codec, why, skip = choose_encoding(path, name, encoding, mapping)
    head = _text_head(path, codec, skip)
    delimiter = sniff_delimiter(head, path.suffix.lower())
    fh = open(path, "rb")  # noqa: SIM115 - closed by the row generator
    try:
        fh.seek(skip)
        text = io.TextIOWrapper(fh, encoding=codec, errors="strict", newline="")
        reader = csv.reader(text, delimiter=delimiter, strict=True)
        scanned: list[tuple[int, list[str]]] = []
        nonblank = 0
        prev = 0
        m = mapping or {}
        forced = _header_rows(m)
        need = max(forced) if forced else 0  # a mapping's header row is read however far down it is
        try:
            for cells in reader:
                scanned.append((prev + 1, cells))
                prev = reader.line_num
                if any(c.strip() for c in cells):
                    nonblank += 1
                if (nonblank >= SCAN_ROWS or len(scanned) >= MAX_SCAN_LINES) and prev >= need:
                    break
        except UnicodeDecodeError:
            raise decode_failure(path, name, codec, skip, why) from None
        except csv.Error as err:
            raise _csv_error(err, name, prev + 1) from None
        if any("\x00" in c for _, cells in scanned for c in cells):
            raise InputError(f"decoded with {codec} ({why}) the text holds NUL characters: the file is probably "
                             "UTF-16 or binary; try --encoding utf-16", file=name)
        layout = find_layout(scanned, file=name, header_rows=forced, title_count=int(m.get("title_rows") or 0))
        columns, warnings = build_columns(layout.names, mapping, file=name)
        warnings = layout.warnings + warnings + _given_encoding_doubts(head, codec, why)
    except BaseException:
        fh.close()
        raise
    table = Table(file_name=name, reader="csv", sheet=None, encoding=codec, encoding_reason=why,
                  delimiter=delimiter, header_rows=layout.header_rows, title_rows=layout.title_rows,
                  columns=columns, rows=iter(()), warnings=warnings, title_text=layout.title_text)
    table.rows = _stream(table, fh, reader, scanned[layout.data_from:], prev, keep_ragged,
                         lambda: decode_failure(path, name, codec, skip, why))
    return table


def _csv_error(err: csv.Error, name: str, row: int) -> InputError:
    text = str(err)
    if "unexpected end of data" in text:
        text = "a quoted value opened on this row is never closed (the file ends inside the quotes)"
    elif "expected after" in text:
        text = f"a closing quote is followed by more text in the same cell ({text})"
    return InputError(f"malformed CSV: {text}", file=name, row=row)


def _header_rows(mapping: dict) -> list[int] | None:
    if mapping.get("header_rows"):
        return list(mapping["header_rows"])
    if mapping.get("header_row"):
        return [int(mapping["header_row"])]
    return None


def _stream(table: Table, fh, reader, pending: list[tuple[int, list[str]]], prev: int, keep_ragged: bool,
            decode_error) -> Iterator[Row]:
    ncols = len(table.columns)
    try:
        for number, cells in pending:
            if not any(c.strip() for c in cells):
                table.skipped_blank += 1
                continue
            if len(cells) > ncols:
                cells = fit_row(table, number, cells, keep_ragged)
                ncols = len(table.columns)
            yield Row(number, cells)
        try:
            for cells in reader:
                number = prev + 1
                prev = reader.line_num
                if len(cells) > ncols:
                    cells = fit_row(table, number, cells, keep_ragged)
                    ncols = len(table.columns)
                for c in cells:
                    if c and not c.isspace():
                        yield Row(number, cells)
                        break
                else:
                    table.skipped_blank += 1
        except UnicodeDecodeError:
            raise decode_error() from None
        except csv.Error as err:
            raise _csv_error(err, table.file_name, prev + 1) from None
    finally:
        fh.close()
