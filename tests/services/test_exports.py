"""Every export format round-trips or validates, and shows what the other views show.

A ledger is built from our own fixture articles (one report retracted); every format is parsed back and
compared with what ``incidents``, ``incident`` and ``graph`` print. FtM lines are validated with the
followthemoney package. The founding example with real sanctions lists (tests marked ``shared``) checks
Moscow on the map and the general's Sanction entities."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from wireledger.cli import cli
from wireledger.model import load_taxonomy
from wireledger.services.exports import FORMATS, export
from wireledger.settings import Settings
from wl_testing import FIXTURES, require_shared

ARTICLES = ("stabbing_market.txt", "bombing_bus_terminal.txt", "contradictory_counts.txt",
            "journalist_shot.txt", "kidnapping_engineers.txt", "protest_santiago.txt",
            "feed_regional_news.rss")
RETRACTED = "protest_santiago.txt"
# names as the codebooks spell them (GTD: START's codebook; ACLED: its codebook)
GTD_NAMES = ("eventid", "iyear", "imonth", "iday", "approxdate", "extended", "country_txt", "provstate",
             "city", "latitude", "longitude", "specificity", "summary", "attacktype1_txt", "targtype1_txt",
             "target1", "gname", "weaptype1_txt", "nkill", "nwound")
ACLED_NAMES = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
               "sub_event_type", "actor1", "actor2", "country", "admin1", "location", "latitude", "longitude",
               "geo_precision", "source", "notes", "fatalities")


def run(db: str, *args: str) -> Any:
    result = CliRunner().invoke(cli, ["--db", db, *args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def exported(db: str, fmt: str, **filters: Any) -> tuple[str, dict[str, int]]:
    stream = export(Settings.load(db=db), fmt, **filters)
    text = "".join(stream)
    return text, dict(stream.counts)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("exports") / "ledger.db")
    paths = [str(FIXTURES / "articles" / name) for name in ARTICLES]
    done = CliRunner().invoke(cli, ["--db", path, "ingest", *paths, "--published", "2026-03-02"])
    assert done.exit_code == 0, done.output
    retracted = CliRunner().invoke(cli, ["--db", path, "retract", str(FIXTURES / "articles" / RETRACTED)])
    assert retracted.exit_code == 0, retracted.output
    return path


@pytest.fixture(scope="module")
def views(db: str) -> dict[str, Any]:
    """What the other commands show: the incident list and each incident."""
    listed = run(db, "incidents")["incidents"]
    return {"list": listed, "records": {s["id"]: run(db, "incident", s["id"])["incident"] for s in listed}}


def test_the_formats_are_described() -> None:
    assert list(FORMATS) == ["json", "jsonl", "csv-gtd", "csv-acled", "ftm", "geojson", "graphml"]
    assert all(f.media_type and f.extension.startswith(".") and f.description for f in FORMATS.values())


def test_json_holds_what_incidents_and_incident_show(db: str, views: dict[str, Any]) -> None:
    text, counts = exported(db, "json")
    data = json.loads(text)
    assert data["schema_version"] == "1.0" and data["count"] == counts["incidents"] == len(views["list"])
    assert [i["id"] for i in data["incidents"]] == [s["id"] for s in views["list"]]
    for incident in data["incidents"]:
        entities = incident.pop("entities")
        assert incident == views["records"][incident["id"]]
        assert [e["name"] for e in entities] == [p["name"] for p in incident["people"]]
    linked = [e["entity"] for i in json.loads(text)["incidents"] for e in i["entities"] if e["entity"]]
    assert linked, "no person was linked to a ledger entity"
    known = {e["id"] for e in run(db, "entities")["entities"]}
    assert set(linked) <= known


def test_jsonl_is_the_json_incidents_a_line(db: str) -> None:
    lines, _ = exported(db, "jsonl")
    whole, _ = exported(db, "json")
    assert [json.loads(line) for line in lines.splitlines()] == json.loads(whole)["incidents"]


def test_filters_select_as_incidents_does(db: str) -> None:
    listed = run(db, "incidents", "--type", "bombing")["incidents"]
    text, _ = exported(db, "jsonl", type_="bombing")
    assert [json.loads(line)["id"] for line in text.splitlines()] == [s["id"] for s in listed]


def test_a_retracted_report_is_in_no_format(db: str) -> None:
    gone = run(db, "show", str(FIXTURES / "articles" / RETRACTED))["document"]["id"]
    for fmt in FORMATS:
        text, _ = exported(db, fmt)
        assert gone not in text, fmt
    assert not run(db, "incidents", "--type", "protest")["incidents"]


def csv_rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), list(reader)


def test_csv_gtd_uses_the_codebook_and_leaves_unknown_counts_empty(db: str, views: dict[str, Any]) -> None:
    text, counts = exported(db, "csv-gtd")
    columns, rows = csv_rows(text)
    assert set(GTD_NAMES) <= set(columns)
    tax = load_taxonomy()
    attacks = [s for s in views["list"] if s["type"] in tax.attack_types]
    assert [r["eventid"] for r in rows] == [s["id"] for s in attacks]
    assert counts["left_out_not_an_attack"] == len(views["list"]) - len(attacks)
    for row in rows:
        record = views["records"][row["eventid"]]
        for column, field in (("nkill", "killed"), ("nwound", "wounded")):
            assert row[column] == ("" if record[field] is None else str(record[field]))
        assert row["attacktype1_txt"] == tax.event_types[record["type"]].gtd["name"]
        day = record["date_first"] if record["precision"] == "day" else None
        assert (row["iday"] != "0") == bool(day)
        if day:
            assert (row["iyear"], row["imonth"], row["iday"]) == tuple(str(int(p)) for p in day.split("-"))
        target = record["fields"].get("target_type", {}).get("best")
        assert row["targtype1_txt"] == (tax.target_types[target]["gtd"]["name"] if target else "")
        weapons = [v["value"] for v in record["fields"].get("weapon", {}).get("values", [])]
        if weapons:
            assert row["weaptype1_txt"] == tax.weapon_categories[weapons[0]]["gtd"]["name"]
        else:
            assert row["weaptype1_txt"] == ""
    assert any(r["targtype1_txt"] for r in rows)  # the reader's target types reach the export


def test_csv_acled_uses_the_codebook_and_the_taxonomy(db: str, views: dict[str, Any]) -> None:
    text, counts = exported(db, "csv-acled")
    columns, rows = csv_rows(text)
    assert set(ACLED_NAMES) <= set(columns)
    tax = load_taxonomy()
    mapped = [s["id"] for s in views["list"] if s["type"] in tax.event_types]  # a story without event: none
    assert [r["event_id_cnty"] for r in rows] == mapped and counts["incidents"] == len(rows)
    assert counts["left_out_no_acled_type"] == len(views["list"]) - len(mapped)
    for row in rows:
        record = views["records"][row["event_id_cnty"]]
        acled = tax.event_types[record["type"]].acled
        assert (row["disorder_type"], row["event_type"], row["sub_event_type"]) == (
            acled["disorder_type"], acled["event_type"], acled["sub_event_type"])
        assert row["fatalities"] == ("" if record["killed"] is None else str(record["killed"]))
        if row["time_precision"] == "1":
            assert row["event_date"] == record["date_first"] == record["date_last"]
    # the fixtures hold incidents with a death toll and without one: an unknown toll is an empty cell
    assert "" in {r["fatalities"] for r in rows}
    assert any(r["fatalities"] not in ("", "0") for r in rows)


def test_geojson_points_are_lon_lat_and_the_rest_is_counted(db: str, views: dict[str, Any]) -> None:
    text, counts = exported(db, "geojson")
    data = json.loads(text)
    assert data["type"] == "FeatureCollection"
    features = data["features"]
    assert len(features) + data["left_out"]["no_coordinates"] == len(views["list"])
    assert counts["incidents"] == len(features)
    for f in features:
        lon, lat = f["geometry"]["coordinates"]
        assert f["geometry"]["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90
        assert f["properties"]["id"] == f["id"] and f["id"] in views["records"]


def graphml_graph(text: str) -> tuple[dict[str, dict[str, str]], set[tuple[str, str, str]]]:
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.fromstring(text)
    names = {k.get("id"): k.get("attr.name") for k in root.findall("g:key", ns)}
    nodes = {n.get("id"): {names[d.get("key")]: d.text or "" for d in n.findall("g:data", ns)}
             for n in root.iter("{http://graphml.graphdrawing.org/xmlns}node")}
    edges = set()
    for e in root.iter("{http://graphml.graphdrawing.org/xmlns}edge"):
        relation = next(d.text or "" for d in e.findall("g:data", ns) if names[d.get("key")] == "relation")
        edges.add((e.get("source") or "", e.get("target") or "", relation))
    return nodes, edges


def test_graphml_holds_the_graph_the_graph_command_draws(db: str, views: dict[str, Any]) -> None:
    text, _ = exported(db, "graphml")
    nodes, edges = graphml_graph(text)
    incidents = {n for n, attrs in nodes.items() if attrs["kind"] == "incident"}
    assert incidents == {"incident:" + s["id"] for s in views["list"]}
    assert all(s in nodes and t in nodes for s, t, _ in edges)
    people = {p["name"] for r in views["records"].values() for p in r["people"]}
    assert people
    for name in sorted(people):
        drawn = run(db, "graph", name, "--depth", "1")
        for e in drawn["edges"]:
            assert (e["source"], e["target"], e["relation"]) in edges, (name, e)


def validate_ftm(entities: list[dict[str, Any]]) -> None:
    """Each entity valid against the FollowTheMoney schema: no property dropped or altered by the schema's
    cleaning (every property exists, every value is valid), required properties present, every entity
    reference pointing to an entity of the export of a schema the property accepts."""
    model = pytest.importorskip("followthemoney").model
    by_id = {e["id"]: e for e in entities}
    assert len(by_id) == len(entities)
    for data in entities:
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.to_dict()["properties"] == data["properties"], data
        schema = proxy.schema
        assert not schema.abstract
        for prop in schema.required:
            assert data["properties"].get(prop), (data["id"], prop)
        for name, values in data["properties"].items():
            prop = schema.get(name)
            if prop.type.name == "entity":
                for value in values:
                    assert value in by_id, (data["id"], name, value)
                    assert model.get(by_id[value]["schema"]).is_a(prop.range), (data["id"], name)


def test_ftm_validates_against_the_followthemoney_schema(db: str) -> None:
    text, counts = exported(db, "ftm")
    entities = [json.loads(line) for line in text.splitlines()]
    assert len(entities) == counts["entities"]
    validate_ftm(entities)
    schemata = {e["schema"] for e in entities}
    assert {"Event", "Article", "Documentation", "Person", "Mention"} <= schemata
    again, _ = exported(db, "ftm")
    assert again == text  # stable ids, stable order


def test_the_cli_writes_a_file_and_refuses_bad_arguments(db: str, tmp_path: Path) -> None:
    out = tmp_path / "incidents.geojson"
    done = CliRunner().invoke(cli, ["--db", db, "export", "--format", "geojson", "--output", str(out)])
    assert done.exit_code == 0, done.output
    assert json.loads(out.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    assert "exported" in done.stderr
    bad = CliRunner().invoke(cli, ["--db", db, "export", "--format", "xlsx"])
    assert bad.exit_code == 2 and bad.stderr.startswith("E150")
    date = CliRunner().invoke(cli, ["--db", db, "export", "--from", "soon", "--format", "json"])
    assert date.exit_code == 2 and json.loads(date.stdout)["error"]["code"] == "E150"
    none = CliRunner().invoke(cli, ["--db", db, "export", "--format", "csv-gtd", "--type", "hijacking"])
    assert none.exit_code == 1 and none.stdout.splitlines()[0].startswith("eventid,")


# --- the founding example with real sanctions lists ---------------------------------------------------------

@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    seed = require_shared("seed", "alekseev.txt")
    lists = [require_shared("data", "sanctions", *p) for p in
             (("us_ofac", "2024-05-03"), ("uk", "ConList_2025-04-14.xlsx"),
              ("eu_opensanctions_transcription", "32018R1542.csv"))]
    path = str(tmp_path_factory.mktemp("exports-seed") / "ledger.db")
    for args in (["ingest", str(seed), "--published", "2026-02-06"], ["lists", "load", *map(str, lists)]):
        done = CliRunner().invoke(cli, ["--db", path, *args])
        assert done.exit_code == 0, done.output
    return path


@pytest.mark.shared
@pytest.mark.slow
def test_seed_geojson_puts_the_attack_in_moscow(seed_db: str) -> None:
    data = json.loads(exported(seed_db, "geojson", date_from="2026-02-06", date_to="2026-02-06")[0])
    moscow = [f for f in data["features"] if f["properties"]["city"] == "Moscow"]
    assert moscow
    lon, lat = moscow[0]["geometry"]["coordinates"]
    assert 37 < lon < 38.5 and 55 < lat < 56.5  # longitude first


@pytest.mark.shared
@pytest.mark.slow
def test_seed_ftm_has_sanction_entities_for_the_general(seed_db: str) -> None:
    pytest.importorskip("followthemoney")
    entities = [json.loads(line) for line in exported(seed_db, "ftm")[0].splitlines()]
    validate_ftm(entities)
    general = next(e for e in entities if e["schema"] == "Person"
                   and "Vladimir Alekseev" in e["properties"]["name"])
    sanctions = [e for e in entities
                 if e["schema"] == "Sanction" and e["properties"]["entity"] == [general["id"]]]
    ledger_id = general["id"].removeprefix("wl-").replace("-", "_")
    screening = run(seed_db, "entity", ledger_id)["entity"]["sanctions"]
    entries = {s["properties"]["recordId"][0] for s in sanctions}
    assert entries == {m["entry_id"] for m in screening["matches"]}
    authorities = " ".join(s["properties"]["authority"][0] for s in sanctions)
    assert "OFAC" in authorities and "UK" in authorities and "EU" in authorities
    set_aside = {m["entry_id"] for m in screening["set_aside"]}
    assert not set_aside & entries


@pytest.mark.shared
@pytest.mark.slow
def test_seed_gtd_row_of_the_attack(seed_db: str) -> None:
    rows = csv_rows(exported(seed_db, "csv-gtd", date_from="2026-02-06")[0])[1]
    attack = next(r for r in rows if r["city"] == "Moscow")
    assert (attack["iyear"], attack["imonth"], attack["iday"]) == ("2026", "2", "6")
    assert attack["nwound"] == "1" and attack["country_txt"] == "Russia"
    assert attack["attacktype1_txt"] == "Assassination" and attack["targtype1_txt"] == "Military"
    assert attack["nkill"] == "0" and attack["success"] == "0"  # an attempt: the general survived
