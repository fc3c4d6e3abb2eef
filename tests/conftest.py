"""Shared test fixtures. Tests that need ../shared use the ``shared`` fixture or
``wl_testing.require_shared``: they skip with a reason when it is absent (a user's fresh clone), and fail
instead when WIRELEDGER_REQUIRE_SHARED=1 (CI)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wl_testing import FIXTURES, require_shared


@pytest.fixture
def shared() -> Path:
    return require_shared()


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
