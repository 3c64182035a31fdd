"""Import facility files into the registry, rebuild the merged facilities, and look them up."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.db import transaction

from rollcall.errors import InputError, RollcallError
from rollcall.facilities.models import Facility, FacilityImport, FacilityLink, FacilityRow, FacilityValue
from rollcall.places.facilities import SOURCE_NAMES, SourceRow, Value, read_facilities
from rollcall.places.facilities_merge import DEFAULT_RADIUS_M, distance_m, merge, summarise


@dataclass
class ImportResult:
    """What an import did: the file's hash, whether it was new, rows read, and the registry's size."""

    sha256: str
    original_name: str
    format: str
    encoding: str
    created: bool
    rows: int
    rows_with_problems: int
    facilities: int
    non_ascii_sample: list[str] | None = None

    def to_dict(self) -> dict:
        """A JSON-ready dictionary."""
        return dict(self.__dict__)


def import_file(path: str | os.PathLike[str], fmt: str, *, actor: str, encoding: str | None = None,
                radius_m: float = DEFAULT_RADIUS_M) -> ImportResult:
    """Keep a facility file as evidence, read every row, and merge it into the registry.

    The same bytes again change nothing (created=False). A file that cannot be read as the format is not
    stored and raises InputError naming the file and row.
    """
    from rollcall.evidence import custody
    from rollcall.evidence.store import add_file

    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", file=str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RollcallError(f"file {path}: could not be read: {exc.strerror or exc}") from None
    sha = hashlib.sha256(data).hexdigest()
    existing = FacilityImport.objects.filter(item_sha256=sha).first()
    if existing:
        return ImportResult(sha, existing.original_name, existing.format, existing.encoding, False,
                            existing.row_count, FacilityRow.objects.filter(source_file=existing)
                            .exclude(problems=[]).count(), Facility.objects.count())
    rows, used = read_facilities(data, fmt, sha256=sha, encoding=encoding, file=str(path))
    added = add_file(path, actor=actor, source_name=SOURCE_NAMES[fmt])  # the same bytes again: no-op
    if added.item.sha256 != sha:
        raise RollcallError(f"file {path} changed while it was being imported; try again")
    with transaction.atomic():
        imp = FacilityImport.objects.create(item_sha256=sha, original_name=path.name, format=fmt, encoding=used,
                                            row_count=len(rows), imported_at=datetime.now(UTC),
                                            imported_by=actor)
        stored = FacilityRow.objects.bulk_create([
            FacilityRow(source_file=imp, row=r.row, source=r.source, source_id=r.source_id,
                        cells=[list(c) for c in r.cells], problems=r.problems) for r in rows])
        FacilityValue.objects.bulk_create([
            FacilityValue(row=db_row, field=v.field, value=v.value, column=v.column, original=v.original)
            for db_row, r in zip(stored, rows, strict=True) for v in r.values])
        problems = sum(1 for r in rows if r.problems)
        custody.append("imported", sha, actor, {"kind": "facilities", "format": fmt, "encoding": used,
                                                "rows": len(rows), "rows_with_problems": problems})
        count = rebuild(radius_m=radius_m)
    return ImportResult(sha, path.name, fmt, used, True, len(rows), problems, count, non_ascii_sample(rows))


def non_ascii_sample(rows: list[SourceRow], limit: int = 10) -> list[str]:
    """Distinct non-ASCII cell texts, for a person to see that the encoding was read right (Ürümqi)."""
    seen: list[str] = []
    for row in rows:
        for _, text in row.cells:
            if not text.isascii() and text not in seen:
                seen.append(text)
                if len(seen) == limit:
                    return seen
    return seen


def load_rows() -> tuple[list[SourceRow], dict[str, int]]:
    """Every imported row as the pure library's SourceRow, and the database id of each row key."""
    rows: dict[int, SourceRow] = {}
    for db in FacilityRow.objects.select_related("source_file").order_by("id"):
        rows[db.id] = SourceRow(db.source, db.source_file.item_sha256, db.row, db.source_id,
                                [tuple(c) for c in db.cells], [], list(db.problems))
    for v in FacilityValue.objects.order_by("id").values_list("row_id", "field", "value", "column", "original"):
        rows[v[0]].values.append(Value(v[1], v[2], v[3], v[4]))
    return list(rows.values()), {r.key: pk for pk, r in rows.items()}


def rebuild(*, radius_m: float = DEFAULT_RADIUS_M) -> int:
    """Re-derive the merged facilities and links from all imported rows; returns how many facilities."""
    rows, ids = load_rows()
    merged, links = merge(rows, radius_m=radius_m)
    with transaction.atomic():
        existing = {f.key: f for f in Facility.objects.all()}
        keep = {m.key for m in merged}
        Facility.objects.exclude(key__in=keep).delete()
        FacilityLink.objects.all().delete()
        for m in merged:
            s = {**summarise(m.rows), "compound": m.compound}
            fields = dict(name=s["name"] or "", type=s["type"] or "", county_code=s["county_code"] or "",
                          lat=s["lat"], lon=s["lon"], summary=s)
            fac = existing.get(m.key)
            if fac is None:
                fac = Facility.objects.create(key=m.key, **fields)
            else:
                for k, v in fields.items():
                    setattr(fac, k, v)
                fac.save()
            FacilityRow.objects.filter(id__in=[ids[r.key] for r in m.rows]).update(facility=fac)
        FacilityLink.objects.bulk_create([
            FacilityLink(a_id=ids[lk.a], b_id=ids[lk.b], kind=lk.kind, detail=lk.detail, distance_m=lk.distance_m,
                         merged=lk.merged, note=lk.note) for lk in links])
    return len(merged)


