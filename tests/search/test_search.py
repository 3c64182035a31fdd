"""`rollcall search` through the real CLI: every writing finds the person, public rules hold, and an index
built source by source answers exactly like one rebuilt from scratch."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import uuid

import pytest
from search_corpus import HELD_OUT, INDEXED, Corpus, build, run_rollcall

KINDS = ("hanzi", "passport pinyin", "arabic", "testimony latin")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """A generated corpus, three sources ingested one by one, linked (testimonies held out)."""
    return build(tmp_path_factory.mktemp("search"))


def batch(c: Corpus, specs: list[dict], *options: str) -> list[dict]:
    """Answers to many queries in one `rollcall search --batch` run, in order."""
    path = c.home.parent / f"queries-{uuid.uuid4().hex}.jsonl"
    path.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in specs), encoding="utf-8")
    r = run_rollcall("search", "--batch", str(path), "--json", *options, home=c.home)
    assert r.code == 0, r.err
    answers = r.jsonl()
    assert [a["line"] for a in answers] == list(range(1, len(specs) + 1))
    return answers


@pytest.mark.parametrize("kind", KINDS)
def test_every_writing_finds_the_person(corpus: Corpus, kind: str) -> None:
    asked = [(pid, name) for pid in sorted(corpus.indexed_persons)
             for name in sorted(corpus.writings[pid][kind])]
    assert len(asked) >= 20, f"too few {kind} writings generated to test"
    answers = batch(corpus, [{"query": name} for _, name in asked])
    missed = []
    for (pid, name), answer in zip(asked, answers, strict=True):
        assert "error" not in answer, answer
        found = set().union(*(corpus.persons_of(r) for r in answer["results"][:10]))
        if pid not in found:
            missed.append((pid, name, [r["why"]["name"] for r in answer["results"][:3]]))
    assert not missed, f"{len(missed)} of {len(asked)} {kind} queries missed: {missed[:10]}"


def test_results_explain_the_match_and_give_the_last_status(corpus: Corpus) -> None:
    pid = next(p for p in sorted(corpus.indexed_persons) if corpus.writings[p]["hanzi"])
    hanzi = sorted(corpus.writings[pid]["hanzi"])[0]
    r = run_rollcall("search", sorted(corpus.writings[pid]["passport pinyin"])[0], "--json", home=corpus.home)
    assert r.code == 0, r.err
    top = next(x for x in r.jsonl() if pid in corpus.persons_of(x))
    assert top["person"] and top["person"].startswith("RC-")
    assert 0 < top["score"] <= 1
    assert top["why"]["parts"] and {p["matched_via"] for p in top["why"]["parts"]} & {"hanzi-table", "exact",
                                                                                      "latin-fold", "pinyin"}
    assert hanzi in top["names"] or top["why"]["name"] in top["names"]
    status = top["last_status"]
    if status is not None:
        assert status["source"]["file"] in ("register-2019-gbk.csv", "status-list-2019.xlsx", "uyghur-list.csv")
        assert status["source"]["row"] >= 3


def _with_county_and_birth(c: Corpus) -> tuple[str, dict]:
    for pid in sorted(c.indexed_persons):
        for name in sorted(c.writings[pid]["hanzi"]):
            r = run_rollcall("search", name, "--json", home=c.home)
            mine = [x for x in r.jsonl() if pid in c.persons_of(x)]
            if mine and mine[0]["places"] and mine[0]["born"]:
                return name, mine[0]
    raise AssertionError("no generated person with both a county and a birth year")


def test_born_and_place_narrow_and_say_they_agreed(corpus: Corpus) -> None:
    name, hit = _with_county_and_birth(corpus)
    county, year = hit["places"][0]["name_zh"], hit["born"]["from"]
    r = run_rollcall("search", name, "--born", str(year), "--place", county, "--json", home=corpus.home)
    same = [x for x in r.jsonl() if x["id"] == hit["id"]]
    assert same and set(same[0]["why"]["agreed"]) == {"born", "place"}
    assert same[0]["score"] >= hit["score"]
    r = run_rollcall("search", name, "--born", str(year - 30), "--json", home=corpus.home)
    assert hit["id"] not in [x["id"] for x in r.jsonl()]
    other = "乌鲁木齐市" if not hit["places"][0]["code"].startswith("6501") else "和田市"
    r = run_rollcall("search", name, "--place", other, "--json", home=corpus.home)
    assert hit["id"] not in [x["id"] for x in r.jsonl()]


def test_unknown_place_is_a_clear_error(corpus: Corpus) -> None:
    r = run_rollcall("search", "Tursun", "--place", "Qqqqzzzz", home=corpus.home)
    assert r.code == 1 and "--place" in r.err and "Traceback" not in r.err


@pytest.mark.parametrize("query", ["Kona Sheher", "疏附县", "1985", "653121198501011234", "  "])
def test_public_mode_refuses_queries_without_a_name(corpus: Corpus, query: str) -> None:
    r = run_rollcall("search", query, "--public", "--json", home=corpus.home)
    assert r.code == 1
    assert "name" in r.err and "Traceback" not in r.err
    assert r.out == ""


def test_public_mode_shows_only_public_fields(corpus: Corpus) -> None:
    names = [sorted(corpus.writings[p]["hanzi"])[0] for p in sorted(corpus.indexed_persons)
             if corpus.writings[p]["hanzi"]][:15]
    answers = batch(corpus, [{"query": n} for n in names], "--public")
    results = [x for a in answers for x in a["results"]]
    assert results
    text = json.dumps(answers, ensure_ascii=False)
    assert "records" not in text and "fathers" not in text
    for x in results:
        assert set(x) == {"person", "provisional", "id", "score", "why", "names", "born", "places", "last_status"}
        if x["last_status"]:
            assert set(x["last_status"]["source"]) == {"name"}
        for p in x["places"]:
            assert "code" not in p
    register = (corpus.dir / "register-2019-gbk.csv").read_text(encoding="gbk").splitlines()[2:]
    for line in register:  # no ID number or address of anyone appears in public results
        cells = line.split(",")
        assert cells[4] not in text and cells[5] not in text


def test_public_mode_caps_the_limit(corpus: Corpus) -> None:
    r = run_rollcall("search", "Ay", "--public", "--limit", "500", "--json", home=corpus.home)
    assert r.code == 0, r.err
    assert len(r.jsonl()) <= 20


def test_testifiers_are_never_indexed(corpus: Corpus, tmp_path) -> None:
    home = tmp_path / "home"
    r = run_rollcall("ingest", str(corpus.dir / HELD_OUT[0]), "--json", home=home)
    assert r.code == 0, r.err
    for _row, testifier in corpus.testifiers[:10]:
        r = run_rollcall("search", testifier, "--json", home=home)
        assert r.code == 0, r.err
        for x in r.jsonl():
            assert testifier not in x["names"]
            assert x["why"]["name"] != testifier


def test_incremental_index_answers_like_a_rebuilt_one(corpus: Corpus) -> None:
    specs = [{"query": n} for p in sorted(corpus.indexed_persons)[:40] for kind in KINDS
             for n in sorted(corpus.writings[p][kind])[:1]]
    specs += [{"query": "Tursun"}, {"query": "Memet", "born": 1980}, {"query": "Aygul", "place": "Kashgar"},
              {"query": "Memet", "detained": "2017", "sentence": "10"}]
    before = batch(corpus, specs)
    r = run_rollcall("search", "--reindex", "--json", home=corpus.home)
    assert r.code == 0, r.err
    stats = r.json()
    assert stats["reindexed"]["sources"] == 3 and stats["index"]["records"] == stats["reindexed"]["records"]
    after = batch(corpus, specs)
    assert after == before


def _index_rows(home) -> dict[str, list[tuple]]:
    """The index as data, ids left out: facets per record, each record's names, each name's keys."""
    con = sqlite3.connect(home / "rollcall.sqlite3")
    try:
        return {
            "facets": con.execute("SELECT record_id, birth_lo, birth_hi, county, public_birth_lo, public_birth_hi, "
                                  "public_county, father, detained_lo, detained_hi, sentence, public_detained_lo, "
                                  "public_detained_hi, public_sentence, outcome, public_outcome "
                                  "FROM search_recordfacets ORDER BY record_id").fetchall(),
            "entries": con.execute("SELECT e.record_id, e.field, n.text, e.birth_lo, e.birth_hi, e.county, "
                                   "e.public_birth_lo, e.public_birth_hi, e.public_county FROM search_nameentry e "
                                   "JOIN search_indexedname n ON n.id = e.name_id "
                                   "ORDER BY e.record_id, e.id").fetchall(),
            "keys": con.execute("SELECT n.text, k.key FROM search_namekey k JOIN search_indexedname n "
                                "ON n.id = k.name_id ORDER BY n.text, k.key").fetchall(),
            "names": con.execute("SELECT text FROM search_indexedname ORDER BY text").fetchall(),
        }
    finally:
        con.close()


def test_ingest_indexes_what_a_rebuild_from_the_statements_would(corpus: Corpus, tmp_path) -> None:
    """Ingest indexes rows as it writes them; a rebuild derives the index from the stored statements. The
    two must hold the same facets, names and keys, with each distinct name stored once."""
    home = tmp_path / "home"
    for name in (*INDEXED, HELD_OUT[0]):  # a testimony file too: its testifiers stay out both ways
        r = run_rollcall("ingest", str(corpus.dir / name), "--json", home=home)
        assert r.code == 0, r.err
    before = _index_rows(home)
    assert before["facets"] and before["entries"] and before["keys"]
    facets = {f[0]: f[1:7] for f in before["facets"]}
    assert all(e[3:9] == facets[e[0]] for e in before["entries"])  # the narrowing copy of each record's facets
    # public facets exist, and are not all the private ones: registers' years and counties come from ID numbers
    assert any(f[4:7] != (None, None, None) for f in before["facets"])
    assert any(f[4:7] != f[1:4] for f in before["facets"])
    # detention facets too: the notes (a register's remarks) tell of sentences a public search may not read
    assert sum(f[8] is not None for f in before["facets"]) > len(before["facets"]) / 2
    assert any(f[10] is not None and f[13] is None for f in before["facets"])
    assert {f[14] for f in before["facets"]} >= {"released", "died", "prison"}
    texts = [e[2] for e in before["entries"]]
    assert len(before["names"]) == len(set(texts)) < len(texts)  # repeated names are stored once
    r = run_rollcall("search", "--reindex", "--json", home=home)
    assert r.code == 0, r.err
    after = _index_rows(home)
    for table in before:
        assert after[table] == before[table], table


def test_indexing_twice_adds_nothing(corpus: Corpus) -> None:
    code = ("import json, sys\nfrom rollcall.home import open_home\nopen_home(sys.argv[1])\n"
            "from rollcall.search import index\nfrom rollcall.records.models import Record, Source\n"
            "before = index.stats()\n"
            "again = [index.index_source(s).to_dict() for s in Source.objects.values_list('id', flat=True)]\n"
            "rec = index.index_records(Record.objects.values_list('id', flat=True)).to_dict()\n"
            "print(json.dumps({'before': before, 'after': index.stats(), 'again': again, 'records': rec}))\n")
    proc = subprocess.run([sys.executable, "-c", code, str(corpus.home)], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["before"] == out["after"]
    assert all(a["records"] == 0 and a["entries"] == 0 for a in out["again"])
    assert out["records"]["records"] == 0


def test_bad_batch_lines_get_their_own_error(corpus: Corpus) -> None:
    path = corpus.home.parent / "bad.txt"
    path.write_text('Tursun\n{"query": "1985"}\n{"nme": "x"}\n', encoding="utf-8")
    r = run_rollcall("search", "--batch", str(path), "--public", "--json", home=corpus.home)
    assert r.code == 0, r.err
    lines = r.jsonl()
    assert "results" in lines[0]
    assert "line 2" in lines[1]["error"] and "line 3" in lines[2]["error"]


def test_no_query_is_a_usage_error(rollcall) -> None:
    r = rollcall("search")
    assert r.code == 1 and "name" in r.err


def test_public_narrowing_never_reads_a_hidden_id_number(rollcall, tmp_path) -> None:
    """A fictional record whose birth year and county are known only from its ID number: a researcher's
    --born narrows on it, a public search cannot (the person is kept, the year counted as unknown), so no
    public answer says what the hidden number encodes."""
    f = tmp_path / "ids-only.csv"
    f.write_text("姓名,身份证号\n吐尔逊·买买提,653121198503071239\n", encoding="utf-8")
    assert rollcall("ingest", str(f)).code == 0
    researcher = rollcall("search", "Tursun Memet", "--born", "1950", "--json")
    assert researcher.code == 0 and researcher.jsonl() == []  # the ID says 1985: dropped
    agreed = rollcall("search", "Tursun Memet", "--born", "1985", "--json").jsonl()
    assert agreed and "born" in agreed[0]["why"]["agreed"]
    for year in ("1950", "1985"):
        public = rollcall("search", "Tursun Memet", "--born", year, "--public", "--json").jsonl()
        assert len(public) == 1 and public[0]["why"]["unknown"] == ["born"], public
    for place in ("Kona Sheher", "Hotan"):
        public = rollcall("search", "Tursun Memet", "--place", place, "--public", "--json").jsonl()
        assert len(public) == 1 and public[0]["why"]["unknown"] == ["place"], public


GIVEN_BASES = ("Memet", "Tursun", "Eli", "Hesen", "Yasin", "Nurmemet", "Ablet", "Qurban", "Rozi", "Kerim",
               "Osman", "Yusup", "Ibrahim", "Musa", "Isa", "Omer", "Rahman", "Salam", "Qadir", "Ghopur")


def test_a_given_name_alone_finds_the_person_it_belongs_to_among_fathers_of_that_name(rollcall, tmp_path):
    """80 fictional sons of an Abdulla, then one man named Abdulla: a relative searching "Abdulla" means
    the man himself, and he must come first however many others carry the name as their father's."""
    sons = [f"{base}{end} Abdulla" for end in ("", "jan", "bek", "ali") for base in GIVEN_BASES]
    f = tmp_path / "list.csv"
    f.write_text("name,sex\n" + "".join(f"{n},male\n" for n in [*sons, "Abdulla Tursun"]), encoding="utf-8")
    assert rollcall("ingest", str(f)).code == 0
    r = rollcall("search", "Abdulla", "--json", "--limit", "5")
    assert r.code == 0, r.err
    assert r.jsonl()[0]["why"]["name"] == "Abdulla Tursun"


