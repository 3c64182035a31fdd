"""`rollcall facilities`: import the ASPI and BuzzFeed facility datasets, list, show, find near, match."""

from __future__ import annotations

from pathlib import Path

import typer

from rollcall.cli.common import actor, console, emit_json, open_home

app = typer.Typer(no_args_is_help=False, invoke_without_command=True)


def _line(d: dict, distance_km: float | None = None) -> str:
    where = f"{d['lat']:.5f},{d['lon']:.5f}" if d.get("lat") is not None else "no coordinates"
    rows = " + ".join(f"{r['source']}:{r['source_id']}" for r in d["rows"])
    far = f"  {distance_km:.2f} km" if distance_km is not None else ""
    conflicts = f"  [yellow]differs: {', '.join(d['conflicts'])}[/]" if d.get("conflicts") else ""
    return (f"{d['id']:>4} {d['key']:<14} {d.get('name') or '':<32} {d.get('type') or '?':<18} "
            f"{d.get('county_code') or '-':<7} {where}  {rows}{far}{conflicts}")


@app.callback()
def list_facilities(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line, one per merged facility."),
) -> None:
    """The merged facility registry (one entry per facility; `import` adds datasets)."""
    if ctx.invoked_subcommand is not None:
        return
    open_home()
    from rollcall.facilities.services import all_facilities, facility_dict

    facilities = list(all_facilities())
    for fac in facilities:
        d = facility_dict(fac)
        if as_json:
            emit_json(d)
        else:
            console.print(_line(d), markup=True)
    if not as_json:
        console.print(f"{len(facilities)} facilities")


@app.command("import")
def import_cmd(
    file: Path = typer.Argument(..., help="An ASPI facility CSV or a BuzzFeed News locations TSV."),
    fmt: str = typer.Option(..., "--format", help="aspi or buzzfeed."),
    encoding: str = typer.Option(None, "--encoding",
                                 help="The file's encoding (default: utf-8 for aspi, cp437 for buzzfeed)."),
    radius_m: float = typer.Option(100.0, "--radius-m", help="Merge rows of different files this close (m)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Keep a facility file as evidence and merge its rows into the registry (same file again: no-op)."""
    from rollcall.errors import InputError

    if fmt not in ("aspi", "buzzfeed"):
        raise InputError(f"--format must be aspi or buzzfeed, not {fmt!r}")
    open_home()
    from rollcall.facilities.services import import_file

    result = import_file(file, fmt, actor=actor(), encoding=encoding, radius_m=radius_m)
    if as_json:
        emit_json(result.to_dict())
    elif result.created:
        console.print(f"imported {result.original_name} ({result.format}, read as {result.encoding}): "
                      f"{result.rows} rows, {result.rows_with_problems} with cells that could not be read "
                      f"(kept as written); registry now {result.facilities} facilities; sha256 {result.sha256}")
        if result.non_ascii_sample:
            console.print(f"non-ASCII text as decoded (check it reads right): {', '.join(result.non_ascii_sample)}")
    else:
        console.print(f"already imported: {file.name} has the same bytes as {result.original_name}; "
                      "nothing changed")


@app.command("show")
def show(
    ref: str = typer.Argument(..., help="A facility id or key (from `rollcall facilities`)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """One facility: every value with its file, row and column, every cell, and its links."""
    open_home()
    from rollcall.facilities.services import facility_dict, get_facility

    d = facility_dict(get_facility(ref), full=True)
    if as_json:
        emit_json(d)
        return
    console.print(_line(d), markup=True)
    if d.get("compound"):
        console.print(f"  same compound as {', '.join(d['compound'])}", markup=False)
    for name, values in d["values"].items():
        shown = "; ".join(f"{v['value']} ({v['source']} row {v['row']}, {v['column'].strip()})" for v in values)
        console.print(f"  {name:<16} {shown}", markup=False)
    for link in d["links"]:
        state = "merged" if link["merged"] else "not merged"
        dist = f", {link['distance_m']} m" if link["distance_m"] is not None else ""
        other = f" → facility {link['other_facility']}" if link["other_facility"] else ""
        console.print(f"  link {link['kind']}: {link['a']} ~ {link['b']} ({link['detail']}{dist}) {state}"
                      f"{other} {link['note']}", markup=False)


@app.command("near")
def near_cmd(
    lat: float = typer.Argument(..., help="Latitude (decimal degrees)."),
    lon: float = typer.Argument(..., help="Longitude (decimal degrees)."),
    km: float = typer.Option(5.0, "--km", help="Search radius in kilometres."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line."),
) -> None:
    """Facilities within --km of a point, nearest first."""
    open_home()
    from rollcall.facilities.services import facility_dict, near

    found = near(lat, lon, km)
    for fac, d_km in found:
        d = facility_dict(fac)
        if as_json:
            emit_json({**d, "distance_km": round(d_km, 3)})
        else:
            console.print(_line(d, d_km), markup=True)
    if not as_json:
        console.print(f"{len(found)} facilities within {km:g} km")


@app.command("match")
def match_cmd(
    text: str = typer.Argument(..., help="A facility name as written ('疏附县职业技能教育培训中心', 'Shufu - I')."),
    limit: int = typer.Option(5, "--limit", help="At most this many candidates."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Registry facilities a facility name may mean, by county, type, ordinal and name."""
    open_home()
    from rollcall.facilities.services import match

    query, found = match(text, limit=limit)
    if as_json:
        emit_json({"query": query, "candidates": [m.to_dict() for m in found]})
        return
    console.print(f"county {', '.join(query['county_codes']) or '?'}; type {query['type'] or '?'}; "
                  f"ordinal {query['ordinal'][1] if query['ordinal'] else '-'}", markup=False)
    for m in found:
        also = f" (as {m.matched_name})" if m.matched_name and m.matched_name != m.name else ""
        console.print(f"  {m.key:<16} {m.name}{also:<20} agrees on: {', '.join(m.reasons) or 'name only'}; "
                      f"name score {m.name_score}", markup=False)
    if not found:
        console.print("  no candidates")
