"""Text normalisation for place names in any writing: Chinese characters, Uyghur Arabic script, ULY,
pinyin with or without tones, and informal English spellings.

Three layers, each a pure function:
- `fold` makes spellings comparable without losing what was written (NFKC, casefold, traditional
  Chinese characters simplified, tones and other Latin diacritics stripped, Arabic-script letter
  variants unified), as a list of words;
- `strip_generic` takes the generic part off a name (县, County, ناھىيىسى, Xian...) and says which kind
  of unit it named;
- `latin_keys` folds informal Latin spellings onto shared keys (x/sh, q/k, e/a, gh/g, doubled letters),
  so Karakax, Karakash and Qaraqash meet.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

# Arabic-script letters people type for Uyghur ones; the hamza seat ئ is dropped (often omitted).
_ARABIC = str.maketrans({
    "\u06cc": "\u0649",  # Farsi yeh (used for both) → Uyghur i ى; Uyghur y ي is kept
    "\u06a9": "\u0643",  # keheh → kaf
    "\u0647": "\u06d5",  # heh → ae (ە); Uyghur h is ھ
    "\u0626": None,      # yeh with hamza (ئ)
    "\u0621": None,      # hamza
    "\u0640": None,      # tatweel
    "\u200c": None, "\u200d": None, "\u200e": None, "\u200f": None, "\u061c": None,
})
_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`ʼʻ´"), None)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")

# Generic words of unit names and the kind of unit they name. Kinds: county, city, district, prefecture,
# province. Ethnic words of autonomous units ("Kazakh Autonomous County") carry no kind and are dropped.
_KIND_WORDS = {
    "county": "county", "nahiyisi": "county", "nahiye": "county", "xian": "county", "zizhixian": "county",
    "ناھىيىسى": "county", "ناھىيە": "county",
    "city": "city", "shehiri": "city", "shi": "city", "شەھىرى": "city",
    "district": "district", "rayoni": "district", "qu": "district", "رايونى": "district",
    "prefecture": "prefecture", "wilayiti": "prefecture", "wilayet": "prefecture", "oblasti": "prefecture",
    "diqu": "prefecture", "zizhizhou": "prefecture", "ۋىلايىتى": "prefecture", "ۋىلايەت": "prefecture",
    "ئوبلاستى": "prefecture", "region": "province", "zizhiqu": "province", "province": "province",
}
_ETHNIC_WORDS = {
    "autonomous", "aptonom", "ئاپتونوم", "kazakh", "qazaq", "hasake", "قازاق", "mongol", "mongolian",
    "mongghul", "menggu", "موڭغۇل", "hui", "xuyzu", "huizu", "خۇيزۇ", "kyrgyz", "kirgiz", "qirghiz",
    "kirghiz", "keerkezi", "قىرغىز", "tajik", "tajike", "تاجىك", "xibe", "sibe", "shibe", "xibo", "شىبە",
    "uyghur", "uygur", "uighur", "weiwuer", "ئۇيغۇر", "zizhi",
}
# Chinese generic endings, longest first, with their kind.
_ZH_ENDINGS = (
    ("维吾尔自治区", "province"), ("自治区", "province"), ("省", "province"),
    ("哈萨克自治州", "prefecture"), ("蒙古自治州", "prefecture"), ("回族自治州", "prefecture"),
    ("柯尔克孜自治州", "prefecture"), ("自治州", "prefecture"), ("地区", "prefecture"), ("盟", "prefecture"),
    ("哈萨克自治县", "county"), ("塔吉克自治县", "county"), ("回族自治县", "county"),
    ("锡伯自治县", "county"),
    ("蒙古自治县", "county"), ("自治县", "county"), ("县", "county"), ("旗", "county"),
    ("市", "city"), ("矿区", "district"), ("区", "district"),
)


class _Simplified(dict):
    """A str.translate table filled as characters are met: a traditional character to its simplified
    form (縣 → 县, 區 → 区, 喀什地區 → 喀什地区), every other character to itself.

    Characters of GB 2312, the simplified character set, are left as they are: hanziconv also maps 29 of
    them, some in real place names (呼和浩特 → 唿, 乾县 → 干, 勐腊 reached from 猛)."""

    def __missing__(self, codepoint: int) -> int:
        ch = chr(codepoint)
        try:
            ch.encode("gb2312")
            simple = ch
        except UnicodeEncodeError:
            from hanziconv import HanziConv

            simple = HanziConv.toSimplified(ch)
        self[codepoint] = ord(simple) if len(simple) == 1 else codepoint
        return self[codepoint]


_SIMPLIFIED = _Simplified()


def simplified(text: str) -> str:
    """Chinese text with traditional characters replaced by simplified ones (疏附縣 → 疏附县)."""
    return text.translate(_SIMPLIFIED) if _CJK.search(text) else text


def _fold_word_list(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).translate(_ARABIC).translate(_APOSTROPHES).casefold()
    text = simplified(text)
    if _CYRILLIC.search(text):
        # Uyghur and Kazakh Cyrillic (written in Kazakhstan): read as Latin, Қәшқәр → qashqar
        text = _CYRILLIC_WORD.sub(lambda m: anyascii(m.group()).lower(), text)
    decomposed = unicodedata.normalize("NFD", text)
    text = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))
    return _WORD.findall(text)


# The generic words themselves, folded the same way as any text.
_KIND_FOLDED = {" ".join(_fold_word_list(w)): k for w, k in _KIND_WORDS.items()}
_ETHNIC_FOLDED = {" ".join(_fold_word_list(w)) for w in _ETHNIC_WORDS}


def fold(text: str) -> list[str]:
    """The words of `text` made comparable: NFKC, casefolded, traditional characters simplified
    (疏附縣 → 疏附县), tones and Latin diacritics removed (Shūfù → shufu, Ürümqi → urumqi), Arabic-script
    variants unified, punctuation dropped."""
    return _fold_word_list(text or "")


def script_of(text: str) -> str:
    """'zh' if the text has Chinese characters, 'ug' if Arabic script, else 'latin'."""
    if _CJK.search(text):
        return "zh"
    if _ARABIC_LETTER.search(text):
        return "ug"
    return "latin"


def is_cjk(ch: str) -> bool:
    """Whether one character is a Chinese character."""
    return bool(_CJK.match(ch))


def strip_generic(words: list[str]) -> tuple[list[str], str | None]:
    """The words of a name without its generic part (trailing kind and ethnic words, or a Chinese
    ending), and the kind that part named (None if there was none). Never strips to nothing."""
    words = list(words)
    kind: str | None = None
    if len(words) == 1 and _CJK.search(words[0]):
        word = words[0]
        for ending, ending_kind in _ZH_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 2:
                return [word[: -len(ending)]], ending_kind
        return words, None
    if len(words) > 1 and words[-1] in _KIND_FOLDED:  # one generic word: 'xin shi qu' is 新市 district
        kind = _KIND_FOLDED[words.pop()]
    while len(words) > 1 and words[-1] in _ETHNIC_FOLDED:
        words.pop()
    return words, kind


def strip_joined_pinyin(key: str) -> tuple[str, str] | None:
    """A Latin key read as pinyin with its generic part written on ('shufuxian' → ('shufu', 'county')),
    or None. Only a guess: 'Maralbeshi' also ends in 'shi', so callers try it after the text as given."""
    if script_of(key) != "latin":
        return None
    for ending in ("zizhixian", "zizhizhou", "xian", "diqu", "shi", "qu"):
        if key.endswith(ending) and len(key) - len(ending) >= 3:
            return key[: -len(ending)], _KIND_FOLDED[ending]
    return None


def kind_of_name(name_zh: str) -> str | None:
    """The kind of unit a Chinese name's ending says (疏附县 → county, 喀什地区 → prefecture)."""
    for ending, kind in _ZH_ENDINGS:
        if name_zh.endswith(ending):
            return kind
    return None


_LATIN_RULES = (("kh", "h"), ("gh", "g"), ("sh", "s"), ("ch", "c"), ("zh", "j"),
                ("q", "k"), ("g", "k"), ("v", "w"), ("e", "a"), ("o", "u"), ("y", "i"))


@lru_cache(maxsize=65536)
def latin_keys(core: str) -> frozenset[str]:
    """Keys on which informal Latin spellings of one name meet: Karakax, Karakash and Qaraqash share
    'karakas'; Xoten, Hotan and Khotan share 'hutan'. `x` is read both as sh (Uyghur pinyin-style
    Karakax) and as kh (ULY Xoten), so a name may have two keys. Empty for non-Latin text."""
    if script_of(core) != "latin":
        return frozenset()
    text = anyascii(core).lower()
    text = "".join(ch for ch in text if "a" <= ch <= "z")
    if not text:
        return frozenset()
    variants = {text.replace("x", "sh"), text.replace("x", "kh")} if "x" in text else {text}
    keys = set()
    for variant in variants:
        for old, new in _LATIN_RULES:
            variant = variant.replace(old, new)
        keys.add(re.sub(r"(.)\1+", r"\1", variant))
    return frozenset(keys)
