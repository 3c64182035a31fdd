"""The name parts the generator combines: Uyghur Latin (ULY) spelling, Chinese transcriptions, sex.

The source of truth is the names library's table `rollcall/names/data/name_parts.csv`
(`latin,hanzi,kind,origin,sex,note`; several rows per name give transcription variants). While that
table is absent, a small built-in list of common Uyghur given names stands in, so the generator works
on its own; the corpus grows in variety as the names table grows. Reading lives only here, so switching
to the names library's API later touches one module.

Frequencies: real name frequencies are not published per county; we use a Zipf-like weight
(1 / rank^0.8 over the list order, most common first), which matches the long-tailed shape of given
names in published Uyghur name lists.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from pathlib import Path

NAMES_TABLE = Path(__file__).resolve().parents[1] / "names" / "data" / "name_parts.csv"


@dataclass(frozen=True)
class NamePart:
    """One Uyghur name part: its ULY spelling, its Chinese transcriptions (most usual first), its sex."""

    uly: str
    hanzi: tuple[str, ...]
    sex: str  # "m", "f" or "u" (either)


# Built-in stand-in: (ULY, transcriptions separated by "|", sex). Ordered roughly by how common they are.
_BUILTIN = """\
Memet,买买提|麦麦提,m
Ehmet,艾合买提|艾买提,m
Tursun,吐尔逊|图尔荪,m
Abdurehim,阿卜杜热依木|阿布都热合木,m
Abdukérim,阿卜杜克热木|阿布都克力木,m
Ablimit,阿不力米提|阿布力米提,m
Abliz,阿布力孜|阿不力孜,m
Adil,阿迪力|阿迪里,m
Alim,阿力木|阿里木,m
Hesen,艾山|哈森,m
Hüsen,玉山|胡赛因,m
Ilham,伊力哈木|依力哈木,m
Toxti,托合提|土赫提,m
Kérim,克力木|克热木,m
Mamut,马木提|玛木提,m
Nurmemet,努尔买买提|努尔麦麦提,m
Osman,吾斯曼|奥斯曼,m
Qasim,卡斯木|喀斯木,m
Rozi,肉孜|肉兹,m
Sabir,沙比尔|萨比尔,m
Sidiq,斯迪克|司地克,m
Tahir,塔依尔|塔伊尔,m
Yasin,亚森|牙森,m
Yüsüp,玉素甫|玉苏甫,m
Ömer,吾麦尔|欧麦尔,m
Abdulla,阿不都拉|阿布都拉,m
Niyaz,尼亚孜|尼牙孜,m
Qurban,库尔班|库尔邦,m
Turghun,吐尔洪|图尔洪,m
Perhat,帕尔哈提|帕尔哈特,m
Mijit,米吉提|米吉特,m
Ismayil,依斯马伊力|伊斯马依力,m
Éli,艾力|艾力,m
Ekber,艾克拜尔|艾克白尔,m
Erkin,艾尔肯|艾尔克,m
Kamil,卡米力|卡米勒,m
Nijat,尼加提|尼加特,m
Yaqup,亚库甫|牙库甫,m
Memtimin,买买提明|麦麦提明,m
Hoshur,吾守尔|吾休尔,m
Jüme,居麦|居马,m
Dawut,达吾提|达吾特,m
Obul,吾布力|吾甫力,m
Ghopur,吾甫尔|乌甫尔,m
Abduqadir,阿不都卡迪尔|阿卜杜喀迪尔,m
Islam,依斯拉木|伊斯拉木,m
Aynur,阿依努尔|阿依奴尔,f
Gülnar,古丽娜尔|古丽那尔,f
Gülnisa,古丽尼沙|古丽妮莎,f
Mihray,米合热依|米合日依,f
Patigül,帕提古丽|帕提姑丽,f
Rahile,热依拉|热依莱,f
Zeynep,再乃甫|再娜甫,f
Zöhre,祖合热|祖赫拉,f
Ayshem,阿依先木|阿依仙木,f
Meryem,麦尔耶木|麦热木,f
Nurgül,努尔古丽|努尔姑丽,f
Rizwangül,热孜宛古丽|热则万古丽,f
Gülbahar,古丽巴哈尔|古丽巴哈,f
Munire,木尼热|穆妮热,f
Mahire,马依热|玛依热,f
Peride,帕丽达|帕力达,f
Saniye,萨尼耶|沙尼娅,f
Hörnisa,吾尔尼沙|吾尔妮莎,f
Amine,阿米娜|阿米乃,f
Dilnur,迪丽努尔|迪力努尔,f
Dilber,迪丽拜尔|迪丽白尔,f
Roshengül,肉先古丽|如先古丽,f
Ayjamal,阿依加马力|阿依加玛丽,f
Tajigül,塔吉古丽|塔吉姑丽,f
"""


def _zipf(n: int) -> list[float]:
    """Cumulative Zipf-like weights for n names (cumulative, so drawing needs no summing each time)."""
    return list(accumulate(1.0 / (rank ** 0.8) for rank in range(1, n + 1)))


def _from_builtin() -> list[NamePart]:
    parts = []
    for line in _BUILTIN.splitlines():
        uly, hanzi, sex = line.split(",")
        parts.append(NamePart(uly, tuple(hanzi.split("|")), sex))
    return parts


def _norm_sex(text: str) -> str:
    text = text.strip().lower()
    if text in ("m", "male"):
        return "m"
    if text in ("f", "female"):
        return "f"
    return "u"


def _from_names_table(path: Path) -> list[NamePart]:
    """Group the names library's rows by Latin spelling; the first row's hanzi is the usual one."""
    grouped: dict[str, tuple[list[str], str]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            latin, hanzi = (row.get("latin") or "").strip(), (row.get("hanzi") or "").strip()
            kind = (row.get("kind") or "").strip().lower()
            origin = (row.get("origin") or "").strip().lower()
            # Whole names only (not prefixes/suffixes), and Uyghur ones: the corpus is of Uyghur people.
            if not latin or not hanzi or kind not in ("", "name") or origin not in ("", "uyghur", "shared"):
                continue
            entry = grouped.setdefault(latin, ([], _norm_sex(row.get("sex") or "")))
            if hanzi not in entry[0]:
                entry[0].append(hanzi)
    return [NamePart(latin, tuple(hz), sex) for latin, (hz, sex) in grouped.items()]


@cache
def name_parts() -> tuple[list[NamePart], list[float], list[NamePart], list[float]]:
    """Male-usable and female-usable name parts with cumulative draw weights: (male, m_cum, female, f_cum)."""
    parts: list[NamePart] = []
    if NAMES_TABLE.is_file():
        parts = _from_names_table(NAMES_TABLE)
    if len([p for p in parts if p.sex == "m"]) < 20 or len([p for p in parts if p.sex == "f"]) < 10:
        parts = _from_builtin()  # table missing or too small to make varied people
    male = [p for p in parts if p.sex in ("m", "u")]
    female = [p for p in parts if p.sex in ("f", "u")]
    return male, _zipf(len(male)), female, _zipf(len(female))