def all_facilities():
    """Every facility in id order, with its rows and their files fetched in two queries."""
    return Facility.objects.order_by("id").prefetch_related("rows__source_file")


def facility_dict(fac: Facility, *, full: bool = False) -> dict:
    """A facility as JSON-ready data: its summary and rows; with `full`, every cell and every value
    with its provenance, and the links that joined (or did not join) its rows."""
    rows = sorted(fac.rows.all(), key=lambda r: (r.source_file_id, r.row))  # prefetched when listing
    out = {"id": fac.id, "key": fac.key, **fac.summary,
           "rows": [{"source": r.source, "source_id": r.source_id, "sha256": r.source_file.item_sha256,
                     "file": r.source_file.original_name, "row": r.row} for r in rows]}
    if not full:
        return out
    values: dict[str, list[dict]] = {}
    for v in FacilityValue.objects.filter(row__in=rows).select_related("row__source_file").order_by("row_id", "id"):
        values.setdefault(v.field, []).append({"value": v.value, "source": v.row.source,
                                               "sha256": v.row.source_file.item_sha256, "row": v.row.row,
                                               "column": v.column, "original": v.original})
    out["values"] = values
    for r, data in zip(rows, out["rows"], strict=True):
        data["cells"] = [{"column": c, "text": t} for c, t in r.cells]
        data["problems"] = r.problems
    row_ids = [r.id for r in rows]
    link_qs = (FacilityLink.objects.filter(a_id__in=row_ids) | FacilityLink.objects.filter(b_id__in=row_ids))
    out["links"] = [{"a": _row_label(lk.a), "b": _row_label(lk.b), "kind": lk.kind, "detail": lk.detail,
                     "distance_m": None if lk.distance_m is None else round(lk.distance_m, 1),
                     "merged": lk.merged, "note": lk.note,
                     "other_facility": _other(lk, row_ids)}
                    for lk in link_qs.select_related("a__facility", "b__facility").order_by("id")]
    return out


def _row_label(row: FacilityRow) -> str:
    return f"{row.source}:{row.source_id} (row {row.row})"


def _other(link: FacilityLink, own: list[int]) -> str | None:
    other = link.b if link.a_id in own else link.a
    return other.facility.key if other.facility and other.id not in own else None


def get_facility(ref: str) -> Facility:
    """A facility by its id or key ('12', 'aspi-336'); InputError if there is none."""
    fac = Facility.objects.filter(key=ref).first()
    if fac is None and ref.isdigit():
        fac = Facility.objects.filter(id=int(ref)).first()
    if fac is None:
        raise InputError(f"no facility {ref!r} (give an id or key from `rollcall facilities`)")
    return fac


def near(lat: float, lon: float, km: float) -> list[tuple[Facility, float]]:
    """Facilities with any row's coordinates within `km` of a point, nearest first, with the distance (km)."""
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(f"({lat}, {lon}) is not a latitude and longitude")
    if km <= 0:
        raise InputError(f"--km must be positive, not {km}")
    best: dict[int, float] = {}
    lats = FacilityValue.objects.filter(field="lat").values_list("row_id", "value")
    lons = dict(FacilityValue.objects.filter(field="lon").values_list("row_id", "value"))
    facility_of = dict(FacilityRow.objects.exclude(facility=None).values_list("id", "facility_id"))
    for row_id, row_lat in lats:
        if row_id not in lons or row_id not in facility_of:
            continue
        d = distance_m((lat, lon), (float(row_lat), float(lons[row_id]))) / 1000
        fid = facility_of[row_id]
        if d <= km and d < best.get(fid, float("inf")):
            best[fid] = d
    facilities = all_facilities().in_bulk(list(best))
    return sorted(((facilities[f], d) for f, d in best.items()), key=lambda p: (p[1], p[0].id))


def match(text: str, *, limit: int = 5) -> tuple[dict, list]:
    """What a facility name says, and the registry facilities it may mean (see facilities_match)."""
    from dataclasses import asdict

    from rollcall.places.facilities_match import FacilityEntry, match_facility, parse_facility_name

    entries = [FacilityEntry(f.key, tuple(f.summary.get("names") or [f.name]), f.type or None, f.county_code or None,
                             f.summary.get("prefecture_code"))
               for f in Facility.objects.order_by("id")]
    return asdict(parse_facility_name(text)), match_facility(text, entries, limit=limit)
