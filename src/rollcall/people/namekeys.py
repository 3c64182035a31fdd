"""How linkage sees a name, through the names library: canonical form, blocking keys, score."""

from __future__ import annotations

from functools import lru_cache

from rollcall import names
from rollcall.people.features import NameFeatures


@lru_cache(maxsize=262144)
def features(text: str) -> NameFeatures:
    """Blocking keys of a name in any script, its single-part keys, a canonical (order-free) form, and the
    frame its commonness is counted by."""
    # Without keys for a consonant slip: at 100,000 records those made 70% of the pairs sharing a name key
    # and held 0.3% of the true pairs (see docs/linkage.md).
    full = sorted(names.keys(text, slips=False))
    parts = sorted(k for k in names.keys(text, partial=True, slips=False) if k.startswith("1:"))
    comparable = [p for p in names.parse(text).parts if p.forms]
    # each part's best reading folded (latin.fold), in any order: 吐尔逊·买买提, تۇرسۇن مەمەت, Tursun Memet and
    # Mamat Tursun are all "mamat|tursun", counted together however each is written. (Consonants alone,
    # "mmt|trsn", counted Memet with Mamut and Muhemmet: F1 0.925 against 0.929 at 100,000 records.)
    frame = "|".join(sorted(p.forms[0].skeleton for p in comparable)) if len(comparable) > 1 else None
    return NameFeatures(canon="|".join(full) or None, keys=full, part_keys=parts, parts=len(comparable),
                        frame=frame)


ORDERED_SCRIPTS = {names.Script.HAN, names.Script.ARABIC}
SWAPPED_SCORE = 0.5


def _order_known(text: str) -> bool:
    """Whether a name's written order says which part is the given name: registers in characters and
    lists in Uyghur script write the given name first; Latin spellings from testimonies come either way."""
    return names.parse(text).script in ORDERED_SCRIPTS


def _swapped(c: names.Comparison) -> bool:
    a_parts = [p.text for p in names.parse(c.a).parts]
    b_parts = [p.text for p in names.parse(c.b).parts]
    pairs = {(a_parts.index(m.a), b_parts.index(m.b)) for m in c.explanation if m.a in a_parts and m.b in b_parts}
    return (0, 1) in pairs and (1, 0) in pairs


@lru_cache(maxsize=500_000)
def score(a: str, b: str) -> float:
    """Our cross-script name score in [0, 1] (see rollcall.names.compare), except that two names whose
    order is known and whose given and father's names are swapped score SWAPPED_SCORE at most: that is a
    father and a son named after their fathers (Abdugopur Abduwahit, Abduwahit Abdugopur), not one man."""
    value = names.score(a, b)
    if value > SWAPPED_SCORE and _order_known(a) and _order_known(b) and _swapped(names.compare(a, b)):
        return SWAPPED_SCORE
    return value
