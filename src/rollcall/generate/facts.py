"""The vocabularies registers and testimonies draw from: detention types, facilities, reasons, jobs.

Terms follow what researchers describe in the leaked records (China Cables, Karakax List, Xinjiang
Police Files): detention types (police custody, administrative detention, pre-trial detention centre,
camp, drug rehabilitation, prison, house arrest), the stated reasons listed in leaked registers, and
common occupations. Weights are rough shares chosen to look like those records, not measured figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from rollcall.generate.geography import County
from rollcall.generate.script import passport_pinyin


@dataclass(frozen=True)
class Kind:
    """A detention type: key, Chinese register term, Uyghur term (ULY), English description."""

    key: str
    zh: str
    uly: str
    en: str


KINDS = {k.key: k for k in [
    Kind("police", "刑事拘留", "saqchixanida tutup turush", "police custody"),
    Kind("administrative", "行政拘留", "memuriy tutup turush", "administrative detention"),
    Kind("pretrial", "看守所羁押", "tutup turush orni", "pre-trial detention centre"),
    Kind("camp", "职业技能教育培训", "terbiyelesh lagéri", "camp (\"vocational training centre\")"),
    Kind("drug_rehab", "强制隔离戒毒", "zeherlik chékimlikni tashlitish", "drug rehabilitation"),
    Kind("prison", "判刑", "türme", "prison"),
    Kind("house_arrest", "监视居住", "öyde nazaret astida", "house arrest"),
]}

# (Chinese as written in registers, English gloss, weight)
REASONS = [
    ("去过26个敏感国家", "travelled to one of 26 'sensitive' countries", 14),
    ("亲属在境外", "relatives abroad", 14),
    ("违反计划生育政策", "violated family-planning policy", 12),
    ("手机安装境外软件", "foreign app (WhatsApp) on phone", 10),
    ("参加非法宗教活动", "took part in 'illegal religious activity'", 10),
    ("做礼拜", "prayed", 9),
    ("持有护照", "held a passport", 8),
    ("戴面纱", "wore a face veil", 5),
    ("蓄须", "wore a beard", 5),
    ("无业", "unemployed", 5),
    ("听宗教讲座", "listened to religious lectures", 5),
    ("曾被处理过", "previously detained", 3),
]

# (Chinese, English, weight): most detainees in the leaked lists are farmers.
OCCUPATIONS = [
    ("农民", "farmer", 55), ("个体户", "shopkeeper", 9), ("工人", "worker", 7), ("司机", "driver", 5),
    ("商人", "trader", 5), ("教师", "teacher", 4), ("无业", "unemployed", 6), ("学生", "student", 3),
    ("宗教人士", "imam", 2), ("医生", "doctor", 2), ("公务员", "civil servant", 2),
]

PRISONS = [("喀什监狱", "Kashgar Prison"), ("和田监狱", "Hotan Prison"), ("阿克苏监狱", "Aksu Prison"),
           ("新疆第一监狱", "Xinjiang No. 1 Prison"), ("新疆第三监狱", "Xinjiang No. 3 Prison")]


@dataclass(frozen=True)
class Facility:
    """Where a detention happened, as a register names it and as English reports do."""

    zh: str
    en: str


def _county_en(county: County) -> str:
    """The county's pinyin name, as English-language reports on facilities write it (疏附县 → Shufu)."""
    return passport_pinyin(county.name_zh[:-1]).title()


_ORDINALS = ["", "第二", "第三"]


def facility(kind: str, county: County, number: int) -> Facility:
    """The facility of this kind in (or for) this county; `number` picks among several of a kind."""
    base = county.name_zh
    en = f"{_county_en(county)} County"
    if kind == "camp":
        n = number % 3
        return Facility(f"{base}{_ORDINALS[n]}职业技能教育培训中心",
                        f"{en} Vocational Skills Education and Training Centre" + (f" No. {n + 1}" if n else ""))
    if kind in ("police", "pretrial"):
        return Facility(f"{base}看守所", f"{en} Detention Centre")
    if kind == "administrative":
        return Facility(f"{base}拘留所", f"{en} Detention House")
    if kind == "drug_rehab":
        return Facility(f"{county.prefecture_zh}强制隔离戒毒所",
                        f"{county.prefecture_latin} Drug Rehabilitation Centre")
    if kind == "prison":
        zh, en_name = PRISONS[number % len(PRISONS)]
        return Facility(zh, en_name)
    return Facility(f"{base}（居家）", "at home, under watch")
