"""Shared test fixtures. Tests that need ../shared use the ``shared`` fixture or
``wl_testing.require_shared``: they skip with a reason when it is absent (a user's fresh clone), and fail
instead when WIRELEDGER_REQUIRE_SHARED=1 (CI)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from wireledger.settings import Settings
from wireledger.store import Ledger, open_ledger
from wl_testing import BACKENDS, FIXTURES, drop_db, new_db_url, require_shared


@pytest.fixture
def shared() -> Path:
    return require_shared()


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The ``--db`` of a fresh ledger, once per backend (PostgreSQL skips without WIRELEDGER_TEST_PG)."""
    url = new_db_url(request.param, tmp_path)
    yield url
    drop_db(url)


@pytest.fixture
def ledger(db_url: str) -> Iterator[Ledger]:
    """A fresh, open ledger of each backend."""
    with open_ledger(Settings(db=db_url)) as opened:
        yield opened
