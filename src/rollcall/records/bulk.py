"""Bulk writes as plain rows: what ingest and the search index insert by the million.

On SQLite the sqlite3 connection itself is used: Django's cursor wrapper rewrites every parameter set, and
is bound to the thread that opened it. Rows go `ROWS_PER_INSERT` to a statement, since SQLite's cost is
per statement as much as per row. Write them with no savepoint open: under one, an ingest into a folder
of half a million records ran 8 times slower (docs/benchmarks.md, "Ingest"), so ingest opens none of its
own (`transaction.atomic(savepoint=False)` inside its transaction). A caller that wraps an ingest in its
own transaction, as the web form does for a one-row testimony, makes that a savepoint: harmless for small
files.
"""

from __future__ import annotations

import sqlite3

from django.db import connection

ROWS_PER_INSERT = 50


def raw_connection():
    """The connection plain statements go to, and its parameter mark: on SQLite the sqlite3 connection,
    elsewhere a DB-API cursor."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return connection.connection, "?"
    return connection.cursor().cursor, "%s"


def fetchall(db, sql: str, params: list) -> list[tuple]:
    """The rows of one query on a connection from `raw_connection`."""
    if isinstance(db, sqlite3.Connection):
        return db.execute(sql, params).fetchall()
    db.execute(sql, params)
    return db.fetchall()


def insert_rows(db, mark: str, table: str, columns: str, rows: list[tuple], constants: str = "") -> None:
    """Insert `rows` into `table` (`columns` as in SQL, "a, b, c"); `constants` are SQL literals for
    trailing columns every row shares ("'', ''")."""
    if not rows:
        return
    one = "(" + ", ".join([mark] * len(rows[0])) + (", " + constants if constants else "") + ")"
    head = f"INSERT INTO {table} ({columns}) VALUES "
    step = ROWS_PER_INSERT
    full = len(rows) - len(rows) % step
    if full:
        db.executemany(head + ", ".join([one] * step),
                       [[v for row in rows[i:i + step] for v in row] for i in range(0, full, step)])
    if full < len(rows):
        db.executemany(head + one, rows[full:])
