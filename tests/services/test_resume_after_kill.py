"""kill -9 during a long ingest, then a rerun, leaves exactly what one clean run leaves (timestamps aside)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from synthetic_reports import TOWNS, write_reports

WIRELEDGER = str(Path(sys.executable).with_name("wireledger"))


def _ingest(db: Path, source: Path) -> subprocess.Popen[bytes]:
    # documents only (--no-read): the transaction per document is what is under test, and reading
    # 2,000 documents twice would take minutes
    command = [WIRELEDGER, "--db", str(db), "ingest", str(source), "--no-read", "--format", "json"]
    return subprocess.Popen(command,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(con.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            con.close()
    except sqlite3.OperationalError:  # the tables are not created yet
        return 0


def _dump(db: Path) -> dict[str, Any]:
    """Everything the ledger holds except when things happened."""
    con = sqlite3.connect(db)
    con.execute("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')")
    doc_cols = [r[1] for r in con.execute("PRAGMA table_info(documents)") if r[1] != "ingested_at"]
    dump: dict[str, Any] = {
        "documents": con.execute(f"SELECT {', '.join(doc_cols)} FROM documents ORDER BY seq").fetchall(),
        "source_ids": con.execute("SELECT seq, source_id, document_id FROM source_ids "
                                  "ORDER BY seq").fetchall(),
        "band_keys": con.execute("SELECT band_key, document_id FROM band_keys ORDER BY 1, 2").fetchall(),
        "skipped": con.execute("SELECT input, code, message FROM skipped_inputs ORDER BY 1, 2").fetchall(),
        "readings": con.execute("SELECT document_id, reading FROM readings ORDER BY 1").fetchall(),
        "statements": con.execute("SELECT key FROM statements ORDER BY 1").fetchall(),
        "links": con.execute("SELECT id, canonical_id FROM documents WHERE canonical_id IS NOT NULL "
                             "ORDER BY id").fetchall(),
        "migrations": con.execute("SELECT version, name FROM schema_migrations ORDER BY 1").fetchall(),
        "search": {town: con.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? "
                                     "ORDER BY rowid", (f'"{town}"',)).fetchall() for town in TOWNS},
    }
    con.close()
    return dump


def test_sigkill_then_rerun_equals_a_clean_run(tmp_path: Path) -> None:
    source = tmp_path / "reports.jsonl"
    kinds = write_reports(source, 2000)
    assert kinds["near_duplicates"] > 10 and kinds["exact_duplicates"] > 10 and kinds["empty"] > 5
    seed = random.randrange(1 << 30)
    stop_after = random.Random(seed).randint(100, 1200)  # documents stored before the kill
    killed_db, clean_db = tmp_path / "killed.db", tmp_path / "clean.db"

    proc = _ingest(killed_db, source)
    stored_at_kill = 0
    while proc.poll() is None:
        stored_at_kill = _count(killed_db)
        if stored_at_kill >= stop_after:
            os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.02)
    returncode = proc.wait(timeout=120)
    assert returncode == -signal.SIGKILL, f"ingest ended before the kill (seed {seed})"
    assert 0 < _count(killed_db) < 1900

    assert _ingest(killed_db, source).wait(timeout=300) in (0, 1)
    assert _ingest(clean_db, source).wait(timeout=300) == 1  # empty texts and a broken line are skipped

    resumed, clean = _dump(killed_db), _dump(clean_db)
    assert len(clean["documents"]) > 1800 and len(clean["skipped"]) == kinds["empty"] + kinds["broken"]
    assert len(clean["links"]) >= 0.8 * kinds["near_duplicates"], "synthetic near-duplicates not linked"
    for table in clean:
        assert resumed[table] == clean[table], f"{table} differs after kill at {stored_at_kill} (seed {seed})"
