"""``wireledger migrate``: a ledger moved from SQLite to PostgreSQL and back gives the same answer to every
view (documents, search, incidents and each incident, timelines, the graph, claims and sources, entities
and each entity, screening, lists), with manual decisions and retractions kept."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from wireledger.cli import cli
from wireledger.ingest import IngestOptions
from wireledger.nlp.pipeline import Pipeline
from wireledger.services.ingestion import ingest
from wireledger.settings import Settings
from wl_testing import FIXTURES, drop_db, new_db_url

SANCTIONS = FIXTURES / "sanctions"


def run(db: str, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["--db", db, *args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def views(db: str) -> dict[str, Any]:
    """Every view of the ledger, as the CLI prints it in JSON (the ledger's location left out)."""
    out: dict[str, Any] = {
        "documents": run(db, "documents"),
        "incidents": run(db, "incidents"),
        "timeline": run(db, "timeline", "--place", "Garissa"),
        "person": run(db, "timeline", "Eusebio Garza"),
        "graph": run(db, "graph", "al-Shabaab"),
        "claims": run(db, "claims", "--about", "Garissa"),
        "sources": run(db, "sources"),
        "entities": run(db, "entities"),
        "lists": run(db, "lists", "show"),
        "screen": run(db, "screen", "Timur Khazarov"),
    }
    out["incident"] = [run(db, "incident", i["id"]) for i in out["incidents"]["incidents"]]
    out["entity"] = [run(db, "entity", e["id"]) for e in out["entities"]["entities"]]
    # each engine ranks and cuts snippets its own way: the same documents are found
    out["found"] = sorted(h["document_id"] for h in run(db, "search", "bomb*", "--limit", "50")["hits"])
    out["stats"] = run(db, "stats")
    out["stats"]["stats"].pop("location")
    return out


@pytest.mark.slow
def test_sqlite_to_postgresql_and_back_gives_the_same_answers(tmp_path: Path) -> None:
    original = str(tmp_path / "original.db")
    settings = Settings(db=original)
    pipeline = Pipeline(settings)
    ingest(
        [str(FIXTURES / "incidents" / "market_bombing"), str(FIXTURES / "articles" / "official_killed.txt")],
        IngestOptions(),
        settings,
        read=pipeline.read,
    )
    runner = CliRunner()
    loaded = runner.invoke(cli, ["--db", original, "lists", "load", str(SANCTIONS / "ofac_2025-03-01")])
    assert loaded.exit_code == 0, loaded.output
    first = run(original, "documents")["documents"][0]["id"]
    assert runner.invoke(cli, ["--db", original, "retract", first, "--note", "test"]).exit_code == 0
    before = views(original)
    assert before["incidents"]["incidents"] and before["entities"]["entities"]

    pg = new_db_url("postgresql", tmp_path)
    back = str(tmp_path / "back.db")
    try:
        there = runner.invoke(
            cli, ["migrate", "--from", f"sqlite:///{original}", "--to", pg, "--format", "json"]
        )
        assert there.exit_code == 0, there.output
        copied = json.loads(there.output)
        assert copied["rows"]["documents"] == len(before["documents"]["documents"])
        assert views(pg) == before
        again = runner.invoke(cli, ["migrate", "--from", pg, "--to", back])
        assert again.exit_code == 0, again.output
        assert views(back) == before
        assert run(back, "search", "bomb*") == run(original, "search", "bomb*")
        refused = runner.invoke(cli, ["migrate", "--from", original, "--to", back])
        assert refused.exit_code == 2 and "not empty" in refused.output
    finally:
        drop_db(pg)
