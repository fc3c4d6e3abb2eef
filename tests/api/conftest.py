"""A real ledger for the API tests: our own fixture articles ingested (and read) by the CLI once per
session, SQLite; tests that change data work on a copy of it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from wireledger.api import create_app
from wireledger.cli import cli
from wireledger.services.tokens import create_token
from wireledger.settings import Settings
from wl_testing import FIXTURES

ARTICLES = [FIXTURES / "cli", FIXTURES / "articles" / "entities_minsk_general.txt",
            FIXTURES / "articles" / "bombing_bus_terminal.txt"]
_names = count()


@pytest.fixture(scope="session")
def built_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("api-ledger") / "ledger.db"
    done = CliRunner().invoke(cli, ["--db", str(db), "ingest", *map(str, ARTICLES)])
    assert done.exit_code in (0, 1), done.output  # 1: tests/fixtures/cli/empty.txt is skipped (E101)
    return db


@pytest.fixture(scope="session")
def settings(built_ledger: Path) -> Settings:
    """The shared ledger: tests that use it only read (and create tokens)."""
    return Settings.load(db=str(built_ledger))


@pytest.fixture
def own_settings(built_ledger: Path, tmp_path: Path) -> Settings:
    """A copy of the ledger a test may change."""
    for suffix in ("", "-wal"):
        source = built_ledger.with_name(built_ledger.name + suffix)
        if source.exists():
            shutil.copy(source, tmp_path / ("ledger.db" + suffix))
    return Settings.load(db=str(tmp_path / "ledger.db"))


def new_token(settings: Settings, role: str) -> str:
    return create_token(settings, f"{role}-{next(_names)}", role).secret


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


class Tokens:
    """``tokens(settings, role)``: the Authorization header of a new token; ``tokens.bearer(secret)``."""

    bearer = staticmethod(bearer)

    def __call__(self, settings: Settings, role: str) -> dict[str, str]:
        return bearer(new_token(settings, role))


@pytest.fixture(scope="session")
def tokens() -> Tokens:
    return Tokens()


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture
def reader(settings: Settings) -> dict[str, str]:
    return bearer(new_token(settings, "reader"))
