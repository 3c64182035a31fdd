"""Facility datasets: read the ASPI and BuzzFeed News files row by row, keep every cell as written, and
derive normalised values (name, coordinates, type, tier, security level, county code, cross-references)
each carrying its provenance (file SHA-256, row, column).

Pure library: no Django. Merging rows into facilities is `facilities_merge`; resolving a facility name
as registers write it is `facilities_match` (`match_facility` is re-exported here).

Types, from the datasets' own descriptions: ASPI tiers 1-2 are re-education camps, 3 detention centres,
4 prisons; BuzzFeed types are camp, detention center, prison - medium security, prison - high security,
or blank (unknown; no type is guessed).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache

from rollcall.errors import InputError

FORMATS = ("aspi", "buzzfeed")
SOURCE_NAMES = {"aspi": "ASPI Xinjiang Data Project, facilities", "buzzfeed": "BuzzFeed News, Xinjiang locations"}

# The BuzzFeed file is described as Mac Roman, but its only non-ASCII word, bytes 9a 72 81 6d 71 69,
# is "Ürümqi" in DOS code page 437 (Excel's "MS-DOS CSV" export, which also explains the CRLF line ends)
# and "örÅmqi" in Mac Roman. So cp437 is the default; --encoding overrides it.
DEFAULT_ENCODING = {"aspi": "utf-8-sig", "buzzfeed": "cp437"}
DELIMITER = {"aspi": ",", "buzzfeed": "\t"}

RE_EDUCATION = "re-education camp"
DETENTION = "detention centre"
PRISON = "prison"
TYPES = (RE_EDUCATION, DETENTION, PRISON)

ASPI_MISSING = {"", "#N/A", "N/A", "n/a", "NA"}
ASPI_TIER_TYPE = {1: RE_EDUCATION, 2: RE_EDUCATION, 3: DETENTION, 4: PRISON}
BUZZFEED_TYPE = {
    "camp": (RE_EDUCATION, None),
    "detention center": (DETENTION, None),
    "prison - medium security": (PRISON, "medium"),
    "prison - high security": (PRISON, "high"),
}
MIN_CONFIDENCE = 0.8  # below this a gazetteer match is a guess, not a resolution
REQUIRED = {
    "aspi": ("Number", "Name_Code", "Lat", "Long", "Prefecture", "County", "# Shawn", "# ETNAM", "Tier"),
    "buzzfeed": ("id", "Name", "id_sub", "Town", "Prefecture", "lat", "long", "facility type", "ETNAM",
                 "Shawn Zhang #", "ASPI 2020 #"),
}


@dataclass(frozen=True)
class Value:
    """One normalised value of a source row: `field` (name, lat, lon, type, tier, security, county,
    county_code, prefecture, prefecture_code, aspi_number, shawn_number, etnam, status, sub_compound),
    the value, and the column and original text it was read from."""

    field: str
    value: str | int | float
    column: str
    original: str


@dataclass
class SourceRow:
    """One row of a facility file: every cell as written, the values derived from it, and what could
    not be read (`problems`, each naming the column)."""

    source: str
    sha256: str
    row: int
    source_id: str
    cells: list[tuple[str, str]]
    values: list[Value] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """A stable key for the row: format, the dataset's own identifier, and which file."""
        return f"{self.source}:{self.source_id}@{self.sha256[:8]}"

    def get(self, name: str) -> list[str | int | float]:
        """All values of one field, in column order."""
        return [v.value for v in self.values if v.field == name]

    def first(self, name: str):
        """The first value of one field, or None."""
        found = self.get(name)
        return found[0] if found else None

    def coordinates(self) -> tuple[float, float] | None:
        """(lat, lon) when both were read."""
        lat, lon = self.first("lat"), self.first("lon")
        return (float(lat), float(lon)) if lat is not None and lon is not None else None


def decode(data: bytes, fmt: str, encoding: str | None = None, *, file: str = "") -> tuple[str, str]:
    """The file's text and the encoding used (the format's default unless one is named)."""
    enc = encoding or DEFAULT_ENCODING[fmt]
    try:
        return data.decode(enc), enc
    except LookupError:
        raise InputError(f"{enc!r} is not an encoding Python knows", file=file) from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"cannot be decoded as {enc} (byte {exc.start}); name the encoding with --encoding",
                         file=file, row=line) from None


