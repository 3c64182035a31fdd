"""Ages as lists and relatives write them, read as the years they allow (fictional values)."""

import pytest

from rollcall.records.normalise import age


@pytest.mark.parametrize(("text", "expected"), [
    ("45", "45"), ("45岁", "45"), ("age 45", "45"), ("45 years old", "45"),
    ("about 33", "30-36"), ("约33", "30-36"),
    ("in his 40s", "40-49"), ("in her early 20s", "20-23"), ("mid-30s", "33-36"), ("late 50s", "56-59"),
    ("40多岁", "41-49"),
    # a centenarian's decade is the hundreds, not the first decade of life
    ("in his 100s", "100-109"), ("in her early 100s", "100-103"), ("100多岁", "101-109"),
])
def test_age_forms(text: str, expected: str) -> None:
    assert age(text) == expected


@pytest.mark.parametrize("text", ["", "unknown", "200", "about 150", "1000s"])
def test_not_an_age(text: str) -> None:
    assert age(text) is None
