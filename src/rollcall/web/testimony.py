"""Testimony intake: a relative's submission, its moderation, and its ingestion as evidence.

An accepted testimony becomes a one-row CSV evidence file (`testimony-<id>.csv`) ingested like any
source. The testifier's name and contact never enter that file: they stay sealed in the database, and every
time someone reads them an audit entry is written.
"""

from __future__ import annotations

import csv
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from rollcall.accounts import audit
from rollcall.accounts.sealing import seal, unseal
from rollcall.errors import InputError
from rollcall.web.models import Testimony

# column header in the evidence file -> Testimony attribute. Every header is one the readers recognise
# (`rollcall.records.readers.fields.recognise`), so each cell lands in its field: name, other_names,
# birth_date, birth_place, testifier_relation (the relative's relation is about the testifier: editors
# only), last_contact, notes (free text: researchers and up); "Submitted" is recorded_at.
EVIDENCE_COLUMNS = [("Name", "name"), ("Other names", "other_names"), ("Year of birth", "birth_year"),
                    ("Hometown", "hometown"), ("Your relation to this person", "relation"),
                    ("Last contact with the family", "last_contact"), ("What happened", "detention")]
NOTICE = "Testimony submitted through the Rollcall web form"


def submit(*, name: str, other_names: str = "", birth_year: str = "", hometown: str = "", relation: str = "",
           last_contact: str = "", detention: str = "", testifier_name: str = "",
           testifier_contact: str = "") -> Testimony:
    """Keep a submission for moderation, the testifier's name and contact sealed."""
    if not name.strip():
        raise InputError(_("The missing person's name is required."))
    return Testimony.objects.create(
        submitted_at=datetime.now(UTC), name=name.strip(), other_names=other_names.strip(),
        birth_year=birth_year.strip(), hometown=hometown.strip(), relation=relation.strip(),
        last_contact=last_contact.strip(), detention=detention.strip(),
        testifier_name_sealed=seal(testifier_name.strip()), testifier_contact_sealed=seal(testifier_contact.strip()))


def reveal_testifier(testimony: Testimony, *, actor: str) -> dict[str, str]:
    """The testifier's name and contact, with an audit entry saying who read them."""
    audit.record(actor, "testimony.view_contact", f"testimony {testimony.id}")
    return {"name": unseal(testimony.testifier_name_sealed), "contact": unseal(testimony.testifier_contact_sealed)}


def _pending(testimony_id: int) -> Testimony:
    t = Testimony.objects.select_for_update().filter(id=testimony_id).first()
    if t is None:
        raise InputError(_("There is no testimony %(id)s.") % {"id": testimony_id})
    if t.status != Testimony.PENDING:
        done = _("already accepted") if t.status == Testimony.ACCEPTED else _("already rejected")
        raise InputError(_("Testimony %(id)s was %(done)s by %(who)s.") % {"id": testimony_id, "done": done,
                                                                          "who": t.decided_by})
    return t


def accept(testimony_id: int, *, actor: str, reason: str) -> Testimony:
    """Accept a pending testimony: write it as an evidence file and ingest it, in one transaction."""
    from rollcall.records.ingest import ingest_file

    with transaction.atomic():
        t = _pending(testimony_id)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"testimony-{t.id}.csv"
            with open(path, "w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh)
                w.writerow([h for h, _ in EVIDENCE_COLUMNS] + ["Submitted"])
                w.writerow([getattr(t, attr) for _, attr in EVIDENCE_COLUMNS] + [t.submitted_at.isoformat()])
            results = ingest_file(path, actor=actor, source_name=NOTICE)
        t.status, t.decided_by, t.decided_at = Testimony.ACCEPTED, actor, datetime.now(UTC)
        t.decision_reason, t.evidence_sha256 = reason, results[0].source.item.sha256
        t.save()
        audit.record(actor, "testimony.accept", f"testimony {t.id}", reason=reason, sha256=t.evidence_sha256)
    return t


def reject(testimony_id: int, *, actor: str, reason: str) -> Testimony:
    """Reject a pending testimony (it is kept, with who rejected it and why)."""
    if not reason.strip():
        raise InputError(_("A rejection needs a reason."))
    with transaction.atomic():
        t = _pending(testimony_id)
        t.status, t.decided_by, t.decided_at, t.decision_reason = Testimony.REJECTED, actor, datetime.now(UTC), reason
        t.save()
        audit.record(actor, "testimony.reject", f"testimony {t.id}", reason=reason)
    return t
