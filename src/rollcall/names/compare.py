"""Whether two writings are the same name, how sure, and why.

The score, in [0, 1]:

- Each part of one name is compared with each part of the other through every Latin form either part
  has (ULY from Arabic script, table readings of characters, pinyin readings, the folded spelling...).
  Two forms score 1.0 when their skeletons (latin.fold) are equal, and otherwise lose
  `EDIT_PENALTY` × (edits / length) — so one wrong letter in a six-letter name costs 0.2; a name element
  both share (Abdu-, Nur-, -jan, -gül: the table's prefixes and suffixes) is left out of the length first,
  so Abdurehim and Abdureshit differ as much as -rehim and -reshit do. The part score
  is that times the trust in the conversions used (METHOD_WEIGHT: syllable-by-syllable readings of
  characters weigh 0.95, dropping -jan 0.9).
- The table is also a dictionary (`form_score`): two different names it knows are different however close
  their letters (Memet, Mamut); two spellings of one transcription (Tahir, Tayir) are alike; a spelling
  one slip from exactly one table name is read as it (Mijti, Mijit). `USE_KNOWN_NAMES = False` turns
  this off (the benchmark does, to stand for names the table does not know).
- Parts are paired one-to-one, in whatever order scores best: "Memet Tursun" = "Tursun Memet".
- The name score mixes the weakest and the average pair score (`WEAKEST_SHARE`), so one good part
  cannot carry a wrong one: Tursun Memet vs Tursun Ehmet is not the same name.
- A part with no counterpart (a grandfather's name on one side only) multiplies the score by
  `EXTRA_PART_FACTOR` when at least two parts matched.
- One side may write as one part what the other writes as two ("Tursunmemet" / "Tursun Memet",
  "Abdu Rehim" / "Abdurehim"): two neighbouring parts of the longer name are also tried joined (a joined
  form weighs 0.97).
- Partial names: when one side has a single part and the other several (a given name alone against a
  full name), the score is at most `PARTIAL_FACTOR` (0.7), below the threshold: such a pair is a
  candidate for a human, never the same name by itself.

`same` is `score >= THRESHOLD` (0.8).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import OSA

from rollcall.names import table
from rollcall.names.latin import fold
from rollcall.names.structure import Form, Part, as_text, parse

THRESHOLD = 0.8
EDIT_PENALTY = 1.2
WEAKEST_SHARE = 0.6
EXTRA_PART_FACTOR = 0.92
PARTIAL_FACTOR = 0.7
KNOWN_DIFFERENT_FACTOR = 0.5
INTERCHANGEABLE_SCORE = 0.9
SLIP_SCORE = 0.9
_MIN_SLIP_LENGTH = 4
USE_KNOWN_NAMES = True  # the benchmark switches it off to measure names outside the table
_MIN_CORE = 3
MAX_JOINED = 4  # joining neighbours is tried among the first parts only
_BRUTE_FORCE_PARTS = 5


@dataclass(frozen=True, slots=True)
class PartMatch:
    """One part of name a paired with one part of name b, with the forms that agreed best."""

    a: str  # the part of a as written
    b: str
    a_latin: str  # the Latin form of a that matched
    b_latin: str
    a_via: str  # how a's form was obtained (exact, latin-fold, arabic→uly, hanzi-table, pinyin...)
    b_via: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "a_latin": self.a_latin, "b_latin": self.b_latin, "a_via": self.a_via,
                "b_via": self.b_via, "score": round(self.score, 4)}


@dataclass(frozen=True, slots=True)
class Comparison:
    """The outcome of compare(a, b)."""

    a: str
    b: str
    score: float
    same: bool
    threshold: float
    partial: bool  # one side is a single part matched inside a longer name
    explanation: tuple[PartMatch, ...]
    unmatched_a: tuple[str, ...]
    unmatched_b: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "score": round(self.score, 4), "same": self.same,
                "threshold": self.threshold, "partial": self.partial,
                "explanation": [m.to_dict() for m in self.explanation],
                "unmatched_a": list(self.unmatched_a), "unmatched_b": list(self.unmatched_b)}


def form_score(a: str, b: str, known: tuple[bool, bool] | None = None) -> float:
    """How alike two skeletons are: 1.0 equal, less by EDIT_PENALTY per edit relative to length, ≥ 0.

    `known` says whether each is a name the table knows (by default: whether its skeleton is a table name).
    When both are, and they are not spellings of one name (no shared transcription), they are different
    names however close their letters (Memet, Mamut): the score is multiplied by KNOWN_DIFFERENT_FACTOR;
    two table spellings sharing a transcription (Tahir, Tayir) score at least INTERCHANGEABLE_SCORE. When
    only one is known and the other is one slip of the pen from it and from no other table name (Mijti,
    Mijit), the slip is read as that name: at least SLIP_SCORE.
    """
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    ca, cb = _without_shared_affixes(a, b)
    edits = OSA.distance(ca, cb)
    edit = max(0.0, 1.0 - EDIT_PENALTY * edits / max(len(ca), len(cb)))
    if not USE_KNOWN_NAMES:
        return edit
    if known is None:
        names = table.known_skeletons()
        known = (a in names, b in names)
    if known[0] and known[1]:
        if (a, b) in table.interchangeable_skeletons():
            return max(edit, INTERCHANGEABLE_SCORE)
        return edit * KNOWN_DIFFERENT_FACTOR
    if known[0] != known[1] and OSA.distance(a, b) == 1:
        slip, name = (b, a) if known[0] else (a, b)
        near = table.near_names(slip)
        same = table.interchangeable_skeletons()
        if len(slip) >= _MIN_SLIP_LENGTH and all(n == name or (n, name) in same for n in near):
            return max(edit, SLIP_SCORE)
    return edit


def _without_shared_affixes(a: str, b: str) -> tuple[str, str]:
    """Both skeletons without a name element they share at the start (Abdu-, Nur-) or end (-jan, -gul), so that
    Abdurehim/Abdureshit or Kerimjan/Qasimjan differ as much as their cores do."""
    if a[:2] == b[:2]:
        prefixes = table.affix_skeletons()[0]
        for k in range(min(len(a), len(b)) - _MIN_CORE, 1, -1):
            if a[:k] == b[:k] and a[:k] in prefixes:
                a, b = a[k:], b[k:]
                break
    if a[-2:] == b[-2:]:
        suffixes = table.affix_skeletons()[1]
        for k in range(min(len(a), len(b)) - _MIN_CORE, 1, -1):
            if a[-k:] == b[-k:] and a[-k:] in suffixes:
                a, b = a[:-k], b[:-k]
                break
    return a, b


def _best_forms(fa: tuple[Form, ...], fb: tuple[Form, ...]) -> tuple[float, Form | None, Form | None]:
    """The best-scoring pair of forms of two parts, its score weighted by the trust in each conversion."""
    best: tuple[float, Form | None, Form | None] = (0.0, None, None)
    for x in fa:
        for y in fb:
            s = form_score(x.skeleton, y.skeleton, (x.known, y.known)) * min(x.weight, y.weight)
            if s > best[0]:
                best = (s, x, y)
                if s >= 1.0:
                    return best
    return best


def _pairing(matrix: list[list[float]]) -> list[tuple[int, int]]:
    """The one-to-one pairing of rows and columns with the highest total score (the first such, in
    permutation order, where two tie)."""
    na, nb = len(matrix), len(matrix[0])
    if na == 1:
        row = matrix[0]
        return [(0, row.index(max(row)))]
    if nb == 1:
        column = [r[0] for r in matrix]
        return [(column.index(max(column)), 0)]
    if na == nb == 2:  # the commonest case, a given and a father's name on each side
        crossed = matrix[0][1] + matrix[1][0] > matrix[0][0] + matrix[1][1]
        return [(0, 1), (1, 0)] if crossed else [(0, 0), (1, 1)]
    if max(na, nb) <= _BRUTE_FORCE_PARTS:
        if na <= nb:
            best = max(itertools.permutations(range(nb), na),
                       key=lambda cols: sum(matrix[i][c] for i, c in enumerate(cols)))
            return list(enumerate(best))
        best = max(itertools.permutations(range(na), nb),
                   key=lambda rows: sum(matrix[r][j] for j, r in enumerate(rows)))
        return [(r, j) for j, r in enumerate(best)]
    cells = sorted(((matrix[i][j], i, j) for i in range(na) for j in range(nb)), reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for _s, i, j in cells:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j))
    return sorted(pairs)


# Linkage compares each of up to a million distinct names with many others: parsing one again costs more
# than keeping its parts.
@lru_cache(maxsize=1 << 20)
def _comparable(text: str) -> tuple[Part, ...]:
    """The parts of a name that have a comparable form."""
    return tuple(p for p in parse(text).parts if p.forms)


def compare(a: str, b: str) -> Comparison:
    """Compare two names written in any scripts: score in [0, 1], verdict at THRESHOLD, and why."""
    return _compare(as_text(a), as_text(b))


@dataclass(frozen=True, slots=True)
class _Reading:
    """The best way found to pair two names' parts: its score, the parts as read, the pairing, the cells."""

    score: float
    pa: tuple[Part, ...]
    pb: tuple[Part, ...]
    pairs: list[tuple[int, int]]
    cells: list[list[tuple[float, Form | None, Form | None]]]


