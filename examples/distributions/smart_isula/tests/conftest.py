"""One smart_isula instance per test module: seeding it is the slow part (docs/distributions.md)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pnyx.testing.distributions import SeededInstance, seeded_instance


@pytest.fixture(scope="module")
def smart_isula(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SeededInstance]:
    folder: Path = tmp_path_factory.mktemp("smart_isula")
    with seeded_instance("smart_isula", database_url, folder) as instance:
        yield instance
