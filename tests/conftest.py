"""Shared test fixtures. Tests that need ../shared use the ``shared`` fixture: they skip with a reason
when it is absent (a user's fresh clone), and fail instead when WIRELEDGER_REQUIRE_SHARED=1 (CI)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WIRELEDGER_SHARED", ROOT.parent / "shared"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def require_shared(*parts: str) -> Path:
    """Path under ../shared, or skip (fail in CI) when it is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        msg = f"needs {path} (the shared data folder beside the checkout), which is absent"
        if os.environ.get("WIRELEDGER_REQUIRE_SHARED") == "1":
            pytest.fail(msg + "; WIRELEDGER_REQUIRE_SHARED=1 makes this a failure")
        pytest.skip(msg)
    return path


@pytest.fixture
def shared() -> Path:
    return require_shared()


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
