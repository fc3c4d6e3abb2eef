"""What is particular to the SQLite ledger: WAL, migrations, the FTS index, opening errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from wireledger.errors import WireledgerError
from wireledger.model import Document, document_id
from wireledger.settings import Settings
from wireledger.store import SQLiteStore, open_store
from wireledger.store.migrate import available_migrations, split_statements


def _doc(text: str, source_id: str) -> Document:
    return Document(id=document_id(text), source_id=source_id, text=text, title=text.split(".")[0])


def test_wal_mode_and_shipped_migrations_recorded_once(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    with SQLiteStore(db) as store:
        assert store.journal_mode == "wal"
        first = store.migrations()
    assert [v for v, _ in first] == [m.version for m in available_migrations()]
    assert first[:2] == [(1, "documents"), (2, "readings")]
    with SQLiteStore(db) as store:  # reopening applies nothing twice
        assert store.migrations() == first
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(first)
    con.close()


def _copy_migrations(folder: Path) -> None:
    for m in available_migrations():
        (folder / f"{m.version:04d}_{m.name}.sql").write_text(m.sql, encoding="utf-8")


def test_new_migrations_apply_in_number_order_on_an_existing_ledger(tmp_path: Path) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    _copy_migrations(folder)
    db = tmp_path / "w.db"
    SQLiteStore(db, migrations=folder).close()  # type: ignore[arg-type]  # a Path is a Traversable
    (folder / "9002_later.sql").write_text("ALTER TABLE notes ADD COLUMN body TEXT;\n", encoding="utf-8")
    (folder / "9001_notes.sql").write_text("-- notes\nCREATE TABLE notes (id INTEGER PRIMARY KEY);\n",
                                           encoding="utf-8")
    (folder / "README.txt").write_text("not a migration", encoding="utf-8")
    with SQLiteStore(db, migrations=folder) as store:  # type: ignore[arg-type]  # a Path is a Traversable
        assert [v for v, _ in store.migrations()][-2:] == [9001, 9002]
    con = sqlite3.connect(db)
    assert [r[1] for r in con.execute("PRAGMA table_info(notes)")] == ["id", "body"]
    con.close()


def test_a_failing_migration_is_rolled_back_whole(tmp_path: Path) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    _copy_migrations(folder)
    (folder / "9001_broken.sql").write_text(
        "CREATE TABLE half (id INTEGER);\nINSERT INTO no_such_table VALUES (1);\n", encoding="utf-8")
    db = tmp_path / "w.db"
    with pytest.raises(WireledgerError) as err:
        SQLiteStore(db, migrations=folder)  # type: ignore[arg-type]  # a Path is a Traversable
    assert err.value.code == "E120" and "no_such_table" in str(err.value)
    con = sqlite3.connect(db)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "documents" in tables and "half" not in tables
    assert 9001 not in {r[0] for r in con.execute("SELECT version FROM schema_migrations")}
    con.close()


def test_two_migrations_with_one_number_are_refused(tmp_path: Path) -> None:
    (tmp_path / "0001_a.sql").write_text("SELECT 1;", encoding="utf-8")
    (tmp_path / "0001_b.sql").write_text("SELECT 1;", encoding="utf-8")
    with pytest.raises(ValueError, match="two migrations numbered 0001"):
        available_migrations(tmp_path)  # type: ignore[arg-type]  # a Path is a Traversable


def test_split_statements_keeps_triggers_whole() -> None:
    sql = ("-- header\nCREATE TABLE a (x);\n\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
           "  UPDATE a SET x = 1;\n  DELETE FROM a WHERE x = 2;\nEND;\nCREATE INDEX i ON a(x);\n")
    parts = split_statements(sql)
    assert len(parts) == 3 and parts[1].startswith("CREATE TRIGGER") and parts[1].endswith("END;")
    with pytest.raises(ValueError, match="incomplete"):
        split_statements("CREATE TABLE b (x)")


def test_fts_index_stays_consistent_with_documents(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    with SQLiteStore(db) as store:
        for i, word in enumerate(["ferry", "tanker", "trawler"]):
            store.add_document(_doc(f"A {word} ran aground near Hesk. Crew number {i}.", f"s{i}"))
    con = sqlite3.connect(db)
    con.execute("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')")  # raises if broken
    n = con.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'tanker'").fetchone()[0]
    assert n == 1
    con.close()


def test_opening_errors_are_coded(tmp_path: Path) -> None:
    with pytest.raises(WireledgerError) as missing:
        SQLiteStore(tmp_path / "absent.db", create=False)
    assert missing.value.code == "E100" and not (tmp_path / "absent.db").exists()
    with pytest.raises(WireledgerError) as no_folder:
        SQLiteStore(tmp_path / "no" / "such" / "w.db")
    assert no_folder.value.code == "E120"
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database, just some bytes" * 200)
    with pytest.raises(WireledgerError) as not_db:
        SQLiteStore(junk)
    assert not_db.value.code == "E120" and "not a usable wireledger database" in str(not_db.value)


def test_open_store_follows_settings(tmp_path: Path) -> None:
    from_env = Settings.load(env={"WIRELEDGER_DB": str(tmp_path / "env.db")})
    with open_store(from_env) as store:  # type: ignore[attr-defined]  # SQLiteStore is a context manager
        assert store.location == str(tmp_path / "env.db")
    flag = Settings.load(env={"WIRELEDGER_DB": str(tmp_path / "env.db")}, db=str(tmp_path / "flag.db"))
    open_store(flag).close()
    assert (tmp_path / "flag.db").exists()
    assert Settings.load(env={}).db == "wireledger.db"
    # a PostgreSQL URL is a PostgreSQL ledger: here, of a database that does not exist
    with pytest.raises(WireledgerError) as pg:
        open_store(Settings(db="postgresql://postgres@127.0.0.1:5432/wireledger_no_such_database"))
    assert pg.value.code == "E120" and "cannot connect to PostgreSQL" in str(pg.value)
