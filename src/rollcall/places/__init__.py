"""The gazetteer: every administrative unit of Xinjiang in Chinese, pinyin, Uyghur script, ULY Latin and
common English spellings, the rest of China at county level in Chinese, and `resolve` from any writing.

Pure library: no Django. Data: `data/xinjiang.csv` (see `data/README.md`) and python-stdnum's
`cn/loc.dat` for the rest of China.
"""

from __future__ import annotations

from rollcall.places.gazetteer import all_places, children, get, later_codes, latin_name, lineage, successors
from rollcall.places.model import LEVELS, Candidate, Place
from rollcall.places.resolve import resolve

__all__ = ["LEVELS", "Candidate", "Place", "all_places", "children", "get", "later_codes", "latin_name",
           "lineage", "resolve", "successors"]
