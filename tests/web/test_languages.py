"""Uyghur and Chinese pages: field labels, error messages and error pages in the page's language, with the
right lang and dir; the language links keep the query."""

from __future__ import annotations

import html
import re
import sqlite3
import urllib.parse

import pytest
from web_helpers import MARKERS

ARABIC = re.compile(r"[\u0600-\u06ff]")
HAN = re.compile(r"[\u4e00-\u9fff]")
SCRIPT = {"ug": ARABIC, "zh-hans": HAN}


def test_every_canonical_field_has_a_label():
    from rollcall.records.readers.fields import CANONICAL_FIELDS
    from rollcall.web.labels import FIELD_LABELS

    assert set(CANONICAL_FIELDS) - set(FIELD_LABELS) == set()


def _testimony_person(site) -> str:
    """A person with a record from the generated testimonies (last contact, testifier's relation, country)."""
    for p in site.api("/api/persons?limit=500", "researcher").json():
        if any(r["source"] == "testimonies.csv" for r in p["records"]):
            return p["id"]
    raise AssertionError("the corpus should have testimonies")


@pytest.mark.parametrize("prefix", ["ug", "zh-hans"])
def test_field_labels_are_translated_on_person_pages(site, prefix):
    body = site.client("editor").get(f"/{prefix}/person/{_testimony_person(site)}").body
    rows = dict(re.findall(r'<tr data-field="([^"]+)"[^>]*><th>(.*?)(?: <span class="badge">|</th>)', body))
    assert {"last_contact", "testifier_relation", "testifier_country", "recorded_at"} <= set(rows)
    for field, label in rows.items():
        if not field.startswith("raw:"):
            assert SCRIPT[prefix].search(label) and field not in label, (field, label)


@pytest.mark.parametrize(("prefix", "expected"), [
    ("", "contains no part of a name"), ("/ug", "ئىسىمنىڭ ھېچقانداق قىسمى يوق"), ("/zh-hans", "不包含姓名的任何部分")])
def test_search_errors_in_the_page_language(site, prefix, expected):
    body = site.client().get(f"{prefix}/search?q={MARKERS['id_number']}").body
    error = html.unescape(re.search(r'<p class="notice" id="search-error">(.*?)</p>', body, re.S).group(1))
    assert expected in error and MARKERS["id_number"] in error
    if prefix:
        assert "name" not in error


@pytest.mark.parametrize("prefix", ["ug", "zh-hans"])
def test_a_place_alone_is_refused_in_the_page_language(site, prefix):
    body = site.client().get(f"/{prefix}/search?q=Karakax").body
    error = re.search(r'id="search-error">(.*?)</p>', body, re.S).group(1)
    assert SCRIPT[prefix].search(error) and "place" not in error


def test_moderation_messages_in_the_page_language(site):
    c = site.client()
    name = "Languagetest Fictionalperson"
    c.request("/testimony", data={"csrfmiddlewaretoken": c.csrf_from(c.get("/testimony").body), "name": name})
    with sqlite3.connect(site.home / "rollcall.sqlite3") as db:
        tid = db.execute("SELECT id FROM web_testimony WHERE name = ?", (name,)).fetchone()[0]
    e = site.client("editor")
    token = e.csrf_from(e.get("/ug/moderation").body)
    r = e.request(f"/ug/moderation/{tid}/decide", data={"csrfmiddlewaretoken": token, "decision": "reject",
                                                        "reason": " "})
    assert r.status == 302 and r.headers["Location"] == "/ug/moderation"
    body = e.get("/ug/moderation").body
    assert "رەت قىلىشنىڭ سەۋەبى بولۇشى كېرەك." in body and "needs a reason" not in body
    e.request(f"/zh-hans/moderation/{tid}/decide", data={"csrfmiddlewaretoken": token, "decision": "reject",
                                                         "reason": "test of languages"})
    e.request(f"/zh-hans/moderation/{tid}/decide", data={"csrfmiddlewaretoken": token, "decision": "reject",
                                                         "reason": "again"})
    body = e.get("/zh-hans/moderation").body
    assert f"证词 {tid} 已被拒绝" in body and "already" not in body


