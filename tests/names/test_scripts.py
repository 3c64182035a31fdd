"""Script detection, per name and per part."""

from __future__ import annotations

import pytest

from rollcall.names import Script, detect_script, first_part, parse


@pytest.mark.parametrize(("text", "script"), [
    ("Ilham Tohti", Script.LATIN),
    ("Örkesh Dölet", Script.LATIN),
    ("ئىلھام توختى", Script.ARABIC),
    ("伊力哈木·土赫提", Script.HAN),
    ("熱依拉·達吾提", Script.HAN),
    ("Нурлан Серикулы", Script.CYRILLIC),
    ("Tursun 吐尔逊", Script.MIXED),
    ("", Script.NONE),
    ("123 · 😀", Script.NONE),
])
def test_detect_script(text: str, script: Script) -> None:
    assert detect_script(text) == script


def test_each_part_carries_its_own_script() -> None:
    parts = parse("Tursun 买买提 مەمەت").parts
    assert [str(p.script) for p in parts] == ["latin", "han", "arabic"]


def test_a_part_mixing_scripts_without_space_is_split_where_the_script_changes() -> None:
    parts = parse("Tursun吐尔逊").parts
    assert [p.text for p in parts] == ["Tursun", "吐尔逊"]


@pytest.mark.parametrize("text", ["哈丽玛．肉孜", "哈丽玛•肉孜", "ئابدۇللا ئابلاجان", "Abdu-Rehim Tursun",
                                  "吐尔逊买买提", "  Tursun  ", ""])
def test_first_part_is_the_first_part_parse_finds(text: str) -> None:
    """A search weighs thousands of names by their first part alone: it must be the part `parse` puts
    first, however the parts are separated (or not: Chinese characters run together)."""
    parts = [p.text for p in parse(text).parts]
    assert first_part(text) == (parts[0] if parts else "")
