"""Testimony intake: submission by a relative, moderation by an editor, ingestion as evidence; the
testifier's contact sealed at rest, shown only to editors, every view audited."""

from __future__ import annotations

import re
import sqlite3

import pytest
from web_helpers import CHROMIUM, CHROMIUM_ARGS, PASSWORD, Client, cli

playwright = pytest.importorskip("playwright.sync_api")

CONTACT = "fictional-relative-contact@example.org"
TESTIFIER = "Mihrigul Fictionova"
MISSING = "ئابدۇرېھىم ئويدۇرما"  # a made-up name in Uyghur Arabic script
DETAIL = 'taken in 2018 <script>window.__pwned=3</script><img src=x onerror="window.__pwned=4">'


def _db(site):
    return sqlite3.connect(site.home / "rollcall.sqlite3")


@pytest.fixture(scope="module")
def submitted(site, tmp_path_factory):
    """One testimony sent through the form in a real browser."""
    with playwright.sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(str(tmp_path_factory.mktemp("profile")), headless=True,
                                                   executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = ctx.new_page()
        page.goto(site.base + "/ug/testimony")
        assert page.locator("html").get_attribute("dir") == "rtl"
        page.fill("#id_name", MISSING)
        page.fill("#id_other_names", "Abdurehim Oydurma")
        page.fill("#id_birth_year", "1984")
        page.fill("#id_relation", "sister")
        page.fill("#id_detention", DETAIL)
        page.fill("#id_testifier_name", TESTIFIER)
        page.fill("#id_testifier_contact", CONTACT)
        page.click("form.testimony button[type=submit]")
        page.wait_for_load_state()
        assert page.locator("#thanks").is_visible()
        ctx.close()
    with _db(site) as db:
        return db.execute("SELECT id FROM web_testimony WHERE name = ?", (MISSING,)).fetchone()[0]


def test_contact_is_sealed_at_rest(site, submitted):
    with _db(site) as db:
        row = db.execute("SELECT testifier_name_sealed, testifier_contact_sealed FROM web_testimony WHERE id = ?",
                         (submitted,)).fetchone()
    assert row[0] and row[1] and TESTIFIER not in row[0] and CONTACT not in row[1]
    for f in site.home.glob("rollcall.sqlite3*"):
        data = f.read_bytes()
        assert CONTACT.encode() not in data and TESTIFIER.encode() not in data, f.name


@pytest.mark.parametrize("role", ["public", "researcher"])
def test_moderation_is_closed_to_lesser_roles(site, submitted, role):
    c = site.client(role)
    assert c.get("/moderation").status == (302 if role == "public" else 403)
    token = c.csrf_from(c.get("/testimony").body)
    r = c.request(f"/moderation/{submitted}/contact", data={"csrfmiddlewaretoken": token})
    assert r.status == (302 if role == "public" else 403)
    assert CONTACT not in r.body


def test_editor_sees_contact_only_on_request_and_each_view_is_audited(site, submitted):
    c = site.client("editor")
    queue = c.get("/moderation").body
    assert MISSING in queue and CONTACT not in queue and TESTIFIER not in queue
    assert "&lt;script&gt;window.__pwned=3&lt;/script&gt;" in queue
    with _db(site) as db:
        before = db.execute("SELECT count(*) FROM accounts_auditentry WHERE action = 'testimony.view_contact' "
                            "AND target = ?", (f"testimony {submitted}",)).fetchone()[0]
    shown = c.request(f"/moderation/{submitted}/contact", data={"csrfmiddlewaretoken": c.csrf_from(queue)})
    assert shown.status == 200 and CONTACT in shown.body and TESTIFIER in shown.body
    with _db(site) as db:
        after = db.execute("SELECT actor FROM accounts_auditentry WHERE action = 'testimony.view_contact' "
                           "AND target = ?", (f"testimony {submitted}",)).fetchall()
    assert len(after) == before + 1 and after[-1][0] == site.users["editor"]


def test_contact_cannot_be_read_by_get(site, submitted):
    assert site.client("editor").get(f"/moderation/{submitted}/contact").status == 405


def test_accepted_testimony_is_ingested_as_evidence(site, submitted):
    with playwright.sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context("", headless=True, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = ctx.new_page()
        page.goto(site.base + "/login")
        page.fill("#id_username", site.users["editor"])
        page.fill("#id_password", PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_load_state()
        page.goto(site.base + "/moderation")
        section = page.locator(f"#testimony-{submitted}")
        assert page.evaluate("window.__pwned === undefined")
        section.locator("input[name=reason]").fill("consistent with other testimonies")
        section.locator("button[value=accept]").click()
        page.wait_for_load_state()
        assert "accepted" in page.locator(".messages").inner_text()
        ctx.close()
    with _db(site) as db:
        status, sha = db.execute("SELECT status, evidence_sha256 FROM web_testimony WHERE id = ?",
                                 (submitted,)).fetchone()
        source = db.execute("SELECT s.id, i.original_name FROM records_source s JOIN evidence_item i "
                            "ON i.id = s.item_id WHERE i.sha256 = ?", (sha,)).fetchone()
        fields = dict(db.execute("SELECT st.original, st.field FROM records_statement st JOIN records_record r "
                                 "ON r.id = st.record_id WHERE r.source_id = ?", (source[0],)).fetchall())
        audit = db.execute("SELECT actor FROM accounts_auditentry WHERE action = 'testimony.accept' AND target = ?",
                           (f"testimony {submitted}",)).fetchone()
    assert status == "accepted" and source[1] == f"testimony-{submitted}.csv"
    assert fields[MISSING] == "name" and fields["Abdurehim Oydurma"] == "other_names"
    assert audit == (site.users["editor"],)
    stored = (site.home / "evidence" / sha[:2] / sha).read_bytes()
    assert MISSING.encode() in stored and CONTACT.encode() not in stored and TESTIFIER.encode() not in stored
    page = site.client("researcher").get(f"/source/{source[0]}").body
    assert MISSING in page and CONTACT not in page
    again = site.client("editor")
    r = again.request(f"/moderation/{submitted}/decide", data={
        "csrfmiddlewaretoken": again.csrf_from(again.get("/moderation").body), "decision": "accept", "reason": "x"})
    assert r.status == 302
    assert "already accepted" in again.get("/moderation").body


def test_form_requires_the_missing_persons_name(site):
    c = site.client()
    page = c.get("/testimony").body
    r = c.request("/testimony", data={"csrfmiddlewaretoken": c.csrf_from(page), "testifier_contact": CONTACT})
    assert r.status == 200 and 'id="thanks"' not in r.body and "errorlist" in r.body


def test_form_post_without_csrf_is_refused(site):
    r = site.client().request("/testimony", data={"name": "Fictional Person"})
    assert r.status == 403


def test_rejecting_needs_a_reason(site):
    c = site.client()
    c.request("/testimony", data={"csrfmiddlewaretoken": c.csrf_from(c.get("/testimony").body),
                                  "name": "Rejectable Fictionalperson"})
    with _db(site) as db:
        tid = db.execute("SELECT id FROM web_testimony WHERE name = 'Rejectable Fictionalperson'").fetchone()[0]
    e = site.client("editor")
    queue = e.get("/moderation").body
    r = e.request(f"/moderation/{tid}/decide", data={"csrfmiddlewaretoken": e.csrf_from(queue),
                                                     "decision": "reject", "reason": " "})
    assert r.status == 302 and "A rejection needs a reason." in e.get("/moderation").body
    e.request(f"/moderation/{tid}/decide", data={"csrfmiddlewaretoken": e.csrf_from(queue),
                                                 "decision": "reject", "reason": "duplicate submission"})
    with _db(site) as db:
        assert db.execute("SELECT status FROM web_testimony WHERE id = ?", (tid,)).fetchone()[0] == "rejected"
    assert re.search(rf'id="testimony-{tid}"', e.get("/moderation").body) is None


def _pending(site, name: str) -> int:
    """A new pending testimony about `name`, sent through the form."""
    c = site.client()
    c.request("/testimony", data={"csrfmiddlewaretoken": c.csrf_from(c.get("/testimony").body), "name": name,
                                  "testifier_contact": CONTACT})
    with _db(site) as db:
        return db.execute("SELECT id FROM web_testimony WHERE name = ? ORDER BY id DESC", (name,)).fetchone()[0]


def _state(site, tid: int) -> tuple:
    with _db(site) as db:
        status = db.execute("SELECT status FROM web_testimony WHERE id = ?", (tid,)).fetchone()[0]
        audit = db.execute("SELECT count(*) FROM accounts_auditentry WHERE target = ?", (f"testimony {tid}",)
                           ).fetchone()[0]
    return status, audit


@pytest.mark.parametrize("view", ["decide", "contact"])
def test_moderation_posts_without_a_valid_csrf_token_are_refused(site, view):
    tid = _pending(site, f"Csrftest Fictionalperson {view}")
    editor = site.client("editor")
    token = editor.csrf_from(editor.get("/moderation").body)
    data = {"decision": "accept", "reason": "forged"}
    no_token = editor.request(f"/moderation/{tid}/{view}", data=data)
    stranger = Client(site.base)  # a forged cross-site post: the page's token, but not the editor's cookie
    stolen = stranger.request(f"/moderation/{tid}/{view}", data={"csrfmiddlewaretoken": token, **data})
    for r in (no_token, stolen):
        assert r.status == 403 and CONTACT not in r.body
    assert _state(site, tid) == ("pending", 0)


@pytest.mark.parametrize("role", ["public", "researcher"])
@pytest.mark.parametrize("decision", ["accept", "reject"])
def test_lesser_roles_cannot_decide(site, role, decision):
    tid = _pending(site, f"Decidetest Fictionalperson {role} {decision}")
    c = site.client(role)
    token = c.csrf_from(c.get("/testimony").body)
    r = c.request(f"/moderation/{tid}/decide", data={"csrfmiddlewaretoken": token, "decision": decision,
                                                     "reason": "not my call"})
    if role == "public":
        assert r.status == 302 and r.headers["Location"].startswith("/login?next=")
    else:
        assert r.status == 403
    assert _state(site, tid) == ("pending", 0)


# What each answer of the form is, written out by hand: the field its column must land in once accepted.
INTENDED = {"name": ("Tursunay Mapova", "name"), "other_names": ("تۇرسۇناي ماپوۋا", "other_names"),
            "birth_year": ("1990", "birth_date"), "hometown": ("Yengisar", "birth_place"),
            "relation": ("niece", "testifier_relation"), "last_contact": ("March 2018", "last_contact"),
            "detention": ("taken from her workplace", "notes")}


def test_every_column_the_form_writes_lands_in_its_field(site):
    c = site.client()
    c.request("/testimony", data={"csrfmiddlewaretoken": c.csrf_from(c.get("/testimony").body),
                                  **{k: v for k, (v, _) in INTENDED.items()}, "testifier_name": TESTIFIER,
                                  "testifier_contact": CONTACT})
    with _db(site) as db:
        tid = db.execute("SELECT id FROM web_testimony WHERE name = 'Tursunay Mapova'").fetchone()[0]
    e = site.client("editor")
    e.request(f"/moderation/{tid}/decide", data={"csrfmiddlewaretoken": e.csrf_from(e.get("/moderation").body),
                                                 "decision": "accept", "reason": "complete"})
    with _db(site) as db:
        source = db.execute("SELECT s.id FROM records_source s JOIN evidence_item i ON i.id = s.item_id "
                            "JOIN web_testimony t ON t.evidence_sha256 = i.sha256 WHERE t.id = ?", (tid,)).fetchone()[0]
        stored = db.execute("SELECT st.original, st.field FROM records_statement st JOIN records_record r "
                            "ON r.id = st.record_id WHERE r.source_id = ?", (source,)).fetchall()
    fields = dict(stored)
    for answer, field in INTENDED.values():
        assert fields.get(answer) == field, (answer, fields.get(answer), field)
    assert [f for _, f in stored if not f] == []  # no raw column: every cell is classified
    assert sorted(f for _, f in stored) == sorted([f for _, f in INTENDED.values()] + ["recorded_at"])
    researcher = site.client("researcher").get(f"/source/{source}").body
    assert "Tursunay Mapova" in researcher and ">niece<" not in researcher  # the relation: editors and up
    assert ">niece<" in site.client("editor").get(f"/source/{source}").body


INJECTED = "<script>window.__pwned=8</script>Injectjan Fictionalov"
CLEAN = "Injectjan Fictionalov"  # the other name, by which a search finds the person (and lists both names)


def test_markup_in_an_accepted_testimony_stays_text_everywhere(site):
    """Names and text with markup, accepted, ingested and linked: search results, the source page and the
    person page show the markup as text and run none of it."""
    c = site.client()
    c.request("/testimony", data={"csrfmiddlewaretoken": c.csrf_from(c.get("/testimony").body), "name": INJECTED,
                                  "other_names": CLEAN, "hometown": '"><svg onload="window.__pwned=10">',
                                  "detention": DETAIL})
    with _db(site) as db:
        tid = db.execute("SELECT id FROM web_testimony WHERE name = ?", (INJECTED,)).fetchone()[0]
    e = site.client("editor")
    r = e.request(f"/moderation/{tid}/decide", data={"csrfmiddlewaretoken": e.csrf_from(e.get("/moderation").body),
                                                     "decision": "accept", "reason": "test of markup"})
    assert r.status == 302
    cli("link", "--json", home=site.home)  # last in the session: later linkage changes nothing tested before
    with _db(site) as db:
        source = db.execute("SELECT s.id FROM records_source s JOIN evidence_item i ON i.id = s.item_id "
                            "JOIN web_testimony t ON t.evidence_sha256 = i.sha256 WHERE t.id = ?", (tid,)).fetchone()[0]
        person = db.execute("SELECT p.public_id FROM people_person p JOIN people_membership m ON m.person_id = p.id "
                            "JOIN records_record r ON r.id = m.record_id WHERE r.source_id = ?",
                            (source,)).fetchone()[0]
    with playwright.sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context("", headless=True, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = ctx.new_page()
        fired: list[str] = []
        page.on("dialog", lambda d: (fired.append(d.message), d.dismiss()))

        def check(url: str, text_selector: str) -> None:
            page.goto(site.base + url)
            assert page.evaluate("window.__pwned === undefined"), url
            assert page.locator("main img, main script, main svg").count() == 0, url
            texts = " ".join(page.locator(text_selector).all_inner_texts())
            assert "<script>window.__pwned=8</script>" in texts, (url, texts)

        check(f"/person/{person}", "ul.names .name")
        check("/search?q=Injectjan+Fictionalov", "ol.results .name")
        page.goto(site.base + "/login")
        page.fill("#id_username", site.users["researcher"])
        page.fill("#id_password", PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_load_state()
        check(f"/source/{source}", "table.record td")
        assert "window.__pwned=4" in page.locator("main").inner_text()  # the testimony text, as text
        check(f"/person/{person}", "ul.names .name")
        ctx.close()
    assert not fired
