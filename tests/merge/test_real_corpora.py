"""On real reports (../shared/data): order independence on GVA, and the GVC dev floor.

The reports are read once by the real pipeline; the merging then runs into real SQLite ledgers.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from wireledger.errors import Problem
from wireledger.evaluation.clusters import read_gold, score_assignment
from wireledger.ingest import IngestOptions, iter_inputs
from wireledger.merge.merger import IncidentMerger
from wireledger.merge.profile import build_profiles
from wireledger.merge.state import StoredMergeState
from wireledger.model import Document, Reading
from wireledger.nlp.pipeline import Pipeline
from wireledger.settings import Settings
from wireledger.store import open_ledger
from wl_testing import require_shared

GVA_OPTIONS = IngestOptions(id_field="doc_id", text_field="content", published_field="dct")


def first_documents(path: Path, options: IngestOptions, n: int | None) -> list[Document]:
    docs: dict[str, Document] = {}
    for item in iter_inputs([str(path)], options, Settings()):
        if isinstance(item, Problem):
            continue  # lines without text
        docs.setdefault(item.id, item)
        if n is not None and len(docs) == n:
            break
    return list(docs.values())


def read_all(docs: list[Document]) -> list[Reading]:
    readings = [r for r in Pipeline(Settings()).pipe(docs) if isinstance(r, Reading)]
    assert len(readings) == len(docs)
    return readings


def merge_into_ledger(readings: list[Reading], db: Path) -> dict[str, str]:
    """document id -> incident of its primary event, merging in the given order."""
    ledger = open_ledger(Settings(db=str(db)))
    try:
        state = StoredMergeState(ledger.incidents)
        merger = IncidentMerger(state)
        for r in readings:
            merger.add_reading(r)
        primaries = [p.key for r in readings for p in build_profiles(r) if p.primary]
        return {key.split("#")[0]: inc for key, inc in state.incidents_of(primaries).items()}
    finally:
        ledger.close()


def as_partition(assignment: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for doc, inc in assignment.items():
        groups.setdefault(inc, set()).add(doc)
    return {frozenset(g) for g in groups.values()}


@pytest.mark.slow
def test_three_orders_of_the_first_300_gva_articles_give_the_same_incidents(tmp_path: Path) -> None:
    path = require_shared("data", "gva", "articles.jsonl")
    readings = read_all(first_documents(path, GVA_OPTIONS, 300))
    partitions = []
    for seed in range(3):
        order = list(readings)
        random.Random(seed).shuffle(order)
        partitions.append(as_partition(merge_into_ledger(order, tmp_path / f"order{seed}.db")))
    assert partitions[0] == partitions[1] == partitions[2]
    assert 100 < len(partitions[0]) < 300  # reports did merge, and not into a few lumps


@pytest.mark.slow
def test_gvc_dev_clusters_above_the_floor(tmp_path: Path) -> None:
    path = require_shared("data", "gvc", "dev.jsonl")
    options = IngestOptions(id_field="doc_id", text_field="content", published_field="dct")
    docs = first_documents(path, options, None)
    readings = read_all(docs)
    assignment = merge_into_ledger(readings, tmp_path / "gvc.db")
    predicted = {sid: assignment[d.id] for d in docs for sid in d.source_ids}
    scores = score_assignment(predicted, read_gold(path, "incident_id", "doc_id"))
    assert scores.bcubed.f1 >= 0.95, scores.lines()
