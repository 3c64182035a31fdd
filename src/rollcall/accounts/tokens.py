"""API tokens: issued once in clear, stored as a SHA-256 digest, resolved back to their user."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime
from typing import Any

from rollcall.accounts.models import ApiToken


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue(user: Any) -> str:
    """A new token for `user`; the clear text exists only in the return value."""
    token = "rc_" + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, digest=_digest(token), created_at=datetime.now(UTC))
    return token


def user_for(token: str) -> Any | None:
    """The active user a token belongs to, or None for an unknown or revoked token."""
    found = ApiToken.objects.filter(digest=_digest(token), revoked=False).select_related("user").first()
    if found is None or not found.user.is_active:
        return None
    return found.user
