"""resolve() never raises and keeps its promises on any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rollcall.places import all_places, resolve

place_words = st.sampled_from(["疏附县", "Kashgar", "قەشقەر", "Hotan", "County", "县", "新疆", "Shūfù",
                               "ناھىيىسى", "Xiàn", "镇", ",", " ", "-", "'", "\u200c", "ئ", "\U0001F600"])
texts = st.one_of(st.text(max_size=60), st.lists(place_words, max_size=8).map("".join),
                  st.lists(place_words, max_size=8).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(text=texts, limit=st.integers(min_value=0, max_value=8))
def test_resolve_never_raises_and_ranks(text, limit):
    found = resolve(text, limit=limit)
    assert len(found) <= limit
    assert all(0.0 < c.confidence <= 1.0 for c in found)
    assert [c.confidence for c in found] == sorted((c.confidence for c in found), reverse=True)
    assert len({c.place.code for c in found}) == len(found)


@settings(max_examples=200, deadline=None)
@given(index=st.integers(min_value=0))
def test_every_xinjiang_writing_finds_its_own_place(index):
    places = [p for p in all_places() if p.code.startswith("65") and p.valid_to is None]
    place = places[index % len(places)]
    for writing in (place.name_zh, place.name_ug, place.name_uly, *place.english):
        if writing:
            assert place.code in [c.place.code for c in resolve(writing, limit=10)], (writing, place.code)
