"""Error pages (403, 404, 405, 500 and a refused CSRF check) in the visitor's language, with the site's
layout.

Django calls `forbidden`, `not_found` and `server_error` (`handler403`/`handler404`/`handler500` in the
URLconf) and `csrf_failure` (CSRF_FAILURE_VIEW). A 405 comes from `require_http_methods` as an empty
response; `MethodNotAllowedPages` gives it a page, keeping its Allow header. The API (/api/) keeps its own
JSON errors.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def _page(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    return render(request, "web/error.html", {"status": status, "title": title, "text": text}, status=status)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403: the visitor's role may not open this page."""
    return _page(request, 403, _("Not allowed"), _("Your role may not open this page."))


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: nothing at this address."""
    return _page(request, 404, _("Not found"), _("There is nothing at this address."))


def server_error(request: HttpRequest) -> HttpResponse:
    """500: something failed on our side (the details are in the server's log, never on the page)."""
    return _page(request, 500, _("Something went wrong"),
                 _("The page could not be made. The error was logged; please try again later."))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403 for a form sent without a valid CSRF token (a stale page, or a forged request)."""
    return _page(request, 403, _("Form refused"),
                 _("This form could not be accepted: it was not sent from this site's own page, or the page "
                   "was too old. Go back, reload the page and try again."))


def method_not_allowed(request: HttpRequest) -> HttpResponse:
    """405: this address does not take this kind of request (e.g. a GET where only a form's POST goes)."""
    return _page(request, 405, _("Not allowed"), _("This address cannot be opened this way."))


class MethodNotAllowedPages:
    """Middleware giving the empty 405 responses of the pages a page of their own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or request.path.startswith("/api/") or response.content:
            return response
        page = method_not_allowed(request)
        if response.has_header("Allow"):
            page["Allow"] = response["Allow"]
        return page
