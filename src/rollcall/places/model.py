"""The two values the gazetteer hands out: a place (one administrative unit) and a ranked candidate."""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("province", "prefecture", "county", "township")


@dataclass(frozen=True)
class Place:
    """One administrative unit of China, named in every writing we know.

    `code` is the 6-digit administrative division code (adcode; townships keep their 9-digit code);
    `valid_from`/`valid_to` are the years the code carried this unit (None: open-ended or unknown);
    `partial` marks units whose coverage in the gazetteer is known to be incomplete (townships, and
    units outside Xinjiang, which have Chinese names only); `other_names` are former Chinese names and
    further writings that resolve to this unit; `former_codes` are the codes of the units this one
    continues under a new code (库车市 652902 continues 库车县 652923, re-coded in 2019; a merger lists
    every unit merged), so that a number issued under the old code still belongs here.
    """

    code: str
    level: str
    name_zh: str
    pinyin: str
    name_ug: str
    name_uly: str
    english: tuple[str, ...]
    parent: str | None
    valid_from: int | None
    valid_to: int | None
    partial: bool
    other_names: tuple[str, ...] = ()  # former Chinese names and further writings, any script
    former_codes: tuple[str, ...] = ()  # codes of the units this one continues (re-coded or merged)

    @property
    def current(self) -> bool:
        """Whether the unit still exists under this code (no end year)."""
        return self.valid_to is None


@dataclass(frozen=True)
class Candidate:
    """A place a text may mean: `confidence` in [0, 1] (1.0 an exact writing of a unique name),
    `matched` says which part of the text matched which writing, and how (exact, folded, fuzzy...)."""

    place: Place
    confidence: float
    matched: str
