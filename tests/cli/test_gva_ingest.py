"""The foundation floor on real data: ingest all GVA articles, then again (documents only, no reading)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from wireledger.ingest.jsonl import record_document
from wireledger.ingest.options import IngestOptions

WIRELEDGER = str(Path(sys.executable).with_name("wireledger"))
FIELDS = ["--id-field", "doc_id", "--text-field", "content", "--published-field", "dct"]


def test_gva_articles_twice(tmp_path: Path, shared: Path) -> None:
    articles = shared / "data" / "gva" / "articles.jsonl"  # ``shared`` skips (or fails in CI) without it
    db = tmp_path / "gva.db"
    command = [WIRELEDGER, "--db", str(db), "ingest", str(articles), *FIELDS, "--no-read", "--format", "json"]

    first = subprocess.run(command, capture_output=True, text=True, timeout=900)
    summary = json.loads(first.stdout)
    lines = [json.loads(line) for line in articles.read_text(encoding="utf-8").splitlines()]
    with_text = [r for r in lines if r["content"].strip()]
    empty = len(lines) - len(with_text)
    assert first.returncode == 1  # the empty ones are skipped
    assert summary["read"] == len(with_text)
    assert summary["skipped"] == empty and {p["code"] for p in summary["problems"]} == {"E112"}
    assert "ingest" in first.stderr  # the progress bar

    con = sqlite3.connect(db)
    holder = dict(con.execute("SELECT source_id, document_id FROM source_ids").fetchall())
    ids_by_content: dict[str, set[str]] = defaultdict(set)
    options = IngestOptions(id_field="doc_id", text_field="content", published_field="dct")
    for n, r in enumerate(with_text):  # the text as stored: the headline (title field), then the content
        ids_by_content[record_document(r, "gva", n, "gva", options, None).id].add(r["doc_id"])
    assert set(holder) == {r["doc_id"] for r in with_text}  # every article with text is stored
    shared = [ids for ids in ids_by_content.values() if len(ids) > 1]
    assert shared, "GVA has texts under two ids"
    for ids in shared:  # ...stored once, with every id that brought it
        assert len({holder[i] for i in ids}) == 1
    n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert n_docs == len(ids_by_content) == summary["stored"] + summary["near_duplicates"]
    con.close()

    second = subprocess.run(command, capture_output=True, text=True, timeout=900)
    again = json.loads(second.stdout)
    assert second.returncode == 0
    added = (again["stored"], again["near_duplicates"], again["sources_added"], again["skipped_new"])
    assert added == (0, 0, 0, 0)
    assert again["duplicates"] == len(with_text)
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == n_docs
    con.close()