def _rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """(line number where the row starts, cells) for every row, the header included."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out, line = [], 1
    for cells in reader:
        out.append((line, cells))
        line = reader.line_num + 1
    return out


def _split_refs(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;/]", text) if part.strip()]


def _float(row: SourceRow, name: str, column: str, text: str, low: float, high: float) -> None:
    t = text.strip()
    if t in ASPI_MISSING:
        row.problems.append(f"column {column!r}: no {name}")
        return
    try:
        value = float(t)
    except ValueError:
        row.problems.append(f"column {column!r}: {t!r} is not a number")
        return
    if not low <= value <= high:
        row.problems.append(f"column {column!r}: {value} is outside {low}..{high}")
        return
    row.values.append(Value(name, value, column, text))


@lru_cache(maxsize=1024)
def resolve_prefecture(text: str) -> str | None:
    """The code of the current prefecture a dataset's prefecture name means, if exactly one."""
    from rollcall import places

    found = [c for c in places.resolve(text, limit=20)
             if c.place.level == "prefecture" and c.place.current and c.confidence >= MIN_CONFIDENCE]
    if not found:
        return None
    best = max(c.confidence for c in found)
    top = {c.place.code for c in found if c.confidence == best}
    return top.pop() if len(top) == 1 else None


@lru_cache(maxsize=4096)
def resolve_county(text: str, prefecture_code: str | None) -> str | None:
    """The code of the current county-level unit a dataset's county or town name means (within its
    prefecture when known): the single best candidate, or None when two are equally good (Ghulja is
    both Yining city and Yining county) or none is good enough."""
    from rollcall import places

    def counties(within: str | None) -> list:
        return [c for c in places.resolve(text, limit=20, within=within)
                if c.place.level == "county" and c.place.current and c.confidence >= MIN_CONFIDENCE]

    found = counties(prefecture_code) if prefecture_code else []
    if not found:
        found = counties(None)
    if not found:
        return None
    best = max(c.confidence for c in found)
    top = {c.place.code for c in found if c.confidence == best}
    return top.pop() if len(top) == 1 else None


def _place_values(row: SourceRow, county_col: str, county: str, pref_col: str, pref: str) -> None:
    if pref.strip() and pref.strip() not in ASPI_MISSING:
        row.values.append(Value("prefecture", pref.strip(), pref_col, pref))
        if code := resolve_prefecture(pref.strip()):
            row.values.append(Value("prefecture_code", code, pref_col, pref))
    if county.strip() and county.strip() not in ASPI_MISSING:
        row.values.append(Value("county", county.strip(), county_col, county))
        code = resolve_county(county.strip(), row.first("prefecture_code"))
        if code:
            row.values.append(Value("county_code", code, county_col, county))
        else:
            row.problems.append(f"column {county_col!r}: {county.strip()!r} does not resolve to one county")


def _aspi_row(cells: dict[str, str], row: SourceRow) -> None:
    v = row.values
    v.append(Value("aspi_number", int(row.source_id), "Number", cells["Number"]))
    if cells["Name_Code"].strip():
        v.append(Value("name", cells["Name_Code"].strip(), "Name_Code", cells["Name_Code"]))
    _float(row, "lat", "Lat", cells["Lat"], -90, 90)
    _float(row, "lon", "Long", cells["Long"], -180, 180)
    _place_values(row, "County", cells["County"], "Prefecture", cells["Prefecture"])
    tier_text = cells["Tier"].strip()
    if tier_text.isdigit() and int(tier_text) in ASPI_TIER_TYPE:
        v.append(Value("tier", int(tier_text), "Tier", cells["Tier"]))
        v.append(Value("type", ASPI_TIER_TYPE[int(tier_text)], "Tier", cells["Tier"]))
    elif tier_text not in ASPI_MISSING:
        row.problems.append(f"column 'Tier': {tier_text!r} is not a tier 1-4")
    for ref in _split_refs(cells["# Shawn"]):
        if ref.isdigit():
            v.append(Value("shawn_number", int(ref), "# Shawn", cells["# Shawn"]))
    for ref in _split_refs(cells["# ETNAM"]):
        if ref not in ASPI_MISSING:
            v.append(Value("etnam", ref.upper(), "# ETNAM", cells["# ETNAM"]))


