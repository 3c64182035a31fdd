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


def kill_mid_ingest(home: Path, file: Path) -> None:
    """Start `rollcall ingest FILE` and kill -9 it while it writes rows inside its open transaction (once the
    write-ahead log has grown); fails the test if the ingest finished first."""
    import signal
    import time

    proc = subprocess.Popen([sys.executable, "-m", "rollcall", "--home", str(home), "ingest", str(file)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = home / "rollcall.sqlite3-wal"
    deadline = time.time() + 120
    while time.time() < deadline:
        if wal.exists() and wal.stat().st_size > 2_000_000:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed; make the file bigger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
