"""The bridge to the search library (`rollcall.search`): public mode for the public, with a rate limit
per client (`rollcall.web.throttle`: a daily-rotated keyed hash of the connection; no address or query is
stored), and the library's refusals said in the visitor's language."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rollcall.web.throttle import allow


@dataclass
class Outcome:
    """What a search gave: results, or why there are none (`unavailable`: no search library;
    `limited`: too many searches from this client; `error`: the query cannot be searched, in the library's
    words; `message`: the same for a page, in the visitor's language)."""

    results: list[dict] = field(default_factory=list)
    unavailable: str = ""
    limited: bool = False
    error: str = ""
    message: str = ""


# The library names the option it refuses first ("--born '...': give ..."): what each refusal means
_OPTION_REFUSALS = {
    "--born": gettext_lazy("Give the year of birth as a year (1985), a range (1983-1987), a decade (1980s) or "
                           "“around 1985”."),
    "--place": gettext_lazy("No known place by that name. Try another writing, or leave the place out."),
    "--father": gettext_lazy("The father's name contains no part of a name."),
    "--detained": gettext_lazy("Give when the person was taken as a year (2017), a month (March 2018) or the "
                               "years (2017-2018)."),
    "--sentence": gettext_lazy("Give the sentence as a number of years (10)."),
    "--status": gettext_lazy("Say what you heard: released, died, or sentenced."),
}


def explain(error: str, query: str) -> str:
    """What the search library's refusal means, said to a visitor in their language (the library words
    its errors in English, for the command line and the API)."""
    if "query is empty" in error:
        return _("Type a name to search.")
    if "contains no part of a name" in error:
        return _("“%(q)s” contains no part of a name. Type a name in any script or spelling.") % {"q": query}
    if "no numbers, years or ID numbers" in error:
        return _("A public search takes part of a name only: no numbers, years or ID numbers.")
    if "is a place, not a name" in error:
        return _("“%(q)s” is a place, not a name: a search must contain part of a name.") % {"q": query}
    option = error.split(" ", 1)[0]
    if option in _OPTION_REFUSALS:
        return str(_OPTION_REFUSALS[option])
    return _("This search cannot be answered. Type part of a name in any script or spelling.")


def run(query: str, *, public: bool, limit: int = 20, request: HttpRequest | None = None,
        **details: str | None) -> Outcome:
    """Search people (the library's public mode when `public`), narrowed by what the searcher knows of the
    birth year, place and father, and ranked by when the person was taken, the sentence and what the family
    heard became of them (`details`: any of `rollcall.search.query.DETAILS`; empty means not given); public
    searches are rate-limited per client when the `request` is given."""
    try:
        from rollcall.search.query import search
    except ImportError:
        return Outcome(unavailable="search index not built")
    from rollcall.errors import RollcallError

    if public and request is not None and not allow("search", request):
        return Outcome(limited=True)
    try:
        return Outcome(results=search(query, limit=limit, public=public,
                                      **{k: v or None for k, v in details.items()}))
    except RollcallError as exc:
        return Outcome(error=str(exc), message=explain(str(exc), query))
