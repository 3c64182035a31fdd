"""What linkage reads from a record's statements, and how the model weighs it (real Splink on DuckDB)."""

from __future__ import annotations

import pytest

from rollcall.people import namekeys
from rollcall.people.engine import score_pairs
from rollcall.people.features import _features
from rollcall.records.normalise import normalise_cell


def _record(rid: int, **cells: str) -> dict:
    """Feature row of one record whose statements are `field=original`, normalised as ingest does."""
    rows = [(rid, 1, field, original, *_normalised(field, original)) for field, original in cells.items()]
    return _features(rows or [(rid, 1, None, None, None, None)], namekeys.features)


def _normalised(field: str, original: str) -> tuple[str | None, str | None]:
    import json

    value, detail = normalise_cell(field, original)
    return value, json.dumps(detail) if detail is not None else None


def _m(year: int, month: int) -> int:
    return year * 12 + month - 1


@pytest.mark.parametrize(("cells", "months"), [
    ({"detention_start": "2017-10-22"}, (_m(2017, 10), _m(2017, 10))),
    ({"detention_start": "2014"}, (_m(2014, 1), _m(2014, 12))),
    ({"notes": "taken to a camp in 2018; no news since"}, (_m(2018, 1), _m(2018, 12))),
    ({"notes": "arrested in March 2017; later we heard he was sentenced to 10 years"}, (_m(2017, 3), _m(2017, 3))),
    ({"notes": "2019年被抓走，至今没有消息"}, (_m(2019, 1), _m(2019, 12))),
    # the last contact narrows the year of the account: the detention began in the months after it
    ({"last_contact": "March 2017", "notes": "taken to a camp in 2017"}, (_m(2017, 3), _m(2017, 9))),
    ({"last_contact": "November 2016", "notes": "taken to a camp in 2017"}, (_m(2017, 1), _m(2017, 5))),
    # where they disagree, the account wins, and the detention date over both
    ({"last_contact": "March 2015", "notes": "taken to a camp in 2017"}, (_m(2017, 1), _m(2017, 12))),
    ({"detention_start": "2018-01-02", "notes": "taken to a camp in 2017"}, (_m(2018, 1), _m(2018, 1))),
    ({"last_contact": "late 2016"}, (_m(2016, 9), _m(2017, 6))),
    ({"last_contact": "2016-05"}, (_m(2016, 5), _m(2016, 11))),
    ({"last_contact": "mid-2018"}, (_m(2018, 5), _m(2019, 2))),
    ({"last_contact": "2017年5月"}, (_m(2017, 5), _m(2017, 11))),
    ({"notes": "we lost contact and fear the worst"}, (None, None)),
    ({"notes": "born 1980, a teacher"}, (None, None)),
    # other things taken, other people's events, and mistaken words say nothing of the detention
    ({"notes": "his passport was taken in 2016; arrested in May 2018"}, (_m(2018, 5), _m(2018, 5))),
    ({"notes": "she was mistaken for her sister in 2016"}, (None, None)),
    ({"notes": "his brother was arrested in 2016"}, (None, None)),
])
def test_when_a_detention_began_from_each_kind_of_record(cells, months):
    f = _record(1, name="Tursun Memet", **cells)
    assert (f["detained_lo"], f["detained_hi"]) == months


