"""The four roles (public, researcher, editor, admin), as Django groups, and which role a user has."""

from __future__ import annotations

from typing import Any

from rollcall.errors import InputError

PUBLIC, RESEARCHER, EDITOR, ADMIN = "public", "researcher", "editor", "admin"
ROLES = (PUBLIC, RESEARCHER, EDITOR, ADMIN)  # in order of increasing privilege
ACCOUNT_ROLES = (RESEARCHER, EDITOR, ADMIN)  # public means "no account"


def rank(role: str) -> int:
    """How privileged a role is: 0 for public up to 3 for admin."""
    return ROLES.index(role)


def at_least(role: str, needed: str) -> bool:
    """Whether `role` has every right of `needed`."""
    return rank(role) >= rank(needed)


def role_of(user: Any) -> str:
    """The role of a Django user (anonymous or inactive users are public)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return PUBLIC
    if user.is_superuser:
        return ADMIN
    names = set(user.groups.values_list("name", flat=True))
    for role in reversed(ACCOUNT_ROLES):
        if role in names:
            return role
    return PUBLIC


def ensure_groups() -> None:
    """Create the role groups if missing."""
    from django.contrib.auth.models import Group

    for role in ACCOUNT_ROLES:
        Group.objects.get_or_create(name=role)


def set_role(user: Any, role: str) -> None:
    """Give a user exactly one role; admins also get the Django admin site."""
    from django.contrib.auth.models import Group

    if role not in ACCOUNT_ROLES:
        raise InputError(f"role must be one of {', '.join(ACCOUNT_ROLES)}, not {role!r}")
    ensure_groups()
    user.groups.set([Group.objects.get(name=role)])
    user.is_staff = user.is_superuser = role == ADMIN
    user.save()
