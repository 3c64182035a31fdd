"""Chinese transcriptions of Uyghur, Kazakh and Kyrgyz names, read back into ULY Latin.

A part such as 阿卜杜热依木 is segmented into pieces of the curated table (阿卜杜 = Abdu, 热依木 = Rehim),
longest first; characters no table piece covers are read one by one through the syllable table (the
DB65/T 2189-style values each character stands for). Each reading says how it was obtained:
`hanzi-table` when the table covers the whole part, `hanzi-syllables` when any character was read alone.
Traditional characters are simplified first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from hanziconv import HanziConv

from rollcall.names import table

MAX_READINGS = 12  # Latin readings kept per part; ambiguous transcriptions (买买提) give several
_MAX_PIECE = 8  # longest transcription in characters looked up as one table piece
_BEAM = 24
MAX_PART_CHARS = 16  # a longer run of characters is no single name part: it is read by its first 16


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to read a Chinese-character name part in ULY Latin."""

    latin: str  # ULY Latin, capitalised like the table (e.g. "Abdurehim")
    method: str  # "hanzi-table" or "hanzi-syllables"
    pieces: tuple[str, ...]  # the characters of each piece, e.g. ("阿卜杜", "热依木")
    kinds: tuple[str, ...]  # the table kind of each piece ("name", "prefix", "suffix", "syllable")


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """`text` with traditional characters replaced by simplified ones."""
    return HanziConv.toSimplified(text) if text else text


def _syllable_options(ch: str, start: bool, end: bool) -> list[str]:
    sounds = table.syllables_by_hanzi().get(ch, ())
    wanted = {"any", "initial" if start else "final" if end else "medial"}
    if not start and not end:
        wanted.add("medial")
    options = [s.latin for s in sounds if s.position in wanted] or [s.latin for s in sounds]
    return list(dict.fromkeys(options))


@lru_cache(maxsize=65536)
def readings(part: str) -> tuple[Reading, ...]:
    """Latin readings of one Chinese-character name part, best first (empty if nothing could be read)."""
    part = to_simplified("".join(ch for ch in part if not ch.isspace()))[:MAX_PART_CHARS]
    n = len(part)
    if n == 0:
        return ()
    index = table.by_hanzi()
    whole = index.get(part)
    if whole:  # the table knows the part as written: its readings are the answer
        kinds: dict[str, str] = {}
        for e in whole:
            kinds.setdefault(e.latin[:1].upper() + e.latin[1:], e.kind)
        return tuple(Reading(latin, "hanzi-table", (part,), (kind,))
                     for latin, kind in list(kinds.items())[:MAX_READINGS])
    # best[i]: partial readings covering part[:i], as (cost, latin, pieces, kinds); cost prefers fewer
    # pieces and table pieces over single characters.
    best: list[list[tuple[float, str, tuple[str, ...], tuple[str, ...]]]] = [[] for _ in range(n + 1)]
    best[0] = [(0.0, "", (), ())]
    for i in range(n):
        if not best[i]:
            continue
        steps: list[tuple[int, float, list[str], str]] = []
        for j in range(min(n, i + _MAX_PIECE), i, -1):
            entries = index.get(part[i:j])
            if entries:
                latins = list(dict.fromkeys(e.latin for e in entries))
                kinds = {e.latin: e.kind for e in entries}
                for latin in latins:
                    steps.append((j, 1.0, [latin], kinds[latin]))
        sounds = _syllable_options(part[i], i == 0, i == n - 1)
        if sounds:
            steps.append((i + 1, 2.5, sounds, "syllable"))
        for j, cost, latins, kind in steps:
            for c0, l0, p0, k0 in best[i]:
                for latin in latins:
                    joined = l0 + (latin.lower() if l0 else latin)
                    best[j].append((c0 + cost, joined, p0 + (part[i:j],), k0 + (kind,)))
        for j in range(i + 1, n + 1):
            if len(best[j]) > _BEAM:
                best[j] = sorted(best[j], key=lambda r: r[0])[:_BEAM]
    done = sorted(best[n], key=lambda r: r[0])
    out: list[Reading] = []
    seen: set[str] = set()
    for _cost, latin, pieces, kinds in done:
        if latin.lower() in seen:
            continue
        seen.add(latin.lower())
        method = "hanzi-syllables" if "syllable" in kinds else "hanzi-table"
        out.append(Reading(latin[:1].upper() + latin[1:], method, pieces, kinds))
        if len(out) >= MAX_READINGS:
            break
    return tuple(out)


@lru_cache(maxsize=16384)
def split_run(run: str) -> tuple[str, ...]:
    """A run of characters written without separators (伊力哈木土赫提) split into name parts, when the table's
    best reading of it is two or more whole names; otherwise (吐尔逊买买提 is the one name Tursunmemet) the
    run as one part."""
    run = to_simplified(run)
    if len(run) < 4 or len(run) > MAX_PART_CHARS:
        return (run,)
    for reading in readings(run):
        if reading.method != "hanzi-table":
            continue
        parts: list[str] = []
        previous = ""
        for piece, kind in zip(reading.pieces, reading.kinds, strict=True):
            if parts and (kind == "suffix" or previous == "prefix"):
                parts[-1] += piece
            else:
                parts.append(piece)
            previous = kind
        if len(parts) >= 2 and all(len(p) >= 2 for p in parts):
            return tuple(parts)
        return (run,)
    return (run,)
