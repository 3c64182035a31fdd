"""In a real browser (Debian chromium driven by Playwright): search to person to evidence, logging in,
right-to-left Uyghur pages, and markup in names staying text."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from web_helpers import CHROMIUM, CHROMIUM_ARGS, MARKERS, PASSWORD, serving

playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} missing: run scripts/setup --test")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with playwright.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(str(profile), executable_path=CHROMIUM, headless=True,
                                                       args=CHROMIUM_ARGS)
        yield context
        context.close()


@pytest.fixture
def page(browser):
    browser.clear_cookies()
    pg = browser.new_page()
    outside: list[str] = []
    pg.on("request", lambda req: outside.append(req.url) if not req.url.startswith("http://127.0.0.1") else None)
    yield pg
    pg.close()
    assert not [u for u in outside if not u.startswith(("data:", "about:"))], f"requests elsewhere: {outside}"


def test_search_then_person_then_evidence(site, page):
    page.goto(site.base + "/")
    page.fill("input[name=q]", "Zulpiqar Testjanov")
    page.click("form.search button")
    page.wait_for_load_state()
    assert "/search?q=Zulpiqar" in page.url
    page.locator(f"ol.results a[href='/person/{site.marked}']").first.click()
    page.wait_for_load_state()
    assert page.locator("#person-id").inner_text() == site.marked
    how = page.locator("tr[data-field=facility] details.how")
    how.locator("summary").click()
    link = how.locator("a").first
    assert link.is_visible() and link.inner_text() == "web-fixture.csv"
    sha = how.locator(".sha").first.inner_text()
    link.click()
    page.wait_for_load_state()
    assert page.locator("#sha256").inner_text() == sha


@pytest.mark.parametrize("role", ["researcher", "editor", "admin"])
def test_log_in_as_each_role_and_see_what_it_may(site, page, role):
    page.goto(site.base + "/login")
    page.fill("#id_username", site.users[role])
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert f"({role})" in page.locator("header .who").inner_text()
    page.goto(f"{site.base}/person/{site.marked}")
    text = page.locator("main").inner_text()
    assert MARKERS["id_number"] in text
    assert (MARKERS["phone"] in text) == (role != "researcher")
    review = page.goto(site.base + "/review")
    assert review.status == (403 if role == "researcher" else 200)


def test_public_sees_no_sensitive_value(site, page):
    page.goto(f"{site.base}/person/{site.marked}")
    text = page.content()
    assert not [f for f, v in MARKERS.items() if v in text]
    assert page.locator("#hidden-fields").is_visible()


def test_uyghur_page_renders_right_to_left(site, page):
    page.goto(f"{site.base}/ug/person/{site.marked}")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('main h2')).direction") == "rtl"
    nav = page.locator("header nav").bounding_box()
    brand = page.locator("header .brand").bounding_box()
    assert brand["x"] > nav["x"], "in a right-to-left page the brand comes first on the right"


def test_switching_language_in_the_browser(site, page):
    page.goto(f"{site.base}/person/{site.marked}")
    page.click("ul.languages a[lang=zh-hans]")
    page.wait_for_load_state()
    assert page.url.endswith(f"/zh-hans/person/{site.marked}")
    assert page.locator("html").get_attribute("lang") == "zh-hans"


def test_markup_in_names_stays_text(site, page):
    fired: list[str] = []
    page.on("dialog", lambda d: (fired.append(d.message), d.dismiss()))
    for pid in site.injected:
        page.goto(f"{site.base}/person/{pid}")
        assert page.evaluate("window.__pwned === undefined")
        assert page.locator("main img").count() == 0 and page.locator("main script").count() == 0
        names = page.locator("ul.names .name").all_inner_texts()
        assert any("<script>" in n or "onerror" in n for n in names), names
    for role in ("public", "researcher"):
        if role != "public":
            page.goto(site.base + "/login")
            page.fill("#id_username", site.users[role])
            page.fill("#id_password", PASSWORD)
            page.click("main form button[type=submit]")
            page.wait_for_load_state()
        page.goto(f"{site.base}/source/{site.marked_source}")
        assert page.evaluate("window.__pwned === undefined")
        assert page.locator("main img").count() == 0
    assert not fired


def test_facility_map_draws_every_located_facility_from_local_assets(site, page):
    import sqlite3

    with sqlite3.connect(site.home / "rollcall.sqlite3") as db:
        located = db.execute("SELECT count(*) FROM facilities_facility WHERE lat IS NOT NULL AND lon IS NOT NULL"
                             ).fetchone()[0]
    assert located > 100
    page.goto(site.base + "/facilities")
    page.click("#map-link")
    page.wait_for_selector("#map[data-markers]")
    assert page.locator("#map").get_attribute("data-markers") == str(located)
    assert page.locator("#map path.leaflet-interactive").count() == located
    assert page.locator("#map img.leaflet-tile").count() == 0  # no tile server configured, none requested
    page.locator("#map path.leaflet-interactive").first.click(force=True)
    popup = page.locator(".leaflet-popup-content a")
    popup.wait_for()
    assert popup.get_attribute("href").startswith("/facility/")


def _log_in(page, site, role: str) -> None:
    page.goto(site.base + "/login")
    page.fill("#id_username", site.users[role])
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def _runs_nothing(page) -> None:
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("main img, main script, main svg").count() == 0


@pytest.mark.parametrize("role", ["public", "researcher"])
def test_markup_in_names_stays_text_in_search_results(site, page, role):
    fired: list[str] = []
    page.on("dialog", lambda d: (fired.append(d.message), d.dismiss()))
    if role != "public":
        _log_in(page, site, role)
    page.goto(site.base + "/search?q=Abdukerim+Reviewjan")
    _runs_nothing(page)
    names = page.locator("ol.results .name").all_inner_texts()
    assert '<svg onload="window.__pwned=7">Abdukerim</svg>' in names, names
    assert not fired


def test_markup_stays_text_on_the_review_page(site, page):
    fired: list[str] = []
    page.on("dialog", lambda d: (fired.append(d.message), d.dismiss()))
    _log_in(page, site, "editor")
    page.goto(site.base + "/review")
    _runs_nothing(page)
    cells = " ".join(page.locator("table.record td").all_inner_texts())
    assert "<script>window.__pwned=5</script>held since 2018" in cells
    assert '<img src=x onerror="window.__pwned=6">camp' in cells
    assert '<svg onload="window.__pwned=7">Abdukerim</svg>' in cells
    assert not fired


def test_what_else_a_family_knows_narrows_the_search(site, page):
    """The optional details open from the search box, narrow the search, and stay filled in."""
    page.goto(site.base + "/")
    page.fill("input[name=q]", "Memetjan Testimonyov")
    assert not page.locator("input[name=born]").is_visible()
    page.click("details.narrow summary")
    page.fill("input[name=born]", "1970s")
    page.fill("input[name=place]", "Kashgar")
    page.click("form.search button")
    page.wait_for_load_state()
    assert "born=1970s" in page.url and "place=Kashgar" in page.url
    assert page.locator(f"ol.results a[href='/person/{site.testimony}']").count() == 1
    assert page.input_value("input[name=born]") == "1970s" and page.locator("input[name=born]").is_visible()
    page.fill("input[name=born]", "1990s")
    page.click("form.search button")
    page.wait_for_load_state()
    assert page.locator(f"ol.results a[href='/person/{site.testimony}']").count() == 0
    # what the family knows of the detention ranks and drops no one, and stays filled in
    page.fill("input[name=born]", "1970s")
    page.fill("input[name=detained]", "March 2018")
    page.fill("input[name=sentence]", "10")
    page.click("form.search button")
    page.wait_for_load_state()
    assert "detained=March+2018" in page.url and "sentence=10" in page.url
    assert page.locator(f"ol.results a[href='/person/{site.testimony}']").count() == 1
    assert page.input_value("input[name=detained]") == "March 2018" and page.input_value("input[name=sentence]") == "10"


def test_switching_language_keeps_the_search(site, page):
    page.goto(site.base + "/search?q=Zulpiqar+Testjanov")
    page.click("ul.languages a[lang=ug]")
    page.wait_for_load_state()
    assert "/ug/search?q=Zulpiqar" in page.url
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.input_value("input[name=q]") == "Zulpiqar Testjanov"
    assert page.locator(f"ol.results a[href='/ug/person/{site.marked}']").count() == 1


def test_switching_language_keeps_what_else_the_family_knows(site, page):
    """The birth years and place a relative gave survive the switch to another language."""
    page.goto(site.base + "/search?q=Memetjan+Testimonyov&born=1970s&place=Kashgar")
    page.click("ul.languages a[lang=zh-hans]")
    page.wait_for_load_state()
    assert "/zh-hans/search?" in page.url and "born=1970s" in page.url and "place=Kashgar" in page.url
    assert page.input_value("input[name=born]") == "1970s" and page.input_value("input[name=place]") == "Kashgar"
    assert page.locator("input[name=born]").is_visible()
    assert page.locator(f"ol.results a[href='/zh-hans/person/{site.testimony}']").count() == 1


# a 1x1 transparent PNG, served as every tile
TILE = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                     "0000000d49444154789c63600000020000050001e226059b0000000049454e44ae426082")


@pytest.fixture
def tile_server():
    """A local tile server recording the tiles asked for; yields (URL template, requested paths)."""
    import http.server
    import threading

    asked: list[str] = []

    class Tiles(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the handler's name is fixed by http.server)
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(TILE)))
            self.end_headers()
            self.wfile.write(TILE)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tiles/{{z}}/{{x}}/{{y}}.png", asked
    finally:
        server.shutdown()


def test_the_configured_tile_url_reaches_the_map(site, page, tile_server):
    template, asked = tile_server
    env = {"ROLLCALL_MAP_TILES": template, "ROLLCALL_MAP_ATTRIBUTION": "Fictional Tiles Ltd"}
    with serving(site.home, env) as base:
        page.goto(base + "/facilities/map")
        config = json.loads(page.locator("#map-config").text_content())
        assert config == {"tiles": template, "attribution": "Fictional Tiles Ltd"}
        page.wait_for_selector("#map img.leaflet-tile")
        assert asked and all(re.fullmatch(r"/tiles/\d+/\d+/\d+\.png", a) for a in asked), asked
        assert "Fictional Tiles Ltd" in page.locator(".leaflet-control-attribution").inner_text()
        assert "No background map is configured" not in page.content()


def test_no_tile_url_on_the_map_when_none_is_configured(site, page):
    page.goto(site.base + "/facilities/map")
    assert json.loads(page.locator("#map-config").text_content()) == {"tiles": "", "attribution": ""}
    body = page.content()
    assert "{z}" not in body and "tile.openstreetmap" not in body and "No background map is configured" in body
