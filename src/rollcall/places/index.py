"""The lookup tables behind `resolve`: every writing of every place, folded several ways."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from rollcall.places.gazetteer import all_places
from rollcall.places.model import Place
from rollcall.places.normalise import fold, is_cjk, latin_keys, script_of, strip_generic


@dataclass(frozen=True)
class Hit:
    """One writing of one place that a key leads to; `field` names where the writing comes from."""

    place: Place
    writing: str
    field: str


@dataclass
class Index:
    """Keys to hits: `full` (all words), `core` (generic part stripped, words joined), `latin` (folded
    Latin spellings), `zh` (Chinese names and cores, for scanning addresses)."""

    full: dict[str, list[Hit]] = field(default_factory=lambda: defaultdict(list))
    core: dict[str, list[Hit]] = field(default_factory=lambda: defaultdict(list))
    latin: dict[str, list[Hit]] = field(default_factory=lambda: defaultdict(list))
    zh: dict[str, list[Hit]] = field(default_factory=lambda: defaultdict(list))
    zh_longest: int = 0

    def add(self, place: Place, writing: str, field_name: str) -> None:
        """Index one writing of a place under all its keys."""
        words = fold(writing)
        if not words:
            return
        hit = Hit(place, writing, field_name)
        _append(self.full, " ".join(words), hit)
        core, _ = strip_generic(words)
        core_key = "".join(core)
        _append(self.core, core_key, hit)
        for key in latin_keys(core_key):
            if len(key) >= 3:
                _append(self.latin, key, hit)
        if script_of(writing) == "zh":
            for key in {"".join(words), core_key}:
                if len(key) >= 2 and all(is_cjk(ch) for ch in key):
                    _append(self.zh, key, hit)
                    self.zh_longest = max(self.zh_longest, len(key))


def _append(table: dict[str, list[Hit]], key: str, hit: Hit) -> None:
    hits = table[key]
    if not any(h.place.code == hit.place.code for h in hits):
        hits.append(hit)


def writings(place: Place) -> list[tuple[str, str]]:
    """Every writing of a place with the name of its field."""
    pairs = [(place.name_zh, "Chinese"), (place.pinyin, "pinyin"), (place.name_ug, "Uyghur"),
             (place.name_uly, "ULY")]
    pairs += [(name, "English") for name in place.english]
    pairs += [(name, "former or other name") for name in place.other_names]
    return [(text, name) for text, name in pairs if text]


@cache
def index() -> Index:
    """The index over the whole gazetteer, built once per process."""
    built = Index()
    for place in all_places():
        for text, field_name in writings(place):
            built.add(place, text, field_name)
    return built
