"""Whatever the input, the library answers and never raises."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rollcall.names import compare, keys, parse, show

# Text drawn from everything, plus the scripts names are written in, separators and control characters.
NAMEISH = st.text(alphabet=st.one_of(
    st.characters(),
    st.sampled_from("ئىلھامتوختىراھلەداۋۇتٵٴ伊力哈木土赫提吐尔逊买买提熱達·•・‧. -'’"
                    "Tursun MemetÖüéАәқ\x00\x1b\u200b\u202e"),
), max_size=60)


@settings(max_examples=300, deadline=None)
@given(NAMEISH, NAMEISH)
def test_compare_never_raises_and_stays_in_range(a: str, b: str) -> None:
    result = compare(a, b)
    assert 0.0 <= result.score <= 1.0
    assert result.same == (result.score >= result.threshold)
    assert abs(compare(b, a).score - result.score) < 1e-9
    result.to_dict()


@settings(max_examples=300, deadline=None)
@given(NAMEISH)
def test_show_keys_parse_never_raise(text: str) -> None:
    view = show(text)
    view.to_dict()
    assert isinstance(keys(text), frozenset)
    assert isinstance(keys(text, partial=True), frozenset)
    parse(text)


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["吐尔逊", "Tursun ", "ئىلھام ", "😀", "\x07", "a", "·"]))
def test_ten_thousand_characters(unit: str) -> None:
    text = (unit * (10_000 // len(unit) + 1))[:10_000]
    assert len(text) == 10_000
    result = compare(text, "Tursun Memet")
    assert 0.0 <= result.score <= 1.0
    show(text)
    keys(text)


def test_same_text_is_the_same_name() -> None:
    assert compare("Tursun Memet", "Tursun Memet").score == 1.0


def test_values_that_are_not_text() -> None:
    assert compare(None, "Tursun").score == 0.0  # type: ignore[arg-type]
    assert keys(None) == frozenset()  # type: ignore[arg-type]
    assert show(12345).script == "none"  # type: ignore[arg-type]
