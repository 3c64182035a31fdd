"""The evidence store: files kept byte-for-byte under their SHA-256, with Berkeley Protocol metadata.

Sealed items. An item that holds a testifier's identity (an ingest mapped one of its columns to a sealed
field, `rollcall.accounts.sealing.SEALED_FIELDS`, or it was added with `rollcall add --seal`) is kept
encrypted at rest: `<sha[:2]>/<sha>.sealed` replaces the plain copy `<sha[:2]>/<sha>`. The item is still
named and verified by the SHA-256 of its original bytes. The format is a first line `SEALED_MAGIC`, then one
Fernet token per `CHUNK` of the original, each on its own line (so sealing and reading stream; a chunk
removed, repeated or reordered changes the hash of what decrypts). The custody log says which items are
sealed (a `sealed` entry, recording the sealed file's own SHA-256 and size), so a sealed copy swapped for
a plain one, or the reverse, is caught by `rollcall verify`.

Every reader of stored bytes goes through `plain_copy` (a path to the original bytes: the stored file, or
for a sealed item a temporary decryption outside the data folder, removed afterwards).
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, transaction

from rollcall.errors import InputError, RollcallError
from rollcall.evidence import custody
from rollcall.evidence.models import CustodyEvent, Item

CHUNK = 1 << 20
SEALED_SUFFIX = ".sealed"
SEALED_MAGIC = b"ROLLCALL-SEALED-EVIDENCE 1 fernet\n"


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


def sealed_path(sha256: str) -> Path:
    """Where the sealed (encrypted) copy of the item with this hash lives."""
    return evidence_dir() / sha256[:2] / (sha256 + SEALED_SUFFIX)


def is_sealed(sha256: str) -> bool:
    """Whether the item with this hash is stored sealed."""
    return CustodyEvent.objects.filter(action="sealed", item_sha256=sha256).exists()


def sealed_shas() -> set[str]:
    """The hashes of every sealed item (one query, for whole-store walks)."""
    return set(CustodyEvent.objects.filter(action="sealed").values_list("item_sha256", flat=True))


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
        if target.exists() or sealed_path(sha).exists():  # kept already (a sealed item never goes back plain)
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
        finish_sealing(sha)  # a plain copy an interrupted seal left beside the sealed one goes
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


def discard_sealed_copy(sha: str) -> None:
    """Remove a sealed copy whose sealing was rolled back (the plain copy is still the item's)."""
    target = sealed_path(sha)
    if target.exists():
        os.chmod(target, 0o644)
        target.unlink()


def discard_unsaved(added: AddResult | None, sealed_now: bool) -> None:
    """After an add or ingest whose transaction rolled back: remove the copies it wrote (a sealed copy made
    in it, and the plain copy of bytes it added first), so no file outlives its undone registry entry."""
    if added is None:
        return
    if sealed_now:
        discard_sealed_copy(added.item.sha256)
    if added.created:
        discard_copy(added.item.sha256)


def _plain_chunks(path: Path) -> Iterator[bytes]:
    """The original bytes of a sealed file, chunk by chunk (RollcallError if it is not one or was altered)."""
    from rollcall.accounts.sealing import unseal_bytes

    with open(path, "rb") as fh:
        if fh.readline() != SEALED_MAGIC:
            raise RollcallError(f"{path} is not a sealed evidence file")
        for line in fh:
            if line.strip():
                yield unseal_bytes(line.strip())


def _tmp_dir_for_plain() -> str | None:
    """Where decrypted copies go: memory-backed /dev/shm where there is one, never the data folder."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


@contextmanager
def plain_copy(sha256: str) -> Iterator[Path]:
    """A path holding the item's original bytes, for as long as the `with` block runs.

    The one way to read stored evidence. For a plain item it is the stored file; for a sealed item a
    temporary file (mode 0600, outside the data folder) decrypted and re-hashed first, removed afterwards.
    """
    if not is_sealed(sha256):
        yield stored_path(sha256)
        return
    fd, name = tempfile.mkstemp(prefix="rollcall-plain-", dir=_tmp_dir_for_plain())
    try:
        digest = hashlib.sha256()
        with os.fdopen(fd, "wb") as out:
            try:
                for chunk in _plain_chunks(sealed_path(sha256)):
                    digest.update(chunk)
                    out.write(chunk)
            except FileNotFoundError:
                raise RollcallError(f"the sealed copy of item {sha256} is missing (run `rollcall verify`)") \
                    from None
        if digest.hexdigest() != sha256:
            raise RollcallError(f"the sealed copy of item {sha256} does not decrypt to its bytes: it was "
                                "altered (run `rollcall verify`)")
        yield Path(name)
    finally:
        if os.path.exists(name):
            os.unlink(name)


def seal_item(item: Item, *, actor: str, detail: dict | None = None) -> bool:
    """Store an item sealed: write its encryption, log a `sealed` entry, drop the plain copy on commit.

    Run it inside the transaction that decides to seal (ingest runs it in the ingest's): the sealed copy
    is written and fsynced first and the plain copy is removed only once the entry is committed, so a kill
    at any moment leaves the plain copy without the entry, or the sealed copy with it (and perhaps the
    plain copy still beside it, which adding or sealing the item again removes). False when it was sealed
    already. A caller whose transaction fails after a True must call `discard_sealed_copy`.
    """
    from rollcall.accounts.sealing import seal_bytes

    sha = item.sha256
    if is_sealed(sha):
        return False
    source = stored_path(sha)
    tmp_dir = evidence_dir() / "tmp"
    tmp_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=tmp_dir, prefix="sealing-")
    target = sealed_path(sha)
    try:
        plain, sealed, size = hashlib.sha256(), hashlib.sha256(), 0
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            out.write(SEALED_MAGIC)
            sealed.update(SEALED_MAGIC)
            while chunk := src.read(CHUNK):
                plain.update(chunk)
                line = seal_bytes(chunk) + b"\n"
                sealed.update(line)
                out.write(line)
            size = out.tell()
            out.flush()
            os.fsync(out.fileno())
        if plain.hexdigest() != sha:
            raise RollcallError(f"evidence file {source} ({item.original_name}): was changed, so it cannot be "
                                "sealed (run `rollcall verify`)")
        os.chmod(tmp_name, 0o444)
        os.replace(tmp_name, target)
        _fsync_dir(target.parent)
        custody.append("sealed", sha, actor, {**(detail or {}), "stored_sha256": sealed.hexdigest(),
                                              "stored_size": size})
    except BaseException as exc:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
        if target.exists() and not _committed_sealed(sha):
            discard_sealed_copy(sha)
        if isinstance(exc, FileNotFoundError):
            raise RollcallError(f"evidence file {source} ({item.original_name}): is missing, so it cannot be "
                                "sealed (run `rollcall verify`)") from None
        raise
    transaction.on_commit(lambda: _drop_plain(sha))
    return True


def _drop_plain(sha: str) -> None:
    """After the sealing commits: remove the plain copy (if that fails, verify warns and sealing again
    removes it; the commit stands either way)."""
    with suppress(OSError):
        discard_copy(sha)


def _committed_sealed(sha: str) -> bool:
    try:
        return is_sealed(sha)
    except DatabaseError:  # the transaction is broken: nothing of it was committed
        return False


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def finish_sealing(sha: str) -> bool:
    """Remove a plain copy that an interrupted seal left beside a sealed item; True if one was removed."""
    if is_sealed(sha) and stored_path(sha).exists() and sealed_path(sha).exists():
        discard_copy(sha)
        return True
    return False


def write_plain(sha256: str, dest: Path) -> int:
    """Write the item's original bytes to `dest` (new file, mode 0600), re-hashed; return the size."""
    dest = Path(dest)
    if dest.exists():
        raise InputError("already exists; choose another file (nothing is overwritten)", file=str(dest))
    fd, tmp_name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.")
    try:
        digest, size = hashlib.sha256(), 0
        with plain_copy(sha256) as src_path, open(src_path, "rb") as src, os.fdopen(fd, "wb") as out:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != sha256:
            raise RollcallError(f"item {sha256}: its stored bytes no longer hash to its name (run "
                                "`rollcall verify`); nothing exported")
        os.link(tmp_name, dest)  # fails rather than overwrite a file made meanwhile
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
    return size


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
    sealed = {e.item_sha256: e for e in CustodyEvent.objects.filter(action="sealed").order_by("-seq")}
    lingering: list[Path] = []
    for item in Item.objects.order_by("id").iterator():
        count += 1
        path = stored_path(item.sha256)
        known.add(path)
        if item.sha256 in sealed:
            if path.exists():
                lingering.append(path)
            path = sealed_path(item.sha256)
            known.add(path)
            problem = _check_sealed(item, path, sealed[item.sha256])
            if problem:
                problems.append(FileProblem(item, path, problem))
            continue
        if not path.exists():
            problems.append(FileProblem(item, path, "is missing"))
            continue
        sha, size = sha256_file(path)
        if sha != item.sha256:
            problems.append(FileProblem(item, path, f"was changed: its bytes now hash to {sha} "
                                                    f"({size} bytes, {item.size} when added)"))
    unregistered = [p for p in sorted(evidence_dir().glob("??/*")) if p.is_file() and p not in known]
    return count, problems, unregistered + lingering


def _check_sealed(item: Item, path: Path, entry: CustodyEvent) -> str | None:
    """What is wrong with a sealed copy, if anything: its own hash as sealed, then what it decrypts to."""
    if not path.exists():
        return f"is missing (the item is sealed: custody entry {entry.seq} recorded the sealing)"
    logged = entry.detail.get("stored_sha256") if isinstance(entry.detail, dict) else None
    sha, size = sha256_file(path)
    if logged and sha != logged:
        return (f"was changed: the sealed file now hashes to {sha} ({size} bytes) but its 'sealed' custody "
                f"entry (entry {entry.seq}) recorded {logged} ({entry.detail.get('stored_size')} bytes)")
    digest, plain_size = hashlib.sha256(), 0
    try:
        for chunk in _plain_chunks(path):
            digest.update(chunk)
            plain_size += len(chunk)
    except RollcallError as exc:
        return f"cannot be decrypted: {exc}"
    if digest.hexdigest() != item.sha256:
        return (f"was changed: it decrypts to bytes hashing to {digest.hexdigest()} ({plain_size} bytes, "
                f"{item.size} when added)")
    return None