def test_review_messages_in_the_page_language(site):
    e = site.client("editor")
    page = e.get("/zh-hans/review").body
    a, b = re.findall(r'name="a" value="(\d+)"><input type="hidden" name="b" value="(\d+)"', page)[0]
    e.request("/zh-hans/review", data={"csrfmiddlewaretoken": e.csrf_from(page), "a": a, "b": b,
                                       "verdict": "same", "reason": ""})
    body = e.get("/zh-hans/review").body
    assert "判断需要理由" in body and "needs a reason" not in body


def test_form_errors_in_the_page_language(site):
    c = site.client()
    r = c.request("/ug/testimony", data={"csrfmiddlewaretoken": c.csrf_from(c.get("/ug/testimony").body)})
    assert r.status == 200 and "errorlist" in r.body and "This field is required" not in r.body


def _page_language(body: str) -> tuple[str, str]:
    m = re.search(r'<html lang="([^"]+)" dir="(\w+)">', body)
    assert m, body[:300]
    return m.group(1), m.group(2)


@pytest.mark.parametrize(("prefix", "lang", "direction", "text"), [
    ("", "en", "ltr", "Not found"), ("/ug", "ug", "rtl", "تېپىلمىدى"), ("/zh-hans", "zh-hans", "ltr", "未找到")])
def test_404_page_in_the_active_language(site, prefix, lang, direction, text):
    for path in ("/person/RC-NOSUCH", "/no/such/page"):
        r = site.client().get(prefix + path)
        assert r.status == 404 and _page_language(r.body) == (lang, direction) and text in r.body, path


@pytest.mark.parametrize(("prefix", "lang", "direction", "text"), [
    ("", "en", "ltr", "Your role may not open this page."), ("/ug", "ug", "rtl", "رولىڭىز بۇ بەتنى ئاچالمايدۇ"),
    ("/zh-hans", "zh-hans", "ltr", "您的角色无权打开此页面")])
def test_403_page_in_the_active_language(site, prefix, lang, direction, text):
    r = site.client("researcher").get(f"{prefix}/review")
    assert r.status == 403 and _page_language(r.body) == (lang, direction) and text in r.body


@pytest.mark.parametrize(("prefix", "lang", "direction", "text"), [
    ("", "en", "ltr", "cannot be opened this way"), ("/ug", "ug", "rtl", "بۇ ئۇسۇلدا ئاچقىلى بولمايدۇ"),
    ("/zh-hans", "zh-hans", "ltr", "不能以这种方式打开")])
def test_405_page_in_the_active_language(site, prefix, lang, direction, text):
    r = site.client("editor").get(f"{prefix}/moderation/1/contact")
    assert r.status == 405 and r.headers["Allow"] == "POST"
    assert _page_language(r.body) == (lang, direction) and text in r.body


def test_a_refused_csrf_check_has_a_page_in_the_active_language(site):
    r = site.client().request("/ug/testimony", data={"name": "Fictional Person"})
    assert r.status == 403 and _page_language(r.body) == ("ug", "rtl") and "جەدۋەل رەت قىلىندى" in r.body


def test_api_errors_stay_json(site):
    r = site.api("/api/persons/RC-NOSUCH")
    assert r.status == 404 and r.json()["detail"]


def test_language_links_keep_the_search_query(site):
    q = urllib.parse.quote_plus("Zulpiqar Testjanov")
    body = site.client().get(f"/search?q={q}").body
    for prefix in ("", "/ug", "/zh-hans"):
        assert f'href="{prefix}/search?q={q}"' in body, prefix
    ug = site.client().get(f"/zh-hans/search?q={q}").body
    assert f'href="/ug/search?q={q}"' in ug and f'href="/search?q={q}"' in ug
