"""resolve() on real place names whose answer is known: every script, spelling, suffix and address."""

from __future__ import annotations

import pytest

from rollcall.places import get, latin_name, lineage, resolve


def best(text: str, **kw) -> str | None:
    found = resolve(text, **kw)
    return found[0].place.code if found else None


def codes(text: str, **kw) -> list[str]:
    return [c.place.code for c in resolve(text, **kw)]


@pytest.mark.parametrize("text", [
    "疏附县", "疏附", "Konasheher", "Kona Sheher", "Konasheher County", "Shufu", "Shufu County",
    "Shūfù Xiàn", "shufu xian", "SHUFU", "Shufuxian", "كونا شەھەر ناھىيىسى", "كونا شەھەر",
    "Konasheher Nahiyisi", "Kona-Sheher", "Kona Shahar",
])
def test_konasheher_from_every_writing(text):
    assert best(text) == "653121"


@pytest.mark.parametrize("text", [
    "墨玉县", "墨玉", "Karakax", "Qaraqash", "Karakash", "Karakax County", "Moyu", "Moyu Xian",
    "قاراقاش ناھىيىسى", "Qaraqash Nahiyisi", "Qarakash",
])
def test_karakax_from_every_writing(text):
    assert best(text) == "653222"


@pytest.mark.parametrize("text", ["英吉沙县", "Yengisar", "Yangisar", "Yéngisar", "Yingjisha",
                                  "يېڭىسار ناھىيىسى"])
def test_yengisar(text):
    assert best(text) == "653123"


@pytest.mark.parametrize("text", ["乌鲁木齐", "乌鲁木齐市", "Urumqi", "Ürümqi", "Urumchi", "ئۈرۈمچى",
                                  "Ürümchi"])
def test_urumqi_city_first(text):
    assert best(text) == "650100"


@pytest.mark.parametrize("text", ["Kashgar", "Qeshqer", "喀什", "Kashi", "قەشقەر"])
def test_kashgar_prefecture_then_city(text):
    found = codes(text)
    assert found[:2] == ["653100", "653101"]


def test_hotan_is_prefecture_city_and_county_all_returned():
    for text in ("Hotan", "Xoten", "Khotan", "和田", "خوتەن"):
        assert codes(text)[:3] == ["653200", "653201", "653221"], text
    assert best("Hotan City") == "653201"
    assert best("Hotan County") == "653221"
    assert best("和田县") == "653221"
    assert best("Hotan Prefecture") == "653200"
    assert best("خوتەن ناھىيىسى") == "653221"


def test_ambiguity_lowers_confidence_below_a_unique_name():
    hotan = resolve("Hotan")
    konasheher = resolve("Konasheher")
    assert konasheher[0].confidence == 1.0
    assert hotan[0].confidence < konasheher[0].confidence


def test_suffix_kind_in_the_text_decides_between_units_of_one_name():
    assert best("Aksu City") == "652901"
    assert best("Aksu Prefecture") == "652900"
    assert best("阿克苏市") == "652901"
    assert best("阿克苏地区") == "652900"


@pytest.mark.parametrize(("text", "code"), [
    ("新疆喀什地区疏附县托克扎克镇", "653121"),
    ("新疆维吾尔自治区和田地区墨玉县", "653222"),
    ("新疆和田地区和田县", "653221"),
    ("Tokkuzak town, Konasheher County, Kashgar Prefecture, Xinjiang", "653121"),
    ("قەشقەر كونا شەھەر ناھىيىسى", "653121"),
    ("伊犁哈萨克自治州特克斯县", "654027"),
    # a loose spelling of the county beside its prefecture, whose name is also a city's and a county's
    ("Lopu, Hotan", "653224"),
    ("Goma, Hotan", "653223"),
])
def test_addresses_give_the_county_inside_the_named_prefecture(text, code):
    found = resolve(text)
    assert found[0].place.code == code
    parents = {p.code for p in lineage(code)[1:]}
    assert {c.place.code for c in found[1:]} & parents, "the named parents follow the county"


def test_address_outside_xinjiang_uses_the_whole_country_table():
    assert best("北京市朝阳区建国路") == "110105"


def test_historic_codes_rank_after_current_ones():
    found = codes("吐鲁番市")
    assert found[0] == "650400"
    assert "652101" in found
    assert get("652101").valid_to == 2015
    assert get("650400").valid_from == 2015
    assert best("Turpan") == "650400"
    assert best("Gaochang District") == "650402"
    assert best("Hami") == "650500"
    assert get("652201").valid_to == 2016