def _read(a: str, b: str) -> _Reading | None:
    """The best-scoring pairing of the parts of two names (None when either has no comparable part)."""
    pa, pb = _comparable(a), _comparable(b)
    if not pa or not pb:
        return None
    best = _score_parts(pa, pb)
    # One side may write as one part what the other writes as two (Tursunmemet / Tursun Memet, Abdu Rehim):
    # try joining two neighbouring parts of the longer side.
    if len(pa) != len(pb):
        longer_is_a = len(pa) > len(pb)
        longer = pa if longer_is_a else pb
        for i in range(min(len(longer), MAX_JOINED) - 1):
            joined = (*longer[:i], _join(longer[i], longer[i + 1]), *longer[i + 2:])
            trial = _score_parts(joined, pb) if longer_is_a else _score_parts(pa, joined)
            if trial.score > best.score:
                best = trial
    return best


@lru_cache(maxsize=65536)
def _compare(a: str, b: str) -> Comparison:
    reading = _read(a, b)
    if reading is None:
        pa, pb = _comparable(a), _comparable(b)
        return Comparison(a, b, 0.0, False, THRESHOLD, False, (), tuple(p.text for p in pa), tuple(p.text for p in pb))
    pa, pb = reading.pa, reading.pb
    matches = []
    for i, j in reading.pairs:
        s, fx, fy = reading.cells[i][j]
        if pa[i].text == pb[j].text:
            s, via_a, via_b = 1.0, "exact", "exact"
        else:
            via_a, via_b = _via(fx), _via(fy)
        matches.append(PartMatch(pa[i].text, pb[j].text, fx.latin if fx else pa[i].latin,
                                 fy.latin if fy else pb[j].latin, via_a, via_b, s))
    k, n = len(reading.pairs), max(len(pa), len(pb))
    used_a, used_b = {i for i, _ in reading.pairs}, {j for _, j in reading.pairs}
    return Comparison(a, b, reading.score, reading.score >= THRESHOLD, THRESHOLD, k == 1 and n > 1, tuple(matches),
                      tuple(p.text for i, p in enumerate(pa) if i not in used_a),
                      tuple(p.text for j, p in enumerate(pb) if j not in used_b))


