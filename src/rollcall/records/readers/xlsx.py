"""A streaming XLSX reader: worksheet rows as cell text, parsed with expat straight from the ZIP.

Why not openpyxl's read-only mode: it parses every cell through generic descriptor objects (about
1-2k rows/s on these machines), and for a sheet without a `<dimension>` element (openpyxl's own
write-only output, many generators) it parses the whole sheet once just to open the workbook. This reader
keeps openpyxl's rules for what a value means (its date-format test and Excel-epoch conversion) and only
does the parsing itself: shared strings, inline strings, numbers, booleans, errors, dates.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from rollcall.errors import InputError

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_STRICT = "{http://purl.oclc.org/ooxml/spreadsheetml/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CHUNK = 64 * 1024
DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, ET.ParseError, expat.ExpatError)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2].rpartition(":")[2]


def _children(elem: ET.Element, name: str) -> Iterator[ET.Element]:
    return (child for child in elem.iter() if _local(child.tag) == name)


_COLUMNS: dict[str, int] = {}


def column_index(ref: str) -> int:
    """0-based column of a cell reference like "AB12"."""
    letters = ref.rstrip("0123456789$")
    found = _COLUMNS.get(letters)
    if found is None:
        found = _COLUMNS[letters] = _letters_index(letters)
    return found


def _letters_index(ref: str) -> int:
    n = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            n = n * 26 + ord(ch) - 64
        elif "a" <= ch <= "z":
            n = n * 26 + ord(ch) - 96
        else:
            break
    return n - 1


class XlsxBook:
    """An XLSX workbook opened for streaming its worksheets' rows."""

    def __init__(self, path: Path, name: str) -> None:
        self.name = name
        self.uncached: list[tuple[int, int]] = []  # (row, 0-based column) of formulas with no stored result
        try:
            self.zip = zipfile.ZipFile(path)
            self._parts = set(self.zip.namelist())
            self._read_workbook()
            self.shared = self._read_shared_strings()
            self.date_styles = self._read_styles()
        except DAMAGED as err:
            self.close()
            raise InputError(f"cannot read this XLSX workbook (damaged or truncated?): {err}", file=name) from None

    def close(self) -> None:
        """Release the file."""
        if getattr(self, "zip", None) is not None:
            self.zip.close()

    def _xml(self, part: str) -> ET.Element:
        with self.zip.open(part) as fh:
            return ET.parse(fh).getroot()

    def _read_workbook(self) -> None:
        book = self._xml("xl/workbook.xml")
        self.date1904 = any(p.get("date1904", "").lower() in ("1", "true") for p in _children(book, "workbookPr"))
        rels = {}
        if "xl/_rels/workbook.xml.rels" in self._parts:
            for rel in _children(self._xml("xl/_rels/workbook.xml.rels"), "Relationship"):
                target = rel.get("Target", "")
                part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
                rels[rel.get("Id")] = part
        self.sheets: list[tuple[str, str]] = []   # (name, part) of worksheets, in workbook order
        for sheet in _children(book, "sheet"):
            rid = sheet.get(f"{_REL}id") or next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
            part = rels.get(rid)
            if part and part in self._parts and "/worksheets/" in f"/{part}":
                self.sheets.append((sheet.get("name", ""), part))

    def _read_shared_strings(self) -> list[str]:
        part = "xl/sharedStrings.xml"
        if part not in self._parts:
            return []
        strings = []
        with self.zip.open(part) as fh:
            for _, elem in ET.iterparse(fh, events=("end",)):
                if _local(elem.tag) != "si":
                    continue
                text = []
                for child in elem:
                    kind = _local(child.tag)
                    if kind == "t":
                        text.append(child.text or "")
                    elif kind == "r":  # a rich-text run; phonetic runs (rPh) are readings, not the text
                        text.extend(t.text or "" for t in child if _local(t.tag) == "t")
                strings.append("".join(text))
                elem.clear()
        return strings

    def _read_styles(self) -> dict[int, str]:
        """Cell-style index -> "date" or "timedelta", for styles whose number format shows a date or time."""
        if "xl/styles.xml" not in self._parts:
            return {}
        styles = self._xml("xl/styles.xml")
        formats = dict(BUILTIN_FORMATS)
        for fmt in _children(styles, "numFmt"):
            if fmt.get("numFmtId", "").isdigit():
                formats[int(fmt.get("numFmtId"))] = fmt.get("formatCode", "")
        out = {}
        xfs = next(_children(styles, "cellXfs"), None)
        for index, xf in enumerate(xf for xf in (xfs if xfs is not None else []) if _local(xf.tag) == "xf"):
            code = formats.get(int(xf.get("numFmtId", "0") or 0), "")
            if code and is_timedelta_format(code):
                out[index] = "timedelta"
            elif code and is_date_format(code):
                out[index] = "date"
        return out

    def part(self, sheet: str) -> str:
        """The ZIP part holding a worksheet."""
        return next(part for name, part in self.sheets if name == sheet)

    def rows(self, sheet: str) -> Iterator[tuple[int, list[str]]]:
        """(row number, cell texts) of every row up to the last one stored, in order, streamed."""
        reader = _SheetParser(self)
        failure = None
        try:
            with self.zip.open(self.part(sheet)) as fh:
                while chunk := fh.read(CHUNK):
                    reader.parser.Parse(chunk, False)
                    if reader.out:
                        yield from reader.out
                        reader.out.clear()
                reader.parser.Parse(b"", True)
        except DAMAGED as err:
            failure = err
        yield from reader.out  # the rows read whole before the damage
        if failure is not None:
            raise InputError(f"sheet {sheet!r} cannot be read from this row on (damaged or truncated?): {failure}",
                             file=self.name, row=reader.last_row + 1)


