"""``GET /api/export`` gives the same bytes as ``wireledger export`` for every format and filter."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from wireledger.cli import cli
from wireledger.services.exports import FORMATS
from wireledger.settings import Settings


def cli_export(settings: Settings, *args: str) -> str:
    done = CliRunner().invoke(cli, ["--db", settings.db, "export", *args])
    assert done.exit_code == 0, done.output
    return done.stdout


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_api_export_is_the_command_s(client: TestClient, settings: Settings, reader: dict[str, str],
                                         fmt: str) -> None:
    answer = client.get(f"/api/export?format={fmt}", headers=reader)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith(FORMATS[fmt].media_type)
    assert FORMATS[fmt].extension in answer.headers["content-disposition"]
    body = answer.text
    assert body and body == cli_export(settings, "--format", fmt)


def test_filters_reach_the_export(client: TestClient, settings: Settings, reader: dict[str, str]) -> None:
    everything = client.get("/api/export?format=jsonl", headers=reader).text.splitlines()
    bombings = client.get("/api/export?format=jsonl&type=bombing", headers=reader).text.splitlines()
    assert 0 < len(bombings) < len(everything)
    assert bombings == cli_export(settings, "--format", "jsonl", "--type", "bombing").splitlines()


def test_bad_arguments_are_coded_and_nothing_is_sent(client: TestClient, reader: dict[str, str]) -> None:
    for query in ("format=pdf", "format=json&from=yesterday", "format=json&min_sources=-1"):
        answer = client.get(f"/api/export?{query}", headers=reader)
        assert answer.status_code in (400, 422), query
        assert answer.json()["error"]["code"] == "E150", query


def test_no_token_no_export(client: TestClient) -> None:
    answer = client.get("/api/export?format=json")
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "E170"
