"""The founding example, read end to end: the reference check of ../shared (--group attribution) passes,
and the floors of the attribution issue hold."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from attribution_support import pipeline

from wireledger.ingest.build import DocumentDraft, build_document
from wireledger.model import Reading
from wl_testing import require_shared


@pytest.fixture(scope="module")
def seed_reading() -> Reading:
    path = require_shared("seed", "alekseev.txt")
    draft = DocumentDraft(text=path.read_text(encoding="utf-8"), source_id=str(path), source_format="text",
                          input_name=str(path), published_raw="2026-02-06")
    return pipeline().read(build_document(draft))


def test_reference_check_passes(seed_reading: Reading, tmp_path: Path) -> None:
    checker = require_shared("eval", "check_seed.py")
    out = tmp_path / "reading.json"
    out.write_text(json.dumps(seed_reading.to_dict(), ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(checker), str(out), "--group", "attribution"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_sanction_asserted_by_the_united_states_and_accusation_alleged(seed_reading: Reading) -> None:
    sanction = [c for c in seed_reading.claims if c.predicate == "sanction"]
    assert sanction and all(c.modality == "asserted" for c in sanction)
    assert any(c.attribution[0].name == "United States" for c in sanction)
    cyber = [c for c in seed_reading.claims if "cyber" in c.text]
    assert cyber and all(c.modality == "alleged" and c.attribution[0].name == "United States" for c in cyber)


def test_negative_statements_are_never_facts(seed_reading: Reading) -> None:
    text = seed_reading.document.text
    for words in ("Ukraine has not been linked to the shooting", "has not commented",
                  "remain unclear"):
        start = text.index(words)
        claims = [c for c in seed_reading.claims if c.evidence[0] <= start < c.evidence[1]
                  and c.predicate not in ("killed", "wounded")]
        assert claims, words
        negative = [c for c in claims if any(w in c.text for w in ("link", "comment", "unclear"))]
        assert negative and all(c.modality in ("denied", "unknown") for c in negative), \
            [(c.text, c.modality) for c in claims]


def test_cited_sources_are_linked(seed_reading: Reading) -> None:
    linked = {s.name: s.cited_source for c in seed_reading.claims for s in c.attribution}
    names = [c.name for c in seed_reading.document.cited_sources]
    assert names[linked["SHOT"]] == "SHOT"
    assert names[linked["Russian Investigative Committee"]] == "Russian Investigative Committee"
