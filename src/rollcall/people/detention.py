"""What a record says of a detention, read from its cells in Chinese, Uyghur and English: when it began
(in months, as precisely as the record allows) and how it ended or stands (a death, a release, prison and
the years of a sentence). Free text is read clause by clause, so that a year belongs to the event its
clause tells of. Pure: no Django."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

Cells = Mapping[str, tuple[str, str | None, str | None]]  # field -> (original, value, detail) of its first cell
Months = tuple[int, int]  # a span of months, counted as year * 12 + month - 1, both ends included

_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")
_MONTH = rf"\b({'|'.join(_MONTH_NAMES)})\b"
_YEAR = r"(?<!\d)((?:19|20)\d\d)(?!\d)"
_CLAUSE = re.compile(r"[;；。,，:：]|\bbut\b|\band\b")
# words that say the clause's event did not happen, or happened to someone else
_NOT = re.compile(r"\b(?:not|never|no longer|still not|no)\b|未|没有|没|尚未|ئەمەس|يوق|\b(?:mother|father|"
                  r"brother|sister|wife|husband|son|daughter|friend|neighbou?r|passport|phone|documents?)\b", re.I)

# Being taken: "taken to a camp in 2017", "arrested in March 2018", "2017年被抓", "2017-يىلى تۇتۇلغان"
_TAKEN = re.compile(r"\b(?:taken|arrested|detained|disappeared|sent to (?:a |the )?(?:camp|prison|school))\b|"
                    r"被抓|被捕|拘留|带走|收押|تۇتۇل", re.I)
# A date as a relative writes it: "March 2017", "2017-03", "early 2017", "mid-2017", "2017年3月", "2017"
_WHEN = re.compile(rf"(?:{_MONTH}\s+|\b(early|mid|late)[-\s]+)?{_YEAR}(?:-(\d\d)\b|\s*年\s*(\d{{1,2}})\s*月)?", re.I)
_PART_OF_YEAR = {"early": (0, 3), "mid": (4, 7), "late": (8, 11)}
# families lose contact when a person is taken: the detention began within this many months after
CONTACT_TO_DETENTION_MONTHS = 6

# How a detention ended or stands, most final first
_OUTCOMES = (
    ("died", re.compile(r"死亡|去世|\b(?:died|passed away|killed|dead)\b|ۋاپات|\bwapat\b", re.I)),
    ("released", re.compile(r"释放|放出|\b(?:released|let go|freed)\b|قويۇپ بېرىلگەن|\bqoyup bérilgen\b", re.I)),
    ("prison", re.compile(r"判刑|判处|服刑|徒刑|监狱|\b(?:sentenced|prison|jailed)\b|تۈرمى|\btürmi|كېسىلگەن", re.I)),
)
_SENTENCE_YEARS = re.compile(r"(?:\bsentenced to|有期徒刑|判处|判刑|刑期)\s*(\d{1,2})\s*(?:years?\b|yrs?\b|年)"
                             r"|^\s*(\d{1,2})\s*(?:years?|yrs?|年|يىل)\s*$|(\d{1,2})\s*年\s*有期徒刑", re.I)


def _month_span(year: int, month: int | None = None, part: str | None = None) -> Months:
    """The months of a year, of a part of it ("early"), or one month."""
    if month is not None and 1 <= month <= 12:
        return year * 12 + month - 1, year * 12 + month - 1
    first, last = _PART_OF_YEAR.get((part or "").lower(), (0, 11))
    return year * 12 + first, year * 12 + last


def _when(text: str) -> Months | None:
    """The months a written date covers, for the first date in the text."""
    if not (m := _WHEN.search(text)):
        return None
    month = _MONTH_NAMES.index(m[1].lower()) + 1 if m[1] else int(m[4] or m[5] or 0) or None
    return _month_span(int(m[3]), month, m[2])


# What a searcher may add to a date ("2017年", "2017-يىلى"), write for two years ("2017-18"), and put between
# the two ends of a span ("2017-2018", "March 2017 - September 2017", "2017-03..2017-09", "2017年至2018年"): a
# hyphen between two years is a span, one between a year and two digits a month (or, above 12, "2017-18")
_YEAR_ALONE_WORD = re.compile(r"^(.*?\d)\s*(?:年|-?\s*يىلى)$")
_SHORT_YEARS = re.compile(r"^((?:19|20)\d\d)\s*[-–/]\s*(1[3-9]|[2-9]\d)$")
_SPAN = re.compile(r"\s+(?:-|–|—|to)\s+|\s*(?:–|—|\.\.|至|到)\s*|(?:(?<=\d)|(?<=年))\s*-\s*(?=(?:19|20)\d\d)", re.I)


def told_when(text: str) -> Months | None:
    """The months a date as a searcher writes when someone was taken covers: a year ("2017", "2017年",
    "2017-يىلى"), a month ("March 2018", "2018-03", "2018年3月"), part of a year ("early 2017", "mid-2017"),
    or a span from one such date to another ("2017-2018", "March 2017 - September 2017",
    "2017-03..2017-09", "2017年3月至2017年9月"); None when the text is not one of these."""
    ends = _SPAN.split(text.strip())
    if len(ends) == 2:
        first, last = _told_date(ends[0]), _told_date(ends[1])
        return (first[0], last[1]) if first and last and first[0] <= last[1] else None
    return _told_date(text)


def _told_date(text: str) -> Months | None:
    t = text.strip()
    if m := _YEAR_ALONE_WORD.match(t):
        t = m[1]
    if m := _SHORT_YEARS.match(t):  # "2017-18": two years, not a month 18
        first, last = int(m[1]), int(m[1][:2] + m[2])
        return (first * 12, last * 12 + 11) if first < last else None
    if not (m := _WHEN.fullmatch(t)) or not 1 <= int(m[4] or m[5] or 1) <= 12:
        return None  # not a date, or a month 13 (a record's cell may be read leniently; a search is refused)
    return _when(t)


def _clauses(text: str) -> list[str]:
    return [c for c in _CLAUSE.split(text) if c.strip()]


def _affirmed(pattern: re.Pattern, clause: str) -> bool:
    """Whether the clause tells of the event `pattern` names, as having happened to the person."""
    return bool(pattern.search(clause)) and not _NOT.search(clause)


def detention_began(first: Cells) -> Months | tuple[None, None]:
    """The months within which the first detention the record speaks of began: from the detention date,
    else the account of it ("arrested in March 2018"), narrowed by the last contact with the family (the
    detention began in the months after it), or from the last contact alone."""
    start, notes, contact = first.get("detention_start"), first.get("notes"), first.get("last_contact")
    return _began(start[1] if start else None, notes[0] if notes else None, contact[0] if contact else None)


# Registers and lists repeat the same few thousand dates, statuses and remarks: each is read once.
@lru_cache(maxsize=8192)
def _began(start: str | None, notes: str | None, contact: str | None) -> Months | tuple[None, None]:
    said: Months | None = None
    if start and (m := re.match(r"^(\d{4})(?:-(\d\d))?", start)):
        said = _month_span(int(m[1]), int(m[2]) if m[2] else None)
    elif notes:
        said = next((w for c in _clauses(notes) if _affirmed(_TAKEN, c) and (w := _when(c))), None)
    heard: Months | None = None
    if contact and (span := _when(contact)):
        heard = span[0], span[1] + CONTACT_TO_DETENTION_MONTHS
    if said and heard and said[0] <= heard[1] and heard[0] <= said[1]:
        return max(said[0], heard[0]), min(said[1], heard[1])
    return said or heard or (None, None)


def outcome(first: Cells) -> tuple[str | None, int | None, int | None]:
    """How the record says the detention ended or stands: "died", "released" or "prison" (or None), the
    year its clause gives for that death or release, and the years of a prison sentence."""
    texts = tuple(first[f][0] for f in ("sentence", "detention_status", "notes") if f in first and first[f][0])
    if "sentence" in first and first["sentence"][0] and first["sentence"][0].strip().isdecimal():
        texts = (f"{first['sentence'][0].strip()} years", *texts[1:])  # a sentence column's bare number is years
    return _outcome(texts)


@lru_cache(maxsize=8192)
def _outcome(texts: tuple[str, ...]) -> tuple[str | None, int | None, int | None]:
    clauses = [c for text in texts for c in _clauses(text)]
    sentence = next((int(m[1] or m[2] or m[3]) for c in clauses if (m := _SENTENCE_YEARS.search(c))), None)
    for kind, pattern in _OUTCOMES:
        told = [c for c in clauses if _affirmed(pattern, c)]
        if told:
            year = next((int(m[1]) for c in told if (m := re.search(_YEAR, c))), None)
            return kind, year if kind != "prison" else None, sentence
    return ("prison" if sentence is not None else None), None, sentence
