"""The chain of custody: an append-only, hash-chained log of what happened to each evidence item.

Each entry's hash covers its own fields and the previous entry's hash, so changing any byte of an entry,
removing one or reordering them breaks the chain at a point `verify_chain` names. The newest entry's
sequence number and hash are also written to `custody.head` beside the database, so cutting entries off
the end is caught too.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction

from rollcall import __version__
from rollcall.evidence.models import CustodyEvent

GENESIS = "0" * 64
# No "re-processed": no command re-reads an item it has already ingested or imported (ingesting or
# importing the same bytes again is a no-op), and the log records only what a command performs.
# "sealed": the stored copy was replaced by its encryption (it holds a testifier's identity; see store.py).
ACTIONS = ("added", "ingested", "imported", "exported", "judged", "sealed")


def _head_path() -> Path:
    return Path(settings.HOME) / "custody.head"


def entry_hash(*, seq: int, at: datetime, actor: str, action: str, item_sha256: str, detail: dict,
               version: str, prev_hash: str) -> str:
    """The SHA-256 that seals one entry: over its fields in canonical JSON and the previous hash."""
    body = json.dumps(
        {"seq": seq, "at": at.astimezone(UTC).isoformat(timespec="microseconds"), "actor": actor,
         "action": action, "item": item_sha256, "detail": detail, "version": version, "prev": prev_hash},
        ensure_ascii=False, sort_keys=True, separators=(",", ":"),
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def append(action: str, item_sha256: str, actor: str, detail: dict | None = None) -> CustodyEvent:
    """Add one event to the log, chained to the newest entry. Runs inside the caller's transaction."""
    if action not in ACTIONS:
        raise ValueError(f"unknown custody action {action!r}")
    detail = json.loads(json.dumps(detail or {}, ensure_ascii=False, default=str))
    with transaction.atomic():
        last = CustodyEvent.objects.order_by("-seq").only("seq", "hash").first()
        seq = last.seq + 1 if last else 1
        prev = last.hash if last else GENESIS
        at = datetime.now(UTC)
        fields = dict(seq=seq, at=at, actor=actor, action=action, item_sha256=item_sha256, detail=detail,
                      version=__version__, prev_hash=prev)
        event = CustodyEvent.objects.create(**fields, hash=entry_hash(**fields))
        transaction.on_commit(lambda: _write_head(event.seq, event.hash))
    return event


def start_head() -> None:
    """Give a data folder with an empty log its head (entry 0, the genesis hash). The head is written after
    each commit; a folder killed between its first commit and that write then still has a head, one that
    is behind the log (consistent), not a missing one (which is what cutting the head away looks like)."""
    if not _head_path().exists() and not CustodyEvent.objects.exists():
        _write_head(0, GENESIS)


def _write_head(seq: int, digest: str) -> None:
    path = _head_path()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(f"{seq} {digest}\n", encoding="ascii")
    os.replace(tmp, path)


@dataclass
class ChainProblem:
    """One place where the log is not what it was written as."""

    seq: int | None
    problem: str

    def __str__(self) -> str:
        return f"custody log entry {self.seq}: {self.problem}" if self.seq else f"custody log: {self.problem}"


def verify_chain() -> tuple[int, list[ChainProblem]]:
    """Walk the log in order; return the number of entries and every break found."""
    problems: list[ChainProblem] = []
    prev_hash, expected_seq, count = GENESIS, 1, 0
    last: CustodyEvent | None = None
    for event in CustodyEvent.objects.order_by("seq").iterator(chunk_size=2000):
        count += 1
        if event.seq != expected_seq:
            problems.append(ChainProblem(event.seq, f"expected entry {expected_seq} here: entries were "
                                                    "removed or reordered"))
        if event.prev_hash != prev_hash:
            problems.append(ChainProblem(event.seq, "does not follow the entry before it (previous-hash "
                                                    "mismatch): an entry was removed, inserted or reordered"))
        recomputed = entry_hash(seq=event.seq, at=event.at, actor=event.actor, action=event.action,
                                item_sha256=event.item_sha256, detail=event.detail, version=event.version,
                                prev_hash=event.prev_hash)
        if recomputed != event.hash:
            problems.append(ChainProblem(event.seq, f"content was changed ({event.action} of "
                                                    f"{event.item_sha256[:12]}…): its hash no longer matches"))
        prev_hash, expected_seq, last = event.hash, event.seq + 1, event
    head = _head_path()
    if head.exists():
        try:
            head_seq_s, head_hash = head.read_text(encoding="ascii").split()
            head_seq = int(head_seq_s)
        except (ValueError, UnicodeDecodeError):
            problems.append(ChainProblem(None, f"{head} is unreadable"))
        else:
            # A crash between commit and head write leaves the head behind the log: still consistent.
            at_head = CustodyEvent.objects.filter(seq=head_seq).only("hash").first()
            genesis = head_seq == 0 and head_hash == GENESIS
            if not genesis and (at_head is None or at_head.hash != head_hash):
                have = f"entry {last.seq}" if last else "no entries"
                problems.append(ChainProblem(None, f"the log ends at {have} but {head.name} records entry "
                                                   f"{head_seq} with another hash: entries were cut from the "
                                                   "end or rewritten"))
    elif last is not None:
        problems.append(ChainProblem(None, f"{head} is missing"))
    return count, problems
