"""Where fictional people are registered: real Xinjiang counties, with generated townships and villages.

A small built-in table of real counties (GB/T 2260 code, Chinese name, ULY name, Latin spellings people
abroad use, prefecture) says which counties people come from; the places gazetteer (`rollcall.places`),
where it knows the code, gives the Chinese and Uyghur-script names and adds its English spellings.

Weights: roughly the Uyghur population of each county in thousands (2010s census orders of magnitude,
rounded), so southern counties (Kashgar, Hotan prefectures), where most documented detentions come from,
dominate as they do in the leaked records.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from rollcall.generate.script import uly_to_arabic


@dataclass(frozen=True)
class County:
    """A county-level place: code, names in three scripts, Latin spellings, prefecture names."""

    code: str
    name_zh: str
    name_uly: str
    latin: tuple[str, ...]  # spellings relatives use; the first is the most usual
    prefecture_zh: str
    prefecture_latin: str
    weight: int
    name_ug: str = ""  # Uyghur Arabic script; from the gazetteer, else converted from name_uly

    def __post_init__(self) -> None:
        if not self.name_ug:
            object.__setattr__(self, "name_ug", uly_to_arabic(self.name_uly))


_COUNTIES = [
    County("653121", "疏附县", "Konasheher", ("Kona Sheher", "Konasheher", "Shufu", "Kona Shahar"), "喀什地区",
           "Kashgar", 260),
    County("653122", "疏勒县", "Yéngisheher", ("Yengisheher", "Shule", "Yangi Shahar"), "喀什地区", "Kashgar", 300),
    County("653123", "英吉沙县", "Yéngisar", ("Yengisar", "Yangisar", "Yingjisha"), "喀什地区", "Kashgar", 250),
    County("653101", "喀什市", "Qeshqer", ("Kashgar", "Kashghar", "Qeshqer", "Kashi"), "喀什地区", "Kashgar", 450),
    County("653124", "泽普县", "Poskam", ("Poskam", "Zepu", "Poskem"), "喀什地区", "Kashgar", 160),
    County("653125", "莎车县", "Yeken", ("Yarkand", "Yarkent", "Yeken", "Shache"), "喀什地区", "Kashgar", 750),
    County("653126", "叶城县", "Qaghiliq", ("Karghilik", "Kargilik", "Qaghiliq", "Yecheng"), "喀什地区",
           "Kashgar", 430),
    County("653128", "岳普湖县", "Yopurgha", ("Yopurga", "Yopurgha", "Yuepuhu"), "喀什地区", "Kashgar", 150),
    County("653129", "伽师县", "Peyziwat", ("Peyziwat", "Payzawat", "Jiashi"), "喀什地区", "Kashgar", 400),
    County("653201", "和田市", "Xoten", ("Hotan", "Khotan", "Xoten", "Hetian"), "和田地区", "Hotan", 300),
    County("653222", "墨玉县", "Qaraqash", ("Karakax", "Qaraqash", "Karakash", "Moyu"), "和田地区", "Hotan", 540),
    County("653223", "皮山县", "Guma", ("Guma", "Pishan", "Goma"), "和田地区", "Hotan", 270),
    County("653224", "洛浦县", "Lop", ("Lop", "Lopu", "Luopu"), "和田地区", "Hotan", 260),
    County("653226", "于田县", "Keriye", ("Keriya", "Keriye", "Yutian"), "和田地区", "Hotan", 250),
    County("652901", "阿克苏市", "Aqsu", ("Aksu", "Aqsu", "Akesu"), "阿克苏地区", "Aksu", 150),
    County("650102", "天山区", "Tengritagh", ("Urumqi", "Urumchi", "Ürümqi", "Tianshan district"), "乌鲁木齐市",
           "Urumqi", 150),
    County("654002", "伊宁市", "Ghulja", ("Ghulja", "Gulja", "Yining", "Kulja"), "伊犁哈萨克自治州", "Ili", 200),
    County("650402", "高昌区", "Turpan", ("Turpan", "Turfan", "Gaochang"), "吐鲁番市", "Turpan", 190),
    County("654028", "特克斯县", "Tékes", ("Tekes", "Tekesi"), "伊犁哈萨克自治州", "Ili", 40),
]

# Township names (ULY, Chinese transcription): generic Uyghur place words, combined with any county.
# Villages are numbered ("3村"), as most villages in southern Xinjiang are in official addresses.
TOWNSHIPS = [
    ("Aqtash", "阿克塔什"), ("Bostan", "博斯坦"), ("Saybagh", "萨依巴格"), ("Yéngiawat", "英阿瓦提"),
    ("Tashmiliq", "塔什米里克"), ("Toqquzaq", "托克扎克"), ("Qumbagh", "库木巴格"), ("Aqsay", "阿克赛"),
    ("Yantaq", "羊塔克"), ("Charbagh", "恰尔巴格"), ("Yéngiériq", "英也尔"), ("Barin", "巴仁"),
]


def _apply_gazetteer(county: County) -> County:
    """Take the gazetteer's names for a county where the places library knows its code."""
    try:
        from rollcall import places  # the places library may not exist yet
        place = places.get(county.code)
    except Exception:  # noqa: BLE001 - any failure means: keep the built-in names
        return county
    if place is None:
        return county
    latin = tuple(dict.fromkeys(county.latin + tuple(getattr(place, "english", ()) or ())))
    return County(county.code, getattr(place, "name_zh", "") or county.name_zh, county.name_uly, latin,
                  county.prefecture_zh, county.prefecture_latin, county.weight,
                  getattr(place, "name_ug", "") or "")


@cache
def counties() -> tuple[list[County], list[int]]:
    """The counties fictional people come from, with their cumulative draw weights."""
    chosen = [_apply_gazetteer(c) for c in _COUNTIES]
    return chosen, list(accumulate(c.weight for c in chosen))
