"""Errors that carry one clear message for the user (the CLI prints it and exits 1, no traceback)."""

from __future__ import annotations


class RollcallError(Exception):
    """Bad input or a failed operation, with a message naming what is wrong and where."""


class InputError(RollcallError):
    """A file, row or field the user gave us cannot be used as it is."""

    def __init__(self, message: str, *, file: str | None = None, row: int | None = None,
                 column: str | None = None) -> None:
        where = ", ".join(
            part for part in (
                file and f"file {file}",
                row is not None and f"row {row}",
                column is not None and f"column {column!r}",
            ) if part
        )
        super().__init__(f"{where}: {message}" if where else message)
        self.file, self.row, self.column = file, row, column

    def __reduce__(self):
        # the same message and locator after crossing a process boundary (ingest reads rows in a worker)
        return (self.__class__, (str(self),), {"file": self.file, "row": self.row, "column": self.column})
