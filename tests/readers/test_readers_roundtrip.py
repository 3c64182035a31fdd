"""Property: whatever text a CSV holds, the reader gives back exactly the cells written, with the row
numbers of the lines they start on, in every encoding a register comes in. Fictional text only."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rollcall.records.readers import open_table

HEADER = ["姓名", "性别", "备注"]
# hanzi, Uyghur Arabic script, Uyghur Latin letters, and the characters that make CSV hard
ALPHABET = "艾力买提古丽吐尔逊疏附县看守所维吾尔族ئىلھامتوختىÜüöéşğ abcXYZ019,;\"'\t\r\n·-"
cell = st.text(alphabet=ALPHABET, max_size=12)
rows = st.lists(st.lists(cell, min_size=3, max_size=3), min_size=1, max_size=25)


def _quoting(eol: str) -> int:
    # csv.writer quotes a lone "\r" only when it is part of the line terminator; quote all for "\n" files
    return csv.QUOTE_MINIMAL if eol == "\r\n" else csv.QUOTE_ALL


def _expected(data: list[list[str]], eol: str) -> list[tuple[int, list[str]]]:
    out, line = [], 2
    for row in data:
        buf = io.StringIO()
        csv.writer(buf, lineterminator=eol, quoting=_quoting(eol)).writerow(row)
        text = buf.getvalue()
        if any(c.strip() for c in row):
            out.append((line, row))
        line += text.count("\r\n") + text.replace("\r\n", "").count("\n") + text.replace("\r\n", "").count("\r")
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=rows, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]),
       eol=st.sampled_from(["\r\n", "\n"]))
def test_cells_and_row_numbers_round_trip(tmp_path, data, encoding, eol):
    buf = io.StringIO()
    csv.writer(buf, lineterminator=eol, quoting=_quoting(eol)).writerows([HEADER] + data)
    f = tmp_path / "p.csv"
    f.write_bytes(buf.getvalue().encode(encoding))
    given_encoding = "gb18030" if encoding == "gb18030" else None
    table = open_table(f, encoding=given_encoding)
    assert table.header_rows == [1] and [c.field for c in table.columns] == ["name", "sex", "notes"]
    got = [(r.number, r.cells) for r in table.rows]
    assert got == _expected(data, eol)
