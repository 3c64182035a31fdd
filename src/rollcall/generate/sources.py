"""What each source says about a person: columns and the cells of one record, with realistic noise.

Sources (file names in OUTDIR):
- `register-2019-gbk.csv`: a county police register in Chinese, GBK-encoded (as leaked spreadsheets
  exported on Chinese Windows are): name, sex, ethnicity, ID number, household address, household number,
  relation to the household head, father's name, detention date, type, facility, reason, remarks on later
  changes (as of 2020-03-31). Dates in four writings; ~3% of ID numbers carry a clerical error.
- `status-list-2019.xlsx`: a status list as of 2019-12-31: name, ID, age, occupation, hometown, status,
  facility, date taken in, sentence, and the other household members by relation.
- `testimonies.json` / `testimonies.csv`: relatives abroad, in English, with their spellings.
- `uyghur-list.csv`: a diaspora list written in Uyghur Arabic script.
"""

from __future__ import annotations

import random
from datetime import date
from itertools import accumulate

from rollcall.generate import facts
from rollcall.generate.draw import below, between, one, weighted
from rollcall.generate.people import Family, Person
from rollcall.generate.script import passport_pinyin, uly_to_arabic
from rollcall.generate.spelling import english_spelling

REGISTER_DATE = date(2020, 3, 31)  # remarks say what changed up to this day
STATUS_DATE = date(2019, 12, 31)
UYGHUR_LIST_DATE = date(2020, 6, 30)  # the diaspora list's ages and statuses are as of this day
# Middle dots seen between name parts: "·" mostly, then the others; GBK lacks "•" and "‧".
DOTS = ["·", "·", "·", "·", "·", "•", ".", "．", "‧"]
DOTS_GBK = ["·", "·", "·", "·", "·", "·", ".", "．"]

REGISTER_HEADER = ["序号", "姓名", "性别", "民族", "身份证号", "户籍地址", "户号", "与户主关系", "父亲姓名",
                   "拘留日期", "关押类型", "关押场所", "原因", "备注"]
STATUS_HEADER = ["序号", "姓名", "公民身份号码", "年龄", "职业", "籍贯", "现状", "所在场所", "收押日期", "刑期",
                 "家庭成员"]
TESTIMONY_CSV_HEADER = ["Submitted", "Your name", "Your relation to the missing person", "Country you live in",
                        "Missing person's name", "Passport name (if known)", "Sex", "Age", "Hometown",
                        "Last contact", "What happened"]
UYGHUR_HEADER = [uly_to_arabic(w) for w in
                 ["nomur", "ismi", "jinsi", "yéshi", "yurti", "tutulghan yili", "ehwali", "menbe"]]

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


def hanzi_name(person: Person, rng: random.Random, dots: list[str] = DOTS) -> str:
    """The person's name as a Chinese register writes it; now and then a clerk's other transcription."""
    given, father = person.given_hanzi, person.father_hanzi
    if rng.random() < 0.05 and len(person.given.hanzi) > 1:
        given = one(rng, person.given.hanzi)
    return given + one(rng, dots) + father


def id_as_written(person: Person, rng: random.Random) -> str:
    """The ID number as written in a register: correct, or (3%) with a realistic clerical error."""
    number = person.id_number
    if rng.random() >= 0.03:
        return number
    error = below(rng, 4)
    if error == 0:  # two adjacent digits swapped
        i = between(rng, 6, 15)
        return number[:i] + number[i + 1] + number[i] + number[i + 2:]
    if error == 1:  # one digit mistyped
        i = between(rng, 6, 16)
        return number[:i] + str((int(number[i]) + between(rng, 1, 9)) % 10) + number[i + 1:]
    if error == 2:  # the old 15-digit form (no century, no check character)
        return number[:6] + number[8:17]
    return number[:-1]  # last character dropped


def date_as_written(day: date, rng: random.Random) -> str:
    """A date in one of the writings Chinese registers use."""
    r = rng.random()
    if r < 0.5:
        return day.isoformat()
    if r < 0.7:
        return f"{day.year}.{day.month}.{day.day}"
    if r < 0.9:
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day:%Y/%m/%d}"


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def register_row(person: Person, family: Family, rng: random.Random, number: int) -> list[str]:
    """One row of the police register (GBK CSV)."""
    first = person.episodes[0]
    state, ep = person.status_on(REGISTER_DATE)
    remark = ""
    if state == "held" and ep is not first and ep is not None:
        remark = f"{ep.start.year}年{ep.start.month}月转{facts.KINDS[ep.kind].zh}"
        if ep.sentence_years:
            remark += f"，判处有期徒刑{ep.sentence_years}年"
    elif state == "released":
        remark = f"{ep.end.year}年{ep.end.month}月已释放"
    elif state == "died":
        remark = f"{ep.end.year}年{ep.end.month}月死亡"
    return [str(number), hanzi_name(person, rng, DOTS_GBK), "男" if person.sex == "m" else "女", "维吾尔族",
            id_as_written(person, rng), person.address_zh, person.household, person.relation_zh,
            person.father_hanzi, date_as_written(first.start, rng), facts.KINDS[first.kind].zh,
            first.facility.zh, first.reason[0], remark]