def test_the_order_written_and_the_details_that_agree_break_ties(rollcall, tmp_path):
    """Exact matches all score 1: the one whose parts come in the order the searcher wrote them comes
    before a father named after his son, and the one whose birth year agrees before one with none."""
    f = tmp_path / "list.csv"
    f.write_text("name,birth date\nAbdumutallip Abdukerim,1950\nAbdukerim Abdumutallip,1980\n"
                 "Abdukerim Abdumutallip,\nAbdukerim Abdumutallip,1983\n", encoding="utf-8")
    assert rollcall("ingest", str(f)).code == 0
    plain = rollcall("search", "Abdukerim Abdumutallip", "--json").jsonl()
    assert plain[-1]["why"]["name"] == "Abdumutallip Abdukerim" and all(x["score"] == 1.0 for x in plain)
    dated = rollcall("search", "Abdukerim Abdumutallip", "--born", "1981", "--json").jsonl()
    assert [x["born"] for x in dated] == [{"from": 1980, "to": 1980}, {"from": 1983, "to": 1983}, None]
    assert dated[0]["why"]["agreed"] == ["born"] and dated[-1]["why"]["unknown"] == ["born"]


def test_a_place_read_best_as_a_city_ranks_the_city_above_its_prefecture(rollcall, tmp_path):
    """"Kashi City" reads best as Kashgar city, less well as Kashgar prefecture: two fictional namesakes,
    one from a county of the prefecture and one from the city, both agree, the city's more."""
    f = tmp_path / "list.csv"
    f.write_text("name,household address\nRahile Abdulla,新疆喀什地区叶城县虚构村\nRahile Abdulla,新疆喀什市虚构街\n",
                 encoding="utf-8")
    assert rollcall("ingest", str(f)).code == 0
    found = rollcall("search", "Rahile Abdulla", "--place", "Kashi City", "--json").jsonl()
    assert [x["places"][0]["code"] for x in found] == ["653101", "653126"]
    assert all(x["why"]["agreed"] == ["place"] for x in found)