class _SheetParser:
    """expat callbacks collecting the rows of one worksheet."""

    def __init__(self, book: XlsxBook) -> None:
        self.book = book
        self.epoch = CALENDAR_MAC_1904 if book.date1904 else CALENDAR_WINDOWS_1900
        self.out: list[tuple[int, list[str]]] = []
        self.row = 0
        self.last_row = 0
        self.cells: dict[int, str] = {}
        self.next_col = 0
        self.kind = "n"
        self.style = 0
        self.ref = None
        self.text: list[str] = []
        self.collect = False
        self.in_is = False
        self.in_rph = False
        self.formula = False
        p = expat.ParserCreate()
        p.buffer_text = True
        p.StartElementHandler = self.start
        p.EndElementHandler = self.end
        p.CharacterDataHandler = self.chars
        self.parser = p

    def start(self, name: str, attrs: dict) -> None:
        local = name if ":" not in name else name.rpartition(":")[2]
        if local == "c":
            self.ref = attrs.get("r")
            self.kind = attrs.get("t", "n")
            self.style = int(attrs.get("s", 0) or 0)
            self.text = []
            self.formula = False
        elif local == "f":
            self.formula = True
        elif local == "v":
            self.collect = True
        elif local == "t":
            self.collect = self.in_is and not self.in_rph
        elif local == "is":
            self.in_is = True
        elif local == "rPh":
            self.in_rph = True
        elif local == "row":
            r = attrs.get("r")
            self.row = int(r) if r else self.row + 1
            self.cells = {}
            self.next_col = 0

    def chars(self, data: str) -> None:
        if self.collect:
            self.text.append(data)

    def end(self, name: str) -> None:
        local = name if ":" not in name else name.rpartition(":")[2]
        if local == "v" or local == "t":
            self.collect = False
        elif local == "c":
            col = column_index(self.ref) if self.ref else self.next_col
            self.next_col = col + 1
            value = self.value("".join(self.text))
            if value:
                self.cells[col] = value
            elif self.formula:
                self.book.uncached.append((self.row, col))
        elif local == "row":
            for missing in range(self.last_row + 1, self.row):  # rows with no cells are not in the XML
                self.out.append((missing, []))
            self.last_row = self.row
            cells = self.cells
            if cells:
                width = max(cells) + 1
                self.out.append((self.row, [cells.get(i, "") for i in range(width)]))
            else:
                self.out.append((self.row, []))
        elif local == "is":
            self.in_is = False
        elif local == "rPh":
            self.in_rph = False

    def value(self, text: str) -> str:
        kind = self.kind
        if kind == "s":
            return self.book.shared[int(text)] if text else ""
        if kind in ("inlineStr", "str", "e"):
            return text
        if kind == "b":
            return "" if not text else ("TRUE" if text.strip() in ("1", "true") else "FALSE")
        if not text:
            return ""
        if kind == "d":
            try:
                return _date_text(datetime.fromisoformat(text))
            except ValueError:
                return text
        special = self.book.date_styles.get(self.style)
        if special:
            try:
                moment = from_excel(float(text), self.epoch, timedelta=special == "timedelta")
            except (ValueError, OverflowError, TypeError):
                moment = None
            if moment is not None:
                return str(moment) if special == "timedelta" else _date_text(moment)
        return number_text(text)


def number_text(text: str) -> str:
    """A stored number as text: whole numbers as integers, others in Python's shortest round-trip form."""
    stripped = text.strip()
    if stripped.lstrip("-+").isdigit():
        return str(int(stripped))
    try:
        value = float(stripped)
    except ValueError:
        return text
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _date_text(moment) -> str:
    if isinstance(moment, datetime):
        if (moment.hour, moment.minute, moment.second, moment.microsecond) == (0, 0, 0, 0):
            return moment.date().isoformat()
        return moment.isoformat(sep=" ")
    return moment.isoformat()
