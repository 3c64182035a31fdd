"""What kind of table a file holds, from its first bytes (never from its name alone)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from rollcall.errors import InputError
from rollcall.records.readers.encoding import bom_encoding

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NOT_TABLES = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"{\\rtf", "an RTF document"),
)
_JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")


def file_name(path: Path, display_name: str | None) -> str:
    """The name to show the user for a file."""
    return display_name or path.name


def read_head(path: Path, name: str, size: int = 8192) -> bytes:
    """The first bytes of a file, or an error naming it when it is missing, unreadable or empty."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(size)
    except FileNotFoundError:
        raise InputError("no such file", file=name) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", file=name) from None
    except OSError as err:
        raise InputError(f"cannot read the file: {err.strerror or err}", file=name) from None
    if not head:
        raise InputError("the file is empty", file=name)
    return head


def _zip_kind(path: Path, name: str) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            bad = archive.testzip() if len(names) < 200 else None
    except (zipfile.BadZipFile, OSError, EOFError) as err:
        raise InputError(f"damaged or truncated XLSX/ZIP file ({err}); nothing was read", file=name) from None
    if bad:
        raise InputError(f"damaged XLSX/ZIP file: member {bad} fails its checksum", file=name)
    if "xl/workbook.xml" in names:
        return "xlsx"
    kind = "a Word document" if "word/document.xml" in names else \
        "an OpenDocument file (save it as XLSX or CSV)" if "content.xml" in names else "a ZIP archive"
    raise InputError(f"{kind}, not a table", file=name)


def _looks_like_json(head: bytes, suffix: str) -> bool:
    found = bom_encoding(head)
    if found and found[1] and not found[0].startswith("utf-8"):
        try:
            text = head[found[1]:].decode(found[0].replace("-sig", ""), errors="ignore")
        except LookupError:
            return False
    else:
        text = head.decode("utf-8", errors="ignore").lstrip("\ufeff")
    text = text.lstrip()
    if suffix in _JSON_SUFFIXES:
        return text[:1] in ("[", "{")
    return text[:1] == "{" and text[1:].lstrip()[:1] in ('"', "}") or \
        text[:1] == "[" and text[1:].lstrip()[:1] in ("{", "]")


def _binary_reason(head: bytes) -> str | None:
    if bom_encoding(head):
        return None
    if b"\x00" in head:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if max(even, odd) > 0.2 * (len(head) / 2) and min(even, odd) < 0.02 * (len(head) / 2):
            return None  # the NUL pattern of UTF-16 text without a BOM
        return "it contains NUL bytes"
    controls = sum(1 for b in head if b < 0x20 and b not in (0x09, 0x0A, 0x0D, 0x0C, 0x1A))
    if controls > max(2, len(head) // 100):
        return f"{controls} control bytes in its first {len(head)} bytes"
    return None


def sniff_format(path: str | Path, *, display_name: str | None = None) -> str:
    """"csv", "xlsx", "xls" or "json" for a table file; an error for empty, unreadable or non-table files."""
    path = Path(path)
    name = file_name(path, display_name)
    head = read_head(path, name)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path, name)
    if head.startswith(_OLE2):
        return "xls"
    for magic, kind in _NOT_TABLES:
        if head.startswith(magic):
            raise InputError(f"{kind}, not a table (CSV, TSV, XLSX, XLS or JSON)", file=name)
    if head.lstrip()[:1] == b"<" and any(tag in head[:2048].lower() for tag in (b"<html", b"<!doctype", b"<table")):
        raise InputError("an HTML page, not a table; save it as CSV or XLSX", file=name)
    reason = _binary_reason(head)
    if reason:
        raise InputError(f"binary data, not a text table ({reason})", file=name)
    if _looks_like_json(head, path.suffix.lower()):
        return "json"
    return "csv"
