"""A small generated corpus shared by the generator tests (made once per test session)."""

from __future__ import annotations

import pytest
from generate_helpers import PERSONS, SEED

from rollcall.generate.corpus import CorpusSummary, generate_corpus


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> CorpusSummary:
    """A 300-person corpus with every kind of file."""
    return generate_corpus(tmp_path_factory.mktemp("gen") / "corpus", PERSONS, SEED)
