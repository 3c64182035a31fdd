"""Template filters for translated labels."""

from __future__ import annotations

from django import template

from rollcall.web.labels import field_label as _field_label

register = template.Library()


@register.filter
def field_label(field: str) -> str:
    """The translated label of a canonical field."""
    return _field_label(field or "")
