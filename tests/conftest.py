"""Shared test helpers: run the real `rollcall` command in a subprocess, on a fresh data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

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


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A data folder path that does not exist yet."""
    return tmp_path / "rc-home"


@pytest.fixture
def rollcall(home: Path):
    """Run rollcall against this test's own data folder."""

    def _run(*args: str, **kw) -> Result:
        return run_rollcall(*args, home=home, **kw)

    return _run


@pytest.fixture
def shared_data() -> Path:
    """The real public datasets beside the repository (../shared/data)."""
    if not SHARED_DATA.is_dir():
        pytest.fail(f"shared data folder missing: {SHARED_DATA}")
    return SHARED_DATA
