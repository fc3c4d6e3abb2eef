"""Migration 0007 moves a ledger's manual decisions, retractions and redirects into the one judgements
mechanism without losing any, and the entity and incident areas read them back from there."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from wireledger.settings import Settings
from wireledger.store import open_ledger
from wireledger.store.sqlite import SQLiteDatabase


def test_an_older_ledger_keeps_its_decisions_retractions_and_redirects(tmp_path: Path) -> None:
    older = tmp_path / "migrations"
    older.mkdir()
    shipped = resources.files("wireledger.store").joinpath("migrations")
    for entry in shipped.iterdir():
        if entry.name[:4] <= "0005" and entry.name.endswith(".sql"):
            (older / entry.name).write_text(entry.read_text(encoding="utf-8"), encoding="utf-8")
    db_path = tmp_path / "ledger.db"
    db = SQLiteDatabase(db_path, migrations=older)  # type: ignore[arg-type]  # a Path is a Traversable
    with db.transaction():
        db.execute("INSERT INTO entity_statements (subject, prop, value, document_id, extractor, note, "
                   "first_seen, last_seen) VALUES ('ent_a', 'merged', '{\"other\": \"ent_b\"}', NULL, "
                   "'manual:ana', 'same man', '2026-01-01', '2026-01-01')")
        db.execute("INSERT INTO entity_pins VALUES ('doc_1', 'n:key', 'e1', 'ent_a', NULL, 1)")
        db.execute("INSERT INTO entity_redirects VALUES ('ent_b', 'ent_a', 'merged by hand', '2026-01-01')")
        db.execute("INSERT INTO incident_redirects VALUES ('inc_old', NULL, 'no support', '2026-01-02')")
        db.execute("INSERT INTO incident_retractions VALUES ('doc_9', '2026-01-03', 'a hoax')")
    db.close()
    shutil.copy(db_path, tmp_path / "before.db")

    with open_ledger(Settings(db=str(db_path))) as ledger:  # applies 0006 onwards
        assert ledger.incidents.retracted_documents() == {"doc_9"}
        assert ledger.incidents.resolve_incident("inc_old") == (None, [
            {"from": "inc_old", "to": None, "reason": "no support", "at": "2026-01-02"}])
        (merge,) = ledger.entities.statements_about(["ent_b"])
        assert merge["prop"] == "merged" and merge["by"] == "ana" and merge["note"] == "same man"
        assert ledger.entities.pins_of_document("doc_1")[0]["statement"] == merge["statement"]
        assert ledger.entities.id_state("ent_b") == (False, True, "ent_a")
        # a new judgement gets a new number, after the moved ones
        assert ledger.entities.add_statement("ent_a", "split", {"new": "ent_c"}, None, "bo", None) > 2
        tables = {r[0] for r in ledger.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert not tables & {"entity_statements", "entity_redirects", "incident_redirects",
                             "incident_retractions"}
