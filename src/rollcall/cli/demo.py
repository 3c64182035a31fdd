"""`rollcall demo`: one command from nothing to a working registry on a generated, fictional corpus.

The demo is a list of stages run in order: generate the corpus, ingest every table, keep the PDFs as
evidence, then every later stage whose command exists (linkage, the public facility datasets when they
are found, the web app; ingest keeps the search index current).
A later stage is a `rollcall` command run on the demo's data folder; adding one is adding a line to
`LATER_STAGES`. Stages whose command does not exist yet are reported as skipped.

The demo never writes into a registry that is not a demo: fictional people must not mix with real
records. Its data folder is `--home` (here or before the command), else `./rollcall-demo` (never
$ROLLCALL_HOME). Running it again on the same folder with the same --persons/--seed repeats nothing.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import typer

from rollcall.cli.common import actor, console, emit_json, state
from rollcall.errors import RollcallError

DEFAULT_DEMO_HOME = "./rollcall-demo"
CORPUS_DIR = "demo-corpus"
MARKER = "demo.json"


@dataclass
class Demo:
    """What the stages share: where the demo lives, how it was asked for, what each stage reported."""

    home: Path
    persons: int
    seed: int
    as_json: bool
    serve: bool
    port: int = 8000
    corpus: Path = field(init=False)
    report: list[dict] = field(default_factory=list)
    table_files: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.corpus = self.home / CORPUS_DIR

    def say(self, message: str) -> None:
        if not self.as_json:
            console.print(message)


@dataclass(frozen=True)
class LaterStage:
    """A stage run as a `rollcall` command on the demo folder, when that command exists."""

    name: str
    argv: tuple[str, ...]
    interactive: bool = False  # runs until stopped (the web app); output goes straight to the terminal
    # the command lines the stage runs, from its argv and the demo; default: argv once
    runs: Callable[[LaterStage, Demo], list[tuple[str, ...]]] = lambda stage, _d: [stage.argv]



# The public facility datasets (ASPI, BuzzFeed News: places, not people) are not shipped in the package;
# the demo imports them from $ROLLCALL_FACILITY_DATA, else from the shared/data/facilities folder beside a
# checkout, when they are there.
FACILITY_FILES = (("aspi_xjdp_2020-09_v1.csv", "aspi"), ("buzzfeed_2021-07-20_all_locations.tsv", "buzzfeed"))


def facility_datasets() -> list[tuple[Path, str]]:
    """The public facility files the demo can import, with their formats (empty when none is found)."""
    import os

    given = os.environ.get("ROLLCALL_FACILITY_DATA")
    folder = Path(given) if given else Path(__file__).resolve().parents[4] / "shared" / "data" / "facilities"
    return [(folder / name, fmt) for name, fmt in FACILITY_FILES if (folder / name).is_file()]


def _one_import_per_dataset(stage: LaterStage, _d: Demo) -> list[tuple[str, ...]]:
    return [(*stage.argv, str(path), "--format", fmt) for path, fmt in facility_datasets()]


def _on_the_demo_port(stage: LaterStage, d: Demo) -> list[tuple[str, ...]]:
    return [(*stage.argv, "--port", str(d.port))]


# Stages others' issues provide; each runs only if its command is registered in the CLI.
LATER_STAGES = [
    LaterStage("link", ("link",)),
    # the search index needs no stage: every ingest brings it up to date
    LaterStage("facilities", ("facilities", "import"), runs=_one_import_per_dataset),
    LaterStage("serve", ("serve",), interactive=True, runs=_on_the_demo_port),
]


def register(app: typer.Typer) -> None:
    """Add this module's command to the main app."""
    app.command("demo")(demo)


def _check_home(d: Demo) -> bool:
    """Whether a corpus made with the same arguments is already there; refuse folders that are not demos."""
    marker = d.corpus / MARKER
    if marker.is_file():
        made = json.loads(marker.read_text(encoding="utf-8"))
        if made == {"persons": d.persons, "seed": d.seed}:
            return True
        raise RollcallError(f"{d.home} holds a demo made with --persons {made.get('persons')} --seed "
                            f"{made.get('seed')}; use those, or a new --home")
    if d.home.exists() and any(d.home.iterdir()):
        raise RollcallError(f"{d.home} is not empty and is not a demo folder; the demo writes fictional people "
                            "and must not mix them into a real registry: give it its own --home")
    return False


def stage_generate(d: Demo) -> dict:
    """Generate the fictional corpus into <home>/demo-corpus (or reuse the one already there)."""
    from rollcall.cli.generate import run_generate
    from rollcall.generate.corpus import TRUTH_FILE

    if _check_home(d):
        from rollcall.generate.corpus import README_FILE

        d.say(f"corpus already in {d.corpus}; reusing it")
        names = sorted(p.name for p in d.corpus.iterdir() if p.name not in (MARKER, README_FILE)
                       and not p.name.startswith("truth"))
        d.documents = [n for n in names if n.endswith(".pdf")]
        d.table_files = [n for n in names if not n.endswith(".pdf")]
        return {"corpus": str(d.corpus), "reused": True}
    summary = run_generate(d.corpus, d.persons, d.seed, quiet=d.as_json)
    (d.corpus / MARKER).write_text(json.dumps({"persons": d.persons, "seed": d.seed}), encoding="utf-8")
    d.table_files, d.documents = summary.table_files, summary.documents
    total = sum(summary.records.values())
    d.say(f"generated {d.persons:,} fictional people: {total:,} records in {len(d.table_files)} files, "
          f"{len(d.documents)} PDFs, {TRUTH_FILE} in {d.corpus}")
    return {"corpus": str(d.corpus), "reused": False, "records": summary.records, "documents": summary.documents}