_STATUS_ZH = {"held": "在押", "released": "已释放", "died": "死亡"}


def status_row(person: Person, family: Family, rng: random.Random, number: int) -> list:
    """One row of the 2019 status list (XLSX): dates as date cells, age as a number."""
    state, ep = person.status_on(STATUS_DATE)
    status = _STATUS_ZH.get(state, "")
    if state == "held" and ep.kind == "prison":
        status = "服刑"
    others = "；".join(f"{m.relation_zh}:{m.given_hanzi}·{m.father_hanzi}"
                      for m in family.members if m is not person)
    sentence = f"{ep.sentence_years}年" if ep is not None and ep.sentence_years else ""
    return [number, hanzi_name(person, rng), id_as_written(person, rng),
            _age(person.birth, STATUS_DATE) if rng.random() < 0.9 else None, person.occupation[0],
            person.county.name_zh, status, ep.facility.zh if ep is not None and state == "held" else "",
            ep.start if ep is not None else None, sentence, others]


# Relations a testifier abroad has to the missing person: (word, weight, how the testifier's second name
# is made: "father" = shares the person's father, "child" = the person's given name, "other" = unrelated).
_RELATIONS = [("brother", 18, "m", "father"), ("sister", 18, "f", "father"), ("son", 16, "m", "child"),
              ("daughter", 16, "f", "child"), ("nephew", 6, "m", "other"), ("niece", 6, "f", "other"),
              ("cousin", 8, "u", "other"), ("spouse", 12, "u", "spouse")]
_COUNTRIES = [("Turkey", 30), ("Kazakhstan", 15), ("United States", 12), ("Germany", 8), ("Netherlands", 6),
              ("Australia", 6), ("Canada", 6), ("Sweden", 5), ("United Kingdom", 5), ("Japan", 4), ("Norway", 3)]
_RELATIONS_CUM = list(accumulate(r[1] for r in _RELATIONS))
_COUNTRY_NAMES = [c for c, _ in _COUNTRIES]
_COUNTRIES_CUM = list(accumulate(w for _, w in _COUNTRIES))


def _latin_name(person: Person, rng: random.Random) -> str:
    """The person's name as a relative writes it: given + father, father + given, or given only."""
    given = english_spelling(person.given.uly, rng, given=True)
    father = english_spelling(person.father.uly, rng)
    r = rng.random()
    if r < 0.7:
        return f"{given} {father}"
    if r < 0.85:
        return f"{father} {given}"
    return given


def _testifier(person: Person, rng: random.Random) -> tuple[str, str, str]:
    from rollcall.generate.nameparts import name_parts

    male, m_w, female, f_w = name_parts()
    relation, _, sex, how = weighted(rng, _RELATIONS, _RELATIONS_CUM)
    if relation == "spouse":
        relation, sex = ("wife", "f") if person.sex == "m" else ("husband", "m")
    if sex == "u":
        sex = one(rng, "mf")
    part = weighted(rng, male, m_w) if sex == "m" else weighted(rng, female, f_w)
    # A sibling shares the person's father's name; a man's children carry his given name; anyone else
    # (a woman's children carry their father's) has an unrelated second name.
    shared = person.father if how == "father" else person.given if how == "child" and person.sex == "m" else None
    second = shared or weighted(rng, male, m_w)
    name = f"{english_spelling(part.uly, rng, given=True)} {english_spelling(second.uly, rng)}"
    country = weighted(rng, _COUNTRY_NAMES, _COUNTRIES_CUM)
    return name, relation, country


def _age_phrase(person: Person, on: date, rng: random.Random) -> str:
    age = _age(person.birth, on)
    pronoun = "his" if person.sex == "m" else "her"
    r = rng.random()
    if r < 0.35:
        decade = age // 10 * 10
        return f"in {pronoun} {decade}s" if decade >= 20 else f"{age}"
    if r < 0.55:
        return f"about {age + between(rng, -2, 2)}"
    if r < 0.7:
        return str(age)
    if r < 0.85:
        return f"born around {person.birth.year + between(rng, -2, 2)}"
    if r < 0.95:
        return f"born {person.birth.year}"
    return ""


