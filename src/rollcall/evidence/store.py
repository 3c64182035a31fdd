"""The evidence store: files kept byte-for-byte under their SHA-256, with Berkeley Protocol metadata."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction

from rollcall.errors import InputError, RollcallError
from rollcall.evidence import custody
from rollcall.evidence.models import Item

CHUNK = 1 << 20


@dataclass
class AddResult:
    """The stored item, and whether this call stored it (False: the same bytes were already there)."""

    item: Item
    created: bool


def evidence_dir() -> Path:
    """Folder holding the evidentiary copies (read-only files named by hash)."""
    return Path(settings.EVIDENCE_DIR)


def stored_path(sha256: str) -> Path:
    """Where the evidentiary copy of the item with this hash lives."""
    return evidence_dir() / sha256[:2] / sha256


def sha256_file(path: Path) -> tuple[str, int]:
    """The SHA-256 (hex) and size in bytes of a file."""
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def media_type(path: Path, head: bytes) -> str:
    """The media type of a file, from its first bytes where they are telling, else from its name."""
    signatures = [(b"%PDF", "application/pdf"), (b"\x89PNG", "image/png"), (b"\xff\xd8\xff", "image/jpeg"),
                  (b"\xd0\xcf\x11\xe0", "application/vnd.ms-excel")]
    for magic, kind in signatures:
        if head.startswith(magic):
            return kind
    suffix = path.suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        zipped = {".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
        return zipped.get(suffix, "application/zip")
    guessed = {".tsv": "text/tab-separated-values", ".jsonl": "application/jsonl"}.get(suffix)
    return guessed or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def parse_collected_at(text: str) -> str:
    """Check that a collection time is an ISO 8601 date or date-time; return it as given."""
    if not text:
        return ""
    try:
        (datetime if "T" in text or " " in text else date).fromisoformat(text)
    except ValueError:
        raise InputError(f"--collected-at {text!r} is not an ISO 8601 date or date-time "
                         "(for example 2024-03-01 or 2024-03-01T14:30:00+00:00)") from None
    return text


def _copy_in(path: Path) -> tuple[str, int, bytes, bool]:
    """Copy a file into the store under its hash (atomically); return hash, size, first bytes, new?"""
    tmp_dir = evidence_dir() / "tmp"
    tmp_dir.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    fd, tmp_name = tempfile.mkstemp(dir=tmp_dir, prefix="incoming-")
    head = b""
    try:
        with os.fdopen(fd, "wb") as out, open(path, "rb") as src:
            while chunk := src.read(CHUNK):
                if not head:
                    head = chunk[:16]
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha = digest.hexdigest()
        target = stored_path(sha)
        if target.exists():
            os.unlink(tmp_name)
            return sha, size, head, False
        target.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(tmp_name, 0o444)
        os.replace(tmp_name, target)
        return sha, size, head, True
    except BaseException:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
        raise


def add_file(path: str | os.PathLike[str], *, actor: str, source_name: str = "", url: str = "",
             collected_by: str = "", collected_at: str = "", note: str = "") -> AddResult:
    """Keep a file as evidence. The same bytes again add nothing (created=False)."""
    path = Path(path)
    if not path.exists():
        raise InputError("no such file", file=str(path))
    if not path.is_file():
        raise InputError("not a regular file", file=str(path))
    collected_at = parse_collected_at(collected_at)
    try:
        sha, size, head, new_file = _copy_in(path)
    except PermissionError:
        raise InputError("permission denied while reading it", file=str(path)) from None
    except OSError as exc:
        raise RollcallError(f"file {path}: could not be read or stored: {exc.strerror or exc}") from None
    existing = Item.objects.filter(sha256=sha).first()
    if existing:
        return AddResult(existing, False)
    try:
        with transaction.atomic():
            item = Item.objects.create(
                sha256=sha, original_name=path.name, size=size, media_type=media_type(path, head),
                source_name=source_name, source_url=url, collected_by=collected_by,
                collected_at=collected_at, note=note, added_at=datetime.now(UTC), added_by=actor,
            )
            custody.append("added", sha, actor, logged_metadata(item))
    except BaseException:
        if new_file and not Item.objects.filter(sha256=sha).exists():
            discard_copy(sha)
        raise
    return AddResult(item, True)


def logged_metadata(item: Item) -> dict:
    """The Berkeley Protocol metadata of an item as its `added` custody entry records it.

    The entry's own fields carry the rest: its item hash is the item's `sha256`, its actor `added_by`.
    `rollcall verify` compares this, computed from the registry, with what the entry recorded.
    """
    return {"original_name": item.original_name, "size": item.size, "media_type": item.media_type,
            "source_name": item.source_name, "source_url": item.source_url,
            "collected_by": item.collected_by, "collected_at": item.collected_at, "note": item.note,
            "added_at": item.added_at.astimezone(UTC).isoformat(timespec="microseconds")}


def discard_copy(sha: str) -> None:
    """Remove a stored copy that no item refers to (a failed add)."""
    target = stored_path(sha)
    if target.exists():
        os.chmod(target, 0o644)
        target.unlink()


@dataclass
class FileProblem:
    """A stored file that is not what was added."""

    item: Item | None
    path: Path
    problem: str

    def __str__(self) -> str:
        name = f" ({self.item.original_name})" if self.item else ""
        return f"evidence file {self.path}{name}: {self.problem}"


def verify_files() -> tuple[int, list[FileProblem], list[Path]]:
    """Re-hash every stored file; return how many were checked, the problems, and unregistered files."""
    problems: list[FileProblem] = []
    known: set[Path] = set()
    count = 0
    for item in Item.objects.order_by("id").iterator():
        count += 1
        path = stored_path(item.sha256)
        known.add(path)
        if not path.exists():
            problems.append(FileProblem(item, path, "is missing"))
            continue
        sha, size = sha256_file(path)
        if sha != item.sha256:
            problems.append(FileProblem(item, path, f"was changed: its bytes now hash to {sha} "
                                                    f"({size} bytes, {item.size} when added)"))
    unregistered = [p for p in sorted(evidence_dir().glob("??/*")) if p.is_file() and p not in known]
    return count, problems, unregistered