def _join(x: Part, y: Part) -> Part:
    forms = tuple(Form(fx.latin + fy.latin.lower(), fold(fx.latin + fy.latin), "joined parts")
                  for fx in x.forms[:4] for fy in y.forms[:4])
    return Part(f"{x.text} {y.text}", x.script, x.role, forms)


def _score_parts(pa: tuple[Part, ...], pb: tuple[Part, ...]) -> _Reading:
    cells = [[_best_forms(x.forms, y.forms) for y in pb] for x in pa]
    # the same part as written is the same name, whatever its forms made of it
    scores = [[1.0 if x.text == y.text else c[0] for y, c in zip(pb, row, strict=True)]
              for x, row in zip(pa, cells, strict=True)]
    pairs = _pairing([[c[0] for c in row] for row in cells])
    paired = [scores[i][j] for i, j in pairs]
    score = WEAKEST_SHARE * min(paired) + (1 - WEAKEST_SHARE) * sum(paired) / len(paired)
    k, n = len(pairs), max(len(pa), len(pb))
    if k == 1 and n > 1:
        score *= PARTIAL_FACTOR
    elif n > k:
        score *= EXTRA_PART_FACTOR ** (n - k)
    return _Reading(max(0.0, min(1.0, score)), pa, pb, pairs, cells)


def _via(form: Form | None) -> str:
    return form.method if form is not None else "none"


def score(a: str, b: str) -> float:
    """compare(a, b).score, without building its explanation (linkage asks for millions, as a SQL function)."""
    reading = _read(as_text(a), as_text(b))
    return reading.score if reading is not None else 0.0