def test_an_age_on_a_list_reads_as_of_the_day_the_list_was_compiled(rollcall, tmp_path):
    """"40" on a list compiled on 2020-06-30 is born 1979 or 1980, for researchers and the public alike
    (without the day it could be anywhere from 1976 to 1984: the span of the leaks)."""
    f = tmp_path / "list.csv"
    f.write_text("name,sex,age\nTursun Memet,male,40\n", encoding="utf-8")
    assert rollcall("ingest", str(f), "--as-of", "2020-06-30").code == 0
    for mode in ([], ["--public"]):
        (hit,) = rollcall("search", "Tursun Memet", "--json", *mode).jsonl()
        assert hit["born"] == {"from": 1979, "to": 1980}, mode


def test_born_takes_a_year_a_range_a_decade_or_an_approximate_year(rollcall, tmp_path):
    """A relative rarely knows the year: "in his 40s", "born around 1975". Four fictional namesakes born
    years apart; each way of writing the years keeps the ones they allow (two years' slack either side)
    and drops the rest. Anything else is refused with a message naming --born."""
    f = tmp_path / "list.csv"
    f.write_text("name,birth date\n" + "".join(f"Abdukerim Abdumutallip,{y}\n" for y in (1960, 1975, 1985, 1992)),
                 encoding="utf-8")
    assert rollcall("ingest", str(f)).code == 0
    for born, years in (("1985", [1985]), ("1980s", [1985]), ("1983-1987", [1985]), ("around 1974", [1975]),
                        ("1950-1978", [1960, 1975]), ("1940s", [])):
        r = rollcall("search", "Abdukerim Abdumutallip", "--born", born, "--json")
        assert r.code == 0, r.err
        found = r.jsonl()
        assert sorted(x["born"]["from"] for x in found) == years, born
        assert all(x["why"]["agreed"] == ["born"] for x in found), born
    for bad in ("soon", "1987-1983", "1890"):
        r = rollcall("search", "Abdukerim Abdumutallip", "--born", bad)
        assert r.code == 1 and "--born" in r.err and "Traceback" not in r.err, bad


