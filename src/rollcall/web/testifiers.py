"""The audited view of a record's sealed statements: a testifier's name and contact, as ingested.

Ingest seals these cells (`rollcall.accounts.sealing`); no page or API view shows them, not even as
ciphertext. Opening them is a deliberate request of an editor or admin, and each opening writes an audit
entry naming who read which record's sealed columns.
"""

from __future__ import annotations

from django.db import connection

from rollcall.accounts import audit
from rollcall.accounts.sealing import SEALED_FIELDS, SEALED_PREFIX, unseal_statement
from rollcall.errors import InputError


def sealed_statements(record_id: int) -> list[dict]:
    """The sealed statements of one record, still sealed, in column order."""
    marks = ",".join(["%s"] * len(SEALED_FIELDS))
    with connection.cursor() as cur:
        cur.execute("SELECT s.column_index, s.\"column\", s.field, s.original FROM records_statement s "
                    f"WHERE s.record_id = %s AND s.field IN ({marks}) ORDER BY s.column_index, s.id",
                    [record_id, *SEALED_FIELDS])
        return [{"index": i, "column": c, "field": f, "stored": o} for i, c, f, o in cur.fetchall()]


def reveal(record_id: int, *, actor: str) -> dict:
    """One record's sealed statements opened (exactly the text ingested), with an audit entry saying who
    read them. A record without sealed statements is refused and leaves no entry."""
    from rollcall.records.models import Record

    rec = Record.objects.select_related("source__item").filter(id=record_id).first()
    found = sealed_statements(record_id) if rec is not None else []
    if not found:
        raise InputError(f"record {record_id} has no sealed statement")
    audit.record(actor, "record.view_sealed", f"record {record_id}", source=rec.source_id,
                 columns=[s["column"] for s in found])
    opened = [{"column": s["column"], "field": s["field"],
               "text": unseal_statement(s["stored"]) if s["stored"].startswith(SEALED_PREFIX) else s["stored"]}
              for s in found]
    return {"record": rec.id, "row": rec.row, "source_id": rec.source_id, "source": rec.source.name,
            "file": rec.source.item.original_name, "sheet": rec.source.sheet or None, "statements": opened}
