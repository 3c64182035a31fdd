"""Commands on people: link, review, persons, person."""

from __future__ import annotations

import json

import typer

from rollcall.cli.common import actor, console, emit_json, fail, open_home, show_progress
from rollcall.people.clustering import DEFAULT_THRESHOLD

review_app = typer.Typer(help="Review uncertain pairs and record judgements (same / different / unsure).",
                         invoke_without_command=True)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command("link")(link)
    app.add_typer(review_app, name="review")
    app.command("persons")(persons)
    app.command("person")(person)


def link(
    threshold: float = typer.Option(None, "--threshold", min=0.5, max=1.0,
                                    help="Match probability at which records join one person "
                                         f"(default {DEFAULT_THRESHOLD})."),
    engine: str = typer.Option("duckdb", "--engine", help="duckdb (default) or spark (optional extra)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Group every record into persons (Splink scoring, human judgements always win, stable IDs)."""
    if engine not in {"duckdb", "spark"}:
        fail(f"--engine must be duckdb or spark, not {engine!r}")
    open_home()
    from rollcall.people.link import link as run_link

    say = (lambda msg: console.print(f"[dim]{msg}…[/]")) if show_progress() and not as_json else None
    run = run_link(actor=actor(), threshold=threshold or DEFAULT_THRESHOLD, engine=engine, progress=say)
    result = {"run": run.id, "records": run.records, "pairs_scored": run.pairs, "persons": run.persons,
              "threshold": run.threshold, **run.summary}
    if as_json:
        emit_json(result)
    else:
        console.print(f"linked {run.records:,} records into {run.persons:,} persons "
                      f"({run.pairs:,} candidate pairs scored, threshold {run.threshold}); "
                      f"{run.summary['persons_created']:,} new, {run.summary['merges']} merges, "
                      f"{run.summary['splits']} splits, {run.summary['judgements_applied']} judgements applied")


@review_app.callback()
def review(
    ctx: typer.Context,
    limit: int = typer.Option(10, "--limit", min=1, help="How many pairs to show."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON lines, one pair per line."),
) -> None:
    """Show the uncertain pairs most worth a human's time, with the evidence side by side."""
    if ctx.invoked_subcommand:
        return
    open_home()
    from rollcall.people.views import review_queue

    queue = review_queue(limit)
    if as_json:
        for pair in queue:
            emit_json(pair)
        return
    if not queue:
        console.print("nothing to review: no uncertain pairs (run `rollcall link` first)")
        return
    from rich.table import Table

    for pair in queue:
        left, right = pair["records"]
        table = Table(title=f"record {pair['a']} vs record {pair['b']}: model says {pair['probability']:.0%} "
                            "same person", show_lines=False)
        table.add_column("field")
        table.add_column(f"{left['locator']['file']} row {left['locator']['row']}")
        table.add_column(f"{right['locator']['file']} row {right['locator']['row']}")
        lf = {s["field"] or s["column"]: s["original"] for s in left["statements"]}
        rf = {s["field"] or s["column"]: s["original"] for s in right["statements"]}
        for key in dict.fromkeys([*lf, *rf]):
            table.add_row(key, lf.get(key, ""), rf.get(key, ""))
        console.print(table)
        console.print(f"  judge with: rollcall review judge {pair['a']} {pair['b']} same|different|unsure "
                      "--reason \"…\"\n")


@review_app.command("judge")
def judge(
    record_a: int = typer.Argument(..., help="First record id."),
    record_b: int = typer.Argument(..., help="Second record id."),
    verdict: str = typer.Argument(..., help="same, different or unsure."),
    reason: str = typer.Option(..., "--reason", help="What in the evidence decided it."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Record a judgement on two records; it overrides the model now and in every later run."""
    open_home()
    from rollcall.people.judgements import judge as record

    j = record(record_a, record_b, verdict, author=actor(), reason=reason)
    out = {"judgement": j.id, "a": j.record_a_id, "b": j.record_b_id, "verdict": j.verdict, "author": j.author,
           "reason": j.reason, "model_probability": j.model_probability}
    if as_json:
        emit_json(out)
    else:
        console.print(f"recorded: records {j.record_a_id} and {j.record_b_id} are {j.verdict} "
                      f"(by {j.author}); it applies from the next `rollcall link`")


def persons(
    limit: int = typer.Option(None, "--limit", min=1, help="At most this many persons."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON lines, one person per line."),
) -> None:
    """List every person with their names in every script (as written) and their records."""
    open_home()
    from rollcall.people.views import summaries

    for p in summaries(limit=limit):
        if as_json:
            emit_json(p)
        else:
            names = " | ".join(dict.fromkeys(n["original"] for n in p["names"])) or "(no name)"
            console.print(f"{p['id']}  {names}  ({len(p['records'])} record(s))", markup=False)


def person(
    public_id: str = typer.Argument(..., help="The person's public ID, e.g. RC-7F3K2."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """One person: every value with its sources, conflicts side by side, status timeline, family."""
    open_home()
    from rollcall.people.views import detail

    d = detail(public_id)
    if d is None:
        fail(f"no person {public_id!r}")
    if as_json:
        emit_json(d)
        return
    console.print(f"[bold]{d['id']}[/]" + (" (retired: merged into another person)" if d["retired"] else ""))
    for field, values in d["fields"].items():
        mark = " [yellow](sources disagree)[/]" if field in d["conflicts"] else ""
        console.print(f"  {field}{mark}")
        for v in values:
            where = "; ".join(f"{s['source']} row {s['locator']['row']}" for s in v["sources"])
            console.print(f"      {v['value']}  ← {where}", markup=False)
    if d["timeline"]:
        console.print("  status timeline:")
        for t in d["timeline"]:
            rest = {k: v for k, v in t.items() if k != "source"}
            console.print(f"      {json.dumps(rest, ensure_ascii=False)}  ← {t['source']['source']} row "
                          f"{t['source']['locator']['row']}", markup=False)
    for e in d["history"]:
        console.print(f"  history: {e['kind']} {e['at'][:19]}: {e['reason']}", markup=False)
