"""Seal the testifier statements of data folders ingested before ingest sealed them.

Statements of the sealed fields (`rollcall.accounts.sealing.SEALED_FIELDS`) still holding plain text get
their original replaced by the sealed form (marker + Fernet token); value and detail are emptied. Runs once,
on the first command that opens such a folder. On SQLite the file is then vacuumed and the write-ahead log
truncated, so the plain text does not linger in freed pages. It lives in the accounts app, beside the
sealing it applies; migrating backwards leaves the statements sealed (reading them needs the audited view).
"""

from django.db import connection, migrations, transaction

SEALED_FIELDS = ("testifier_name", "testifier_contact")  # as in rollcall.accounts.sealing, frozen here


def seal_plain_statements(apps, schema_editor) -> None:
    from rollcall.accounts.sealing import SEALED_PREFIX, seal_statement

    Statement = apps.get_model("records", "Statement")
    sealed = 0
    with transaction.atomic():
        plain = Statement.objects.filter(field__in=SEALED_FIELDS).exclude(original__startswith=SEALED_PREFIX)
        for st in plain.only("id", "original").iterator(chunk_size=2000):
            Statement.objects.filter(id=st.id).update(original=seal_statement(st.original), value=None,
                                                      detail=None)
            sealed += 1
    if sealed and connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("VACUUM")
            cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")


class Migration(migrations.Migration):
    atomic = False  # VACUUM cannot run inside a transaction; the update has its own

    dependencies = [
        ("accounts", "0001_initial"),
        ("records", "0001_initial"),
    ]

    operations = [migrations.RunPython(seal_plain_statements, migrations.RunPython.noop)]
