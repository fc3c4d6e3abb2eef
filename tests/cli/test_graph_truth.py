"""The graph tells what the other views tell: on the founding example with the real OFAC list, ``graph GRU``
draws the matches the entity screening kept (the general's, and GRU's own entry), never one it set aside
as another person; ``graph Moscow`` finds the incidents that happened there."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from wireledger.cli import cli
from wl_testing import require_shared


def run(db: str, *args: str) -> Any:
    result = CliRunner().invoke(cli, ["--db", db, *args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> str:
    seed = require_shared("seed", "alekseev.txt")
    ofac = require_shared("data", "sanctions", "us_ofac")
    db = str(tmp_path_factory.mktemp("graph") / "ledger.db")
    for args in (["ingest", str(seed), "--published", "2026-02-06"], ["lists", "load", str(ofac)]):
        done = CliRunner().invoke(cli, ["--db", db, *args])
        assert done.exit_code == 0, done.output
    return db


@pytest.mark.slow
def test_the_graph_draws_kept_matches_and_no_set_aside_one(ledger: str) -> None:
    graph = run(ledger, "graph", "GRU", "--depth", "2")
    listed = {n["label"] for n in graph["nodes"] if n["kind"] == "sanction"}
    general = next(e for e in run(ledger, "entities")["entities"] if e["name"] == "Vladimir Alekseev")
    screening = run(ledger, "entity", general["id"])["entity"]["sanctions"]
    kept = {m["name"] for m in screening["matches"]}
    set_aside = {m["name"] for m in screening["set_aside"]}
    assert kept and set_aside  # the real list has both: the general, and a namesake set aside
    assert kept <= listed and not listed & set_aside
    assert any("MAIN INTELLIGENCE" in label.upper() for label in listed)  # GRU's own entry


@pytest.mark.slow
def test_the_graph_of_a_place_holds_its_incidents(ledger: str) -> None:
    graph = run(ledger, "graph", "Moscow")
    assert graph["root"].startswith("place:")
    incidents = [n for n in graph["nodes"] if n["kind"] == "incident"]
    assert incidents and all("Moscow" in (n.get("place") or "") for n in incidents)
    assert run(ledger, "timeline", "--place", "Moscow")["entries"]
