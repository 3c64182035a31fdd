"""Fixtures for every test folder: a fresh data folder, the real `rollcall` command run on it, the shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_run import SHARED_DATA, Result, run_rollcall


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
