"""The identity floors on real data in ../shared (skipped when it is absent, failing in CI).

1. The founding example through the ledger, in both orders: ``ingest`` then ``lists load`` (the load
   rescreens the ledger's entities), and lists first, then ``ingest`` (screened on ingest), then one more
   list (rescreened when the lists change). The ledger entity "Vladimir Alekseev" matches OFAC 21331
   (CYBER2), UK group 13747 (Chemical Weapons) and the EU chemical-weapons ALEXSEYEV entry, each with its
   explanation and list version, and not PANYAEV; Sergei Skripal and Donald Trump match nothing.
2. False merges on GVA (US local news): ledger people whose reports belong to different incidents.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from wireledger.cli import cli
from wireledger.evaluation.identity import gva_false_merges
from wireledger.settings import Settings


def run(db: Path, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    assert result.exit_code in (0, 1), result.output
    return result


def person(db: Path, name: str) -> dict[str, Any]:
    rows = json.loads(run(db, "entities", "--name", name, "--type", "person", "--format", "json").stdout)
    (row,) = [r for r in rows["entities"] if r["name"] == name]
    shown: dict[str, Any] = json.loads(run(db, "entity", row["id"], "--format", "json").stdout)["entity"]
    return shown


def current_versions(db: Path) -> dict[str, int]:
    shown = json.loads(run(db, "lists", "show", "--format", "json").stdout)
    return {v["list_id"]: v["version_id"] for v in shown["lists"]}


def check_founding_example(db: Path, lists: set[str]) -> None:
    general = person(db, "Vladimir Alekseev")
    matches = general["sanctions"]["matches"]
    found = {(m["list"], m["entry_id"]): m for m in matches}
    versions = current_versions(db)
    expected = []
    if "us_ofac_sdn" in lists:
        expected.append(("us_ofac_sdn", "21331", "CYBER2"))
    if "uk_ofsi_consolidated" in lists:
        expected.append(("uk_ofsi_consolidated", "13747", "Chemical Weapons"))
    for key in expected:
        assert key[:2] in found, sorted(found)
        m = found[key[:2]]
        assert key[2] in m["programs"]
        assert m["version_id"] == versions[key[0]]  # made against the list's current version
    eu = [m for m in matches if m["list"] == "eu_32018R1542"]
    assert len(eu) == 1 and "ALEXSEYEV" in eu[0]["name"].upper()
    for m in matches:
        assert "PANYAEV" not in m["name"].upper()
        assert m["explanation"]["name"]["parts"]  # which name parts matched, and how
        assert {q["qualifier"] for q in m["explanation"]["qualifiers"]} >= {"affiliation"} or \
            m["list"] == "uk_fcdo_sanctions_list"  # the FCDO export prints no position to agree with
    aside = [m for m in general["sanctions"]["set_aside"] if "PANYAEV" in m["name"].upper()]
    assert aside and all(m["different_person"] for m in aside)
    for name in ("Sergei Skripal", "Donald Trump"):
        assert person(db, name)["sanctions"]["matches"] == []


def test_ingest_then_lists_load(tmp_path: Path, shared: Path) -> None:
    seed = shared / "seed" / "alekseev.txt"
    sanctions = shared / "data" / "sanctions"
    db = tmp_path / "ledger.db"
    run(db, "ingest", str(seed), "--published", "2026-02-06")
    assert person(db, "Vladimir Alekseev")["sanctions"]["matches"] == []  # no lists yet
    loaded = run(db, "lists", "load", str(sanctions), "--format", "json")
    assert json.loads(loaded.stdout)["entities"]["screened"] >= 4  # the load rescreened the ledger
    check_founding_example(db, {"us_ofac_sdn", "uk_ofsi_consolidated"})


def test_lists_first_then_ingest_then_another_list(tmp_path: Path, shared: Path) -> None:
    seed = shared / "seed" / "alekseev.txt"
    sanctions = shared / "data" / "sanctions"
    db = tmp_path / "ledger.db"
    run(db, "lists", "load", str(sanctions / "us_ofac" / "2024-05-03"),
        str(sanctions / "eu_opensanctions_transcription"))
    run(db, "ingest", str(seed), "--published", "2026-02-06")  # screened on ingest
    check_founding_example(db, {"us_ofac_sdn"})
    before = {m["list"] for m in person(db, "Vladimir Alekseev")["sanctions"]["matches"]}
    assert "uk_ofsi_consolidated" not in before
    run(db, "lists", "load", str(sanctions / "uk" / "ConList_2025-04-14.xlsx"))  # the lists changed
    check_founding_example(db, {"us_ofac_sdn", "uk_ofsi_consolidated"})


@pytest.mark.slow
def test_gva_false_merges_stay_rare(shared: Path) -> None:
    path = shared / "data" / "gva" / "articles.jsonl"
    report = gva_false_merges(path, 100, Settings())
    assert report["documents"] >= 95 and report["people"] >= 100
    assert report["people_in_several_reports"] >= 10  # reports of one incident do share people
    assert report["false_merge_rate"] <= 0.03, report
    assert report["pair_precision"] >= 0.7, report
