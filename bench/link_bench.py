"""Record linkage quality, speed and memory on generated corpora with truth, beside plain Splink.

    .venv/bin/python bench/link_bench.py --persons 5000 [--seed 1] [--threshold P]

Generates a fictional corpus (`rollcall generate`), ingests every table and testimony file, then runs in
separate processes (so each peak memory is its own): our linkage (`rollcall` model: cross-script names,
ID numbers and their slips, birth dates and ages, when a detention began and how it ended, county,
prefecture and township) and the baseline (`baseline` model: plain Splink with
Jaro-Winkler on the raw name strings and exact dates). Prints pairwise and B-cubed precision, recall and
F1 against truth.csv, wall time and peak RSS for each; then pairwise scores of the same scored pairs
grouped at other thresholds (the threshold's choice, not a second linkage).
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SWEEP = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
TABLE_SUFFIXES = {".csv", ".tsv", ".xlsx", ".xls", ".json", ".jsonl"}


def rollcall(*args: str) -> str:
    """Run the rollcall CLI; its standard output."""
    return subprocess.run([sys.executable, "-m", "rollcall", *args], check=True, capture_output=True,
                          text=True).stdout


def prepare(out: Path, home: Path, persons: int, seed: int) -> float:
    """Generate and ingest a corpus; return the seconds the ingest took."""
    from rollcall.generate.corpus import as_of_options  # here, not in the measured --run-one processes

    rollcall("generate", str(out), "--persons", str(persons), "--seed", str(seed))
    start = time.perf_counter()
    for f in sorted(out.iterdir()):
        if f.suffix.lower() in TABLE_SUFFIXES and not f.name.startswith("truth"):
            rollcall("--home", str(home), "ingest", str(f), *as_of_options(f.name))
    return time.perf_counter() - start


def run_model(home: Path, truth_file: Path, model: str, threshold: float) -> dict:
    """In this process: link with one model and score it against the truth."""
    from rollcall.home import open_home

    open_home(home)
    from rollcall.people.link import compute
    from rollcall.people.metrics import bcubed, pairwise
    from rollcall.records.models import Record

    start = time.perf_counter()
    found = compute(threshold=threshold, model=model)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    where = {(r.source.item.original_name, r.row): r.id
             for r in Record.objects.select_related("source__item").only("id", "row", "source__item__original_name")}
    truth = {}
    with open(truth_file, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            rid = where.get((row["file"], int(row["row"])))
            if rid is not None:
                truth[rid] = row["person"]
    predicted = {rid: i for i, group in enumerate(found.groups) for rid in group}
    curve = {}
    for other in SWEEP:
        at = {rid: i for i, group in enumerate(found.at(other)) for rid in group}
        curve[str(other)] = pairwise(at, truth).to_dict()
    return {"model": model, "records": found.records, "truth_records": len(truth), "pairs": len(found.pairs),
            "persons": len(found.groups), "true_persons": len(set(truth.values())),
            "pairwise": pairwise(predicted, truth).to_dict(), "bcubed": bcubed(predicted, truth).to_dict(),
            "wall_s": wall, "peak_mib": peak, "thresholds": curve}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    from rollcall.people.clustering import DEFAULT_THRESHOLD  # pure: no Django, nothing measured

    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                        help=f"rollcall link's default: {DEFAULT_THRESHOLD}")
    parser.add_argument("--models", default="rollcall,baseline")
    parser.add_argument("--workdir", type=Path, help="Keep the corpus and data folder here.")
    parser.add_argument("--run-one", nargs=3, metavar=("HOME", "TRUTH", "MODEL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_one:
        home, truth, model = args.run_one
        print(json.dumps(run_model(Path(home), Path(truth), model, args.threshold)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = args.workdir or Path(tmp)
        out, home = work / "corpus", work / "home"
        ingest_s = prepare(out, home, args.persons, args.seed)
        results = []
        for model in args.models.split(","):
            proc = subprocess.run([sys.executable, __file__, "--threshold", str(args.threshold), "--run-one",
                                   str(home), str(out / "truth.csv"), model], check=True, capture_output=True,
                                  text=True)
            results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    first = results[0]
    print(f"linkage of {first['records']:,} records ({args.persons:,} generated persons, seed {args.seed}, "
          f"{first['true_persons']:,} true persons; ingest took {ingest_s:.0f} s), threshold {args.threshold}")
    print(f"{'model':<10} {'pairs':>9} {'persons':>8} {'pw P':>6} {'pw R':>6} {'pw F1':>6} {'B3 P':>6} {'B3 R':>6} "
          f"{'B3 F1':>6} {'wall s':>7} {'peak MiB':>8}")
    for r in results:
        pw, b3 = r["pairwise"], r["bcubed"]
        print(f"{r['model']:<10} {r['pairs']:>9,} {r['persons']:>8,} {pw['precision']:>6.3f} {pw['recall']:>6.3f} "
              f"{pw['f1']:>6.3f} {b3['precision']:>6.3f} {b3['recall']:>6.3f} {b3['f1']:>6.3f} {r['wall_s']:>7.1f} "
              f"{r['peak_mib']:>8.0f}")
    if len(results) > 1:
        print(f"F1 gain over {results[1]['model']}: {first['pairwise']['f1'] - results[1]['pairwise']['f1']:+.3f}")
    print("pairwise P / R / F1 of the same scored pairs grouped at other thresholds:")
    for r in results:
        print(f"{r['model']:<10} " + "  ".join(f"{t}: {c['precision']:.3f}/{c['recall']:.3f}/{c['f1']:.3f}"
                                               for t, c in r["thresholds"].items()))


if __name__ == "__main__":
    main()
