"""Names across scripts: one person, whether written in Uyghur Arabic script, Latin, Chinese or pinyin.

A pure library (no Django). The stable API, documented in docs/names.md:

- `compare(a, b) -> Comparison`: score in [0, 1], `same` at `THRESHOLD`, and which parts matched how.
- `keys(name, partial=False, slips=True) -> frozenset[str]`: blocking keys; every writing of a name shares
  one (`slips=False`: without the keys for a slip in one consonant).
- `first_keys(name) -> frozenset[str]`: the keys of its first part alone (the given name).
- `show(name) -> NameView`: script, parts, Latin forms, pinyin and keys.
- `parse(name) -> ParsedName`, `latin_forms(name)`, `detect_script(text) -> Script`, `fold(part)`.
"""

from rollcall.names.compare import THRESHOLD, Comparison, PartMatch, compare, score
from rollcall.names.keys import first_keys, keys
from rollcall.names.latin import fold
from rollcall.names.scripts import Script, detect_script
from rollcall.names.show import NameView, PartView, latin_forms, show
from rollcall.names.structure import Form, ParsedName, Part, first_part, parse

__all__ = [
    "THRESHOLD", "Comparison", "Form", "NameView", "ParsedName", "Part", "PartMatch", "PartView", "Script",
    "compare", "detect_script", "first_keys", "first_part", "fold", "keys", "latin_forms", "parse", "score", "show",
]
