"""Public search shows only what the public may see: birth years and places read from public fields, never
derived from a hidden ID number or an exact address. Pages and API alike."""

from __future__ import annotations

import re
import urllib.parse

from web_helpers import MARKERS

# The marked fixture person has no stated birth date or place: only an ID number (born 1982, issued in
# 653121, Shufu county) and exact addresses, which the public may not see.
ID_YEAR, ID_COUNTY = int(MARKERS["id_number"][6:10]), MARKERS["id_number"][:6]


def _result(site, query: str, person: str, role: str = "public") -> dict:
    r = site.api(f"/api/search?q={urllib.parse.quote(query)}", role)
    assert r.status == 200, r.body
    return next(x for x in r.json()["results"] if x["person"] == person)


def _page_item(site, query: str, person: str, role: str = "public") -> str:
    body = site.client(role).get(f"/search?q={urllib.parse.quote(query)}").body
    m = re.search(rf'<li><a href="/person/{person}">.*?</li>', body, re.S)
    assert m, body
    return m.group(0)


def test_nothing_is_derived_from_a_hidden_id_number_for_the_public(site):
    public = _result(site, "Zulpiqar Testjanov", site.marked)
    assert public["born"] is None and public["places"] == []
    assert str(ID_YEAR) not in str(public) and ID_COUNTY not in str(public)
    item = _page_item(site, "Zulpiqar Testjanov", site.marked)
    assert 'class="born"' not in item and str(ID_YEAR) not in item


def test_full_search_still_reads_the_id_number_for_researchers(site):
    """The same person for a researcher: the ID number's birth year and county (so the public test can fail)."""
    full = _result(site, "Zulpiqar Testjanov", site.marked, "researcher")
    assert full["born"] == {"from": ID_YEAR, "to": ID_YEAR}
    assert [p["code"] for p in full["places"]] == [ID_COUNTY]
    assert f"born {ID_YEAR}" in _page_item(site, "Zulpiqar Testjanov", site.marked, "researcher")


def test_public_fields_still_give_birth_year_and_place(site):
    public = _result(site, "Memetjan Testimonyov", site.testimony)
    assert public["born"] == {"from": 1979, "to": 1979}
    assert public["places"] and all(set(p) == {"name", "name_zh"} for p in public["places"])
    assert "born 1979" in _page_item(site, "Memetjan Testimonyov", site.testimony)


def test_every_public_facet_has_a_public_source(site):
    """Over many people: a public result's birth years and places come with public fields that state them."""
    listed = site.api("/api/persons?limit=60", "researcher").json()
    names = [next(n["original"] for n in p["names"] if n["field"] == "name") for p in listed if p["names"]]
    checked = 0
    for name in names[:25]:
        r = site.api(f"/api/search?q={urllib.parse.quote(name)}")
        if r.status != 200:  # a name the public mode refuses (e.g. one that is also a place)
            continue
        for x in r.json()["results"]:
            if not x["person"]:
                continue
            fields = site.api(f"/api/persons/{x['person']}").json()["fields"]
            if x["born"]:
                assert {"birth_date", "age"} & set(fields), (name, x["person"], x["born"])
            if x["places"]:
                assert {"place", "birth_place"} & set(fields), (name, x["person"], x["places"])
            checked += 1
    assert checked > 10


def test_the_public_narrows_by_birth_years_place_and_father_on_page_and_api(site):
    """A family adds what it knows: the fictional testimony person (born 1979, public fields) is kept by
    years that allow 1979 and said to agree, dropped by years that do not; a year the search cannot read
    is refused with a message (in the page's language on the page), never an error page."""
    q = urllib.parse.quote("Memetjan Testimonyov")
    for born, kept in (("1970s", True), ("around 1980", True), ("1979年", True), ("1990s", False)):
        r = site.api(f"/api/search?q={q}&born={urllib.parse.quote(born)}")
        assert r.status == 200, r.body
        mine = [x for x in r.json()["results"] if x["person"] == site.testimony]
        assert bool(mine) == kept, born
        if kept:
            assert "born" in mine[0]["why"]["agreed"], born
    placed = site.api(f"/api/search?q={q}&place=Kashgar&father=Testimonyov").json()["results"]
    assert [set(x["why"]["agreed"]) for x in placed if x["person"] == site.testimony] == [{"place", "father"}]
    bad = site.api(f"/api/search?q={q}&born=soon")
    assert bad.status == 400 and "born" in bad.body
    page = site.client().get(f"/search?q={q}&born=1970s")
    assert page.status == 200 and f'href="/person/{site.testimony}"' in page.body
    assert 'name="born" value="1970s"' in page.body and "<details class=\"narrow\" open>" in page.body
    gone = site.client().get(f"/search?q={q}&born=1990s")
    assert f'href="/person/{site.testimony}"' not in gone.body
    ug = site.client().get(f"/ug/search?q={q}&born=soon")
    assert ug.status == 200 and 'id="search-error"' in ug.body and "تۇغۇلغان يىلىنى" in ug.body
    unknown = site.client().get(f"/search?q={q}&place=Nowhereabad")
    assert 'id="search-error"' in unknown.body and "No known place" in unknown.body


def test_when_taken_and_the_sentence_rank_but_never_hide_a_person_on_page_and_api(site):
    """What a family knows of the detention only ranks: the fictional testimony person, whose records say
    nothing of one, stays found and is said to be unknown on it; what cannot be read is refused, in the
    page's language on the page."""
    q = urllib.parse.quote("Memetjan Testimonyov")
    r = site.api(f"/api/search?q={q}&detained={urllib.parse.quote('March 2018')}&sentence=10")
    assert r.status == 200, r.body
    mine = [x for x in r.json()["results"] if x["person"] == site.testimony]
    assert len(mine) == 1 and set(mine[0]["why"]["unknown"]) == {"detained", "sentence"}
    for bad, named in (("detained=soon", "--detained"), ("sentence=ten", "--sentence")):
        refused = site.api(f"/api/search?q={q}&{bad}")
        assert refused.status == 400 and named in refused.body, bad
    page = site.client().get(f"/search?q={q}&detained=2017")
    assert f'href="/person/{site.testimony}"' in page.body and 'name="detained" value="2017"' in page.body
    assert "<details class=\"narrow\" open>" in page.body
    zh = site.client().get(f"/zh-hans/search?q={q}&detained=soon")
    assert zh.status == 200 and 'id="search-error"' in zh.body and "填写被带走的时间" in zh.body