def _hometown(person: Person, rng: random.Random) -> str:
    county = one(rng, person.county.latin)
    r = rng.random()
    if r < 0.25:
        return f"{county}, {person.county.prefecture_latin}"
    if r < 0.4:
        return f"{english_spelling(person.township[0], rng)} village, {county}"
    return county


def _month_year(day: date, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.5:
        return f"{_MONTHS[day.month - 1]} {day.year}"
    if r < 0.7:
        return f"{day:%Y-%m}"
    if r < 0.85:
        return f"{'early' if day.month <= 4 else 'mid' if day.month <= 8 else 'late'} {day.year}"
    return str(day.year)


def _what_happened(person: Person, on: date, rng: random.Random) -> str:
    he = "he" if person.sex == "m" else "she"
    state, ep = person.status_on(on)
    first = person.episodes[0]
    taken = f"taken to a camp in {first.start.year}" if first.kind == "camp" else \
        f"arrested in {_MONTHS[first.start.month - 1]} {first.start.year}"
    if state == "died":
        return f"{taken}; we were told {he} died in custody in {ep.end.year}"
    if state == "released":
        return f"{taken}; released in {ep.end.year} but we still cannot reach {'him' if he == 'he' else 'her'}"
    if state == "held" and ep.kind == "prison":
        if ep.sentence_years:
            return f"{taken}; later we heard {he} was sentenced to {ep.sentence_years} years"
        return f"{taken}; we heard {he} was sentenced, we do not know for how long"
    if state == "held":
        return f"{taken}; no news since"
    return "we lost contact and fear the worst"


def _submitted(person: Person, rng: random.Random) -> date:
    """Testimonies come after the first detention, between 2018 and 2023."""
    start = max(person.episodes[0].start.toordinal() + 30, date(2018, 1, 1).toordinal())
    return date.fromordinal(between(rng, start, max(start, date(2023, 6, 30).toordinal())))


def testimony(person: Person, rng: random.Random, number: int, prefix: str) -> dict:
    """One relative's testimony about the person, as a structured form would collect it."""
    on = _submitted(person, rng)
    name, relation, country = _testifier(person, rng)
    last = person.episodes[0].start.toordinal() - between(rng, 0, 120)
    passport = ""
    if rng.random() < 0.15:
        passport = f"{passport_pinyin(person.given_hanzi)} {passport_pinyin(person.father_hanzi)}"
    return {
        "id": f"{prefix}-{number:07d}",
        "submitted": on.isoformat(),
        "testifier": {"name": name, "relation": relation, "country": country},
        "person": {
            "name": _latin_name(person, rng),
            "passport_name": passport,
            "sex": "male" if person.sex == "m" else "female",
            "age": _age_phrase(person, on, rng),
            "hometown": _hometown(person, rng),
            "last_contact": _month_year(date.fromordinal(last), rng),
        },
        "what_happened": _what_happened(person, on, rng),
    }


def testimony_csv_row(person: Person, rng: random.Random, number: int) -> list[str]:
    """One row of the testimony form export (CSV)."""
    t = testimony(person, rng, number, "TF")
    p, w = t["person"], t["testifier"]
    return [t["submitted"], w["name"], w["relation"], w["country"], p["name"], p["passport_name"], p["sex"],
            p["age"], p["hometown"], p["last_contact"], t["what_happened"]]


_UG_STATE = {"camp": "lagérda", "prison": "türmide", "released": "qoyup bérilgen", "died": "wapat bolghan",
             "held": "tutup turulmaqta"}


def uyghur_row(person: Person, rng: random.Random, number: int) -> list[str]:
    """One row of the diaspora list in Uyghur Arabic script."""
    on = UYGHUR_LIST_DATE
    state, ep = person.status_on(on)
    key = state if state in ("released", "died") else ep.kind if ep and ep.kind in ("camp", "prison") else "held"
    name = f"{uly_to_arabic(person.given.uly)} {uly_to_arabic(person.father.uly)}"
    return [str(number), name, uly_to_arabic("er" if person.sex == "m" else "ayal"),
            str(_age(person.birth, on)) if rng.random() < 0.8 else "", person.county.name_ug,
            str(person.episodes[0].start.year), uly_to_arabic(_UG_STATE[key]),
            uly_to_arabic(one(rng, ["a'ilisi", "tughqini", "dosti"]))]
