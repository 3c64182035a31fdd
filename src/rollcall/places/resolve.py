"""`resolve`: which places a piece of text may mean, from any writing, ranked best first.

Confidence is a match-quality figure in [0, 1], not a probability:
1.0 the text is exactly one writing of one unit; 0.95 the same after dropping the generic part
(县, County, ناھىيىسى); 0.85 an informal Latin spelling folded onto a known one; scanned addresses score
by how many of a unit's ancestors the text also names (up to 0.9); fuzzy spellings score at most 0.7.
Each is lowered when the text fits several units equally (×0.9), when the unit no longer exists under
that code (×0.9), when the text names another kind of unit (×0.9) and for units outside Xinjiang (×0.95).
A unit no longer in use brings the current units that continue it (`Place.former_codes`) at ×0.95 of its
score.
"""

from __future__ import annotations

from dataclasses import dataclass

from rollcall.places.gazetteer import get, later_codes, lineage, normalise_code
from rollcall.places.index import Hit, index
from rollcall.places.model import LEVELS, Candidate, Place
from rollcall.places.normalise import (
    fold,
    is_cjk,
    kind_of_name,
    latin_keys,
    script_of,
    strip_generic,
    strip_joined_pinyin,
)

_MAX_WORDS = 6       # longest Latin/Arabic name, in words, looked for inside a longer text
_FUZZY_CUTOFF = 86   # rapidfuzz ratio below which a spelling is not offered at all


@dataclass
class _Scored:
    place: Place
    score: float
    matched: str
    beside_parent: bool = False  # named in a text that also names its parent


def resolve(text: str, *, limit: int = 5, within: str | None = None) -> list[Candidate]:
    """Places `text` may name, ranked best first (at most `limit`; only places inside the unit `within`
    when given). Takes any writing, with or without generic suffixes or tones, and free-text addresses
    (新疆喀什地区疏附县托克扎克镇 → 653121). Text that names no known place gives an empty list."""
    words = fold(text if isinstance(text, str) else "")
    if not words or limit <= 0:
        return []
    shown = " ".join(text.split())
    if shown.isdigit() and len(shown) in (2, 4, 6) and (place := get(shown)) is not None:
        return [Candidate(place, 1.0, f"{shown!r} = {place.code} (code)")]
    scored = _with_successors(_whole(words, shown) or _scan(words) or _fuzzy(words, shown))
    if within:
        scope = normalise_code(within)
        scored = [s for s in scored if any(p.code == scope for p in lineage(s.place.code))]
    scored.sort(key=_order)
    return [Candidate(s.place, round(s.score, 3), s.matched) for s in scored[:limit]]


PARENT_FACTOR = 0.95  # a parent named beside its unit ranks just below it
SUCCESSOR_FACTOR = 0.95  # a unit reached through a re-coding ranks just below the old unit the text named


def _with_successors(scored: list[_Scored]) -> list[_Scored]:
    """The candidates, and for each unit no longer in use, the current units that continue it under a
    new code (库车县 652923 → 库车市 652902), scored just below it: an old name in an address usually
    means the place as it is now."""
    found = {s.place.code: s for s in scored}
    for old in scored:
        if old.place.valid_to is None:
            continue
        for code in later_codes(old.place.code)[1:]:
            place = get(code)
            if place is None or not place.current:
                continue
            score = old.score * SUCCESSOR_FACTOR
            if code not in found or found[code].score < score:
                found[code] = _Scored(place, score, f"{old.matched}; continued by {place.name_zh} {code} "
                                                    f"since {place.valid_from or '?'}")
    return list(found.values())


# Among equally good matches: higher levels first, and a county before an urban district of the same
# name (a bare 'Yengisheher' is Shule county in Kashgar more often than Urumqi's Xinshi district).
_KIND_ORDER = {"province": 0, "prefecture": 1, "city": 2, "county": 3, "district": 4}


def _order(scored: _Scored) -> tuple:
    place = scored.place
    return (-scored.score, LEVELS.index(place.level) if place.level in LEVELS else 9,
            _KIND_ORDER.get(kind_of_name(place.name_zh) or "", 5), place.code)


def _factor(place: Place, kind: str | None) -> float:
    """How much a match on this place is discounted for being historic, off-kind or outside Xinjiang."""
    factor = 1.0
    if place.valid_to is not None:
        factor *= 0.9
    if kind is not None and kind_of_name(place.name_zh) != kind:
        factor *= 0.9
    if place.partial:
        factor *= 0.95
    return factor


def _describe(text: str, hit: Hit, how: str) -> str:
    return f"{text!r} = {hit.writing} ({hit.field}, {how})"


def _rank_hits(text: str, tiers: list[tuple[float, list[Hit], str]], kind: str | None) -> list[_Scored]:
    best: dict[str, _Scored] = {}
    for base, hits, how in tiers:
        for hit in hits:
            score = base * _factor(hit.place, kind)
            if hit.place.code not in best or best[hit.place.code].score < score:
                best[hit.place.code] = _Scored(hit.place, score, _describe(text, hit, how))
    found = list(best.values())
    current = [s for s in found if s.place.valid_to is None]
    if len(current) > 1:
        top = max(s.score for s in current)
        if sum(1 for s in current if s.score == top) > 1:
            for s in found:
                s.score *= 0.9
    return found


