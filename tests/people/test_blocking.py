"""Which pairs of records linkage considers at all (its blocking rules), on small tables of fictional records.

A pair left out here can never be matched, so each case is one a user would be hurt by: a testimony's
"from Hotan, in his 40s" must meet the register's row; two namesakes in different counties need not.
"""

from __future__ import annotations

from rollcall.people import namekeys
from rollcall.people.engine import score_pairs

# Fictional people. 653200 is Hotan prefecture, 653201 and 653222 two of its counties; 653101 is in Kashgar.
TURSUN = "吐尔逊·买买提"


def record(uid: int, name: str, *, county: str | None = "653201", born: tuple[int, int] | None = (1980, 1980),
           sex: str | None = "male", birth_date: str | None = None, id_number: str | None = None,
           detained: tuple[int, int] | None = None, township: str | None = None) -> dict:
    nf = namekeys.features(name)
    return {"unique_id": uid, "source_id": 1 + uid % 3, "name": name, "name_canon": nf.canon,
            "name_keys": nf.keys or None, "part_keys": nf.part_keys or None, "name_parts": nf.parts,
            "county": county, "birth_lo": born[0] if born else None, "birth_hi": born[1] if born else None,
            "birth_year": int(birth_date[:4]) if birth_date else None, "birth_date": birth_date, "sex": sex,
            "id_number": id_number, "detained_lo": detained[0] if detained else None,
            "detained_hi": detained[1] if detained else None, "township": township}


# Unrelated records around the cases, so that training has something to sample.
FILLER = [record(1000 + i, n, county=c, born=(1960 + i % 40, 1960 + i % 40))
          for i, (n, c) in enumerate((n, c) for n in ("阿不都热依木·吐尔逊", "Gulnar Abla", "ئابلىمىت ھېسەن",
                                                        "Mehmet Yasin", "努尔古丽·艾买提", "Rahile Tahir")
                                     for c in ("653201", "653222", "653101"))]


def candidates(*records: dict) -> set[tuple[int, int]]:
    pairs, _ = score_pairs([*records, *FILLER], name_score=namekeys.score, min_probability=0.0)
    return {(p.a, p.b) for p in pairs if p.a < 1000 and p.b < 1000}


def test_one_name_in_two_scripts_in_one_county_is_a_candidate():
    assert candidates(record(1, TURSUN), record(2, "Tursun Memet")) == {(1, 2)}


def test_namesakes_in_two_counties_are_not_compared():
    assert candidates(record(1, TURSUN, county="653201"), record(2, "Tursun Memet", county="653222")) == set()


def test_a_prefecture_for_a_hometown_meets_every_county_in_it():
    found = candidates(record(1, TURSUN, county="653201"), record(2, "Tursun Memet", county="653200"),
                       record(3, "Tursun Memet", county="653101"))
    assert found == {(1, 2)}


def test_a_record_without_a_home_meets_namesakes_anywhere():
    found = candidates(record(1, TURSUN, county="653201"), record(2, "Tursun Memet", county=None),
                       record(3, "Tursun Memet", county="653101"))
    assert (1, 2) in found and (2, 3) in found and (1, 3) not in found


def test_births_compatible_within_a_year_when_both_precise():
    found = candidates(record(1, TURSUN, born=(1980, 1980)), record(2, "Tursun Memet", born=(1981, 1981)),
                       record(3, "Tursun Memet", born=(1983, 1983)))
    assert (1, 2) in found and (1, 3) not in found


def test_an_age_in_decades_meets_births_near_its_span():
    # "in his 40s" on an undated list: born about 1974 to 1984
    found = candidates(record(1, TURSUN, born=(1980, 1980)), record(2, "Tursun Memet", born=(1974, 1984)),
                       record(3, "Tursun Memet", born=(1990, 2000)), record(4, "Tursun Memet", born=None))
    assert {(1, 2), (1, 4)} <= found and (1, 3) not in found


# detention spans in months, year * 12 + month - 1 (detention.py): 2017-04 to 2017-06, and all of 2017
APRIL_2017, IN_2017 = (2017 * 12 + 3, 2017 * 12 + 5), (2017 * 12, 2017 * 12 + 11)


def test_a_given_name_alone_meets_full_names_sharing_it_in_its_home():
    full = record(1, TURSUN, detained=APRIL_2017)
    found = candidates(full, record(2, "Tursun", born=(1974, 1984), detained=IN_2017),
                       record(3, "Tursun", county="653101", detained=IN_2017),
                       record(4, "Tursun", sex="female", detained=IN_2017))
    assert (1, 2) in found and (1, 3) not in found and (1, 4) not in found


def test_a_given_name_alone_needs_one_more_thing_to_compare():
    # Thousands share a given name, a county and an age: without a detention or a township on both sides
    # there is nothing the model could tell them apart by, and at a million records tens of millions of pairs.
    found = candidates(record(1, TURSUN, detained=APRIL_2017, township="托克扎克"),
                       record(2, "Tursun", born=(1974, 1984)),
                       record(3, "Tursun", born=(1974, 1984), detained=(2019 * 12, 2019 * 12 + 11)),
                       record(4, "Tursun", born=(1974, 1984), township="Tokzak"),
                       record(5, "Tursun", born=(1974, 1984), detained=IN_2017))
    assert {(1, 4), (1, 5)} <= found and (1, 2) not in found and (1, 3) not in found


def test_the_same_id_number_or_birth_date_needs_no_name():
    number = "653201198001011234"
    found = candidates(record(1, TURSUN, id_number=number), record(2, "Abliz Kerim", id_number=number),
                       record(3, "Gulnar", birth_date="1980-01-01"), record(4, "Nurgul", birth_date="1980-01-01"))
    assert {(1, 2), (3, 4)} <= found