def test_a_given_name_and_the_fathers_name_find_the_son_among_many_of_that_given_name(rollcall, tmp_path):
    """A relative may write only "Yakup" and add that his father is Ilyas. 100 fictional men named Yakup
    with other fathers, listed before Yakup Ilyas: the father's name must find him, in any writing, not
    merely filter whichever Yakups a given name alone brings up."""
    others = [f"Yakup {base}{end}" for end in ("", "jan", "bek", "ali", "met") for base in GIVEN_BASES]
    f = tmp_path / "list.csv"
    f.write_text("name,sex\n" + "".join(f"{n},male\n" for n in [*others, "Yakup Ilyas"]), encoding="utf-8")
    assert rollcall("ingest", str(f)).code == 0
    for father in ("Ilyas", "ئىلياس", "Iliyas"):
        r = rollcall("search", "Yakup", "--father", father, "--json")
        assert r.code == 0, r.err
        found = r.jsonl()
        assert [x["why"]["name"] for x in found] == ["Yakup Ilyas"], father
        assert found[0]["why"]["agreed"] == ["father"] and found[0]["score"] >= 0.95, father


def test_namesakes_each_take_one_place_with_all_their_records(rollcall, tmp_path):
    """300 fictional men named Tursun Memet, each three times on one list (transferred twice) and once on
    another, with the same ID number, so linkage makes each one person: a search by name alone gives each
    person once, with all four records, and asking for fewer gives the first of the same order (the first
    100 persons take 300 records to find, more than one batch of records mapped to persons)."""
    from stdnum.cn import ric

    ids = []
    for i in range(300):
        first17 = f"653121{1950 + i % 40}{1 + i % 12:02d}{1 + i % 28:02d}{i:03d}"
        ids.append(first17 + ric.calc_check_digit(first17 + "0"))
    for name, times in (("list-a.csv", 3), ("list-b.csv", 1)):
        f = tmp_path / name
        f.write_text("name,ID number,notes\n" + "".join(f"Tursun Memet,{x},fictional {k}\n" for x in ids
                                                       for k in range(times)), encoding="utf-8")
        assert rollcall("ingest", str(f)).code == 0
    assert rollcall("link").code == 0
    hundred = rollcall("search", "Tursun Memet", "--json", "--limit", "100").jsonl()
    assert len(hundred) == 100 and len({x["person"] for x in hundred}) == 100 and all(x["person"] for x in hundred)
    for x in hundred:
        assert sorted(r["file"] for r in x["records"]) == ["list-a.csv"] * 3 + ["list-b.csv"], x
    four = rollcall("search", "Tursun Memet", "--json", "--limit", "4").jsonl()
    assert [x["person"] for x in four] == [x["person"] for x in hundred[:4]]


