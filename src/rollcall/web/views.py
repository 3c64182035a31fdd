"""Pages. Every value shown about a person or record passes through `rollcall.accounts.redaction`."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rollcall.accounts import audit
from rollcall.accounts.redaction import SEALED_LEVEL, redact_person, redact_record
from rollcall.accounts.roles import EDITOR, PUBLIC, RESEARCHER, at_least, role_of
from rollcall.errors import InputError
from rollcall.web import searching
from rollcall.web.access import requires
from rollcall.web.labels import field_label, script_label
from rollcall.web.throttle import throttled

SOURCE_PAGE_RECORDS = 200


def home(request: HttpRequest) -> HttpResponse:
    """Counts of what the registry holds, and the search box."""
    from rollcall.evidence.models import Item
    from rollcall.facilities.models import Facility
    from rollcall.people.models import Person
    from rollcall.records.models import Record, Source

    counts = {"persons": Person.objects.filter(retired=False).count(), "sources": Source.objects.count(),
              "records": Record.objects.count(), "items": Item.objects.count(),
              "facilities": Facility.objects.count()}
    return render(request, "web/home.html", {"counts": counts})


def search(request: HttpRequest) -> HttpResponse:
    """Search people by any writing of a name (the search library's public mode for the public)."""
    query = request.GET.get("q", "").strip()
    details = {k: request.GET.get(k, "").strip() for k in ("born", "place", "father", "detained", "sentence",
                                                        "status")}
    outcome = None
    if query:
        outcome = searching.run(query, public=role_of(request.user) == PUBLIC, request=request, **details)
    status = 429 if outcome and outcome.limited else 200
    return render(request, "web/search.html", {"q": query, "details": details, "outcome": outcome},
                  status=status)


def person(request: HttpRequest, public_id: str) -> HttpResponse:
    """One person: names in every script, facts with how we know them, timeline, family, records."""
    from rollcall.people.views import detail

    found = detail(public_id)
    if found is None:
        raise Http404
    view = redact_person(found, role_of(request.user))
    facts = [{"field": k, "label": field_label(k), "values": v, "conflict": k in view["conflicts"]}
             for k, v in view["fields"].items() if k not in ("name", "other_names")]
    for n in view["names"]:
        n["script_label"] = script_label(n["script"])
    family = [{"label": field_label(k), "value": v["value"]} for k, vals in view["family"].items() for v in vals]
    with_sealed = set(view["sealed"])
    sealed = [r for r in view["records"] if r["record"] in with_sealed]
    return render(request, "web/person.html", {"p": view, "facts": facts, "family": family, "sealed": sealed})


def source(request: HttpRequest, source_id: int) -> HttpResponse:
    """One ingested source: the evidence file's metadata, its custody log and its records."""
    from rollcall.evidence.models import CustodyEvent
    from rollcall.records.models import Source
    from rollcall.records.queries import iter_records

    src = Source.objects.select_related("item").filter(id=source_id).first()
    if src is None:
        raise Http404
    role = role_of(request.user)
    # The public sees a source's metadata and custody, not its rows: listing rows would list names in bulk.
    records = ([redact_record(r, role) for r in iter_records(src, limit=SOURCE_PAGE_RECORDS)]
               if at_least(role, RESEARCHER) else [])
    custody = CustodyEvent.objects.filter(item_sha256=src.item.sha256).order_by("seq")
    return render(request, "web/source.html", {"src": src, "item": src.item, "custody": custody,
                                               "records": records, "shown": len(records)})


def sources(request: HttpRequest) -> HttpResponse:
    """Every ingested source."""
    from rollcall.records.models import Source

    return render(request, "web/sources.html", {"sources": Source.objects.select_related("item")})


def facilities(request: HttpRequest) -> HttpResponse:
    """The facility registry."""
    from rollcall.facilities.models import Facility

    return render(request, "web/facilities.html", {"facilities": Facility.objects.all()})


def facility(request: HttpRequest, facility_id: int) -> HttpResponse:
    """One facility with the rows of every dataset that describe it."""
    from rollcall.facilities.models import Facility

    fac = Facility.objects.filter(id=facility_id).first()
    if fac is None:
        raise Http404
    rows = fac.rows.select_related("source_file")
    return render(request, "web/facility.html", {"f": fac, "rows": rows})


@requires(EDITOR)
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest) -> HttpResponse:
    """The uncertain pairs of the latest linkage, for an editor to judge."""
    from rollcall.people.judgements import judge
    from rollcall.people.views import review_queue

    if request.method == "POST":
        try:
            a, b = int(request.POST["a"]), int(request.POST["b"])
            verdict, reason = request.POST.get("verdict", ""), request.POST.get("reason", "")
            judge(a, b, verdict, author=request.user.get_username(), reason=reason)
        except (KeyError, ValueError):
            messages.error(request, _("The form was incomplete."))
        except InputError as exc:
            messages.error(request, judgement_error(str(exc)))
        else:
            audit.record(request.user.get_username(), "judge", f"records {a},{b}", verdict=verdict,
                         reason=reason)
            messages.success(request, _("Judgement saved."))
        return redirect("web:review")
    role = role_of(request.user)
    pairs = [{**p, "records": [redact_record(r, role) for r in p["records"]]} for p in review_queue(limit=20)]
    return render(request, "web/review.html", {"pairs": pairs})


