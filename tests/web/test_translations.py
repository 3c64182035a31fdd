"""Every user-facing string is translated into Uyghur and Chinese, marked for native review, compiled."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parents[2] / "src" / "rollcall" / "web"
LANGS = ("ug", "zh_Hans")


def _entries(lang: str) -> list[tuple[str, str, list[str]]]:
    text = (WEB / "locale" / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    out = []
    for block in text.split("\n\n")[1:]:
        def joined(key: str, block: str = block) -> str:
            m = re.search(rf'^{key} ((?:"(?:[^"\\]|\\.)*"\s*)+)', block, re.M)
            return "".join(bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
                           for s in re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))) if m else ""
        comments = [line for line in block.splitlines() if line.startswith("#.")]
        out.append((joined("msgid"), joined(r"msgstr(?:\[0\])?"), comments))
    return out


def _template_strings() -> set[str]:
    found = set()
    for t in (WEB / "templates").rglob("*.html"):
        found |= set(re.findall(r'{% translate ["\']([^"\']+)["\'] %}', t.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_every_entry_translated_and_marked_for_review(lang):
    entries = _entries(lang)
    assert len(entries) > 50
    for msgid, msgstr, comments in entries:
        assert msgstr.strip(), f"{lang}: {msgid!r} untranslated"
        assert "#. machine-drafted, needs review by a native speaker" in comments, msgid


@pytest.mark.parametrize("lang", LANGS)
def test_every_template_string_is_in_the_catalogue(lang):
    ids = {e[0] for e in _entries(lang)}
    assert _template_strings() - ids == set()


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogue_matches_the_source(lang):
    mo = WEB / "locale" / lang / "LC_MESSAGES" / "django.mo"
    with open(mo, "rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    for msgid, msgstr, _ in _entries(lang):
        if "%(n)s" not in msgid:
            assert catalogue.gettext(msgid) == msgstr, f"{lang}: django.mo is stale for {msgid!r}"
