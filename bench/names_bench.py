"""Names benchmark: accuracy per pair of writings, blocking keys, and speed, against named baselines.

    .venv/bin/python bench/names_bench.py [--people 5000] [--seed 1] [--key-names 1000000]

Prints a table per measure. Baselines, in the same run: rapidfuzz token-sort ratio on anyascii-folded
strings (accepting at BASELINE_CUTOFF), and the OpenSanctions matcher where its optional extra is installed.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from anyascii import anyascii  # noqa: E402
from rapidfuzz import fuzz  # noqa: E402

from names_people import Person, people, pool, same_name  # noqa: E402
from rollcall.names import compare, keys  # noqa: E402

PAIR_TYPES = (("hanzi", "latin"), ("arabic", "latin"), ("hanzi", "arabic"), ("pinyin", "latin"),
              ("pinyin", "hanzi"))
BASELINE_CUTOFF = 85.0


def baseline_score(a: str, b: str) -> float:
    """rapidfuzz token-sort ratio of the anyascii-folded, lower-cased strings (0-100)."""
    return fuzz.token_sort_ratio(anyascii(a).lower(), anyascii(b).lower())


def ours(a: str, b: str) -> bool:
    return compare(a, b).same


def ours_without_table_names(a: str, b: str) -> bool:
    """compare() with its known-names rule off (see known_names_rule): how it does on names outside the table."""
    return compare(a, b).same


def baseline(a: str, b: str) -> bool:
    return baseline_score(a, b) >= BASELINE_CUTOFF


def known_names_rule(enabled: bool) -> None:
    """Switch compare()'s known-names rule, forgetting cached scores."""
    module = sys.modules["rollcall.names.compare"]
    module.USE_KNOWN_NAMES = enabled
    module._compare.cache_clear()


def _opensanctions() -> Callable[[str, str], bool] | None:
    """The OpenSanctions name matcher (nomenklatura's name-based algorithm), when the optional extra is
    installed and its API is the one this was written against; otherwise None, with the reason printed."""
    if importlib.util.find_spec("nomenklatura") is None or importlib.util.find_spec("followthemoney") is None:
        print("OpenSanctions matcher: optional extra (followthemoney + nomenklatura) not installed; skipped")
        return None
    try:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm
        from nomenklatura.matching.types import ScoringConfig

        algorithm = get_algorithm("name-based")
        config = ScoringConfig.defaults()

        def entity(name: str, key: str):
            proxy = model.make_entity("Person")
            proxy.id = key
            proxy.add("name", name)
            return proxy

        def match(a: str, b: str) -> bool:
            return algorithm.compare(entity(a, "a"), entity(b, "b"), config).score >= 0.7

        match("Tursun Memet", "Tursun Memet")
        return match
    except Exception as exc:  # an API this script does not know: report and go on without it
        print(f"OpenSanctions matcher: installed but not usable here ({type(exc).__name__}: {exc}); skipped")
        return None


def _pct(x: float) -> str:
    return f"{100 * x:6.2f}%"


def accuracy(crowd: list[Person], seed: int, matchers: dict[str, Callable[[str, str], bool]]) -> None:
    rng = random.Random(seed + 7)
    names = pool()
    by_given: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(crowd):
        by_given[p.given].append(i)
    n = len(crowd)
    print(f"\n## Accuracy on {n:,} fictional people (same-person pairs accepted / different-person pairs accepted)")
    header = (f"{'writings':<16} {'matcher':<26} {'same ok':>8} {'random FA':>10} {'same-given FA':>14} "
              f"{'key-sharing FA':>15} {'key recall':>11}")
    print(header)
    print("-" * len(header))
    for s1, s2 in PAIR_TYPES:
        same = [(p.writings[s1], p.writings[s2]) for p in crowd]
        random_pairs, hard_pairs = [], []
        for i, p in enumerate(crowd):
            j = rng.randrange(n)
            if j != i and not same_name(p, crowd[j], names):
                random_pairs.append((p.writings[s1], crowd[j].writings[s2]))
            mates = [k for k in by_given[p.given] if k != i and not same_name(p, crowd[k], names)]
            if mates:
                hard_pairs.append((p.writings[s1], crowd[rng.choice(mates)].writings[s2]))
        index: dict[str, list[int]] = defaultdict(list)
        k2 = [keys(p.writings[s2]) for p in crowd]
        for j, ks in enumerate(k2):
            for k in ks:
                index[k].append(j)
        key_pairs = []
        recall_hits = 0
        for i, p in enumerate(crowd):
            k1 = keys(p.writings[s1])
            recall_hits += bool(k1 & k2[i])
            cands = {j for k in k1 for j in index[k] if j != i}
            cands = [j for j in cands if not same_name(p, crowd[j], names)]
            if cands:
                key_pairs.append((p.writings[s1], crowd[rng.choice(cands)].writings[s2]))
        for label, match in matchers.items():
            known_names_rule(match is not ours_without_table_names)
            ok = sum(match(a, b) for a, b in same) / len(same)
            fa_r = sum(match(a, b) for a, b in random_pairs) / max(1, len(random_pairs))
            fa_h = sum(match(a, b) for a, b in hard_pairs) / max(1, len(hard_pairs))
            fa_k = sum(match(a, b) for a, b in key_pairs) / max(1, len(key_pairs))
            recall = _pct(recall_hits / n) if label == "rollcall" else "-"
            print(f"{s1 + '↔' + s2:<16} {label:<26} {_pct(ok):>8} {_pct(fa_r):>10} {_pct(fa_h):>14} {_pct(fa_k):>15} "
                  f"{recall:>11}")
        print(f"{'':<16} {'(pairs)':<26} {len(same):>8} {len(random_pairs):>10} {len(hard_pairs):>14} "
              f"{len(key_pairs):>15}")


