"""REST API. Anyone may call it as the public; a bearer token (`rollcall user token NAME`) acts with
that user's role. Every person and record passes through `rollcall.accounts.redaction`, as on the pages.

OpenAPI schema at /api/openapi.json, Swagger UI at /api/docs served from Ninja's bundled static files.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer

from rollcall.accounts import tokens
from rollcall.accounts.redaction import redact_person, redact_record
from rollcall.accounts.roles import PUBLIC, RESEARCHER, at_least, role_of


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`: the token's user; an unknown token is refused, never downgraded."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = tokens.user_for(token)
        if user is None:
            raise AuthenticationError
        return user


def public(request: HttpRequest) -> Any:
    """No credentials: the caller is the public (only when no Authorization header was sent at all)."""
    if request.headers.get("Authorization"):
        raise AuthenticationError
    return PUBLIC


api = NinjaAPI(title="Rollcall API", version="1", urls_namespace="api", auth=[TokenAuth(), public],
               docs=Swagger(settings={"persistAuthorization": False}))


def _role(request: HttpRequest) -> str:
    return PUBLIC if request.auth == PUBLIC else role_of(request.auth)


def _require(request: HttpRequest, needed: str) -> None:
    if not at_least(_role(request), needed):
        raise HttpError(403, f"this needs the {needed} role or higher")


@api.get("/persons", summary="List people with their names and record locators")
def persons(request: HttpRequest, limit: int = 50, offset: int = 0) -> list[dict]:
    """Researchers and up: a bulk listing of names is not for the public (no scraping tool)."""
    from rollcall.people.views import summaries

    _require(request, RESEARCHER)
    if not 1 <= limit <= 500 or offset < 0:
        raise HttpError(400, "limit must be 1..500 and offset not negative")
    return list(summaries(limit=limit, offset=offset))


@api.get("/persons/{public_id}", summary="One person: every value with its sources, redacted by role")
def person(request: HttpRequest, public_id: str) -> dict:
    from rollcall.people.views import detail

    found = detail(public_id)
    if found is None:
        raise HttpError(404, f"no person {public_id}")
    return {"role": _role(request), **redact_person(found, _role(request))}


@api.get("/sources", summary="Every ingested source with its evidence file's hash")
def sources(request: HttpRequest) -> list[dict]:
    from rollcall.records.models import Source

    return [_source(s) for s in Source.objects.select_related("item")]


@api.get("/sources/{source_id}", summary="One source: metadata, custody log and records, redacted by role")
def source(request: HttpRequest, source_id: int, limit: int = 200, offset: int = 0) -> dict:
    from rollcall.evidence.models import CustodyEvent
    from rollcall.records.models import Source
    from rollcall.records.queries import iter_records

    src = Source.objects.select_related("item").filter(id=source_id).first()
    if src is None:
        raise HttpError(404, f"no source {source_id}")
    if not 1 <= limit <= 2000 or offset < 0:
        raise HttpError(400, "limit must be 1..2000 and offset not negative")
    role = _role(request)
    ids = list(src.records.order_by("id").values_list("id", flat=True)[offset:offset + limit])
    # The public sees a source's metadata and custody, not its rows: listing rows would list names in bulk.
    if not at_least(role, RESEARCHER):
        ids = []
    records = [redact_record(r, role) for r in iter_records(src, ids=ids)] if ids else []
    custody = [{"seq": e.seq, "at": e.at.isoformat(), "actor": e.actor, "action": e.action, "hash": e.hash,
                "prev_hash": e.prev_hash} for e in CustodyEvent.objects.filter(item_sha256=src.item.sha256)]
    return {**_source(src), "custody": custody, "records": records}


def _source(s: Any) -> dict:
    i = s.item
    return {"id": s.id, "name": s.name, "file": i.original_name, "sheet": s.sheet or None, "sha256": i.sha256,
            "size": i.size, "media_type": i.media_type, "records": s.record_count,
            "ingested_at": s.ingested_at.isoformat(), "source_name": i.source_name, "source_url": i.source_url}


@api.get("/facilities", summary="The facility registry")
def facilities(request: HttpRequest) -> list[dict]:
    from rollcall.facilities.models import Facility

    return [{"id": f.id, "key": f.key, "name": f.name, "type": f.type, "county_code": f.county_code,
             "lat": f.lat, "lon": f.lon} for f in Facility.objects.all()]


@api.get("/facilities/{facility_id}", summary="One facility with every dataset row describing it")
def facility(request: HttpRequest, facility_id: int) -> dict:
    from rollcall.facilities.models import Facility

    f = Facility.objects.filter(id=facility_id).first()
    if f is None:
        raise HttpError(404, f"no facility {facility_id}")
    rows = [{"file": r.source_file.original_name, "sha256": r.source_file.item_sha256, "row": r.row,
             "source": r.source, "source_id": r.source_id, "cells": r.cells}
            for r in f.rows.select_related("source_file")]
    return {"id": f.id, "key": f.key, "name": f.name, "type": f.type, "lat": f.lat, "lon": f.lon,
            "summary": f.summary, "rows": rows}


@api.get("/search", summary="Search people by any writing of a name")
def search(request: HttpRequest, q: str, limit: int = 50, born: str | None = None, place: str | None = None,
           father: str | None = None, detained: str | None = None, sentence: str | None = None,
           status: str | None = None) -> dict:
    """Persons whose names match `q`, narrowed by `born` (1985, 1983-1987, 1980s, around 1985), `place`
    (any writing) and `father` (the father's name, any writing), and ranked by `detained` (when the person
    was taken: 2017, March 2018, 2017-2018), `sentence` (years) and `status` (what the family heard:
    released, died, sentenced), which drop no one."""
    from rollcall.web import searching

    outcome = searching.run(q, public=_role(request) == PUBLIC, limit=min(max(limit, 1), 100), request=request,
                            born=born, place=place, father=father, detained=detained, sentence=sentence,
                            status=status)
    if outcome.limited:
        raise HttpError(429, "too many searches from this client; wait a minute")
    if outcome.unavailable:
        raise HttpError(503, outcome.unavailable)
    if outcome.error:
        raise HttpError(400, outcome.error)
    return {"query": q, "results": outcome.results}