def test_a_french_style_dj_finds_the_j_in_any_writing(rollcall, tmp_path):
    """Relatives in France and Central Asia write ج as "dj" (Salamdjan, Midjit): fictional people
    listed as Salamjan Tursun and in Uyghur script as مىجىت ئابلەت are found by those spellings."""
    f = tmp_path / "list.csv"
    f.write_text("name,sex\nSalamjan Tursun,male\nمىجىت ئابلەت,male\n", encoding="utf-8")
    assert rollcall("ingest", str(f)).code == 0
    for query, name in (("Salamdjan Tursun", "Salamjan Tursun"), ("Salamdjan", "Salamjan Tursun"),
                        ("Midjit Ablet", "مىجىت ئابلەت")):
        r = rollcall("search", query, "--json")
        assert r.code == 0, r.err
        assert [x["why"]["name"] for x in r.jsonl()][:1] == [name], query


def test_a_given_name_alone_with_details_finds_the_one_they_fit_among_thousands_of_names(rollcall, tmp_path):
    """A relative writes only "Halime", born 1975, from Kona Sheher. 100 fictional women named Halime with
    other second names and nothing known of their births or places are listed first; they all begin with
    the given name and score alike, so the one whose record agrees with the details must be among the
    names weighed, whichever were indexed first, and come first."""
    others = [f"Halime {base}{end}" for end in ("", "jan", "bek", "ali", "met") for base in GIVEN_BASES]
    f = tmp_path / "list.csv"
    f.write_text("name,sex,birth date,household address\n" + "".join(f"{n},female,,\n" for n in others)
                 + "Halime Abdukerim,female,1975,新疆喀什地区疏附县虚构村\n", encoding="utf-8")
    assert rollcall("ingest", str(f)).code == 0
    for born, place in (("1975", "Kona Sheher"), ("1975", None), (None, "疏附县")):
        options = [*(["--born", born] if born else []), *(["--place", place] if place else [])]
        r = rollcall("search", "Halime", *options, "--json", "--limit", "5")
        assert r.code == 0, r.err
        found = r.jsonl()
        assert found[0]["why"]["name"] == "Halime Abdukerim", options
        assert found[0]["why"]["agreed"] == [k for k, v in (("born", born), ("place", place)) if v], options
        assert all(x["why"]["unknown"] for x in found[1:]), options


