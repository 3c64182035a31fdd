"""The bridge to the search library (`rollcall.search`), which may not be installed or built yet."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Outcome:
    """What a search gave: results, or why there are none (`unavailable` says the index is missing)."""

    results: list[dict] = field(default_factory=list)
    unavailable: str = ""
    error: str = ""


def run(query: str, *, public: bool, limit: int = 50) -> Outcome:
    """Search people in the search library's public mode (or full mode for logged-in roles)."""
    try:
        from rollcall.search import search
    except ImportError:
        return Outcome(unavailable="search index not built")
    from rollcall.errors import RollcallError

    try:
        found = search(query, limit=limit, public=public)
    except RollcallError as exc:
        return Outcome(error=str(exc))
    return Outcome(results=[r if isinstance(r, dict) else getattr(r, "__dict__", {"id": str(r)}) for r in found])
