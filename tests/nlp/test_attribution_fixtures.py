"""Our attribution fixtures: each is well formed, and source precision and recall over all of them stay
at or above the floor pinned in docs/quality.md (0.90 each)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from attribution_support import pipeline

from wireledger.evaluation.attribution import evaluate_fixtures, lint_fixture, load_fixtures

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "attribution"
FLOOR = 0.90


def test_at_least_25_fixtures_covering_the_required_cases() -> None:
    fixtures = load_fixtures(FIXTURES)
    assert len(fixtures) >= 25
    covered = {c for f in fixtures for c in f.covers}
    for needed in ("nested chain depth three", "direct quote", "indirect quote", "anonymous source", "denial",
                   "hedge", "closing Sources line", "reported speech spanning two sentences"):
        assert needed in covered, needed
    assert any(len(e.chain) >= 3 for f in fixtures for e in f.expect)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.yaml")), ids=lambda p: p.stem)
def test_fixture_is_well_formed(path: Path) -> None:
    assert lint_fixture(yaml.safe_load(path.read_text(encoding="utf-8"))) == []


def test_source_precision_and_recall_floor() -> None:
    scores = evaluate_fixtures(load_fixtures(FIXTURES), pipeline().read)
    misses = [m for f in scores.fixtures for m in f.misses]
    assert scores.source_precision >= FLOOR, misses
    assert scores.source_recall >= FLOOR, misses
    assert scores.chain_accuracy >= FLOOR, misses
    assert scores.modality_accuracy >= FLOOR, misses
