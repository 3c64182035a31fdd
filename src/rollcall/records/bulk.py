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

# 250: statements of 12 cells a row wrote 10% faster than at 50 (docs/benchmarks.md). Fewer where the
# database takes fewer parameters to a statement (SQLite before 3.32: 999).
ROWS_PER_INSERT = 250
POSTGRESQL_MAX_PARAMETERS = 65535


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
    if rows:
        insert_flat(db, mark, table, columns, len(rows[0]), [v for row in rows for v in row], constants)


def insert_flat(db, mark: str, table: str, columns: str, width: int, values: list, constants: str = "") -> None:
    """Insert rows given one after another in one flat list, `width` values a row (what a process
    preparing rows for another sends: no tuple per row to pickle, nothing to flatten here)."""
    if not values:
        return
    one = "(" + ", ".join([mark] * width) + (", " + constants if constants else "") + ")"
    head = f"INSERT INTO {table} ({columns}) VALUES "
    rows = max(1, min(ROWS_PER_INSERT, _max_parameters(db) // width))
    step = rows * width
    full = len(values) - len(values) % step
    if full:
        db.executemany(head + ", ".join([one] * rows), [values[i:i + step] for i in range(0, full, step)])
    if full < len(values):
        db.executemany(head + one, [values[i:i + width] for i in range(full, len(values), width)])


def _max_parameters(db) -> int:
    """How many parameters one statement may take on this connection."""
    if isinstance(db, sqlite3.Connection):
        return db.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return POSTGRESQL_MAX_PARAMETERS