def test_a_full_name_with_details_finds_the_one_they_fit_among_spellings_sharing_its_keys(rollcall, tmp_path):
    """Spellings and slips give hundreds of names the same keys as "Rahile Ubul". 124 fictional women
    written Rahala Ubul, Rehilo Ubul... with nothing known of their births or places are listed first; the
    Rahile Ubul born 1963 in Keriya must be among the names weighed when the searcher gives those details,
    whichever were indexed first."""
    import itertools

    others = [f"R{a}h{b}l{c} Ubul" for a, b, c in itertools.product("aeiou", repeat=3)
              if (a, b, c) != ("a", "i", "e")]
    f = tmp_path / "list.csv"
    f.write_text("name,sex,birth date,household address\n" + "".join(f"{n},female,,\n" for n in others)
                 + "Rahile Ubul,female,1963,新疆和田地区于田县虚构村\n", encoding="utf-8")
    assert rollcall("ingest", str(f)).code == 0
    for options in (["--born", "1960-1970", "--place", "Keriya"], ["--born", "1963"], ["--place", "于田县"]):
        r = rollcall("search", "Rahile Ubul", *options, "--json", "--limit", "3")
        assert r.code == 0, r.err
        found = r.jsonl()
        assert found[0]["why"]["name"] == "Rahile Ubul", options
        assert not found[0]["why"]["unknown"] and all(x["why"]["unknown"] for x in found[1:]), options


def test_other_names_sharing_a_given_names_consonants_do_not_crowd_it_out(rollcall, tmp_path):
    """"Halime" and "Alim" share their consonants, so their blocking key: 100 fictional men named Alim,
    born the year and in the county the searcher gives, listed first, agree as well as the one Halime does,
    but are other names; she must still be found."""
    others = [f"Alim {base}{end}" for end in ("", "jan", "bek", "ali", "met") for base in GIVEN_BASES]
    address = "新疆喀什地区疏附县虚构村"
    f = tmp_path / "list.csv"
    f.write_text("name,sex,birth date,household address\n" + "".join(f"{n},male,1975,{address}\n" for n in others)
                 + f"Halime Abdukerim,female,1975,{address}\n", encoding="utf-8")
    assert rollcall("ingest", str(f)).code == 0
    r = rollcall("search", "Halime", "--born", "1975", "--place", "Kona Sheher", "--json")
    assert r.code == 0, r.err
    assert [x["why"]["name"] for x in r.jsonl()] == ["Halime Abdukerim"]


def test_a_public_search_chooses_names_by_the_details_it_may_see(rollcall, tmp_path):
    """The web app's search (public mode) narrows on stated birth dates and places only, never on what an
    ID number encodes; it must still weigh the names those details fit, not the first indexed. 100
    fictional Halimes with nothing stated are listed first, then Halime Abdukerim born 1975 in Kona Sheher
    (stated), then Halime Memetjan whose only birth year and county are in her ID number."""
    from stdnum.cn import ric

    others = [f"Halime {base}{end}" for end in ("", "jan", "bek", "ali", "met") for base in GIVEN_BASES]
    first17 = "65312119750307124"
    hidden = first17 + ric.calc_check_digit(first17 + "0")
    f = tmp_path / "list.csv"
    # the one known only from her ID number comes first: a leak of what it says would put her first
    f.write_text("name,sex,birth date,birthplace,ID number\n" + f"Halime Memettursun,female,,,{hidden}\n"
                 + "".join(f"{n},female,,,\n" for n in others)
                 + "Halime Abdukerim,female,1975,新疆喀什地区疏附县虚构村,\n", encoding="utf-8")
    assert rollcall("ingest", str(f)).code == 0
    for options in (["--born", "1975", "--place", "Kona Sheher"], ["--born", "1975"], ["--place", "疏附县"]):
        r = rollcall("search", "Halime", *options, "--public", "--json", "--limit", "20")
        assert r.code == 0, r.err
        found = r.jsonl()
        assert found[0]["why"]["name"] == "Halime Abdukerim", options
        assert not found[0]["why"]["unknown"] and all(x["why"]["unknown"] for x in found[1:]), options
        # the one known only from her ID number is neither preferred nor ruled out by it
        hid = [x for x in found if x["why"]["name"] == "Halime Memettursun"]
        assert all(x["why"]["agreed"] == [] for x in hid), options
    for options in (["--born", "1950"], ["--born", "1975"], ["--place", "Hotan"], ["--place", "Kona Sheher"]):
        r = rollcall("search", "Halime Memettursun", *options, "--public", "--json")
        (hit,) = [x for x in r.jsonl() if x["why"]["name"] == "Halime Memettursun"]
        # her ID says 1975 and Kona Sheher: neither rules her out nor agrees
        assert hit["why"]["agreed"] == [] and hit["why"]["unknown"] == [options[0][2:]], options


