"""A retracted report leaves every view at once (documents, search, claims, sources, entities, incidents),
and comes back, marked with who retracted it, when and why, only with ``--include-retracted``."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from wireledger.cli import cli
from wl_testing import FIXTURES

REPORT = FIXTURES / "articles" / "official_killed.txt"  # the only report naming Eusebio Garza


def run(db: str, *args: str) -> Any:
    result = CliRunner().invoke(cli, ["--db", db, *args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    db = str(tmp_path_factory.mktemp("retract") / "ledger.db")
    done = CliRunner().invoke(cli, ["--db", db, "ingest", str(FIXTURES / "incidents" / "market_bombing"),
                                    str(REPORT)])
    assert done.exit_code == 0, done.output
    doc = next(d["id"] for d in run(db, "documents")["documents"] if "Mayor" in (d["title"] or ""))
    assert any("Garza" in e["name"] for e in run(db, "entities")["entities"])
    gone = CliRunner().invoke(cli, ["--db", db, "retract", doc, "--note", "a hoax", "--by", "desk"])
    assert gone.exit_code == 0, gone.output
    return db, doc


def test_no_view_shows_a_retracted_report(ledger: tuple[str, str]) -> None:
    db, doc = ledger
    assert doc not in [d["id"] for d in run(db, "documents")["documents"]]
    assert doc not in [h["document_id"] for h in run(db, "search", "mayor")["hits"]]
    assert not run(db, "claims", "--about", "Eusebio Garza")["claims"]
    assert all(s["documents"] <= 4 for s in run(db, "sources")["sources"])
    assert run(db, "sources")["readings"] == 4
    assert not any("Garza" in e["name"] for e in run(db, "entities")["entities"])
    assert not run(db, "timeline", "Eusebio Garza")["entries"]
    assert run(db, "stats")["stats"]["retracted"] == 1


def test_the_audit_view_shows_it_marked(ledger: tuple[str, str]) -> None:
    db, doc = ledger
    listed = {d["id"]: d for d in run(db, "documents", "--include-retracted")["documents"]}
    mark = listed[doc]["retracted"]
    assert mark["note"] == "a hoax" and mark["by"] == "desk" and mark["at"]
    hits = run(db, "search", "mayor", "--include-retracted")["hits"]
    assert [h["retracted"]["note"] for h in hits if h["document_id"] == doc] == ["a hoax"]
    claims = run(db, "claims", "--about", "Eusebio Garza", "--include-retracted")["claims"]
    assert claims and all(c["retracted"]["by"] == "desk" for c in claims)
    assert run(db, "sources", "--include-retracted")["readings"] == 5