@pytest.mark.parametrize(("text", "months"), [
    ("2017", (_m(2017, 1), _m(2017, 12))), ("2017年", (_m(2017, 1), _m(2017, 12))),
    ("2017-يىلى", (_m(2017, 1), _m(2017, 12))), ("March 2018", (_m(2018, 3), _m(2018, 3))),
    ("2018-03", (_m(2018, 3), _m(2018, 3))), ("2018年3月", (_m(2018, 3), _m(2018, 3))),
    ("early 2017", (_m(2017, 1), _m(2017, 4))), ("mid-2017", (_m(2017, 5), _m(2017, 8))),
    ("late 2019", (_m(2019, 9), _m(2019, 12))), ("2017-2018", (_m(2017, 1), _m(2018, 12))),
    ("2017年至2018年", (_m(2017, 1), _m(2018, 12))),
    ("March 2017 - September 2017", (_m(2017, 3), _m(2017, 9))), ("2017-03..2017-09", (_m(2017, 3), _m(2017, 9))),
    ("2017年3月至2017年9月", (_m(2017, 3), _m(2017, 9))), ("late 2016 to 2017", (_m(2016, 9), _m(2017, 12))),
    ("September 2017 - March 2017", None), ("soon - 2017", None),
    ("2017-18", (_m(2017, 1), _m(2018, 12))), ("2017/18", (_m(2017, 1), _m(2018, 12))),
    ("2018-13", None), ("2018-00", None), ("2018年13月", None),
    ("2018-2017", None), ("soon", None), ("in 2017 maybe", None), ("", None),
])
def test_when_a_searcher_says_someone_was_taken(text, months):
    from rollcall.people.detention import told_when

    assert told_when(text) == months


def test_a_public_search_reads_a_detention_from_stated_fields_only():
    """The search index's public detention facets come from the stated date, sentence and status, never
    from the notes or the last contact (researchers' fields)."""
    from rollcall.people.features import public_search_facets, search_facets

    told = {"notes": ("arrested in March 2017; sentenced to 10 years", None, None),
            "last_contact": ("February 2017", None, None)}
    assert search_facets(told)[4:] == (_m(2017, 3), _m(2017, 3), 10, "prison")
    assert public_search_facets(told)[3:] == (None, None, None, None)
    stated = {**told, "detention_start": ("2017年3月5日", "2017-03-05", None), "sentence": ("10年", None, None)}
    assert public_search_facets(stated)[3:] == (_m(2017, 3), _m(2017, 3), 10, "prison")
    released = {**told, "detention_status": ("已释放", None, None)}
    assert public_search_facets(released)[3:] == (None, None, None, "released")


@pytest.mark.parametrize(("cells", "years"), [
    ({"sentence": "10年"}, 10), ({"sentence": "10"}, 10), ({"sentence": "10 yrs"}, 10), ({"sentence": "判刑10年"}, 10),
    ({"sentence": "10年有期徒刑"}, 10), ({"notes": "2018年5月转监狱，判处有期徒刑12年"}, 12),
    ({"notes": "later we heard he was sentenced to 7 years"}, 7), ({"notes": "15"}, None), ({"sentence": "150"}, None),
])
def test_the_years_of_a_sentence_as_records_state_them(cells, years):
    from rollcall.people.detention import outcome

    assert outcome({f: (v, None, None) for f, v in cells.items()})[2] == years


@pytest.mark.parametrize(("status", "months"), [
    ("服刑", (_m(2016, 9), _m(2018, 9))), ("serving a prison sentence", (_m(2016, 9), _m(2018, 9))),
    ("在押", (_m(2018, 9), _m(2018, 9))), ("职业技能教育培训中心", (_m(2018, 9), _m(2018, 9))),
])
def test_a_prisons_intake_date_bounds_the_first_detention_from_above(status, months):
    from rollcall.people.features import detention_facets

    cells = {"detention_start": ("2018年9月10日", "2018-09-10", None), "detention_status": (status, None, None)}
    assert detention_facets(cells)[:2] == months
    assert detention_facets({"notes": ("arrested in September 2018", None, None),
                             "detention_status": (status, None, None)})[:2] == (_m(2018, 9), _m(2018, 9))


@pytest.mark.parametrize(("cells", "years"), [
    ({"birth_date": "1985-03-07"}, (1985, 1985, 1985)),
    ({"birth_date": "1985"}, (None, 1985, 1985)),  # a year alone is compared as an age
    ({"age": "born 1990"}, (None, 1990, 1990)),
    ({"age": "born around 1990"}, (None, 1988, 1992)),
    ({"age": "30", "recorded_at": "2020-05-01"}, (None, 1989, 1990)),
    ({"id_number": "65312319611026157X"}, (1961, 1961, 1961)),
])
def test_birth_year_and_range_from_dates_ages_and_id_numbers(cells, years):
    f = _record(1, name="Tursun Memet", **cells)
    assert (f["birth_year"], f["birth_lo"], f["birth_hi"]) == years


