"""The incident commands on a real ledger built from our fixture reports (real pipeline, real SQLite)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from wireledger.cli import cli
from wireledger.ingest import IngestOptions
from wireledger.nlp.pipeline import Pipeline
from wireledger.services.ingestion import ingest
from wireledger.settings import Settings
from wl_testing import FIXTURES

HERE = FIXTURES / "incidents"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli") / "ledger.db"
    settings = Settings(db=str(path))
    pipeline = Pipeline(settings)
    ingest([str(HERE / "market_bombing"), str(HERE / "two_shootings")], IngestOptions(), settings,
           read=pipeline.read)
    return str(path)


def run(db: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", db, *args])
    return result.exit_code, result.output


def test_members_print_one_json_line_per_source_id(db: str) -> None:
    code, out = run(db, "incidents", "--members", "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 8 and all(set(r) == {"doc_id", "incident"} for r in rows)
    by_name = {Path(r["doc_id"]).parent.name + "/" + Path(r["doc_id"]).name: r["incident"] for r in rows}
    assert len({v for k, v in by_name.items() if k.startswith("market_bombing")}) == 1
    assert len({v for k, v in by_name.items() if k.startswith("two_shootings")}) == 2


def test_incident_shows_conflicts_with_sources(db: str) -> None:
    code, out = run(db, "incidents", "--type", "bombing", "--format", "json")
    assert code == 0
    (bombing,) = json.loads(out)["incidents"]
    code, out = run(db, "incident", bombing["id"])
    assert code == 0
    assert "killed:" in out and "CONFLICT" in out and "claimed_by:" in out
    code, out = run(db, "incident", bombing["id"], "--format", "json")
    fields = json.loads(out)["incident"]["fields"]
    assert fields["killed"]["conflict"] and all(v["documents"] for v in fields["killed"]["values"])


def test_filters_narrow_the_list(db: str) -> None:
    _, everything = run(db, "incidents", "--format", "json")
    _, dayton = run(db, "incidents", "--place", "Ohio", "--from", "2024-05", "--to", "2024-05-31",
                    "--format", "json")
    all_ids = {i["id"] for i in json.loads(everything)["incidents"]}
    dayton_ids = {i["id"] for i in json.loads(dayton)["incidents"]}  # (the reader places one in Ohio)
    assert dayton_ids and dayton_ids < all_ids
    code, out = run(db, "incidents", "--from", "1990", "--to", "1991")
    assert code == 1 and "no incidents match" in out
    code, _ = run(db, "incidents", "--min-sources", "2", "--type", "bombing")
    assert code == 0


def test_timeline_of_a_place_is_in_date_order(db: str) -> None:
    code, out = run(db, "timeline", "--place", "Garissa", "--format", "json")
    assert code == 0
    dates = [e["date"] for e in json.loads(out)["entries"]]
    assert dates and dates == sorted(dates)


def test_bad_dates_are_usage_errors(db: str) -> None:
    code, out = run(db, "incidents", "--from", "yesterday")
    assert code == 2 and "E150" in out


def test_retracting_the_only_report_of_an_incident_leaves_a_redirect_note(tmp_path: Path) -> None:
    settings = Settings(db=str(tmp_path / "ledger.db"))
    ingest([str(HERE / "two_shootings" / "03_driveby.txt")], IngestOptions(), settings,
           read=Pipeline(settings).read)
    db = settings.db
    _, out = run(db, "incidents", "--members", "--format", "jsonl")
    incident = json.loads(out.splitlines()[0])["incident"]
    code, out = run(db, "retract", str(HERE / "two_shootings" / "03_driveby.txt"))
    assert code == 0 and incident in out
    code, out = run(db, "incident", incident)
    assert code == 1 and "no remaining support" in out
    _, listed = run(db, "incidents", "--format", "json")
    assert incident not in {i["id"] for i in json.loads(listed)["incidents"]}


def test_eval_clusters_scores_a_jsonl_file_against_its_gold_field(tmp_path: Path) -> None:
    rows = []
    groups = (("bombing", "market_bombing"), ("gas", "two_shootings"), ("driveby", "two_shootings"))
    for gold, folder in groups:
        for f in sorted((HERE / folder).glob("*.txt")):
            if folder == "two_shootings" and (("driveby" in f.name) != (gold == "driveby")):
                continue
            body = f.read_text(encoding="utf-8").split("\n\n", 1)[1]
            published = next(line.split(": ", 1)[1] for line in f.read_text().splitlines()
                             if line.startswith("Published:"))
            rows.append({"doc": f.name, "incident": gold, "body": body, "date": published,
                         "part": "keep" if gold != "driveby" else "drop"})
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    code, out = run(str(tmp_path / "unused.db"), "eval", "clusters", str(path), "--gold-field", "incident",
                    "--id-field", "doc", "--text-field", "body", "--published-field", "date",
                    "--only", "part=keep", "--format", "json")
    assert code == 0, out
    scores = json.loads(out)
    assert scores["docs"] == 6 and scores["gold_clusters"] == 2
    assert scores["B3"]["F1"] == 1.0
    code, out = run(str(tmp_path / "unused.db"), "eval", "clusters", str(path), "--only", "part")
    assert code == 2 and "E150" in out


def test_the_place_filter_folds_accents_and_case_on_both_engines(db_url: str) -> None:
    """Our report spells the city "Herāt": ``--place Herat`` (as most readers type it), any case, and the
    report's own spelling all find it, on SQLite and PostgreSQL; a part of a name does not."""
    code, out = run(db_url, "ingest", str(FIXTURES / "places" / "herat_bus_blast.txt"), "--published",
                    "2026-03-15")
    assert code == 0, out
    _, listed = run(db_url, "incidents", "--format", "json")
    (incident,) = json.loads(listed)["incidents"]
    assert "Herāt" in incident["place"]  # stored as the report spells it
    for asked in ("Herat", "herat", "HERĀT", "Herāt", "Herat, AF"):
        code, out = run(db_url, "incidents", "--place", asked, "--format", "json")
        assert code == 0, (asked, out)
        assert [i["id"] for i in json.loads(out)["incidents"]] == [incident["id"]], asked
        code, out = run(db_url, "timeline", "--place", asked, "--format", "json")
        assert code == 0 and [e["incident"] for e in json.loads(out)["entries"]] == [incident["id"]], asked
    code, _ = run(db_url, "incidents", "--place", "Hera")
    assert code == 1