def test_the_one_namesake_the_details_fit_is_found_among_thousands_with_none(rollcall, tmp_path):
    """5,000 fictional Tursun Memets with no birth date (more than a search reads of one name), then one
    born 1975: given the year, a researcher's search and a public one find him first."""
    f = tmp_path / "list.csv"
    f.write_text("name,birth date,notes\n" + "".join(f"Tursun Memet,,fictional {i}\n" for i in range(5000))
                 + "Tursun Memet,1975,fictional born 1975\n", encoding="utf-8")
    assert rollcall("ingest", str(f)).code == 0
    for mode in ([], ["--public"]):
        r = rollcall("search", "Tursun Memet", "--born", "1975", "--json", "--limit", "3", *mode)
        assert r.code == 0, r.err
        found = r.jsonl()
        assert found[0]["born"] == {"from": 1975, "to": 1975} and found[0]["why"]["agreed"] == ["born"], mode


def test_when_taken_and_the_sentence_rank_the_namesake_they_fit_and_drop_no_one(rollcall, tmp_path):
    """Four fictional Tursun Memets taken at different times, two sentenced: a relative who knows "arrested
    in March 2018" or "sentenced to 5 years" finds that one first; the others stay (a record may tell of a
    later detention, or a changed sentence), each saying whether its records differ or say nothing."""
    f = tmp_path / "list.csv"
    f.write_text("name,detention date,sentence,notes\nTursun Memet,2017-04-03,,fictional camp\n"
                 "Tursun Memet,2018-03-15,10年,fictional prison\nTursun Memet,2019-06-01,5年,fictional prison\n"
                 "Tursun Memet,,,fictional no news\n", encoding="utf-8")
    assert rollcall("ingest", str(f)).code == 0

    def search(*options: str) -> list[dict]:
        r = rollcall("search", "Tursun Memet", *options, "--json")
        assert r.code == 0, r.err
        return r.jsonl()

    plain = search()
    assert len(plain) == 4 and plain[0]["why"]["agreed"] == []
    for when in ("March 2018", "2018-03", "2018年3月", "early 2018", "2018"):
        found = search("--detained", when)
        assert len(found) == 4, when
        assert found[0]["why"]["agreed"] == ["detained"] and found[0]["last_status"]["sentence"] == "10年", when
        assert sorted(x["why"]["differs"] == ["detained"] for x in found[1:]) == [False, True, True], when
        assert [x["why"]["unknown"] for x in found].count(["detained"]) == 1, when
    found = search("--sentence", "5 years")
    assert found[0]["last_status"]["sentence"] == "5年" and found[0]["why"]["agreed"] == ["sentence"]
    assert len(found) == 4 and [x["why"]["differs"] for x in found].count(["sentence"]) == 1
    # a month or two off still agrees; further off does not
    near = search("--detained", "May 2017")
    assert near[0]["why"]["agreed"] == ["detained"] and near[0]["records"][0]["row"] == 2
    assert all(x["why"]["agreed"] == [] for x in near[1:])
    far = search("--detained", "2015")
    assert len(far) == 4 and all(x["why"]["agreed"] == [] for x in far)


@pytest.mark.parametrize(("option", "value"), [("--detained", "soon"), ("--detained", "2018-2017"),
                                               ("--detained", "1890"), ("--sentence", "ten"),
                                               ("--sentence", "0"), ("--status", "maybe")])
def test_a_detention_detail_the_search_cannot_read_is_refused_naming_it(rollcall, tmp_path, option, value):
    f = tmp_path / "list.csv"
    f.write_text("name,detention date\nTursun Memet,2017-04-03\n", encoding="utf-8")
    assert rollcall("ingest", str(f)).code == 0
    r = rollcall("search", "Tursun Memet", option, value)
    assert r.code == 1 and option in r.err and value in r.err, r.err
    path = tmp_path / "queries.jsonl"
    path.write_text(json.dumps({"query": "Tursun Memet", option[2:]: value}) + "\n"
                    + json.dumps({"query": "Tursun Memet", "detained": "2017", "sentence": "3"}) + "\n",
                    encoding="utf-8")
    answers = rollcall("search", "--batch", str(path), "--json").jsonl()
    assert option in answers[0]["error"] and "line 1" in answers[0]["error"]
    assert answers[1]["results"][0]["why"]["agreed"] == ["detained"]


