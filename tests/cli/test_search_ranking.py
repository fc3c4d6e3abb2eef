"""``wireledger search`` ranks sensibly and prints readably, on each engine, over reports we wrote
(tests/fixtures/search): one says "shootings" in its title and three times more; two others match
``shoot*`` once each in passing ("a photo shoot", "a shooter"), in longer texts; one does not match."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from wireledger.cli import cli
from wl_testing import FIXTURES

ARTICLES = sorted((FIXTURES / "search").glob("*.txt"))


def _ingest(db: str) -> None:
    result = CliRunner().invoke(cli, ["--db", db, "ingest", *map(str, ARTICLES), "--no-read"])
    assert result.exit_code == 0, result.output


def test_the_report_that_is_about_it_comes_first(db_url: str) -> None:
    _ingest(db_url)
    out = CliRunner().invoke(cli, ["--db", db_url, "search", "shoot*", "--format", "json"])
    assert out.exit_code == 0, out.output
    hits = json.loads(out.stdout)["hits"]
    titles = [h["title"] for h in hits]
    assert len(hits) == 3 and not any("garden" in t for t in titles)
    assert titles[0].startswith("THREE SHOOTINGS")
    assert [h["rank"] for h in hits] == [1, 2, 3]
    assert hits[0]["relevance"] == 100.0
    assert all(0 < h["relevance"] < 100 for h in hits[1:])  # the passing mentions weigh clearly less
    assert hits[1]["relevance"] < 80
    assert hits[0]["snippet"].count("ONE NIGHT") == 1  # a text that starts with its title: shown once


def test_a_word_in_the_title_outweighs_one_in_the_text(db_url: str) -> None:
    _ingest(db_url)
    out = CliRunner().invoke(cli, ["--db", db_url, "search", "library", "--format", "json"])
    (hit,) = json.loads(out.stdout)["hits"]
    assert hit["title"].startswith("Council approves library")
    both = CliRunner().invoke(cli, ["--db", db_url, "search", "Quarry", "--format", "json"])
    titles = [h["title"] for h in json.loads(both.stdout)["hits"]]
    assert titles[0].startswith("Hearing postponed in Quarry Street")  # in its title, and once in its text


def test_scores_print_as_a_rank_and_a_percentage(db_url: str, tmp_path: Path) -> None:
    _ingest(db_url)
    out = CliRunner().invoke(cli, ["--db", db_url, "search", "shoot*"])
    lines = [x for x in out.stdout.splitlines() if not x.startswith(" " * 8)]
    assert re.match(r"^\s*1\. 100%  doc_\w+  ", lines[0]), lines
    assert not re.search(r"\de-\d", out.stdout)  # no 2e-06
