"""Everything the library reads out of one name: script, parts, Latin forms, pinyin, keys."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rollcall.names import pinyin
from rollcall.names.keys import keys
from rollcall.names.scripts import Script
from rollcall.names.structure import Part, as_text, parse


@dataclass(frozen=True, slots=True)
class PartView:
    """One part of a name as the library reads it."""

    text: str
    script: str
    role: str
    latin: str  # best Latin reading ("" if none)
    forms: tuple[tuple[str, str], ...]  # (Latin form, how it was obtained), best first
    pinyin: str  # passport pinyin of a Chinese-character part; "" otherwise
    patronymic: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "script": self.script, "role": self.role, "latin": self.latin,
                "forms": [{"latin": f, "via": via} for f, via in self.forms], "pinyin": self.pinyin,
                "patronymic": self.patronymic}


@dataclass(frozen=True, slots=True)
class NameView:
    """What show(name) returns."""

    text: str
    script: str
    parts: tuple[PartView, ...]
    latin: str  # the best Latin reading of the whole name, parts in written order
    pinyin: str  # passport pinyin when the name is in Chinese characters, else ""
    keys: tuple[str, ...]
    not_compared: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "script": self.script, "latin": self.latin, "pinyin": self.pinyin,
                "parts": [p.to_dict() for p in self.parts], "keys": list(self.keys),
                "not_compared": list(self.not_compared)}


def _part_view(part: Part) -> PartView:
    py = pinyin.of_hanzi(part.text).capitalize() if part.script is Script.HAN else ""
    return PartView(part.text, str(part.script), part.role, part.latin,
                    tuple((f.latin, f.method) for f in part.forms), py, part.patronymic)


def show(name: str) -> NameView:
    """Script, parts (with role, Latin forms and pinyin), best Latin reading and blocking keys of a name."""
    parsed = parse(as_text(name))
    views = tuple(_part_view(p) for p in parsed.parts)
    latin = " ".join(v.latin for v in views if v.latin)
    py = " ".join(v.pinyin for v in views if v.pinyin) if all(v.script == Script.HAN for v in views) else ""
    return NameView(parsed.text, str(parsed.script), views, latin, py, tuple(sorted(keys(parsed.text))),
                    parsed.extra)


def latin_forms(name: str) -> list[list[str]]:
    """Each part's comparable Latin forms, best first."""
    return [[f.latin for f in p.forms] for p in parse(as_text(name)).parts]
