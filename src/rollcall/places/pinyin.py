"""Pinyin names for Chinese unit names, in the gazetteer's style: the proper name as one capitalised word,
then the generic part ('疏附县' → 'Shufu Xian', '巴里坤哈萨克自治县' → 'Balikun Hasake Zizhixian')."""

from __future__ import annotations

# Generic endings, longest first, with their pinyin as written on maps.
GENERIC = (
    ("维吾尔自治区", "Weiwu'er Zizhiqu"), ("壮族自治区", "Zhuangzu Zizhiqu"), ("回族自治区", "Huizu Zizhiqu"),
    ("自治区", "Zizhiqu"), ("自治州", "Zizhizhou"), ("自治县", "Zizhixian"), ("自治旗", "Zizhiqi"),
    ("特别行政区", "Tebie Xingzhengqu"), ("地区", "Diqu"), ("矿区", "Kuangqu"), ("林区", "Linqu"),
    ("省", "Sheng"), ("县", "Xian"), ("市", "Shi"), ("区", "Qu"), ("盟", "Meng"), ("旗", "Qi"),
)

# Place names whose reading pypinyin's phrase table misses when the name has a suffix it does not list
# (朝阳区 is read chao yang, but 朝阳市 and 朝阳县 as zhao yang, 'morning sun').
_PLACE_READINGS = {"朝阳": ("chao", "yang")}


def proper_pinyin(name_zh: str, ending: str = "") -> str:
    """The toneless pinyin of a name without its generic `ending`, joined and capitalised
    ('朝阳区', '区' → 'Chaoyang').

    The whole name is read first and the ending's syllables dropped afterwards: pypinyin's phrase table
    knows many place names only with their suffix (朝阳区 chao yang, where 朝阳 alone is zhao yang)."""
    from pypinyin import lazy_pinyin  # slow to import; only needed for names outside Xinjiang

    core = name_zh[: len(name_zh) - len(ending)] if ending and name_zh.endswith(ending) else name_zh
    syllables = lazy_pinyin(name_zh)
    # One syllable per character lets the ending's be cut off; a name holding anything else is read bare.
    read = syllables[: len(core)] if len(syllables) == len(name_zh) else lazy_pinyin(core, errors="ignore")
    for phrase, reading in _PLACE_READINGS.items():
        if core.startswith(phrase) and len(read) >= len(reading):
            read = [*reading, *read[len(reading):]]
    return "".join(read).capitalize()


def pinyin_name(name_zh: str) -> str:
    """The toneless pinyin of a Chinese unit name, proper part joined and capitalised, generic part apart.

    Readings come from pypinyin's defaults, so rare place-name readings may be wrong outside Xinjiang
    (Xinjiang's pinyin is curated in the data file)."""
    ending, generic = next(((e, g) for e, g in GENERIC if name_zh.endswith(e) and len(name_zh) > len(e)),
                           ("", ""))
    return f"{proper_pinyin(name_zh, ending)} {generic}".strip()
