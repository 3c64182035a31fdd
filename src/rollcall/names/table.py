"""The curated transcription tables shipped with the package, loaded once.

`name_parts.csv` pairs a name part in ULY Latin with one Chinese transcription of it (one row per
variant); `syllables.csv` gives the Latin sound(s) a character stands for in Uyghur→Chinese
transcription. The format is described in docs/names.md.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from rollcall.errors import InputError

KINDS = frozenset({"name", "prefix", "suffix"})
POSITIONS = frozenset({"initial", "medial", "final", "any"})


@dataclass(frozen=True, slots=True)
class TableEntry:
    """One row of name_parts.csv: a name part in ULY Latin and one Chinese transcription of it."""

    latin: str
    hanzi: str
    kind: str
    origin: str
    sex: str


@dataclass(frozen=True, slots=True)
class Syllable:
    """One row of syllables.csv: a character and a Latin sound it transcribes at a position in a word."""

    hanzi: str
    latin: str
    position: str


def _rows(filename: str, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    path = resources.files("rollcall.names").joinpath("data", filename)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return []
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 ({exc.reason})", file=str(path)) from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"missing column(s) {', '.join(missing)}", file=str(path), row=1)
    rows = []
    for number, row in enumerate(reader, start=2):
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        clean = {k: (row.get(k) or "").strip() for k in required}
        for column in required:
            if column != "note" and not clean[column]:
                raise InputError("empty value", file=str(path), row=number, column=column)
        rows.append((number, clean))
    return rows


@cache
def name_parts() -> tuple[TableEntry, ...]:
    """Every row of name_parts.csv (empty if the file is absent)."""
    from rollcall.names.hanzi import to_simplified

    entries = []
    for number, row in _rows("name_parts.csv", ("latin", "hanzi", "kind", "origin", "sex")):
        if row["kind"] not in KINDS:
            raise InputError(f"kind {row['kind']!r} is not one of {sorted(KINDS)}", file="name_parts.csv",
                             row=number, column="kind")
        entries.append(TableEntry(row["latin"], to_simplified(row["hanzi"]), row["kind"], row["origin"], row["sex"]))
    return tuple(entries)


@cache
def syllables() -> tuple[Syllable, ...]:
    """Every row of syllables.csv (empty if the file is absent)."""
    from rollcall.names.hanzi import to_simplified

    out = []
    for number, row in _rows("syllables.csv", ("hanzi", "latin", "position")):
        if row["position"] not in POSITIONS:
            raise InputError(f"position {row['position']!r} is not one of {sorted(POSITIONS)}",
                             file="syllables.csv", row=number, column="position")
        out.append(Syllable(to_simplified(row["hanzi"]), row["latin"].lower(), row["position"]))
    return tuple(out)


@cache
def by_hanzi() -> dict[str, tuple[TableEntry, ...]]:
    """Table entries keyed by their (simplified) transcription."""
    index: dict[str, list[TableEntry]] = {}
    for entry in name_parts():
        index.setdefault(entry.hanzi, []).append(entry)
    return {k: tuple(v) for k, v in index.items()}


@cache
def syllables_by_hanzi() -> dict[str, tuple[Syllable, ...]]:
    """Latin sounds of each transcription character."""
    index: dict[str, list[Syllable]] = {}
    for s in syllables():
        index.setdefault(s.hanzi, []).append(s)
    return {k: tuple(v) for k, v in index.items()}


@cache
def latin_names() -> tuple[str, ...]:
    """The distinct ULY Latin forms of the table, in table order."""
    return tuple(dict.fromkeys(e.latin for e in name_parts()))


@cache
def known_skeletons() -> frozenset[str]:
    """The folded skeletons of every whole name in the table (with and without -jan)."""
    from rollcall.names.latin import fold

    return frozenset(fold(e.latin) for e in name_parts() if e.kind == "name")


@cache
def interchangeable_skeletons() -> frozenset[tuple[str, str]]:
    """Pairs of skeletons of table names written with the same characters (Tahir, Tayir: 塔依尔)."""
    from rollcall.names.latin import fold

    by_hanzi: dict[str, set[str]] = {}
    for e in name_parts():
        if e.kind == "name":
            by_hanzi.setdefault(e.hanzi, set()).add(fold(e.latin))
    pairs = set()
    for group in by_hanzi.values():
        for x in group:
            for y in group:
                if x != y:
                    pairs.add((x, y))
    return frozenset(pairs)


@cache
def affix_skeletons() -> tuple[frozenset[str], frozenset[str]]:
    """Folded skeletons of the table's prefixes and of its suffixes, at least two letters long."""
    from rollcall.names.latin import fold

    prefixes = frozenset(x for x in (fold(e.latin) for e in name_parts() if e.kind == "prefix") if len(x) >= 2)
    suffixes = frozenset(x for x in (fold(e.latin) for e in name_parts() if e.kind == "suffix") if len(x) >= 2)
    return prefixes, suffixes


@lru_cache(maxsize=65536)
def near_names(skeleton: str) -> tuple[str, ...]:
    """The table names' skeletons one edit (a letter added, dropped, changed or two swapped) from `skeleton`."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    found = process.extract(skeleton, _known_list(), scorer=OSA.distance, score_cutoff=1, limit=None)
    return tuple(sorted(match for match, distance, _ in found if distance == 1))


@cache
def _known_list() -> list[str]:
    return sorted(known_skeletons())