@pytest.mark.parametrize(("place", "township"), [
    ("新疆维吾尔自治区喀什地区英吉沙县托克扎克乡1村6组146号", "托克扎克"),
    ("新疆维吾尔自治区吐鲁番市高昌区萨依巴格镇17村3组159号", "萨依巴格"),
    ("Tokzak village, Yengisar", "Tokzak"),
    ("توققۇزاق يېزىسى، يېڭىسار ناھىيىسى", "توققۇزاق"),
    ("Yengisar County, Kashgar", None),
    ("Kashgar City", None),
    ("The village near Yengisar", None),
    ("our home town, Yengisar", None),
    ("بىزنىڭ يېزا، يېڭىسار ناھىيىسى", None),
])
def test_township_of_an_address_in_each_script(place, township):
    assert _record(1, name="Tursun Memet", household_address=place)["township"] == township


@pytest.mark.parametrize(("cells", "outcome"), [
    ({"notes": "2019年8月已释放"}, ("released", 2019, None)),
    ({"notes": "2015年3月死亡"}, ("died", 2015, None)),
    ({"notes": "2017年9月转判刑，判处有期徒刑11年"}, ("prison", None, 11)),
    ({"detention_status": "服刑", "sentence": "12年"}, ("prison", None, 12)),
    ({"detention_status": "ۋاپات بولغان"}, ("died", None, None)),
    ({"detention_status": "قويۇپ بېرىلگەن"}, ("released", None, None)),
    ({"detention_status": "لاگېردا"}, (None, None, None)),
    ({"notes": "taken to a camp in 2014; we were told she died in custody in 2015"}, ("died", 2015, None)),
    ({"notes": "taken to a camp in 2017; released in 2019 but we still cannot reach him"}, ("released", 2019, None)),
    ({"notes": "arrested in March 2017; later we heard he was sentenced to 10 years"}, ("prison", None, 10)),
    ({"notes": "taken to a camp in 2018; no news since"}, (None, None, None)),
    ({"notes": "released in 2019, then died in 2021"}, ("died", 2021, None)),
    ({"notes": "he studied in Egypt in 2015"}, (None, None, None)),
    ({"notes": "taken to a camp in 2017; still not released"}, (None, None, None)),
    ({"notes": "taken in 2017; his mother passed away in 2019"}, (None, None, None)),
])
def test_how_a_detention_ended_in_each_language(cells, outcome):
    f = _record(1, name="Tursun Memet", **cells)
    assert (f["outcome"], f["outcome_year"], f["sentence_years"]) == outcome


def test_a_given_name_alone_is_compared_by_the_whole_other_name_beside_it():
    f = _record(1, name="Turdimemet", other_names="TUERDIMAIMAITI ABUDOUREHEMAN")
    assert (f["name"], f["name_parts"]) == ("TUERDIMAIMAITI ABUDOUREHEMAN", 2)
    whole = _record(2, name="Turdimemet Abdurahman", other_names="TUERDIMAIMAITI")
    assert (whole["name"], whole["name_parts"]) == ("Turdimemet Abdurahman", 2)


@pytest.mark.parametrize(("number", "body"), [
    ("65312319611026157X", "65312319611026157"),
    ("65312319611026157", "65312319611026157"),  # check character dropped
    ("653123611026157", "65312319611026157"),  # the old 15-digit form (ingest reads it in its 18-digit form)
    ("abc", None),
])
def test_id_number_body_survives_clerical_forms(number, body):
    assert _record(1, id_number=number)["id_body"] == body


