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


# --- ledgers of every backend -----------------------------------------------------------------------------

PG_ENV = "WIRELEDGER_TEST_PG"  # a PostgreSQL URL the tests may create schemas in (CI sets it)
BACKENDS = ("sqlite", "postgresql")


def postgres_url() -> str:
    """The PostgreSQL server of the tests, or skip (fail in CI) when none is configured."""
    url = os.environ.get(PG_ENV)
    if not url:
        msg = f"needs a PostgreSQL server: set {PG_ENV}=postgresql://user@host:5432/db"
        if os.environ.get("CI"):
            pytest.fail(msg + " (CI must run the PostgreSQL tests)")
        pytest.skip(msg)
    return url


def new_db_url(backend: str, folder: Path) -> str:
    """The ``--db`` of a fresh, empty ledger: a file in ``folder``, or a new schema of the test server."""
    if backend == "sqlite":
        return str(folder / "ledger.db")
    import uuid

    base = postgres_url()
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}schema=wl_test_{uuid.uuid4().hex[:12]}"


def drop_db(url: str) -> None:
    """Drop the schema of a test PostgreSQL ledger (nothing for a file, which tmp_path removes)."""
    if "schema=wl_test_" not in url:
        return
    import psycopg

    base, _, query = url.partition("?")
    params = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
    schema = params.pop("schema")
    rest = "&".join(f"{k}={v}" for k, v in params.items())
    with psycopg.connect(base + ("?" + rest if rest else ""), autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
