"""The gazetteer's data hold together: Xinjiang complete at prefecture and county level, codes
well-formed, parents present, and every Xinjiang code agreeing with python-stdnum's national table."""

from __future__ import annotations

import csv
from importlib import resources

from rollcall.places import LEVELS, all_places, children, get, later_codes, successors
from rollcall.places.gazetteer import stdnum_entries
from rollcall.places.normalise import fold, script_of

XINJIANG_CSV = resources.files("rollcall.places").joinpath("data", "xinjiang.csv")


def xinjiang() -> list:
    return [p for p in all_places() if p.code.startswith("65")]


def current(level: str) -> list:
    return [p for p in xinjiang() if p.level == level and p.valid_to is None]


def test_fourteen_prefecture_level_units():
    names = {p.name_zh for p in current("prefecture")}
    assert len(names) == 14
    assert {"喀什地区", "和田地区", "乌鲁木齐市", "吐鲁番市", "哈密市", "伊犁哈萨克自治州"} <= names


def test_at_least_a_hundred_county_level_units_including_xpcc_cities():
    counties = current("county")
    assert len(counties) >= 100
    codes = {p.code for p in counties}
    assert {f"6590{n:02d}" for n in range(1, 12)} <= codes  # Shihezi ... Xinxing
    assert {"653101", "653121", "653222", "650402", "650502", "650102", "650202"} <= codes


def test_codes_are_six_digits_in_xinjiang_with_existing_parents():
    for place in xinjiang():
        assert len(place.code) == 6 and place.code.isdigit() and place.code.startswith("65"), place
        assert place.level in LEVELS
        if place.level == "province":
            assert place.parent is None
        else:
            assert place.parent is not None and get(place.parent) is not None, place


def test_every_place_in_china_has_an_existing_parent():
    for place in all_places():
        assert place.parent is None or get(place.parent) is not None, place


def test_xinjiang_codes_agree_with_stdnum():
    national = {code: (name, first, last) for code, name, first, last, _ in stdnum_entries()}
    for place in xinjiang():
        assert place.code in national, place.code
        name, first, last = national[place.code]
        assert (place.name_zh, place.valid_from, place.valid_to) == (name, first, last), place.code


def test_historic_changes():
    assert get("652101").valid_to == 2015 and get("650402").valid_from == 2015   # Turpan
    assert get("652201").valid_to == 2016 and get("650502").valid_from == 2016   # Hami
    assert get("652923").valid_to == 2019 and get("652902").valid_from == 2019   # Kuqa county → city
    assert get("653101").valid_to is None


def test_every_current_xinjiang_unit_has_latin_names_and_most_have_uyghur():
    units = [p for p in xinjiang() if p.valid_to is None]
    for place in units:
        assert place.pinyin and place.english, place.code
        assert script_of(place.pinyin) == "latin"
        if place.name_ug:
            assert script_of(place.name_ug) == "ug", place.code
            assert place.name_uly, place.code
    missing = [p.code for p in units if not p.name_ug]
    assert len(missing) <= 6, missing


def test_children():
    assert {p.code for p in children("653100")} >= {"653101", "653121", "653131"}


def test_csv_columns_and_no_duplicate_codes():
    with XINJIANG_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["code", "level", "name_zh", "pinyin", "name_ug", "name_uly", "english", "parent",
                             "valid_from", "valid_to", "partial", "other_names", "former_codes"]
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes))


def test_no_two_current_xinjiang_units_share_all_writings():
    seen: dict[tuple, str] = {}
    for place in xinjiang():
        if place.valid_to is None:
            key = (place.name_zh, tuple(fold(place.name_ug)))
            assert key not in seen, (place.code, seen.get(key))
            seen[key] = place.code


# Units that absorbed another after they began: the cities 哈密市 and 库尔勒市 their counties of the same
# name (to 1983), the Ili Kazakh Autonomous Prefecture its 伊犁地区 (1984-2001).
ABSORBED_BY_AN_EXISTING_UNIT = {("652201", "652221"), ("652801", "652821"), ("654000", "654100")}


def test_former_codes_name_real_units_that_ended_when_their_successor_began():
    seen = 0
    for place in xinjiang():
        for old_code in place.former_codes:
            old = get(old_code)
            assert old is not None and old.code != place.code, (place.code, old_code)
            assert old.valid_to is not None, (place.code, old_code)  # the old code went out of use
            if (place.code, old_code) in ABSORBED_BY_AN_EXISTING_UNIT:
                assert (place.valid_from or 0) < old.valid_to < (place.valid_to or 9999)
            else:
                assert old.valid_to == place.valid_from, (place.code, old_code)
            seen += 1
    assert seen >= 60


def test_real_re_codings():
    assert get("652902").former_codes == ("652923",)  # 库车县 → 库车市 (2019)
    assert [p.code for p in successors("652923")] == ["652902"]
    assert [p.code for p in successors("652101")] == ["650402"]  # 吐鲁番市 (county-level) → 高昌区
    assert [p.code for p in successors("652100")] == ["650400"]  # 吐鲁番地区 → 吐鲁番市
    assert [p.code for p in successors("652201")] == ["650502"]  # 哈密市 (county-level) → 伊州区
    assert [p.code for p in successors("653021")] == ["653001"]  # 阿图什县 → 阿图什市
    assert set(get("650109").former_codes) == {"652303", "650108"}  # 米泉市 and 东山区 merged into 米东区
    assert later_codes("652401") == ("652401", "654101", "654002")  # 伊宁市, three codes
    assert later_codes("653121") == ("653121",)
    assert successors("653121") == []
