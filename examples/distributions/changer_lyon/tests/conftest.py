"""One changer_lyon instance per test module: seeding is the slow part (docs/distributions.md)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pnyx.testing.distributions import SeededInstance, seeded_instance


@pytest.fixture(scope="module")
def changer_lyon(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SeededInstance]:
    folder: Path = tmp_path_factory.mktemp("changer_lyon")
    with seeded_instance("changer_lyon", database_url, folder) as instance:
        yield instance