def stage_ingest(d: Demo) -> dict:
    """Ingest every table and testimony file (an already-ingested file is a no-op)."""
    from rollcall.generate.corpus import compiled_on
    from rollcall.records.ingest import ingest_file

    out = {}
    for name in d.table_files:
        # the README gives the day each undated list was compiled, as a researcher would pass it on
        results = ingest_file(d.corpus / name, actor=actor(), as_of=compiled_on(name))
        out[name] = sum(r.records for r in results)
        d.say(f"ingested {name}: {out[name]:,} records" + ("" if any(r.created for r in results)
                                                            else " (already there)"))
    return {"records": out}


def stage_documents(d: Demo) -> dict:
    """Keep each PDF as evidence."""
    from rollcall.evidence.store import add_file

    for name in d.documents:
        add_file(d.corpus / name, actor=actor(), source_name=name,
                 note="FICTIONAL document generated by `rollcall demo`")
    d.say(f"kept {len(d.documents)} PDF documents as evidence")
    return {"documents": d.documents}


CORE_STAGES: list[tuple[str, Callable[[Demo], dict]]] = [
    ("generate", stage_generate), ("ingest", stage_ingest), ("documents", stage_documents)]


def _commands() -> set[str]:
    """Names of the top-level commands and groups the CLI has."""
    from rollcall.cli import app

    names = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    names |= {g.name for g in app.registered_groups if g.name}
    return names


def run_later(d: Demo, stage: LaterStage) -> dict:
    """Run one later stage as `rollcall` commands on the demo folder; stop the demo if one fails."""
    runs = stage.runs(stage, d)
    if not runs:
        d.say(f"skipped {stage.name}: the public facility datasets were not found (set ROLLCALL_FACILITY_DATA)")
        return {"status": "skipped", "why": "facility datasets not found; set ROLLCALL_FACILITY_DATA"}
    outputs = [_run_one(d, stage, argv) for argv in runs]
    if stage.interactive:
        return {"status": "stopped"}
    return {"status": "done", "output": "\n".join(outputs)}


def _run_one(d: Demo, stage: LaterStage, argv: tuple[str, ...]) -> str:
    from django.db import connections

    connections.close_all()  # the stage's own process opens the database next
    cmd = [sys.executable, "-m", "rollcall", "--home", str(d.home), *argv]
    if stage.interactive:
        d.say(f"starting {stage.name}: {' '.join(['rollcall', *argv])} (Ctrl-C stops it)")
        with contextlib.suppress(KeyboardInterrupt):
            subprocess.run(cmd, check=False)
        return ""
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RollcallError(f"demo stage {stage.name!r} (`rollcall {' '.join(argv)}`) failed: "
                            f"{proc.stderr.strip() or proc.stdout.strip()}")
    d.say(proc.stdout.rstrip())
    return proc.stdout.strip()


def demo(
    persons: int = typer.Option(2000, "--persons", help="How many fictional people to generate."),
    seed: int = typer.Option(1, "--seed", help="Seed of the generated corpus."),
    home: Path = typer.Option(None, "--home", help=f"The demo's data folder (default {DEFAULT_DEMO_HOME})."),
    serve: bool = typer.Option(True, "--serve/--no-serve", help="Serve the web app at the end, if it exists."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port the web app is served on."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON summary of every stage (implies --no-serve)."),
) -> None:
    """Generate a FICTIONAL corpus into a fresh data folder, ingest it and run every later stage: the
    first command to run."""
    where = home or (Path(state.home) if state.home else Path(DEFAULT_DEMO_HOME))
    state.home = str(where.expanduser().resolve())
    d = Demo(Path(state.home), persons, seed, as_json, serve and not as_json, port)
    d.say(f"Rollcall demo in {d.home} — every person in it is FICTIONAL")
    from rollcall.cli.common import open_home

    for name, run in CORE_STAGES:
        started = time.perf_counter()
        if name == "ingest":
            open_home()
        result = run(d)
        d.report.append({"stage": name, "status": "done", "seconds": round(time.perf_counter() - started, 2),
                         **result})
    available = _commands()
    for stage in LATER_STAGES:
        if stage.argv[0] not in available:
            d.report.append({"stage": stage.name, "status": "skipped", "why": f"no `rollcall {stage.argv[0]}` yet"})
            d.say(f"skipped {stage.name}: no `rollcall {stage.argv[0]}` command yet")
            continue
        if stage.interactive and not d.serve:
            d.report.append({"stage": stage.name, "status": "skipped", "why": "--no-serve"})
            continue
        started = time.perf_counter()
        result = run_later(d, stage)
        d.report.append({"stage": stage.name, "seconds": round(time.perf_counter() - started, 2), **result})
    if as_json:
        emit_json({"home": str(d.home), "persons": persons, "seed": seed, "stages": d.report})
    elif not any(s["stage"] == "serve" and s.get("status") != "skipped" for s in d.report):
        d.say(f"done. Try: rollcall --home {d.home} sources")

