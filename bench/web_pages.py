"""Web app latency: pages and API answers against a static file from the same server (the baseline).

Builds a fictional registry (generate, ingest, link) at each size, serves it with `rollcall serve`
(Waitress + WhiteNoise), and times sequential requests over localhost. Prints one table per size;
the ratio to the static baseline is the figure to compare across runs (these machines are noisy).

    .venv/bin/python bench/web_pages.py [--persons 150 600] [--requests 200]
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path


def _rollcall(home: Path, *args: str) -> str:
    cmd = [sys.executable, "-m", "rollcall", "--home", str(home), *args]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def _build(root: Path, persons: int) -> tuple[Path, list[str], list[str], int]:
    home, corpus = root / "home", root / "corpus"
    subprocess.run([sys.executable, "-m", "rollcall", "generate", str(corpus), "--persons", str(persons),
                    "--seed", "7"], capture_output=True, check=True)
    for f in sorted(corpus.iterdir()):
        if f.suffix in {".csv", ".tsv", ".xlsx", ".json", ".jsonl"} and not f.name.startswith("truth"):
            _rollcall(home, "ingest", str(f))
    _rollcall(home, "link", "--json")
    people = [json.loads(line) for line in _rollcall(home, "persons", "--json").splitlines()]
    names = [p["names"][0]["original"] for p in people if p["names"]]
    return home, [p["id"] for p in people], names, people[0]["records"][0]["source_id"]


def _serve(home: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "rollcall", "--home", str(home), "serve", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    return proc, f"http://127.0.0.1:{port}"


def _time(urls: list[str]) -> list[float]:
    out = []
    for u in urls:
        t = time.perf_counter()
        with urllib.request.urlopen(u, timeout=60) as r:
            r.read()
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, nargs="+", default=[150, 600])
    ap.add_argument("--requests", type=int, default=200)
    args = ap.parse_args()
    n = args.requests
    for size in args.persons:
        with tempfile.TemporaryDirectory() as tmp:
            home, ids, names, source = _build(Path(tmp), size)
            proc, base = _serve(home)
            try:
                pick = [ids[i % len(ids)] for i in range(n)]
                queries = [urllib.parse.quote(names[i % len(names)].split()[0]) for i in range(n)]
                cases = {
                    "static file (baseline)": [f"{base}/static/web/style.css"] * n,
                    "home page": [f"{base}/"] * n,
                    "person page": [f"{base}/person/{p}" for p in pick],
                    "person page (ug)": [f"{base}/ug/person/{p}" for p in pick],
                    "API person": [f"{base}/api/persons/{p}" for p in pick],
                    "source page (public)": [f"{base}/source/{source}"] * n,
                    "search page (public)": [f"{base}/search?q={q}" for q in queries[:min(n, 10)]],
                }
                _time(cases["home page"][:5])  # warm up
                rows = {k: _time(v) for k, v in cases.items()}
            finally:
                proc.terminate()
                proc.wait(timeout=30)
        floor = statistics.median(rows["static file (baseline)"])
        print(f"\n{size} persons generated ({len(ids)} people after linkage), {n} sequential requests each")
        print(f"{'endpoint':26} {'n':>5} {'median ms':>10} {'p95 ms':>8} {'x baseline':>11}")
        for k, v in rows.items():
            v = sorted(v)
            p95 = v[min(len(v) - 1, int(len(v) * 0.95))]
            print(f"{k:26} {len(v):5d} {statistics.median(v):10.2f} {p95:8.2f} {statistics.median(v) / floor:11.1f}")


if __name__ == "__main__":
    main()