def blocking(total: int, seed: int) -> None:
    print(f"\n## Blocking keys over {total:,} names (each person written in one random script)")
    rng = random.Random(seed + 11)
    started = time.perf_counter()
    crowd = people(total, seed=seed + 1000)
    buckets: dict[str, int] = defaultdict(int)
    buckets_partial: dict[str, int] = defaultdict(int)
    per_name = []
    name_keys = []
    for p in crowd:
        text = p.writings[rng.choice(("latin", "arabic", "hanzi", "pinyin"))]
        ks = keys(text)
        name_keys.append(ks)
        per_name.append(len(ks))
        for k in ks:
            buckets[k] += 1
        for k in keys(text, partial=True):
            buckets_partial[k] += 1
    elapsed = time.perf_counter() - started
    sizes = sorted(buckets.values())
    cands = [sum(buckets[k] for k in ks) - len(ks) for ks in name_keys]
    cands.sort()
    print(f"{'measure':<44} {'value':>14}")
    print(f"{'distinct keys':<44} {len(buckets):>14,}")
    print(f"{'keys per name (mean)':<44} {statistics.fmean(per_name):>14.2f}")
    print(f"{'names per key (mean / median / max)':<44} {statistics.fmean(sizes):>5.1f} / "
          f"{sizes[len(sizes) // 2]} / {sizes[-1]:,}")
    print(f"{'candidates per name (mean)':<44} {statistics.fmean(cands):>14,.1f}")
    print(f"{'candidates per name (p50 / p99)':<44} {cands[len(cands) // 2]:>6,} / {cands[int(len(cands) * 0.99)]:,}")
    psizes = sorted(buckets_partial.values())
    print(f"{'partial=True: names per key (mean / max)':<44} {statistics.fmean(psizes):>5.1f} / {psizes[-1]:,}")
    print(f"{f'generate + key {total:,} names (s)':<44} {elapsed:>14.1f}")


def speed(crowd: list[Person], seed: int) -> None:
    from rollcall.names import compare as compare_mod  # noqa: F401  (caches are module-level)
    from rollcall.names import structure
    from rollcall.names.compare import _compare

    rng = random.Random(seed + 3)
    pairs = []
    for p in crowd:
        q = rng.choice(crowd)
        s1, s2 = rng.choice(PAIR_TYPES)
        pairs.append((p.writings[s1], q.writings[s2] if rng.random() < 0.5 else p.writings[s2]))
    _compare.cache_clear()
    structure.parse.cache_clear()
    structure.forms_of.cache_clear()
    print(f"\n## Speed ({len(pairs):,} mixed-script pairs, caches cleared first; wall clock and CPU time)")

    def timed(fn: Callable[[str, str], object]) -> tuple[float, float]:
        w0, c0 = time.perf_counter(), time.process_time()
        for a, b in pairs:
            fn(a, b)
        return time.perf_counter() - w0, time.process_time() - c0

    cold = timed(compare)
    _compare.cache_clear()
    warm = timed(compare)
    base = timed(baseline_score)
    print(f"{'matcher':<40} {'pairs/s (wall)':>15} {'pairs/s (CPU)':>14}")
    rows = (("rollcall compare (cold caches)", cold), ("rollcall compare (names parsed before)", warm),
            ("baseline rapidfuzz token-sort", base))
    for label, (wall, cpu) in rows:
        print(f"{label:<40} {len(pairs) / wall:>15,.0f} {len(pairs) / cpu:>14,.0f}")
    print(f"{'ratio rollcall (cold) / baseline':<40} {base[0] / cold[0]:>15.3f} {base[1] / cold[1]:>14.3f}")


def cli_speed(crowd: list[Person], seed: int, count: int) -> None:
    """Throughput of `rollcall names compare --pairs FILE --json`, start-up included."""
    import csv
    import resource
    import subprocess
    import tempfile

    rng = random.Random(seed + 5)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pairs.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["a", "b"])
            for _ in range(count):
                p, q = rng.choice(crowd), rng.choice(crowd)
                s1, s2 = rng.choice(PAIR_TYPES)
                w.writerow([p.writings[s1], (p if rng.random() < 0.5 else q).writings[s2]])
        t0 = time.perf_counter()
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc = subprocess.run([sys.executable, "-m", "rollcall", "names", "compare", "--pairs", str(path), "--json"],
                              capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    lines = proc.stdout.count("\n")
    print(f"\n## CLI: rollcall names compare --pairs ({count:,} pairs, start-up included)")
    print(f"{'exit code / output lines':<40} {proc.returncode} / {lines:,}")
    print(f"{'pairs/s (wall)':<40} {count / elapsed:>10,.0f}")
    print(f"{'pairs/s (CPU)':<40} {count / cpu:>10,.0f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--people", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--key-names", type=int, default=1_000_000)
    ap.add_argument("--cli-pairs", type=int, default=20_000)
    ap.add_argument("--skip-accuracy", action="store_true", help="Only speed and blocking.")
    args = ap.parse_args()
    crowd = people(args.people, seed=args.seed)
    matchers: dict[str, Callable[[str, str], bool]] = {
        "rollcall": ours, "rollcall, no known-name rule": ours_without_table_names,
        f"rapidfuzz≥{BASELINE_CUTOFF:g}": baseline}
    os_match = _opensanctions()
    if os_match is not None:
        matchers["opensanctions name-based≥0.7"] = os_match
    if not args.skip_accuracy:
        accuracy(crowd, args.seed, matchers)
    speed(crowd, args.seed)
    if args.cli_pairs:
        cli_speed(crowd, args.seed, args.cli_pairs)
    if args.key_names:
        blocking(args.key_names, args.seed)


if __name__ == "__main__":
    main()