def _filler() -> list[dict]:
    """Unrelated people (no two alike), so that u can be sampled."""
    rows = []
    for i in range(60):
        given = ["Abdulla", "Tursun", "Memet", "Ehmet", "Rozi", "Hasan"][i % 6]
        father = ["Qadir", "Niyaz", "Osman", "Yasin", "Kerim", "Tahir", "Sabir", "Emet", "Ghopur", "Nur"][i // 6]
        taken = {"detention_start": f"{2014 + i % 6}-{1 + i % 12:02d}-01"}
        township = {"household_address": f"新疆喀什地区英吉沙县{['托克扎克', '萨依巴格', '阿克塔什'][i % 3]}乡"}
        ended = ({"sentence": f"{3 + i % 20}年"} if i % 3 == 0 else {"notes": f"released in {2015 + i % 5}"}
                 if i % 3 == 1 else {"detention_status": "死亡"} if i in (2, 29) else {})
        rows.append(_record(1000 + i, name=f"{given} {father}", sex="male" if i % 2 else "female",
                            id_number=f"6531{i % 4:02d}19{60 + i % 30}0{1 + i % 9}1{i % 10}{i:03d}{i % 10}", **ended,
                            **township, **taken))
    return rows


REGISTER = dict(name="Tursun Memet", sex="male", id_number="653123198905051234")
PAIRS = {
    "swapped": (dict(name="阿巴斯·沙马提", id_number="653126195911258592"),
                dict(name="阿巴斯·沙马提", id_number="653126195911285592")),
    "check character dropped": (dict(name="Kamil Rozi", id_number="653201197803256206"),
                                dict(name="Kamil Rozi", id_number="65320119780325620")),
    "check character dropped and a digit mistyped": (dict(name="Sabir Nur", id_number="653201197803256206"),
                                                     dict(name="Sabir Nur", id_number="65320119780325720")),
    # (in one county and born the same year, or linkage would not compare them at all)
    "far apart": (dict(name="Hasan Yasin", id_number="653201197803256206"),
                  dict(name="Hasan Yasin", id_number="653201197803251137")),
    "age on a dated form": (REGISTER, dict(name="Tursun Memet", age="30", recorded_at="2020-01-01")),
    "age by decade": (REGISTER, dict(name="Tursun Memet", age="in his 30s", recorded_at="2020-01-01")),
    # born 1990 to 2000 against 1989 (an age further off is not compared at all: see test_blocking)
    "age impossible": (REGISTER, dict(name="Tursun Memet", age="in his 20s", recorded_at="2020-01-01")),
    "same sentence": (dict(name="Rozi Niyaz", sentence="11年"), dict(name="Rozi Niyaz", notes="sentenced to 11 years")),
    "other sentence": (dict(name="Ehmet Nur", sentence="11年"), dict(name="Ehmet Nur", notes="sentenced to 4 years")),
    "same township": (dict(name="Ehmet Sabir", household_address="新疆喀什地区英吉沙县托克扎克乡1村6组146号"),
                      dict(name="Ehmet Sabir", birth_place="Tokkuzak village, Yengisar")),
    "other township": (dict(name="Memet Sabir", household_address="新疆喀什地区英吉沙县萨依巴格乡1村6组146号"),
                       dict(name="Memet Sabir", birth_place="Tokkuzak village, Yengisar")),
    "taken the same month": (dict(name="Nur Osman", detention_start="2017-05-20"),
                             dict(name="Nur Osman", last_contact="March 2017", notes="taken to a camp in 2017")),
    "taken two years apart": (dict(name="Rozi Osman", detention_start="2019-05-20"),
                              dict(name="Rozi Osman", last_contact="March 2017", notes="taken to a camp in 2017")),
    "both died": (dict(name="Hasan Tahir", notes="2015年3月死亡"),
                  dict(name="Hasan Tahir", detention_status="ۋاپات بولغان")),
    "died or released": (dict(name="Memet Emet", notes="2015年3月死亡"),
                         dict(name="Memet Emet", notes="released in 2019")),
}


@pytest.fixture(scope="module")
def weights() -> dict[str, dict[str, float]]:
    """The model's weights for each pair in PAIRS, scored together with unrelated people."""
    rows, ids = _filler(), {}
    for n, (kind, (a, b)) in enumerate(PAIRS.items()):
        rows += [_record(2 * n + 1, **a), _record(2 * n + 2, **b)]
        ids[(2 * n + 1, 2 * n + 2)] = kind
    pairs, _ = score_pairs(rows, name_score=namekeys.score, min_probability=0.0)
    return {ids[(p.a, p.b)]: p.weights for p in pairs if (p.a, p.b) in ids}


def test_swapped_or_shortened_id_numbers_count_for_a_match_not_against(weights):
    assert weights["swapped"]["id_number"] > 3
    assert weights["check character dropped"]["id_number"] > 3
    assert weights["check character dropped and a digit mistyped"]["id_number"] > 3
    assert weights["far apart"]["id_number"] < -3


def test_an_exact_birth_year_is_weighed_against_an_age_by_how_precise_the_age_is(weights):
    """A register's birth year against a testimony's age: "30" on a dated form says more than "in his 30s",
    and an age that cannot be the same person counts against."""
    exact, decade, wrong = (sum(weights[kind].get(k, 0) for k in ("age", "approximate_age", "vague_age"))
                            for kind in ("age on a dated form", "age by decade", "age impossible"))
    assert exact > decade > 0 > wrong


def test_how_detentions_ended_counts_where_both_records_say(weights):
    assert weights["same sentence"]["sentence"] > 2 > -2 > weights["other sentence"]["sentence"]
    assert weights["both died"]["outcome"] > 2
    assert weights["died or released"]["outcome"] < -2


def test_a_township_agreeing_across_scripts_counts_for_a_match(weights):
    assert weights["same township"]["township"] > 1 > -1 > weights["other township"]["township"]


def test_the_months_a_detention_began_count_for_a_match_or_against(weights):
    assert weights["taken the same month"]["detained_month"] > 1
    assert weights["taken two years apart"]["detained_month"] < -1


def test_a_common_name_agreeing_says_less_than_a_rare_one():
    """Twenty people called Abdulla Qadir in several scripts elsewhere: two records of that name in one
    county are weaker evidence of one person than two records of a name nobody else has."""
    elsewhere = [_record(200 + i, name=["Abdulla Qadir", "阿不都拉·卡德尔", "ئابدۇللا قادىر"][i % 3],
                         household_address="新疆和田地区和田县", age=str(20 + i), recorded_at="2019-01-01")
                 for i in range(20)]
    home = {"household_address": "新疆喀什地区英吉沙县", "sex": "male"}
    pairs, _ = score_pairs([*_filler(), *elsewhere,
                            _record(1, name="Abdulla Qadir", **home), _record(2, name="Abdulla Qadir", **home),
                            _record(3, name="Zulpiqar Qurban", **home), _record(4, name="Zulpiqar Qurban", **home)],
                           name_score=namekeys.score, min_probability=0.0)
    name = {(p.a, p.b): p.weights["name"] for p in pairs}
    assert name[(3, 4)] > name[(1, 2)] + 2 > 2


def test_a_common_given_name_alone_agreeing_with_a_full_name_says_less_than_a_rare_one():
    """A testimony's "Abdulla", a name twenty other lone given names share, against a register's Abdulla
    Qadir is weaker evidence than a lone "Zulpiqar" against Zulpiqar Qurban."""
    elsewhere = [_record(200 + i, name=["Abdulla", "ئابدۇللا"][i % 2], household_address="新疆和田地区和田县",
                         age=str(20 + i), recorded_at="2019-01-01") for i in range(20)]
    home = {"household_address": "新疆喀什地区英吉沙县", "sex": "male", "detention_start": "2017-05-20"}
    pairs, _ = score_pairs([*_filler(), *elsewhere,
                            _record(1, name="Abdulla", **home), _record(2, name="Abdulla Qadir", **home),
                            _record(3, name="Zulpiqar", **home), _record(4, name="Zulpiqar Qurban", **home)],
                           name_score=namekeys.score, min_probability=0.0)
    given = {(p.a, p.b): p.weights["given_in_full"] for p in pairs if "given_in_full" in p.weights}
    assert given[(3, 4)] > given[(1, 2)] + 2 and given[(3, 4)] > 2
