"""Helpers every test module may import (``from wl_testing import require_shared``): where the shared
data and our fixtures are, and the skip-or-fail rule for tests that need ../shared."""

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
