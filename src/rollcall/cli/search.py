"""`rollcall search`: find a person from any writing of their name."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from rollcall.cli.common import console, emit_json, fail, open_home


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command("search")(search)


def search(
    query: str = typer.Argument(None, help="A name in any writing: Uyghur script, Latin, Chinese, pinyin."),
    born: str = typer.Option(None, "--born", help="Birth year (matched ±2 years), a range (1983-1987), a "
                                                 "decade (1980s) or an approximate year (around 1985)."),
    place: str = typer.Option(None, "--place", help="A place in any writing (county, prefecture...)."),
    father: str = typer.Option(None, "--father", help="The father's name, in any writing."),
    detained: str = typer.Option(None, "--detained", help="When the person was taken: a year (2017), a month "
                                                         "(March 2018, 2018-03), early/mid/late 2017, or 2017-2018. "
                                                         "Ranks those whose records agree first; drops no one."),
    sentence: str = typer.Option(None, "--sentence", help="The years of a sentence (10). Ranks those whose "
                                                         "records agree first; drops no one."),
    status: str = typer.Option(None, "--status", help="What the family heard: released, died, sentenced. Ranks "
                                                     "those whose records agree first; drops no one."),
    limit: int = typer.Option(10, "--limit", help="How many persons to show (at most 100; public 20)."),
    public: bool = typer.Option(False, "--public", help="Public rules: a name is required, public fields only."),
    reindex: bool = typer.Option(False, "--reindex", help="Rebuild the search index from scratch first."),
    batch: str = typer.Option(None, "--batch", help="A UTF-8 file of queries, one per line: a name, or a JSON "
                                                   "object {query, born, place, father, detained, sentence, status}. "
                                                   "Prints JSON lines."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON lines, one person per line."),
) -> None:
    """Find persons by any writing of a name, narrowed by birth year, place and father's name, ranked by
    when they were taken, their sentence and what the family heard became of them."""
    if query is None and not reindex and batch is None:
        fail("give a name to search for (or --batch FILE, or --reindex to rebuild the index)")
    if query is not None and batch is not None:
        fail("give either a query or --batch FILE, not both")
    open_home()
    from rollcall.search import index
    from rollcall.search import query as q

    if reindex:
        built = index.rebuild()
        if query is None and batch is None:
            if as_json:
                emit_json({"reindexed": built.to_dict(), "index": index.stats()})
            else:
                console.print(f"search index rebuilt: {built.records:,} records, {built.entries:,} names "
                              f"({built.names:,} distinct), {built.keys:,} keys from {built.sources} sources")
            return
    if batch is not None:
        _batch(batch, limit=limit, public=public)
        return
    results = q.search(query, born=born, place=place, father=father, detained=detained, sentence=sentence,
                       status=status, limit=limit, public=public)
    if as_json:
        for item in results:
            emit_json(item)
        return
    if not results:
        console.print("no match (try another writing, a shorter name, or fewer narrowing options)")
        return
    from rich.table import Table

    table = Table(show_lines=False)
    for col in ("person", "score", "matched name", "how", "born", "place", "last known status", "source"):
        table.add_column(col)
    for r in results:
        why = r["why"]
        how = ", ".join(f"{p['query']}→{p['matched']} ({p['matched_via']})" for p in why["parts"])
        if why["agreed"]:
            how += "; agrees: " + ", ".join(why["agreed"])
        born_s = f"{r['born']['from']}-{r['born']['to']}" if r["born"] else ""
        if r["born"] and r["born"]["from"] == r["born"]["to"]:
            born_s = str(r["born"]["from"])
        st = r["last_status"] or {}
        status = " / ".join(str(st[k]) for k in ("status", "facility", "sentence", "date") if st.get(k))
        src = st.get("source", {})
        where = src.get("file") or src.get("name") or ""
        if src.get("row"):
            where += f" row {src['row']}"
        label = r["person"] or f"{r['id']} (not linked yet)"
        table.add_row(label, f"{r['score']:.2f}", why["name"], how, born_s,
                      ", ".join(p["name"] or "" for p in r["places"]), status, where)
    console.print(table)


def _batch(path: str, *, limit: int, public: bool) -> None:
    """Answer every query of a file, one JSON line each; a bad line gets its own error, not a stop."""
    from rollcall.errors import InputError
    from rollcall.search import index
    from rollcall.search import query as q

    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        fail(f"--batch {path}: cannot read ({exc.strerror})")
    except UnicodeDecodeError as exc:
        fail(f"--batch {path}: not UTF-8 (byte {exc.start})")
    index.index_pending()
    keys = {"query", *q.DETAILS}
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            spec = json.loads(line) if line.lstrip().startswith("{") else {"query": line}
            if not isinstance(spec, dict) or set(spec) - keys:
                raise InputError(f"expected a name or a JSON object with keys {sorted(keys)}")
            results = q.search(spec.get("query") or "", **{k: spec.get(k) for k in q.DETAILS}, limit=limit,
                               public=public, catch_up=False)
            emit_json({"line": n, "query": spec.get("query"), "results": results})
        except (InputError, ValueError) as exc:
            emit_json({"line": n, "error": f"{path} line {n}: {exc}"})