def _whole(words: list[str], shown: str) -> list[_Scored]:
    """Candidates when the whole text is one writing of a place."""
    idx = index()
    core, kind = strip_generic(words)
    core_key = "".join(core)
    tiers = [(1.0, idx.full.get(" ".join(words), []), "exact")]
    tiers.append((0.95, idx.core.get(core_key, []), "generic part ignored"))
    joined = strip_joined_pinyin(core_key) if not any(hits for _, hits, _ in tiers) else None
    if joined is not None:
        core_key, kind = joined
        tiers.append((0.95, idx.core.get(core_key, []), "generic part ignored"))
    if not any(hits for _, hits, _ in tiers):
        latin_hits = [h for key in latin_keys(core_key) for h in idx.latin.get(key, [])]
        tiers.append((0.85, latin_hits, "spelling folded"))
    return _rank_hits(shown, tiers, kind)


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    hits: list[Hit]
    quality: float


def _scan(words: list[str]) -> list[_Scored]:
    """Candidates from the names found inside a longer text (an address): the deepest unit whose
    ancestors the text also names ranks first."""
    mentions = _mentions(words)
    if not mentions:
        return []
    found: dict[str, _Scored] = {}
    qualifiers: dict[int, float] = {}  # mention -> best score of a unit it names the parent of
    for mention in mentions:
        for hit in mention.hits:
            # a name that may itself be the ancestor ('Kashgar': prefecture or city) gets no support
            # from another writing of that ancestor ('Kashgar 喀什地区' is the prefecture named twice)
            ancestors = {p.code for p in lineage(hit.place.code)[1:]} - {h.place.code for h in mention.hits}
            parents = [n for n, other in enumerate(mentions) if other is not mention
                       and any(h.place.code in ancestors for h in other.hits)]
            score = min(0.9, mention.quality * (0.75 + 0.1 * len(parents))) * _factor(hit.place, None)
            for n in parents:
                qualifiers[n] = max(qualifiers.get(n, 0.0), score)
            if hit.place.code not in found or found[hit.place.code].score < score:
                how = f"found in text{', with its parent' if parents else ''}"
                found[hit.place.code] = _Scored(hit.place, score, _describe(mention.text, hit, how), bool(parents))
    # a unit named beside its parent is the place meant; the parent's name only says where it lies, and
    # whatever else that name could mean ranks below ("Lopu, Hotan": Lop County, however loosely spelt)
    for n, meant in qualifiers.items():
        for hit in mentions[n].hits:
            named = found[hit.place.code]
            if named.score >= meant and not named.beside_parent:
                named.score = meant * PARENT_FACTOR
    return list(found.values())


def _mentions(words: list[str]) -> list[_Mention]:
    """Known names inside the text, longest first, not overlapping one another."""
    idx = index()
    options: list[_Mention] = []
    offset = 0
    positions: list[tuple[int, int]] = []
    for word in words:
        positions.append((offset, offset + len(word)))
        offset += len(word) + 1
    has_cjk = [any(is_cjk(ch) for ch in word) for word in words]
    for n, word in enumerate(words):
        base = positions[n][0]
        if has_cjk[n]:
            for i in range(len(word)):
                for length in range(min(idx.zh_longest, len(word) - i), 1, -1):
                    piece = word[i:i + length]
                    if piece in idx.zh:
                        options.append(_Mention(base + i, base + i + length, piece, idx.zh[piece],
                                                0.9 if idx.full.get(piece) else 0.85))
    for size in range(min(_MAX_WORDS, len(words)), 0, -1):
        for n in range(len(words) - size + 1):
            gram = words[n:n + size]
            if any(has_cjk[n:n + size]):
                continue
            start, end = positions[n][0], positions[n + size - 1][1]
            hits = index().full.get(" ".join(gram))
            quality = 0.9
            if not hits:
                core, _ = strip_generic(gram)
                core_key = "".join(core)
                hits, quality = idx.core.get(core_key), 0.85
                if not hits and len(core_key) >= 4:
                    hits = [h for key in latin_keys(core_key) for h in idx.latin.get(key, [])]
                    quality = 0.8
            if hits:
                if size == 1 and len(gram[0]) <= 4:
                    quality *= 0.9  # a short lone word ('Bay', 'Lop') is more often just a word
                options.append(_Mention(start, end, " ".join(gram), list(hits), quality))
    chosen: list[_Mention] = []
    for option in sorted(options, key=lambda m: (-(m.end - m.start), m.start)):
        if all(option.end <= c.start or option.start >= c.end for c in chosen):
            chosen.append(option)
    return sorted(chosen, key=lambda m: m.start)


def _fuzzy(words: list[str], shown: str) -> list[_Scored]:
    """Candidates for a misspelt name: the nearest known writings of the same script."""
    from rapidfuzz import fuzz, process

    core, kind = strip_generic(words)
    core_key = "".join(core)
    if len(core_key) < 4 or script_of(core_key) == "zh":
        return []
    idx = index()
    pools = [(core_key, idx.core)]
    pools += [(key, idx.latin) for key in latin_keys(core_key)]
    found: dict[str, _Scored] = {}
    for query, table in pools:
        for key, score, _ in process.extract(query, list(table.keys()), scorer=fuzz.ratio,
                                             score_cutoff=_FUZZY_CUTOFF, limit=10):
            for hit in table[key]:
                value = 0.7 * score / 100 * _factor(hit.place, kind)
                if hit.place.code not in found or found[hit.place.code].score < value:
                    found[hit.place.code] = _Scored(
                        hit.place, value, _describe(shown, hit, f"similar spelling {score:.0f}%"))
    return list(found.values())