def judgement_error(error: str) -> str:
    """Why a judgement was refused (`rollcall.people.judgements` words it in English), in the visitor's
    language."""
    if error.startswith("verdict must be"):
        return _("Choose same person, different people or unsure.")
    if "two different records" in error:
        return _("A judgement needs two different records.")
    if "needs a reason" in error:
        return _("A judgement needs a reason: what in the evidence decided it.")
    if error.startswith("no record"):
        return _("One of these records no longer exists.")
    return _("The judgement could not be saved.")


@require_http_methods(["GET", "POST"])
@throttled("testimony")
def testimony(request: HttpRequest) -> HttpResponse:
    """The form where a relative tells us what they know; it goes to the moderation queue."""
    from rollcall.web import testimony as intake
    from rollcall.web.forms import TestimonyForm

    if request.method == "POST":
        form = TestimonyForm(request.POST)
        if form.is_valid():
            intake.submit(**form.cleaned_data)
            return render(request, "web/testimony_thanks.html")
    else:
        form = TestimonyForm()
    return render(request, "web/testimony.html", {"form": form})


@requires(EDITOR)
def moderation(request: HttpRequest) -> HttpResponse:
    """Pending testimonies, for an editor to accept (ingest) or reject."""
    from rollcall.web.models import Testimony

    return render(request, "web/moderation.html",
                  {"pending": Testimony.objects.filter(status=Testimony.PENDING)})


@requires(EDITOR)
@require_http_methods(["POST"])
def testimony_contact(request: HttpRequest, testimony_id: int) -> HttpResponse:
    """The sealed testifier name and contact of one testimony; the reading is audited."""
    from rollcall.web import testimony as intake
    from rollcall.web.models import Testimony

    t = Testimony.objects.filter(id=testimony_id).first()
    if t is None:
        raise Http404
    revealed = intake.reveal_testifier(t, actor=request.user.get_username())
    return render(request, "web/testimony_contact.html", {"t": t, "testifier": revealed})


@requires(EDITOR)
@require_http_methods(["POST"])
def testimony_decide(request: HttpRequest, testimony_id: int) -> HttpResponse:
    """Accept (ingest as evidence) or reject one pending testimony."""
    from rollcall.web import testimony as intake

    actor, reason = request.user.get_username(), request.POST.get("reason", "")
    try:
        if request.POST.get("decision") == "accept":
            t = intake.accept(testimony_id, actor=actor, reason=reason)
            messages.success(request, _("Testimony accepted and ingested as evidence %(sha)s.")
                             % {"sha": t.evidence_sha256})
        elif request.POST.get("decision") == "reject":
            intake.reject(testimony_id, actor=actor, reason=reason)
            messages.success(request, _("Testimony rejected."))
        else:
            messages.error(request, _("The form was incomplete."))
    except InputError as exc:
        messages.error(request, str(exc))
    return redirect("web:moderation")


@requires(SEALED_LEVEL)
@require_http_methods(["POST"])
def record_sealed(request: HttpRequest, record_id: int) -> HttpResponse:
    """A record's sealed statements (a testifier's name and contact) as ingested; each opening is audited."""
    from rollcall.web.testifiers import reveal

    try:
        opened = reveal(record_id, actor=request.user.get_username())
    except InputError as exc:
        raise Http404 from exc
    for s in opened["statements"]:
        s["label"] = field_label(s["field"])
    return render(request, "web/record_sealed.html", {"opened": opened})


def facility_map(request: HttpRequest) -> HttpResponse:
    """Every facility with coordinates on a map (Leaflet served locally; tiles only if configured)."""
    from django.conf import settings
    from django.urls import reverse

    from rollcall.facilities.models import Facility

    rows = Facility.objects.filter(lat__isnull=False, lon__isnull=False).values_list("id", "key", "name", "lat",
                                                                                      "lon")
    facilities = [{"name": name or key, "lat": lat, "lon": lon, "url": reverse("web:facility", args=[fid])}
                  for fid, key, name, lat, lon in rows]
    config = {"tiles": settings.MAP_TILES, "attribution": settings.MAP_ATTRIBUTION}
    return render(request, "web/facility_map.html", {"facilities": facilities, "config": config,
                                                     "tiles": settings.MAP_TILES})
