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


def pinyin_name(name_zh: str) -> str:
    """The toneless pinyin of a Chinese unit name, proper part joined and capitalised, generic part apart.

    Readings come from pypinyin's defaults, so rare place-name readings may be wrong outside Xinjiang
    (Xinjiang's pinyin is curated in the data file)."""
    from pypinyin import lazy_pinyin  # slow to import; only needed for names outside Xinjiang

    ending, generic = next(((e, g) for e, g in GENERIC if name_zh.endswith(e) and len(name_zh) > len(e)),
                           ("", ""))
    core = name_zh[: len(name_zh) - len(ending)]
    proper = "".join(lazy_pinyin(core, errors="ignore")).capitalize()
    return f"{proper} {generic}".strip()
