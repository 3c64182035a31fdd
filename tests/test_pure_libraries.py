"""The pure libraries stay pure: importing and using rollcall.names and rollcall.places (and the record
normalisers and checks built on them) loads no Django, so scripts and notebooks can use them alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys

USE_THE_LIBRARIES = """
import json, sys
from rollcall import names, places
from rollcall.places import consistency, facilities_match, ids
from rollcall.records import checks, normalise

names.compare("Ilham Tohti", "ئىلھام توختى"); names.keys("艾力·买买提"); names.show("Tursun Memet")
places.resolve("新疆喀什地區疏附縣托克扎克镇"); places.lineage("653121"); places.later_codes("652923")
ids.check("653121198503011234"); ids.check("110105199001011232")
consistency.check_record("65292319900101124X", place_code="652902", age="30", on="2020")
facilities_match.parse_facility_name("疏附县职业技能教育培训中心")
normalise.normalise_cell("name", "吐尔逊·买买提"); normalise.normalise_cell("household_address", "疏附县")
checks.id_consistency({"id_number": [("653121198503011234", None)], "household_address": [("", "653121")]})
print(json.dumps(sorted(m for m in sys.modules if m == "django" or m.startswith("django."))))
"""


def test_names_and_places_load_no_django() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")} | {"PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run([sys.executable, "-c", USE_THE_LIBRARIES], capture_output=True, text=True, timeout=300,
                          env=env)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == []
