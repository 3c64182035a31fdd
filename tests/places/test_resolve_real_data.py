"""resolve() on the place names of the real ASPI facility dataset (../shared/data/facilities): the
spellings researchers actually publish (Konasheher, Karakash, Tokkuztara, Koktogay, Shihu...)."""

from __future__ import annotations

import csv

from rollcall.places import resolve


def test_every_aspi_prefecture_and_county_resolves(shared_data):
    path = shared_data / "facilities" / "aspi_xjdp_2020-09_v1.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        pairs = sorted({(row["Prefecture"].strip(), row["County"].strip()) for row in csv.DictReader(handle)})
    assert len(pairs) > 90
    outside: list[tuple[str, str, str]] = []
    for prefecture, county in pairs:
        found = resolve(prefecture, limit=1)
        assert found, prefecture
        scope = found[0].place.code
        assert scope.startswith("65"), (prefecture, scope)
        inside = resolve(county, within=scope, limit=1)
        if not inside:
            anywhere = resolve(county, limit=1)
            assert anywhere, county
            outside.append((prefecture, county, anywhere[0].place.code))
    # ASPI files Akto under Kashgar; Akto county (阿克陶县) belongs to Kizilsu prefecture (6530).
    assert outside == [("Kashgar", "Akto", "653022")]


def test_aspi_spellings_of_known_counties(shared_data):
    assert resolve("Karakash", limit=1)[0].place.code == "653222"
    assert resolve("Konasheher", limit=1)[0].place.code == "653121"
    assert resolve("Tokkuztara", limit=1)[0].place.code == "654024"
    assert resolve("Koktogay", limit=1)[0].place.code == "654322"
    assert resolve("Bayingolun", limit=1)[0].place.code == "652800"
