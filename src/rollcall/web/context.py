"""What every page's template knows: the visitor's role and the same page in each language."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url

from rollcall.accounts.roles import at_least, role_of
from rollcall.web.labels import ROLE_LABELS


def role(request: HttpRequest) -> dict:
    """The visitor's role, what it allows, and links to this page in every language (with its query, so
    a search stays the same search in another language)."""
    current = role_of(getattr(request, "user", None))
    return {
        "role": current,
        "role_label": ROLE_LABELS[current],
        "is_researcher": at_least(current, "researcher"),
        "is_editor": at_least(current, "editor"),
        "languages": [(code, name, translate_url(request.get_full_path(), code)) for code, name in settings.LANGUAGES],
    }