def _buzzfeed_row(cells: dict[str, str], row: SourceRow, columns: dict[str, str]) -> None:
    v = row.values
    if cells["Name"].strip():
        v.append(Value("name", cells["Name"].strip(), "Name", cells["Name"]))
    if cells["id_sub"].strip():
        v.append(Value("sub_compound", cells["id_sub"].strip(), "id_sub", cells["id_sub"]))
    _float(row, "lat", "lat", cells["lat"], -90, 90)
    _float(row, "lon", "long", cells["long"], -180, 180)
    _place_values(row, "Town", cells["Town"], "Prefecture", cells["Prefecture"])
    kind = cells["facility type"].strip()
    if kind:
        if kind.casefold() in BUZZFEED_TYPE:
            ftype, security = BUZZFEED_TYPE[kind.casefold()]
            v.append(Value("type", ftype, "facility type", cells["facility type"]))
            if security:
                v.append(Value("security", security, "facility type", cells["facility type"]))
        else:
            row.problems.append(f"column 'facility type': {kind!r} is not a known type")
    status = cells.get("corroboration level", "")
    if status.strip():
        v.append(Value("status", status.strip(), columns["corroboration level"], status))
    for ref in _split_refs(cells["ETNAM"]):
        v.append(Value("etnam", ref.upper(), columns["ETNAM"], cells["ETNAM"]))
    for ref in _split_refs(cells["Shawn Zhang #"]):
        if ref.isdigit():
            v.append(Value("shawn_number", int(ref), "Shawn Zhang #", cells["Shawn Zhang #"]))
        else:
            row.problems.append(f"column 'Shawn Zhang #': {ref!r} is not a number")
    for ref in _split_refs(cells["ASPI 2020 #"]):
        if ref.isdigit():
            v.append(Value("aspi_number", int(ref), "ASPI 2020 #", cells["ASPI 2020 #"]))
        else:
            row.problems.append(f"column 'ASPI 2020 #': {ref!r} is not a number")


def read_facilities(data: bytes, fmt: str, *, sha256: str, encoding: str | None = None,
                    file: str = "") -> tuple[list[SourceRow], str]:
    """Every non-blank row of an ASPI or BuzzFeed facility file, and the encoding it was read with.

    Rows keep all their cells (blank ones too) under the header's column names. A missing required
    column, a duplicate identifier or a row with more cells than the header stops with an error naming
    the file and row; a cell that cannot be read is kept and listed in the row's `problems`.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown facility format {fmt!r}; use one of {', '.join(FORMATS)}", file=file)
    text, used = decode(data, fmt, encoding, file=file)
    rows = _rows(text, DELIMITER[fmt])
    if not rows:
        raise InputError("is empty", file=file)
    header = [h.strip() for h in rows[0][1]]
    raw_header = rows[0][1]
    columns = {h: raw for h, raw in zip(header, raw_header, strict=True)}
    missing = [c for c in REQUIRED[fmt] if c not in columns]
    if missing:
        raise InputError(f"is not a {fmt} facility file: no column {', '.join(map(repr, missing))} "
                         f"(its header has {', '.join(map(repr, header[:8]))}...)", file=file, row=1)
    out: list[SourceRow] = []
    seen: dict[str, int] = {}
    for line, cells in rows[1:]:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            raise InputError(f"has {len(cells)} cells, the header {len(header)}", file=file, row=line)
        cells = cells + [""] * (len(header) - len(cells))
        by_name = {h: cells[i] for i, h in enumerate(header)}
        if fmt == "aspi":
            source_id = by_name["Number"].strip()
            if not source_id.isdigit():
                raise InputError(f"Number {source_id!r} is not a number", file=file, row=line, column="Number")
        else:
            source_id = by_name["id"].strip()
            if not source_id.isdigit():
                raise InputError(f"id {source_id!r} is not a number", file=file, row=line, column="id")
        if source_id in seen:
            raise InputError(f"identifier {source_id} repeats row {seen[source_id]}", file=file, row=line)
        seen[source_id] = line
        row = SourceRow(fmt, sha256, line, source_id, list(zip(raw_header, cells[: len(raw_header)], strict=True)))
        if fmt == "aspi":
            _aspi_row(by_name, row)
        else:
            _buzzfeed_row(by_name, row, columns)
        out.append(row)
    return out, used


def __getattr__(name: str):
    if name == "match_facility":  # lazily, so the match module may import this one
        from rollcall.places.facilities_match import match_facility

        return match_facility
    raise AttributeError(name)
