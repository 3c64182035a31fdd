"""Bulk inserts: every row once, in order, whatever the count and the database's limit on parameters."""

from __future__ import annotations

import sqlite3

import pytest

from rollcall.records.bulk import ROWS_PER_INSERT, insert_flat, insert_rows


@pytest.mark.parametrize("count", [0, 1, ROWS_PER_INSERT - 1, ROWS_PER_INSERT, ROWS_PER_INSERT + 1,
                                   3 * ROWS_PER_INSERT + 7])
@pytest.mark.parametrize("limit", [999, 250_000])  # SQLite before 3.32 took 999 parameters to a statement
def test_rows_go_in_once_in_order(count: int, limit: int) -> None:
    con = sqlite3.connect(":memory:")
    con.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, limit)
    con.execute("CREATE TABLE t (n INTEGER, text TEXT, m INTEGER, more TEXT, kept TEXT, also TEXT)")
    rows = [(i, f"fictional {i}", -i, "-") for i in range(count)]  # 4 parameters a row: 1,000 to 250 rows
    insert_rows(con, "?", "t", "n, text, m, more, kept, also", rows, constants="'', 'x'")
    assert con.execute("SELECT n, text, m, more FROM t ORDER BY rowid").fetchall() == rows
    assert con.execute("SELECT COUNT(*) FROM t WHERE kept = '' AND also = 'x'").fetchone()[0] == count
    con.execute("DELETE FROM t")
    insert_flat(con, "?", "t", "n, text, m, more, kept, also", 4, [v for row in rows for v in row], constants="'', 'x'")
    assert con.execute("SELECT n, text, m, more FROM t ORDER BY rowid").fetchall() == rows
