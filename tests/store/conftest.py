"""Backends for the reusable store suite. Every backend listed in BACKENDS runs every test in
test_protocol.py; a PostgreSQL store joins by adding a factory here (skipping when no server answers)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from wireledger.store import SQLiteStore, Store


def _sqlite(tmp_path: Path) -> Store:
    return SQLiteStore(tmp_path / "ledger.db")


BACKENDS: dict[str, Callable[[Path], Store]] = {"sqlite": _sqlite}


@pytest.fixture(params=sorted(BACKENDS))
def new_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], Store]]:
    """A factory of fresh, empty ledgers of one backend (closed after the test)."""
    opened: list[Store] = []

    def factory() -> Store:
        folder = tmp_path / f"ledger{len(opened)}"
        folder.mkdir()
        opened.append(BACKENDS[request.param](folder))
        return opened[-1]

    yield factory
    for s in opened:
        s.close()


@pytest.fixture
def store(new_store: Callable[[], Store]) -> Store:
    return new_store()
