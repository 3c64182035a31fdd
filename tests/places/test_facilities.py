"""Facility datasets (the real ASPI and BuzzFeed News files): reading, normalising, merging, matching."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest

from rollcall.errors import InputError
from rollcall.places.facilities import DETENTION, PRISON, RE_EDUCATION, read_facilities
from rollcall.places.facilities_match import FacilityEntry, match_facility, parse_facility_name
from rollcall.places.facilities_merge import distance_m, merge, summarise

FACILITIES = Path(__file__).resolve().parents[3] / "shared" / "data" / "facilities"  # as conftest.SHARED_DATA
ASPI = "aspi_xjdp_2020-09_v1.csv"
BUZZFEED = "buzzfeed_2021-07-20_all_locations.tsv"


def read(path: Path, fmt: str, encoding: str | None = None):
    data = path.read_bytes()
    return read_facilities(data, fmt, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding,
                           file=path.name)[0]


@pytest.fixture(scope="module")
def aspi_rows():
    return read(FACILITIES / ASPI, "aspi")


@pytest.fixture(scope="module")
def buzzfeed_rows():
    return read(FACILITIES / BUZZFEED, "buzzfeed")


@pytest.fixture(scope="module")
def merged(aspi_rows, buzzfeed_rows):
    return merge(aspi_rows + buzzfeed_rows)


def test_row_counts(aspi_rows, buzzfeed_rows) -> None:
    assert len(aspi_rows) == 380
    assert len(buzzfeed_rows) == 551
    assert sum(1 for r in buzzfeed_rows if r.first("status") == "sub-compound") == 77


def test_every_cell_is_kept_as_written(shared_data, aspi_rows) -> None:
    with open(shared_data / "facilities" / ASPI, encoding="utf-8", newline="") as fh:
        raw = list(csv.reader(fh))
    header = raw[0]
    assert [r.cells for r in aspi_rows] == [list(zip(header, row, strict=True)) for row in raw[1:]]


def test_buzzfeed_row_numbers_are_file_lines_after_blank_rows(shared_data, buzzfeed_rows) -> None:
    lines = (shared_data / "facilities" / BUZZFEED).read_bytes().split(b"\r\n")
    first = buzzfeed_rows[0]
    assert first.row == 5  # header, then three blank rows
    assert lines[first.row - 1].split(b"\t")[0].decode() == first.source_id == "106"


def test_urumqi_decodes(buzzfeed_rows) -> None:
    prefectures = {r.first("prefecture") for r in buzzfeed_rows}
    assert "Ürümqi" in prefectures
    assert not any("örÅmqi" in text for r in buzzfeed_rows for _, text in r.cells)


def test_mac_roman_can_be_asked_for_and_is_kept_as_decoded(shared_data) -> None:
    rows = read(shared_data / "facilities" / BUZZFEED, "buzzfeed", encoding="mac_roman")
    assert "örÅmqi" in {r.first("prefecture") for r in rows}


def test_aspi_missing_markers_give_no_values(aspi_rows) -> None:
    first = aspi_rows[0]  # Tiemenguan Facility #1: '# Shawn' is #N/A
    assert first.get("shawn_number") == []
    assert first.get("etnam") == ["C_KO02"]
    assert dict(first.cells)["# Shawn"] == "#N/A"


def test_types_and_tiers(aspi_rows, buzzfeed_rows) -> None:
    by_tier = {r.first("tier"): r.first("type") for r in aspi_rows}
    assert by_tier == {1: RE_EDUCATION, 2: RE_EDUCATION, 3: DETENTION, 4: PRISON}
    security = {(r.first("type"), r.first("security")) for r in buzzfeed_rows}
    assert (PRISON, "medium") in security and (PRISON, "high") in security
    assert (None, None) in security  # a blank type stays unknown


def test_county_resolved_to_code(aspi_rows, buzzfeed_rows) -> None:
    konasheher = next(r for r in aspi_rows if r.first("name") == "Konasheher Facility #1")
    assert konasheher.first("county_code") == "653121"
    shufu = next(r for r in buzzfeed_rows if r.first("name") == "Shufu - I")
    assert shufu.first("county_code") == "653121"
    resolved = sum(1 for r in aspi_rows if r.first("county_code"))
    assert resolved >= 340  # the rest stay unresolved (and are listed as problems), never guessed
    assert all(r.first("county_code") or any("County" in p for p in r.problems) for r in aspi_rows)


def test_cross_references_are_read(buzzfeed_rows) -> None:
    row = next(r for r in buzzfeed_rows if r.source_id == "106")
    assert row.get("aspi_number") == [336]
    assert row.get("etnam") == ["P_QE04", "C_QE05"]
    assert row.get("shawn_number") == [1]
    multi = [r for r in buzzfeed_rows if len(r.get("aspi_number")) > 1]
    assert len(multi) == 9  # cells such as "138, 128"


def test_merge_loses_nothing_and_never_joins_rows_of_one_file(merged, aspi_rows, buzzfeed_rows) -> None:
    facilities, _ = merged
    keys = [r.key for f in facilities for r in f.rows]
    assert sorted(keys) == sorted(r.key for r in aspi_rows + buzzfeed_rows)
    for f in facilities:
        files = [r.sha256 for r in f.rows]
        assert len(files) == len(set(files))


def test_shared_facilities_measured(merged, aspi_rows, buzzfeed_rows) -> None:
    facilities, links = merged
    both = [f for f in facilities if {r.source for r in f.rows} == {"aspi", "buzzfeed"}]
    by_number = [f for f in both if any(lk.kind == "aspi_number" and lk.merged and not lk.note for lk in f.links)]
    # Independently: ASPI numbers cited by BuzzFeed rows that exist in the ASPI file.
    numbers = {int(r.source_id) for r in aspi_rows}
    cited = {n for r in buzzfeed_rows for n in r.get("aspi_number") if n in numbers}
    assert len(cited) == 368
    assert len(by_number) == 359
    # The other 9 are second numbers of cells citing two ASPI facilities ("138, 128"): a BuzzFeed row
    # joins one of them, and the citation of the other is kept as a link that was not followed.
    joined = {int(r.source_id) for f in by_number for r in f.rows if r.source == "aspi"}
    for n in cited - joined:
        assert any(lk.kind == "aspi_number" and not lk.merged and lk.a.startswith(f"aspi:{n}@") for lk in links)
    close = [f for f in by_number if distance_m(f.rows[0].coordinates(), f.rows[1].coordinates()) <= 100]
    assert 320 <= len(close) <= 359
    assert len(both) == 366  # 7 more joined by ETNAM code or proximity
    assert len(facilities) == 380 + 551 - 366


def test_cited_number_joins_the_cited_row(merged) -> None:
    facilities, _ = merged
    fac = next(f for f in facilities if any(r.key.startswith("buzzfeed:106@") for r in f.rows))
    assert [r.key.split("@")[0] for r in fac.rows] == ["aspi:336", "buzzfeed:106"]
    s = summarise(fac.rows)
    assert s["names"] == ["Konasheher Facility #7", "Shufu - I"]
    assert s["county_code"] == "653121" and s["type"] == RE_EDUCATION


def test_parts_of_a_compound_know_each_other(merged) -> None:
    facilities, _ = merged
    by_key = {f.key: f for f in facilities}
    shufu_b = by_key["aspi-336"]  # BuzzFeed "Shufu - I", part B
    assert shufu_b.compound
    for key in shufu_b.compound:
        other = by_key[key]
        assert shufu_b.key in other.compound
        assert "Shufu - I" in {r.first("name") for r in other.rows}


def test_unfollowed_links_are_kept_with_a_reason(merged) -> None:
    _, links = merged
    skipped = [lk for lk in links if not lk.merged]
    assert skipped and all(lk.note.startswith("not merged") for lk in skipped)


def test_a_file_that_is_not_the_format_names_what_is_missing(shared_data) -> None:
    data = (shared_data / "facilities" / ASPI).read_bytes()
    with pytest.raises(InputError, match="no column 'id'"):
        read_facilities(data, "buzzfeed", sha256="0" * 64, encoding="utf-8", file=ASPI)


def test_bad_cells_are_problems_not_dropped_rows() -> None:
    text = "Number,Name_Code,Lat,Long,Prefecture,County,# Shawn,# ETNAM,Tier\n1,X #1,north,80,Kashgar,Shufu,,,7\n"
    (row,), _ = read_facilities(text.encode(), "aspi", sha256="1" * 64, file="t.csv")
    assert row.coordinates() is None and row.first("tier") is None
    assert any("'Lat'" in p for p in row.problems) and any("'Tier'" in p for p in row.problems)


def test_repeated_identifier_is_an_error_naming_the_row() -> None:
    text = ("Number,Name_Code,Lat,Long,Prefecture,County,# Shawn,# ETNAM,Tier\n"
            "1,A,39,75,Kashgar,Shufu,,,1\n1,B,39,75,Kashgar,Shufu,,,1\n")
    with pytest.raises(InputError, match="row 3"):
        read_facilities(text.encode(), "aspi", sha256="2" * 64, file="t.csv")


def test_undecodable_file_names_the_encoding() -> None:
    data = io.BytesIO("id\tName\n1\t疏附\n".encode("gbk")).getvalue()
    with pytest.raises(InputError, match="utf-8"):
        read_facilities(data, "aspi", sha256="3" * 64, file="t.csv")


# --- names as registers write them ----------------------------------------------------------------------

def test_parse_facility_names() -> None:
    q = parse_facility_name("疏附县职业技能教育培训中心")
    assert q.county_codes == ("653121",) and q.type == RE_EDUCATION
    q = parse_facility_name("Konasheher Facility #1")
    assert q.county_codes == ("653121",) and q.ordinal == ("#", 1)
    q = parse_facility_name("Shufu - I")
    assert q.county_codes == ("653121",) and q.ordinal == ("roman", 1)
    assert parse_facility_name("喀什市看守所").type == DETENTION
    assert parse_facility_name("墨玉县拘留所").subtype == "administrative detention"
    assert parse_facility_name("新疆第一监狱").type == PRISON


def test_match_against_the_merged_registry(merged) -> None:
    facilities, _ = merged
    entries = []
    for f in facilities:
        s = summarise(f.rows)
        entries.append(FacilityEntry(f.key, tuple(s["names"]), s["type"], s["county_code"], s["prefecture_code"]))
    assert match_facility("Konasheher Facility #1", entries)[0].key == "aspi-38"
    shufu = match_facility("Shufu - I", entries)
    assert "aspi-336" in [m.key for m in shufu[:2]] and all(m.county for m in shufu)
    camps = match_facility("疏附县职业技能教育培训中心", entries, limit=20)
    assert camps and all(m.county for m in camps)
    first_non_camp = next((i for i, m in enumerate(camps) if not m.type), len(camps))
    assert all(m.type for m in camps[:first_non_camp]) and first_non_camp >= 1
    # the camps of the county score above its detention centres and prisons, by name score too
    assert min(m.name_score for m in camps[:first_non_camp]) > max(m.name_score for m in camps[first_non_camp:])


def test_a_descriptive_name_scores_by_the_kind_it_names() -> None:
    entries = [FacilityEntry("prison", ("Konasheher Facility #3",), PRISON, "653121"),
               FacilityEntry("detention", ("Shufu - III",), DETENTION, "653121"),
               FacilityEntry("unknown", ("Konasheher Facility #9",), None, "653121"),
               FacilityEntry("camp", ("Konasheher Facility #1",), RE_EDUCATION, "653121"),
               FacilityEntry("elsewhere", ("Karakax Facility #1",), RE_EDUCATION, "653222")]
    camps = match_facility("疏附县职业技能教育培训中心", entries)  # county + 'vocational skills education and
    assert [m.key for m in camps] == ["camp", "unknown", "detention", "prison"]  # training centre'
    assert [m.name_score for m in camps] == [90.0, 60.0, 30.0, 30.0]
    assert parse_facility_name("疏附县职业技能教育培训中心").descriptive
    jail = match_facility("疏附县看守所", entries)
    assert jail[0].key == "detention" and jail[0].name_score == 90.0
    assert [m.key for m in match_facility("Shufu detention centre", entries)][0] == "detention"
    # the same name in traditional characters reads the same
    assert [m.key for m in match_facility("疏附縣職業技能教育培訓中心", entries)] == [m.key for m in camps]


def test_a_name_with_more_than_county_and_kind_is_not_descriptive() -> None:
    assert not parse_facility_name("疏附县托克扎克镇职业技能教育培训中心").descriptive  # a township's own camp
    assert not parse_facility_name("Shufu - I").descriptive  # no kind: compared by its letters
    assert not parse_facility_name("疏附县").descriptive


def test_merge_does_not_depend_on_input_order(merged, aspi_rows, buzzfeed_rows) -> None:
    facilities, _ = merged
    reversed_facilities, _ = merge(list(reversed(buzzfeed_rows)) + list(reversed(aspi_rows)))
    assert {f.key: [r.key for r in f.rows] for f in reversed_facilities} == {
        f.key: [r.key for r in f.rows] for f in facilities}