def test_a_public_search_ranks_on_stated_detention_facts_never_on_the_notes(rollcall, tmp_path):
    """Two fictional namesakes: one whose detention date and sentence are stated, one whose account is only
    in the notes (researchers' field). A researcher's search reads both; a public one reads only the stated
    one, and the other's detention is unknown to it, neither agreeing nor differing."""
    f = tmp_path / "list.csv"
    f.write_text("name,notes,detention date,sentence\n"
                 "Halime Abdukerim,arrested in March 2018 and sentenced to 7 years,,\n"
                 "Halime Abdukerim,fictional,2019-05-02,7年\n", encoding="utf-8")
    assert rollcall("ingest", str(f)).code == 0
    researcher = rollcall("search", "Halime Abdukerim", "--detained", "March 2018", "--json").jsonl()
    assert researcher[0]["why"]["agreed"] == ["detained"] and researcher[1]["why"]["differs"] == ["detained"]
    public = rollcall("search", "Halime Abdukerim", "--detained", "March 2018", "--public", "--json").jsonl()
    assert len(public) == 2
    assert sorted(x["why"]["unknown"] + x["why"]["differs"] for x in public) == [["detained"], ["detained"]]
    assert [x["why"]["differs"] for x in public].count(["detained"]) == 1 and all(not x["why"]["agreed"]
                                                                                for x in public)
    both = rollcall("search", "Halime Abdukerim", "--sentence", "7", "--json").jsonl()
    assert all(x["why"]["agreed"] == ["sentence"] for x in both)
    public = rollcall("search", "Halime Abdukerim", "--sentence", "7", "--public", "--json").jsonl()
    assert sorted(x["why"]["agreed"] for x in public) == [[], ["sentence"]]
    assert [x["why"]["unknown"] for x in public].count(["sentence"]) == 1


def test_a_prisons_intake_date_agrees_with_an_earlier_first_detention(rollcall, tmp_path):
    """A status list dates each prisoner's intake into prison, months after the camp a relative saw them
    taken to: "taken in 2017" agrees with a fictional Tursun Memet serving a sentence since September 2018,
    not with a namesake held since March 2016, nor with one held (not sentenced) since September 2018,
    whose date is the detention's own; and a year after the intake does not agree."""
    f = tmp_path / "status.csv"
    f.write_text("姓名,现状,收押日期\n吐尔逊·买买提,在押,2016-03-02\n吐尔逊·买买提,服刑,2018-09-10\n"
                 "吐尔逊·买买提,在押,2018-09-10\n", encoding="utf-8")
    assert rollcall("ingest", str(f)).code == 0
    for mode in ([], ["--public"]):
        found = rollcall("search", "Tursun Memet", "--detained", "2017", "--json", *mode).jsonl()
        assert [x["last_status"]["status"] for x in found] == ["服刑", "在押", "在押"], mode
        assert [x["why"]["agreed"] for x in found] == [["detained"], [], []], mode
        assert all(x["why"]["differs"] == ["detained"] for x in found[1:]), mode
        later = rollcall("search", "Tursun Memet", "--detained", "2019", "--json", *mode).jsonl()
        assert all(x["why"]["agreed"] == [] for x in later), mode


def test_what_the_family_heard_became_of_them_ranks_and_drops_no_one(rollcall, tmp_path):
    """Fictional namesakes released, dead, serving a sentence, and one whose release is told only in the
    notes (researchers' field): "released" ranks the released first in any of the three languages, keeps
    the others (a list may be older than the release the family heard of), and a public search reads the
    stated status only."""
    f = tmp_path / "list.csv"
    f.write_text("name,status,notes\nTursun Memet,服刑,fictional\nTursun Memet,死亡,fictional\n"
                 "Tursun Memet,,2019年已释放\nTursun Memet,已释放,fictional\n", encoding="utf-8")
    assert rollcall("ingest", str(f)).code == 0
    for heard in ("released", "已释放", "قويۇپ بېرىلگەن"):
        found = rollcall("search", "Tursun Memet", "--status", heard, "--json").jsonl()
        assert len(found) == 4, heard
        assert [x["why"]["agreed"] for x in found] == [["status"], ["status"], [], []], heard
        assert [x["why"]["differs"] for x in found[2:]] == [["status"], ["status"]], heard
    public = rollcall("search", "Tursun Memet", "--status", "released", "--public", "--json").jsonl()
    assert [x["why"]["agreed"] for x in public] == [["status"], [], [], []]
    assert [x["why"]["unknown"] for x in public].count(["status"]) == 1
    died = rollcall("search", "Tursun Memet", "--status", "died in custody", "--json").jsonl()
    assert died[0]["last_status"]["status"] == "死亡" and died[0]["why"]["agreed"] == ["status"]
