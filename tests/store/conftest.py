"""Backends for the reusable store suite: every test in test_store_protocol.py runs on each engine. The
PostgreSQL one makes a fresh schema per ledger on the server named by WIRELEDGER_TEST_PG (skipped when
it is unset; CI sets it)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from wireledger.settings import Settings
from wireledger.store import Store, open_store
from wl_testing import BACKENDS, drop_db, new_db_url


@pytest.fixture(params=BACKENDS)
def new_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], Store]]:
    """A factory of fresh, empty ledgers of one backend (closed and dropped after the test)."""
    opened: list[tuple[Store, str]] = []

    def factory() -> Store:
        folder = tmp_path / f"ledger{len(opened)}"
        folder.mkdir()
        url = new_db_url(request.param, folder)
        opened.append((open_store(Settings(db=url)), url))
        return opened[-1][0]

    yield factory
    for s, url in opened:
        s.close()
        drop_db(url)


@pytest.fixture
def store(new_store: Callable[[], Store]) -> Store:
    return new_store()
