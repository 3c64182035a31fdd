"""The generated corpus: reproducible, every record in truth.csv once, three scripts, fictional notices."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from generate_helpers import PERSONS, SEED, record_rows, truth_rows
from openpyxl import load_workbook
from stdnum.cn import ric

from rollcall.errors import RollcallError
from rollcall.generate import NOTICE
from rollcall.generate.corpus import generate_corpus


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    a = generate_corpus(tmp_path / "a", 120, 5)
    b = generate_corpus(tmp_path / "b", 120, 5)
    c = generate_corpus(tmp_path / "c", 120, 6)
    files_a, files_b, files_c = _files(a.outdir), _files(b.outdir), _files(c.outdir)
    assert files_a == files_b
    assert set(files_a) == set(files_c)
    for name in files_a:
        if name != "README.txt":
            assert files_a[name] != files_c[name], name


def test_truth_covers_every_record_exactly_once(corpus) -> None:
    truth = truth_rows(corpus.outdir)
    located = [(file, row) for file, row, _ in truth]
    assert len(located) == len(set(located))
    in_files = {(name, row) for name in corpus.table_files for row, _ in record_rows(corpus.outdir / name)}
    assert set(located) == in_files
    assert {person for *_, person in truth} == {f"fictional-{i:07d}" for i in range(1, PERSONS + 1)}


def test_each_person_in_one_to_four_sources_with_overlap(corpus) -> None:
    sources = defaultdict(set)
    for file, _, person in truth_rows(corpus.outdir):
        sources[person].add(file)
    counts = [len(s) for s in sources.values()]
    assert min(counts) >= 1 and max(counts) <= 4
    assert sum(1 for n in counts if n >= 2) > PERSONS // 5  # real overlap between sources


def test_corpus_has_all_three_scripts(corpus) -> None:
    text = "".join((corpus.outdir / n).read_bytes().decode("gbk" if "gbk" in n else "utf-8", "replace")
                   for n in corpus.table_files if not n.endswith(".xlsx"))
    names = [cells[1] for _, cells in record_rows(corpus.outdir / "uyghur-list.csv")]
    assert all(re.fullmatch(r"[\u0600-\u06FF ]+", name) for name in names)  # Uyghur Arabic script
    assert re.search(r"[\u4e00-\u9fff]{2,}·[\u4e00-\u9fff]{2,}", text)  # Chinese transcriptions
    testimonies = [obj["person"]["name"] for _, obj in record_rows(corpus.outdir / "testimonies.json")]
    assert all(re.fullmatch(r"[A-Za-zéöü' -]+", name) for name in testimonies)  # Latin spellings


def test_every_file_says_it_is_fictional(corpus) -> None:
    folder = corpus.outdir
    for name in corpus.table_files:
        path = folder / name
        if name.endswith(".json"):
            assert all(obj["notice"] == NOTICE for _, obj in record_rows(path))
        elif name.endswith(".xlsx"):
            assert NOTICE in load_workbook(path, read_only=True).worksheets[0]["A1"].value
        else:
            first = path.read_bytes().split(b"\r\n", 1)[0].decode("gbk" if "gbk" in name else "utf-8")
            assert NOTICE in first
    assert NOTICE in (folder / "README.txt").read_text(encoding="utf-8")
    assert corpus.documents
    for name in corpus.documents:
        pdf = pdfium.PdfDocument(folder / name)
        assert len(pdf) >= 2
        for page in pdf:
            assert NOTICE in page.get_textpage().get_text_range().replace("\r\n", " "), name


def test_pdfs_have_text_pages_and_scanned_pages(corpus) -> None:
    kinds = set()
    for name in corpus.documents:
        for page in pdfium.PdfDocument(corpus.outdir / name):
            images = [o for o in page.get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
            text = page.get_textpage().get_text_range()
            kinds.add("scan" if images else "text")
            if not images:
                assert re.search(r"[\u4e00-\u9fff]{2,}·[\u4e00-\u9fff]{2,}|通知|审批|报告", text)
    assert kinds == {"scan", "text"}


def test_gbk_register_really_is_gbk(corpus) -> None:
    raw = (corpus.outdir / "register-2019-gbk.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("gbk")
    assert "身份证号" in text and "维吾尔族" in text


def test_id_numbers_valid_with_a_few_realistic_errors(corpus) -> None:
    ids = [cells[4] for _, cells in record_rows(corpus.outdir / "register-2019-gbk.csv")]
    ids += [cells[2] for _, cells in record_rows(corpus.outdir / "status-list-2019.xlsx")]
    # The check character (not stdnum's county list, which lacks some real codes such as 653201).
    valid = [i for i in ids if len(i) == 18 and ric.calc_check_digit(i) == i[-1]]
    assert 0.9 < len(valid) / len(ids) < 1.0
    assert all(i.startswith("65") and len(i) in (15, 17, 18) for i in ids)


def test_families_share_households_and_fathers_names(corpus) -> None:
    by_household = defaultdict(set)
    truth = {(f, r): p for f, r, p in truth_rows(corpus.outdir)}
    for row, cells in record_rows(corpus.outdir / "register-2019-gbk.csv"):
        by_household[cells[6]].add((truth["register-2019-gbk.csv", row], cells[8], cells[7]))
    shared = [members for members in by_household.values() if len({m[0] for m in members}) > 1]
    assert shared
    # Children of a household head carry his given name as their second name part.
    assert any(len({m[1] for m in members if m[2] in ("长子", "次子", "长女", "次女")}) == 1
               and sum(m[2] in ("长子", "次子", "长女", "次女") for m in members) >= 2 for members in shared)


def test_statuses_change_over_time(corpus) -> None:
    truth = {(f, r): p for f, r, p in truth_rows(corpus.outdir)}
    first_kind = {truth["register-2019-gbk.csv", row]: cells[10]
                  for row, cells in record_rows(corpus.outdir / "register-2019-gbk.csv")}
    later = {truth["status-list-2019.xlsx", row]: cells[6]
             for row, cells in record_rows(corpus.outdir / "status-list-2019.xlsx")}
    both = [(first_kind[p], later[p]) for p in first_kind.keys() & later.keys()]
    assert ("职业技能教育培训", "服刑") in both  # camp, then prison
    assert {"已释放", "服刑", "在押"} <= set(later.values())
    assert "死亡" in "".join(cells[13] for _, cells in record_rows(corpus.outdir / "register-2019-gbk.csv"))


def test_workbooks_split_at_the_row_limit_and_truth_follows(tmp_path: Path) -> None:
    summary = generate_corpus(tmp_path / "c", 200, SEED, xlsx_max_rows=40, pdfs=False)
    parts = [n for n in summary.table_files if n.startswith("status-list-2019")]
    assert len(parts) >= 2 and parts[1] == "status-list-2019-2.xlsx"
    truth = {(f, r) for f, r, _ in truth_rows(summary.outdir)}
    for name in parts:
        rows = [r for r, _ in record_rows(summary.outdir / name)]
        assert rows and max(rows) <= 42
        assert {(name, r) for r in rows} <= truth


def test_refuses_a_folder_that_is_not_empty_and_bad_sizes(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "keep.txt").write_text("mine")
    with pytest.raises(RollcallError, match="not empty"):
        generate_corpus(tmp_path / "x", 10, 1)
    assert [p.name for p in (tmp_path / "x").iterdir()] == ["keep.txt"]
    with pytest.raises(RollcallError, match="between 1 and"):
        generate_corpus(tmp_path / "y", 0, 1)


def test_two_processes_write_the_same_bytes_as_one(tmp_path: Path) -> None:
    one = generate_corpus(tmp_path / "one", 150, 12, pdfs=False, parallel=False)
    two = generate_corpus(tmp_path / "two", 150, 12, pdfs=False, parallel=True)
    assert _files(one.outdir) == _files(two.outdir)
    assert one.records == two.records
