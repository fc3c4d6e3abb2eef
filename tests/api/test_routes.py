"""The routes through the real app on a real ledger: the same answers as the CLI, uploads that go through
the whole ingest (reading, incidents, entities), pagination, and one error body everywhere."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from wireledger.api import create_app
from wireledger.cli import cli
from wireledger.settings import Settings
from wl_testing import FIXTURES

Tokens = Callable[[Settings, str], dict[str, str]]  # the tokens fixture of conftest.py
PAGING = {"limit", "offset", "total", "schema_version"}


def cli_json(settings: Settings, *args: str) -> dict[str, Any]:
    done = CliRunner().invoke(cli, ["--db", settings.db, *args, "--format", "json"])
    assert done.exit_code in (0, 1), done.output
    data: dict[str, Any] = json.loads(done.stdout)
    data.pop("command")
    return data


def api_json(client: TestClient, headers: dict[str, str], path: str) -> dict[str, Any]:
    response = client.get(path, headers=headers)
    assert response.status_code == 200, response.text
    return {k: v for k, v in response.json().items() if k not in PAGING - {"schema_version"}}


def test_cli_and_api_give_the_same_incidents_and_entities(client: TestClient, settings: Settings,
                                                          reader: dict[str, str]) -> None:
    incidents = cli_json(settings, "incidents")
    assert len(incidents["incidents"]) >= 3
    assert api_json(client, reader, "/api/incidents?limit=1000") == incidents
    bombings = cli_json(settings, "incidents", "--type", "bombing")
    assert api_json(client, reader, "/api/incidents?type=bombing") == bombings
    entities = cli_json(settings, "entities")
    assert entities["entities"]
    assert api_json(client, reader, "/api/entities?limit=1000") == entities
    for row in incidents["incidents"][:3]:
        assert api_json(client, reader, f"/api/incidents/{row['id']}") == cli_json(settings, "incident",
                                                                                   row["id"])
    for row in entities["entities"][:3]:
        one = cli_json(settings, "entity", row["id"])
        assert api_json(client, reader, f"/api/entities/{row['id']}") == one
    counts = cli_json(settings, "stats")
    del counts["stats"]["location"]  # where the ledger is: the CLI's user knows, an API reader is not told
    assert api_json(client, reader, "/api/stats") == counts
    assert api_json(client, reader, "/api/search?q=bomb") == cli_json(settings, "search", "bomb")
    assert api_json(client, reader, "/api/timeline?place=Quetta") == cli_json(settings, "timeline", "--place",
                                                                               "Quetta")
    assert api_json(client, reader, "/api/sources") == cli_json(settings, "sources")


def test_an_incident_shows_its_facts_with_sources(client: TestClient, reader: dict[str, str]) -> None:
    bombing = client.get("/api/incidents?type=bombing", headers=reader).json()["incidents"][0]
    page = client.get(f"/api/incidents/{bombing['id']}", headers=reader).json()
    incident = page["incident"]
    assert incident["id"] == bombing["id"] and page["redirects"] == []
    assert incident["documents"] and incident["fields"]
    supported = [v for view in incident["fields"].values() for v in view["values"] if v["documents"]]
    assert supported, "every fact carries the documents that support it"


def test_pages(client: TestClient, reader: dict[str, str]) -> None:
    everything = client.get("/api/incidents?limit=1000", headers=reader).json()
    first = client.get("/api/incidents?limit=2", headers=reader).json()
    second = client.get("/api/incidents?limit=2&offset=2", headers=reader).json()
    assert first["total"] == second["total"] == len(everything["incidents"])
    assert first["incidents"] + second["incidents"] == everything["incidents"][:4]
    docs = client.get("/api/documents?limit=1&offset=1", headers=reader).json()
    assert docs["documents"][0] == client.get("/api/documents", headers=reader).json()["documents"][1]


def test_a_document_its_text_and_reading(client: TestClient, reader: dict[str, str]) -> None:
    listed = client.get("/api/documents", headers=reader).json()["documents"][0]
    view = client.get(f"/api/documents/{listed['id']}", headers=reader).json()
    assert view["document"]["id"] == listed["id"] and view["document"]["text"]
    reading = client.get(f"/api/documents/{listed['id']}/reading", headers=reader).json()
    assert reading["document"] == listed["id"] and "entities" in reading["reading"]
    # by a source id too, never by a file of the server
    source = listed["source_ids"][0]
    assert client.get("/api/documents/" + source.rsplit("/", 1)[-1], headers=reader).status_code == 404


@pytest.mark.parametrize("path,status,code,where", [
    ("/api/incidents/inc_nope", 404, "E100", "inc_nope"),
    ("/api/entities/ent_nope", 404, "E100", "ent_nope"),
    ("/api/documents/doc_nope", 404, "E151", "doc_nope"),
    ("/api/incidents?from=yesterday", 422, "E150", "from"),
    ("/api/incidents?limit=0", 422, "E150", "limit"),
    ("/api/graph", 422, "E150", "name"),
    ("/api/timeline", 400, "E150", "timeline"),
    ("/api/no/such/route", 404, "E100", "/api/no/such/route"),
])
def test_one_error_body(client: TestClient, reader: dict[str, str], path: str, status: int, code: str,
                        where: str) -> None:
    response = client.get(path, headers=reader)
    assert response.status_code == status, response.text
    body = response.json()
    assert list(body) == ["error"]
    error = body["error"]
    assert error["code"] == code and error["input"] == where and error["cause"]
    assert error["message"].startswith(f"{code} {where}: ")


def test_the_spec_names_every_route_and_its_models(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/incidents", "/api/incidents/{incident_id}", "/api/documents", "/api/documents/text",
                 "/api/entities", "/api/entities/{entity_id}", "/api/search", "/api/timeline", "/api/graph",
                 "/api/claims", "/api/sources", "/api/screen", "/api/stats", "/api/lists",
                 "/api/entities/merge", "/api/entities/{entity_id}/split", "/api/documents/{key}/retract"):
        assert path in paths, path
    listed = paths["/api/incidents"]["get"]["responses"]
    assert listed["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/IncidentList")
    assert listed["401"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
    assert {p["name"] for p in paths["/api/incidents"]["get"]["parameters"]} >= {
        "place", "from", "to", "type", "min_sources", "background", "limit", "offset"}


def test_an_editor_uploads_and_the_report_is_in_its_incident(own_settings: Settings, tokens: Tokens) -> None:
    editor = tokens(own_settings, "editor")
    article = FIXTURES / "articles" / "stabbing_market.txt"
    with TestClient(create_app(own_settings)) as client:
        before = client.get("/api/incidents?limit=1000", headers=editor).json()
        with article.open("rb") as handle:
            done = client.post("/api/documents", headers=editor, files={"file": (article.name, handle)})
        assert done.status_code == 200, done.text
        summary = done.json()
        assert summary["stored"] == 1 and summary["readings"] == 1
        doc = summary["documents"][0]
        assert doc["source_ids"] == [f"upload:{article.name}"]
        after = client.get("/api/incidents?limit=1000", headers=editor).json()
        assert after["total"] > before["total"]
        new = {i["id"] for i in after["incidents"]} - {i["id"] for i in before["incidents"]}
        pages = [client.get(f"/api/incidents/{i}", headers=editor).json()["incident"] for i in new]
        assert any(doc["id"] in [d["document"] for d in p["documents"]] for p in pages)
        # the CLI sees the same ledger
        assert cli_json(own_settings, "incidents")["incidents"] == after["incidents"]
        again = client.post("/api/documents/text", headers=editor,
                            json={"text": article.read_text(encoding="utf-8"), "name": "again.txt"}).json()
        assert again["stored"] == 0 and again["duplicates"] == 1


def test_an_editor_retracts_a_report(own_settings: Settings, tokens: Tokens) -> None:
    editor = tokens(own_settings, "editor")
    with TestClient(create_app(own_settings)) as client:
        bombing = client.get("/api/incidents?type=bombing", headers=editor).json()["incidents"][0]
        page = client.get(f"/api/incidents/{bombing['id']}", headers=editor).json()["incident"]
        report = page["documents"][0]["document"]
        done = client.post(f"/api/documents/{report}/retract", headers=editor, json={"note": "a hoax"})
        assert done.status_code == 200, done.text
        docs = client.get("/api/documents?include_retracted=true", headers=editor).json()["documents"]
        retracted = [d["retracted"] for d in docs if d["id"] == report]
        assert retracted and retracted[0]["note"] == "a hoax" and retracted[0]["by"].startswith("token:")
        listed = client.get("/api/documents", headers=editor).json()["documents"]
        assert report not in [d["id"] for d in listed]


def test_a_search_with_a_nul_character_is_an_answer(client: TestClient, reader: dict[str, str]) -> None:
    # schemathesis found this one: a NUL in the query ended FTS5's quoted string (a 500)
    response = client.get("/api/search", params={"q": "bomb\x00"}, headers=reader)
    assert response.status_code == 200, response.text
    assert response.json()["hits"] == client.get("/api/search?q=bomb", headers=reader).json()["hits"]


def test_an_upload_nothing_can_be_read_from_is_its_coded_problem(own_settings: Settings,
                                                                 tokens: Tokens) -> None:
    editor = tokens(own_settings, "editor")
    with TestClient(create_app(own_settings)) as client:
        before = client.get("/api/stats", headers=editor).json()["stats"]["documents"]
        pdf_file = {"file": ("report.pdf", b"%PDF-1.7\n%\xe2\xe3")}
        pdf = client.post("/api/documents", headers=editor, files=pdf_file)
        assert pdf.status_code == 400 and pdf.json()["error"]["code"] == "E102"
        assert pdf.json()["error"]["input"] == "upload:report.pdf"
        empty = client.post("/api/documents", headers=editor, files={"file": ("empty.txt", b"")})
        assert empty.status_code == 400 and empty.json()["error"]["code"] == "E101"
        assert client.get("/api/stats", headers=editor).json()["stats"]["documents"] == before


def test_an_admin_loads_a_list_and_a_reader_screens_as_the_cli_does(own_settings: Settings,
                                                                     tokens: Tokens) -> None:
    admin, reader = tokens(own_settings, "admin"), tokens(own_settings, "reader")
    folder = FIXTURES / "sanctions" / "ofac_2025-03-01"
    files = [("files", (p.name, p.read_bytes())) for p in sorted(folder.iterdir())]
    with TestClient(create_app(own_settings)) as client:
        loaded = client.post("/api/lists", headers=admin, files=files, data={"as_of": "2026-03-01"})
        assert loaded.status_code == 200, loaded.text
        assert [r["list_id"] for r in loaded.json()["loaded"]] == ["us_ofac_sdn"]
        lists = api_json(client, reader, "/api/lists")
        assert lists == cli_json(own_settings, "lists", "show")
        query = "/api/screen?name=Timur+Khazarov&affiliation=GRU&rank=Lieutenant+General"
        screened = api_json(client, reader, query)
        assert screened["matches"]
        assert screened == cli_json(own_settings, "screen", "Timur Khazarov", "--affiliation", "GRU",
                                    "--rank", "Lieutenant General")


def test_an_editor_merges_and_splits_entities(own_settings: Settings, tokens: Tokens) -> None:
    editor = tokens(own_settings, "editor")
    with TestClient(create_app(own_settings)) as client:
        people = client.get("/api/entities?type=person", headers=editor).json()["entities"]
        keep, other = people[0]["id"], people[1]["id"]
        merged = client.post("/api/entities/merge", headers=editor,
                             json={"ids": [keep, other], "note": "one person"})
        assert merged.status_code == 200, merged.text
        assert merged.json()["into"] == keep and merged.json()["by"].startswith("token:")
        followed = client.get(f"/api/entities/{other}", headers=editor).json()
        assert followed["entity"]["id"] == keep and followed["redirects"][0]["from"] == other
        document = followed["entity"]["documents"][-1]["document"]
        split = client.post(f"/api/entities/{keep}/split", headers=editor, json={"document": document})
        assert split.status_code == 200, split.text
        assert split.json()["from"] == keep and split.json()["members"]


def test_only_an_admin_is_told_where_the_ledger_is(own_settings: Settings, tokens: Tokens) -> None:
    """The ledger's file path (or server address) is the server's business: ``/api/stats`` gives it as
    ``location`` to admins only, and an upload's answer gives it as ``db`` to admins only."""
    where = cli_json(own_settings, "stats")["stats"]["location"]
    assert where and own_settings.db in where
    text = {"text": "A man was stabbed in Exampletown on Monday, police said.", "name": "where.txt"}
    with TestClient(create_app(own_settings)) as client:
        for role in ("reader", "editor", "admin"):
            headers = tokens(own_settings, role)
            counts = client.get("/api/stats", headers=headers).json()["stats"]
            assert counts["documents"] >= 1
            assert ("location" in counts) == (role == "admin"), role
            if role == "admin":
                assert counts["location"] == where
            if role != "reader":
                done = client.post("/api/documents/text", headers=headers, json=text)
                assert done.status_code == 200, done.text
                assert ("db" in done.json()) == (role == "admin"), role
                assert where not in done.text or role == "admin"
                text = {**text, "name": "where-again.txt"}
