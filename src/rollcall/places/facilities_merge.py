"""Merge rows of several facility datasets into one registry of facilities.

Rows are linked, strongest evidence first:

1. `aspi_number`: a row cites the ASPI facility number of a row of the ASPI dataset;
2. `shawn_number`: two rows cite the same Shawn Zhang camp number;
3. `etnam`: two rows cite the same ETNAM (East Turkistan National Awakening Movement) code;
4. `proximity`: two rows' coordinates lie within `radius_m` (100 m by default: the datasets place the
   same compound's centre up to ~100 m apart, while distinct facilities are rarely that close).

Within each kind, closer pairs go first. A link is followed only if the two groups it joins hold no
two rows of the same dataset (a dataset never lists one facility twice, so such a join would be wrong),
and a cross-reference whose coordinates lie more than `MAX_REFERENCE_KM` apart is not followed either.
Links not followed are kept (`merged=False`, with the reason) and shown beside the facilities, so no
evidence of a connection is lost. Rows are never changed; each facility lists its rows.

Pure library: no Django.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from rollcall.places.facilities import FORMATS, SourceRow

DEFAULT_RADIUS_M = 100.0
MAX_REFERENCE_KM = 2.0
LINK_KINDS = ("aspi_number", "shawn_number", "etnam", "proximity")
EARTH_RADIUS_M = 6_371_008.8


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in metres between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class Link:
    """Evidence that two rows describe one facility: what (`kind`, `detail`), how far apart their
    coordinates are, and whether the merge followed it (if not, `note` says why)."""

    a: str
    b: str
    kind: str
    detail: str
    distance_m: float | None
    merged: bool = False
    note: str = ""

    def to_dict(self) -> dict:
        """A JSON-ready dictionary."""
        data = asdict(self)
        if self.distance_m is not None:
            data["distance_m"] = round(self.distance_m, 1)
        return data


@dataclass
class MergedFacility:
    """One facility: its rows (at most one per dataset), the links that joined them, and the keys of the
    other facilities of the same compound (BuzzFeed lists a compound's parts A, B, C... under one name)."""

    key: str
    rows: list[SourceRow]
    links: list[Link] = field(default_factory=list)
    compound: list[str] = field(default_factory=list)


def _row_order(row: SourceRow) -> tuple:
    rank = FORMATS.index(row.source) if row.source in FORMATS else len(FORMATS)
    return (rank, row.source, int(row.source_id) if row.source_id.isdigit() else 0, row.source_id)


def _dist(a: SourceRow, b: SourceRow) -> float | None:
    ca, cb = a.coordinates(), b.coordinates()
    return distance_m(ca, cb) if ca and cb else None


def candidate_links(rows: list[SourceRow], radius_m: float = DEFAULT_RADIUS_M) -> list[Link]:
    """Every link between rows of different datasets, ordered strongest kind first, nearest first."""
    links: dict[tuple[str, str, str], Link] = {}

    def add(a: SourceRow, b: SourceRow, kind: str, detail: str) -> None:
        if a.sha256 == b.sha256:  # one file never lists one facility twice
            return
        a, b = sorted((a, b), key=_row_order)
        key = (a.key, b.key, kind)
        if key in links:
            if detail not in links[key].detail.split(", "):
                links[key].detail += f", {detail}"
            return
        links[key] = Link(a.key, b.key, kind, detail, _dist(a, b))

    by_aspi = {int(r.source_id): r for r in rows if r.source == "aspi"}
    for row in rows:
        if row.source == "aspi":
            continue
        for number in row.get("aspi_number"):
            if (target := by_aspi.get(int(number))) is not None:
                add(row, target, "aspi_number", f"ASPI #{number}")
    for kind, label in (("shawn_number", "Shawn Zhang #"), ("etnam", "ETNAM ")):
        index: dict[object, list[SourceRow]] = defaultdict(list)
        for row in rows:
            for value in set(row.get(kind)):
                index[value].append(row)
        for value, group in index.items():
            for i, a in enumerate(group):
                for b in group[i + 1:]:
                    add(a, b, kind, f"{label}{value}")
    # Proximity: bucket by a grid about as wide as the radius, compare neighbouring cells only.
    cell = max(radius_m / 111_000.0, 1e-4)
    grid: dict[tuple[int, int], list[SourceRow]] = defaultdict(list)
    for row in rows:
        if c := row.coordinates():
            grid[(int(c[0] // cell), int(c[1] // cell))].append(row)
    for (gx, gy), members in grid.items():
        near = [r for dx in (-1, 0, 1) for dy in (-1, 0, 1) for r in grid.get((gx + dx, gy + dy), [])]
        for a in members:
            for b in near:
                if a.key < b.key and (d := _dist(a, b)) is not None and d <= radius_m:
                    add(a, b, "proximity", f"within {radius_m:g} m")
    rank = {k: i for i, k in enumerate(LINK_KINDS)}
    return sorted(links.values(), key=lambda lk: (rank[lk.kind], lk.distance_m is None, lk.distance_m or 0.0,
                                                  lk.a, lk.b))


def merge(rows: Iterable[SourceRow], *, radius_m: float = DEFAULT_RADIUS_M) -> tuple[list[MergedFacility],
                                                                                      list[Link]]:
    """Group rows into facilities. Returns the facilities (each row in exactly one, ordered by their
    first row) and every candidate link, followed or not."""
    rows = sorted(rows, key=_row_order)
    by_key = {r.key: r for r in rows}
    parent = {r.key: r.key for r in rows}
    sources: dict[str, set[str]] = {r.key: {r.sha256} for r in rows}  # the files each group holds rows of

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    links = candidate_links(rows, radius_m)
    for link in links:
        ra, rb = find(link.a), find(link.b)
        if ra == rb:
            link.merged, link.note = True, "already in the same facility"
            continue
        if link.kind != "proximity" and link.distance_m is not None and link.distance_m > MAX_REFERENCE_KM * 1000:
            link.note = f"not merged: the rows are {link.distance_m / 1000:.1f} km apart"
            continue
        if clash := sources[ra] & sources[rb]:
            names = sorted({by_key[k].source for k in by_key if by_key[k].sha256 in clash})
            link.note = f"not merged: both sides already hold a row of the same {'/'.join(names)} file"
            continue
        keep, gone = sorted((ra, rb), key=lambda k: _row_order(by_key[k]))
        parent[gone] = keep
        sources[keep] |= sources.pop(gone)
        link.merged = True
    groups: dict[str, list[SourceRow]] = defaultdict(list)
    for row in rows:
        groups[find(row.key)].append(row)
    by_row: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        by_row[link.a].append(link)
        by_row[link.b].append(link)
    facilities = []
    for members in groups.values():
        members.sort(key=_row_order)
        own: dict[int, Link] = {}
        for m in members:
            own.update((id(lk), lk) for lk in by_row[m.key])
        facilities.append(MergedFacility(facility_key(members), members, list(own.values())))
    facilities.sort(key=lambda f: _row_order(f.rows[0]))
    taken = Counter(f.key for f in facilities)
    for f in facilities:  # two versions of one dataset: tell their keys apart by file
        if taken[f.key] > 1:
            f.key = f"{f.key}@{f.rows[0].sha256[:8]}"
    compounds: dict[tuple[str, object], list[MergedFacility]] = defaultdict(list)
    for f in facilities:
        for row in f.rows:
            if row.first("sub_compound") and row.first("name"):
                compounds[(row.sha256, row.first("name"))].append(f)
    for parts in compounds.values():
        for f in parts:
            f.compound = sorted({p.key for p in parts if p is not f} | set(f.compound))
    return facilities, links


def facility_key(rows: list[SourceRow]) -> str:
    """The facility's stable key: its first row's dataset and identifier ('aspi-336', 'buzzfeed-106')."""
    first = min(rows, key=_row_order)
    return f"{first.source}-{first.source_id}"


SUMMARY_FIELDS = ("name", "type", "tier", "security", "county_code", "prefecture_code", "county", "prefecture",
                  "status")
CONFLICT_FIELDS = ("type", "tier", "security", "county_code", "prefecture_code")


def values_with_provenance(rows: list[SourceRow]) -> dict[str, list[dict]]:
    """Every value of the facility's rows by field, each with file SHA-256, row, column and original text."""
    fields: dict[str, list[dict]] = {}
    for row in rows:
        for v in row.values:
            fields.setdefault(v.field, []).append({
                "value": v.value, "source": row.source, "sha256": row.sha256, "row": row.row,
                "column": v.column, "original": v.original})
    return fields


def summarise(rows: list[SourceRow]) -> dict:
    """The facility at a glance: each field's first value (rows in dataset order, ASPI first), all
    distinct values where the datasets differ (`conflicts`), and the coordinates of its first row."""
    fields = values_with_provenance(rows)

    def distinct(name: str) -> list:
        out: list = []
        for item in fields.get(name, []):
            if item["value"] not in out:
                out.append(item["value"])
        return out

    summary: dict = {f: (distinct(f) or [None])[0] for f in SUMMARY_FIELDS}
    summary["names"] = distinct("name")
    located = next((r for r in rows if r.coordinates()), None)
    summary["lat"], summary["lon"] = located.coordinates() if located else (None, None)
    for ref in ("aspi_number", "shawn_number", "etnam"):
        summary[ref + "s"] = sorted(distinct(ref), key=str)
    summary["conflicts"] = {f: distinct(f) for f in CONFLICT_FIELDS if len(distinct(f)) > 1}
    return summary
