"""The founding example read into a SQLite and a PostgreSQL ledger: ``documents``, ``incidents``,
``entities``, ``entity`` and ``screen`` (after ``lists load``) give the same answers on both."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from wireledger.cli import cli
from wl_testing import FIXTURES, drop_db, new_db_url, require_shared

VOLATILE = {"location", "screened_at", "at", "decided_at", "added_at", "loaded_at", "version_id"}


def run(db: str, *args: str) -> Any:
    result = CliRunner().invoke(cli, ["--db", db, *args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output  # 1: nothing matched
    return _stable(json.loads(result.output))


def _stable(value: Any) -> Any:
    """Without what differs between two loads by nature (where, when, the row numbers of list versions)."""
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


@pytest.mark.slow
def test_the_founding_example_reads_the_same_on_sqlite_and_postgresql(tmp_path: Path) -> None:
    seed = require_shared("seed", "alekseev.txt")
    answers = []
    urls = [new_db_url("sqlite", tmp_path), new_db_url("postgresql", tmp_path)]
    try:
        for db in urls:
            for args in (["ingest", str(seed), "--published", "2026-02-06"],
                         ["lists", "load", str(FIXTURES / "sanctions" / "ofac_2025-03-01"),
                          str(FIXTURES / "sanctions" / "uk")]):
                done = CliRunner().invoke(cli, ["--db", db, *args])
                assert done.exit_code == 0, done.output
            entities = run(db, "entities")["entities"]
            general = next(e for e in entities if "Alekseev" in e["name"])
            answers.append({
                "documents": run(db, "documents"),
                "incidents": run(db, "incidents"),
                "entities": entities,
                "entity": run(db, "entity", general["id"]),
                "screen": run(db, "screen", "Vladimir Alexseyev", "--affiliation", "GRU"),
                "listed": run(db, "screen", "Timur Khazarov"),
            })
        sqlite, postgresql = answers
        assert sqlite["incidents"]["incidents"] and sqlite["listed"]["matches"]
        assert sqlite == postgresql
    finally:
        for db in urls:
            drop_db(db)
