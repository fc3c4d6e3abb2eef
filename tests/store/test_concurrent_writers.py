"""Several ingest processes writing to one PostgreSQL ledger at once store every report once, merge it
once, and end with the same incidents as one process writing to a SQLite ledger."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from wireledger.settings import Settings
from wireledger.store import open_ledger
from wl_testing import FIXTURES, drop_db, new_db_url

PROCESSES = 3


def _wireledger(db: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "wireledger", "--db", db, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _json(db: str, *args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "wireledger", "--db", db, *args, "--format", "json"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _partition(db: str) -> set[frozenset[str]]:
    rows = _json(db, "incidents", "--members")["members"]
    assert isinstance(rows, list)
    groups: dict[str, set[str]] = {}
    for row in rows:
        groups.setdefault(row["incident"], set()).add(row["doc_id"])
    return {frozenset(g) for g in groups.values()}


@pytest.mark.slow
def test_concurrent_ingests_into_postgresql_store_and_merge_each_report_once(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    for folder in ("market_bombing", "two_shootings", "alekseev_followups"):
        for f in sorted((FIXTURES / "incidents" / folder).glob("*.txt")):
            shutil.copy(f, reports / f"{folder}_{f.name}")
    expected = len(list(reports.iterdir()))
    pg = new_db_url("postgresql", tmp_path)
    try:
        # every process ingests every report, in its own order, at the same time
        runs = [
            _wireledger(pg, "ingest", str(reports), "--published", "2026-03-01", "--format", "json")
            for _ in range(PROCESSES)
        ]
        outs = [p.communicate(timeout=900) for p in runs]
        for p, (_, err) in zip(runs, outs, strict=True):
            assert p.returncode == 0, err
        stats = _json(pg, "stats")["stats"]
        assert isinstance(stats, dict)
        assert stats["documents"] == expected and stats["source_ids"] == expected
        assert stats["readings"] == stats["canonical"]
        with open_ledger(Settings(db=pg)) as ledger:
            # each report merged and resolved once (no duplicates), every one of them (nothing lost)
            merged = ledger.incidents.merged_documents()
            resolved = ledger.entities.resolved_documents()
            assert set(merged) == set(resolved) == set(ledger.documents.current_readings())
            assert len(merged) == stats["canonical"]
        serial = str(tmp_path / "serial.db")
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "wireledger",
                "--db",
                serial,
                "ingest",
                str(reports),
                "--published",
                "2026-03-01",
            ],
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert done.returncode == 0, done.stderr
        assert _partition(pg) == _partition(serial)
    finally:
        drop_db(pg)
