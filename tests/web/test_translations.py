"""Every user-facing string is translated into Uyghur and Chinese, marked for native review, compiled.

User-facing strings are found where they are written: `{% translate %}` and `{% blocktranslate %}` in the
templates, and gettext calls in the web app's Python. The REST API answers programs in English (no language
prefix under /api/), so its messages are not scanned.
"""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parents[2] / "src" / "rollcall" / "web"
LANGS = ("ug", "zh_Hans")
GETTEXT_CALLS = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}


def _unquote(s: str) -> str:
    return bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def _entries(lang: str) -> list[tuple[str, list[str], list[str], str]]:
    """(msgid, [msgstr or msgstr[n]...], translator comments, msgid_plural) per catalogue entry."""
    text = (WEB / "locale" / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    out = []
    for block in text.split("\n\n")[1:]:
        def joined(key: str, block: str = block) -> list[str]:
            return ["".join(_unquote(s) for s in re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1)))
                    for m in re.finditer(rf'^{key} ((?:"(?:[^"\\]|\\.)*"\s*)+)', block, re.M)]
        comments = [line for line in block.splitlines() if line.startswith("#.")]
        msgid = joined("msgid")
        if msgid:
            out.append((msgid[0], joined(r"msgstr(?:\[\d\])?"), comments, "".join(joined("msgid_plural"))))
    return out


def _blocktranslate_id(body: str) -> str:
    """The msgid Django extracts from a blocktranslate body: `{{ n }}` becomes `%(n)s`."""
    return re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", body)


def _template_strings() -> set[str]:
    found = set()
    for t in (WEB / "templates").rglob("*.html"):
        text = t.read_text(encoding="utf-8")
        found |= set(re.findall(r'{% translate "([^"]+)" %}', text))
        found |= set(re.findall(r"{% translate '([^']+)' %}", text))
        for options, body in re.findall(r"{% blocktranslate([^%]*)%}(.*?){% endblocktranslate %}", text, re.S):
            singular = body.split("{% plural %}")[0]
            if "trimmed" in options:
                singular = " ".join(singular.split())
            found.add(_blocktranslate_id(singular))
    return found


def _python_strings() -> set[str]:
    """Literal strings passed to gettext and its kin anywhere in the web app's Python."""
    found = set()
    for py in WEB.rglob("*.py"):
        if "migrations" in py.parts:
            continue
        for node in ast.walk(ast.parse(py.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name not in GETTEXT_CALLS:
                continue
            args = node.args[1:] if name.startswith("pgettext") else node.args
            for arg in args[:2] if name.startswith("ngettext") else args[:1]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
    return found


def test_the_scanners_find_what_they_should():
    """Guards the scan itself: strings known to be in templates and Python are found."""
    templates, python = _template_strings(), _python_strings()
    assert "Log in" in templates
    assert "%(n)s facilities with coordinates." in templates
    assert "%(n)s value not shown to your role" in templates
    assert "The first %(shown)s of %(total)s records." in templates
    assert "Judgement saved." in python and "date of birth" in python and "Not found" in python
    assert len(python) > 40


@pytest.mark.parametrize("lang", LANGS)
def test_every_entry_translated_and_marked_for_review(lang):
    entries = _entries(lang)
    assert len(entries) > 50
    for msgid, msgstrs, comments, _plural in entries:
        assert msgstrs and all(m.strip() for m in msgstrs), f"{lang}: {msgid!r} untranslated"
        assert "#. machine-drafted, needs review by a native speaker" in comments, msgid


@pytest.mark.parametrize("lang", LANGS)
def test_every_template_string_is_in_the_catalogue(lang):
    ids = {e[0] for e in _entries(lang)}
    assert _template_strings() - ids == set()


@pytest.mark.parametrize("lang", LANGS)
def test_every_python_string_is_in_the_catalogue(lang):
    ids = {e[0] for e in _entries(lang)} | {e[3] for e in _entries(lang)}
    assert _python_strings() - ids == set()


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_survive_translation(lang):
    for msgid, msgstrs, _comments, _plural in _entries(lang):
        wanted = sorted(re.findall(r"%\(\w+\)s", msgid))
        for m in msgstrs:
            assert sorted(re.findall(r"%\(\w+\)s", m)) == wanted, f"{lang}: {msgid!r} -> {m!r}"


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogue_matches_the_source(lang):
    mo = WEB / "locale" / lang / "LC_MESSAGES" / "django.mo"
    with open(mo, "rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    for msgid, msgstrs, _, plural in _entries(lang):
        if plural:
            assert catalogue.ngettext(msgid, plural, 1) == msgstrs[0], f"{lang}: django.mo is stale for {msgid!r}"
        else:
            assert catalogue.gettext(msgid) == msgstrs[0], f"{lang}: django.mo is stale for {msgid!r}"
