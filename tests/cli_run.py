"""Running the real `rollcall` command in a subprocess, as a user would (shared by every test folder).

Imported as `cli_run` (not from `conftest`, a name every test folder's own conftest.py also takes).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@dataclass
class Result:
    """What one `rollcall` invocation did."""

    code: int
    out: str
    err: str

    def json(self):
        """Standard output parsed as one JSON document."""
        return json.loads(self.out)

    def jsonl(self) -> list:
        """Standard output parsed as JSON lines."""
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]


def run_rollcall(*args: str, home: Path | None = None, input: str | None = None,
                 env: dict[str, str] | None = None, cwd: Path | None = None) -> Result:
    """Run `python -m rollcall ARGS` as a user would, and return its exit code and output."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    cmd = [sys.executable, "-m", "rollcall"]
    if home is not None:
        cmd += ["--home", str(home)]
    proc = subprocess.run(cmd + list(args), capture_output=True, text=True, input=input,
                          env=full_env, cwd=cwd, timeout=600)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    """Whether a process runs (a zombie, dead but not yet reaped, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def kill_mid_ingest(home: Path, file: Path, during: str = "rows") -> None:
    """Start `rollcall ingest FILE` and kill -9 it; fails the test if the ingest finished first.

    `during="rows"`: while it reads and writes rows inside its open transaction, known by its forked reader
    being alive (the file must be big enough to be read in one, `FORK_FROM_BYTES`): the transaction cannot
    have committed. The reader must then stop by itself. `during="commit"`: once the reader has finished
    and the write-ahead log grows past 2 MB, which is mostly while the commit writes it: the ingest may or
    may not have committed when the kill lands."""
    import signal
    import time

    proc = subprocess.Popen([sys.executable, "-m", "rollcall", "--home", str(home), "ingest", str(file)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = home / "rollcall.sqlite3-wal"
    deadline = time.time() + 120
    reader: list[int] = []
    while time.time() < deadline and proc.poll() is None:
        reader = reader or _children(proc.pid)
        if during == "rows" and reader:
            time.sleep(0.3)  # a few batches in
            break
        if during == "commit" and reader and not _alive(reader[0]) \
                and wal.exists() and wal.stat().st_size > 2_000_000:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "ingest finished before it could be killed; make the file bigger"
    if during == "rows":
        assert reader and _alive(reader[0]), "the reader finished before the kill"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # a reader left behind by a killed ingest stops by itself (its pipe is broken) instead of lingering
    deadline = time.time() + 30
    while reader and _alive(reader[0]) and time.time() < deadline:
        time.sleep(0.05)
    assert not (reader and _alive(reader[0])), "the ingest's reader outlived it"
