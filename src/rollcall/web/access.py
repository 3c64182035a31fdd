"""Pages that need a role: anonymous visitors are sent to log in, lesser roles are refused."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from rollcall.accounts.roles import at_least, role_of


def requires(needed: str) -> Callable:
    """A view decorator admitting only users whose role is at least `needed`."""

    def wrap(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def inner(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not at_least(role_of(request.user), needed):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return inner

    return wrap
