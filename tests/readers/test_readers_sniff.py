"""Refusing what is not a table, before anything is read or stored."""

from __future__ import annotations

import os

import pytest

from rollcall.errors import InputError
from rollcall.records.readers import open_table, sniff_format


@pytest.mark.parametrize("content, needle", [
    (b"", "the file is empty"),
    (bytes(range(256)) * 40, "binary data"),
    (os.urandom(1) + b"\x00\x01\x02\x03" + os.urandom(8000), "binary data"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "a PDF document, not a table"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "a PNG image"),
    (b"<!DOCTYPE html><html><table><tr><td>x</td></tr></table></html>", "an HTML page"),
])
def test_not_tables_are_refused_with_the_file_named(tmp_path, content, needle):
    f = tmp_path / "input.csv"
    f.write_bytes(content)
    for call in (sniff_format, open_table):
        with pytest.raises(InputError) as err:
            call(f)
        assert "file input.csv" in str(err.value) and needle in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        sniff_format(tmp_path / "gone.csv")


@pytest.mark.parametrize("name, content, kind", [
    ("a.csv", b"name,sex\nA Fictional,male\n", "csv"),
    ("a.txt", "姓名\t性别\n".encode("utf-16"), "csv"),
    ("a.json", b'[{"name": "A"}]', "json"),
    ("a.data", b'{"name": "A"}\n{"name": "B"}\n', "json"),
    ("a.csv", b"[Title] list\nname\n", "csv"),
])
def test_formats_are_told_by_content(tmp_path, name, content, kind):
    f = tmp_path / name
    f.write_bytes(content)
    assert sniff_format(f) == kind
