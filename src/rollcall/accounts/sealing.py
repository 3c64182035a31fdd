"""Encryption at rest for testifiers' identity and contact (Fernet: AES-128-CBC with HMAC-SHA256).

The key is ROLLCALL_TESTIMONY_KEY if set, else a key file in the data folder (`keys/testimony.key`,
created with mode 0600 on first use). Whoever copies the database alone cannot read the contacts; keep the
key file apart from database backups.

Two kinds of sealed text: the web form's testimonies (`web_testimony.testifier_*_sealed`, a bare token) and
ingested statements of the `SEALED_FIELDS` (their `original` is `SEALED_PREFIX` + token, the marker that
says "decrypt only in the audited view"; their value and detail stay empty). Fernet returns the exact bytes
sealed, so the audited view gives back the cell exactly as ingested.

A third: evidence files holding a testifier's identity are stored sealed too (`seal_bytes` / `unseal_bytes`,
chunk by chunk; the file format is in `rollcall.evidence.store`).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from rollcall.errors import RollcallError


@lru_cache(maxsize=1)
def _fernet() -> Fernet:
    key = os.environ.get("ROLLCALL_TESTIMONY_KEY")
    if not key:
        from django.conf import settings

        path = Path(settings.HOME) / "keys" / "testimony.key"
        if not path.exists():
            path.parent.mkdir(mode=0o700, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(Fernet.generate_key())
        key = path.read_text().strip()
    try:
        return Fernet(key.encode() if isinstance(key, str) else key)
    except ValueError as exc:
        raise RollcallError("the testimony key is not a valid Fernet key (32 url-safe base64 bytes)") from exc


SEALED_FIELDS = ("testifier_name", "testifier_contact")
SEALED_PREFIX = "sealed:fernet:"


def seal(text: str) -> str:
    """`text` encrypted (empty stays empty)."""
    return _fernet().encrypt(text.encode("utf-8")).decode("ascii") if text else ""


def unseal(token: str) -> str:
    """The text sealed in `token`."""
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise RollcallError("a sealed testifier field cannot be read with this key") from exc


def seal_statement(text: str) -> str:
    """A statement's original text as stored for a sealed field: the marker and the sealed text."""
    return SEALED_PREFIX + _fernet().encrypt(text.encode("utf-8")).decode("ascii")


def unseal_statement(stored: str) -> str:
    """The original text of a sealed statement, exactly as it was ingested."""
    if not stored.startswith(SEALED_PREFIX):
        raise RollcallError("this statement is not sealed")
    return unseal(stored[len(SEALED_PREFIX):])


def seal_bytes(data: bytes) -> bytes:
    """`data` encrypted: one Fernet token (URL-safe base64 ASCII, no newline)."""
    return _fernet().encrypt(data)


def unseal_bytes(token: bytes) -> bytes:
    """The bytes sealed in one token; RollcallError when it was altered or sealed with another key."""
    try:
        return _fernet().decrypt(token)
    except InvalidToken as exc:
        raise RollcallError("sealed bytes cannot be read with this key: they were altered, or sealed with "
                            "another key") from exc