def test_within_limits_to_one_prefecture():
    assert codes("Hotan", within="653200") == ["653200", "653201", "653221"]
    assert codes("Kashgar", within="653200") == []
    assert best("Hotan", within="6532") == "653200"


def test_limit():
    assert len(resolve("Hotan", limit=1)) == 1


@pytest.mark.parametrize("text", ["", "   ", "qwertyuiop", "Springfield", "东京都", "!!!", "12345"])
def test_unknown_text_gives_no_candidates(text):
    assert resolve(text) == []


def test_misspelling_is_offered_with_lower_confidence():
    found = resolve("Kashgr")
    assert found and found[0].place.code == "653100"
    assert found[0].confidence < 0.8


def test_xpcc_cities():
    assert best("石河子市") == "659001"
    assert best("Shihezi") == "659001"
    assert best("阿拉尔") == "659002"
    assert best("Tumxuk") == "659003"
    assert best("五家渠") == "659004"


def test_latin_name_and_lineage():
    assert latin_name("653121") == "Konasheher (Shufu) County"
    assert latin_name("653222") == "Karakax (Moyu) County"
    assert latin_name("653100") == "Kashgar (Kashi) Prefecture"
    assert latin_name("999999") == ""
    assert [p.code for p in lineage("653121")] == ["653121", "653100", "650000"]
    assert lineage("nope") == []


def test_get_accepts_short_codes():
    assert get("6531").name_zh == "喀什地区"
    assert get("65").name_zh == "新疆维吾尔自治区"
    assert get("653121").name_ug == "كونا شەھەر ناھىيىسى"
    assert get("") is None


def test_pinyin_with_a_generic_syllable_inside_the_name():
    assert best("xīn shì qū") == "650104"      # 新市区: only the last generic word is dropped
    assert best("Kāshí Shì") == "653101"
    assert best("wǔ jiā qú shì") == "659004"


def test_a_name_shared_by_a_county_and_an_urban_district():
    found = codes("Yengisheher")
    assert found[:2] == ["653122", "650104"]    # Shule county first, Urumqi's Xinshi district too
    assert best("Yengisheher Rayoni") == "650104"


def test_prefecture_short_forms_in_addresses():
    assert best("新疆伊犁州特克斯县") == "654027"
    assert best("巴州库尔勒市") == "652801"
    assert best("克州阿图什市") == "653001"


def test_former_name_of_a_code():
    assert best("南泉区") == "650107"           # 650107 was 南泉区 1999-2001, now 达坂城区


def test_uyghur_cyrillic_as_written_in_kazakhstan():
    assert best("Қарақаш наһийиси") == "653222"
    assert best("Конашәһәр") == "653121"
    assert best("Үрүмчи") == "650100"
    assert codes("Қәшқәр")[:2] == ["653100", "653101"]


def test_one_unit_named_twice_is_not_its_own_parent():
    # 'Kashgar' could be the prefecture or the city; 喀什地区 beside it names the prefecture again
    assert best("Kashgar 喀什地区") == "653100"


def test_a_short_lone_word_in_free_text_ranks_below_a_named_unit():
    found = codes("She lived on Bay Street near the old market, Aksu city")
    assert found[0] == "652901"
    assert "652926" in found   # Bay county is still offered


@pytest.mark.parametrize("text, code", [
    ("疏附縣", "653121"), ("新疆喀什地區疏附縣托克扎克鎮", "653121"), ("和田地區墨玉縣", "653222"),
    ("烏魯木齊市", "650100"), ("阿克蘇地區庫車市", "652902"), ("伊犁哈薩克自治州", "654000"),
])
def test_traditional_characters_resolve_as_simplified(text, code):
    assert best(text) == code


def test_traditional_name_is_as_confident_as_the_simplified_one():
    assert resolve("疏附縣")[0].confidence == resolve("疏附县")[0].confidence == 1.0


def test_simplified_place_names_hanziconv_would_change_are_kept():
    from rollcall.places.normalise import simplified

    assert simplified("呼和浩特市乾县") == "呼和浩特市乾县"
    assert best("呼和浩特市") == "150100"


def test_a_unit_that_was_re_coded_brings_its_successor():
    found = resolve("米泉市")  # 652303, merged into 米东区 650109 in 2007
    assert [c.place.code for c in found[:2]] == ["652303", "650109"]
    assert found[1].confidence < found[0].confidence and "continued by 米东区 650109" in found[1].matched
    assert "652902" in codes("新疆阿克苏地区库车县")  # 库车县 → 库车市
    assert "650502" in codes("哈密地区哈密市", limit=3)  # county-level 哈密市 → 伊州区
