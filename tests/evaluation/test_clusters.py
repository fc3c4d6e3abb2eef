"""Our cluster scores agree with the reference scorer (../shared/eval/score_clusters.py)."""

from __future__ import annotations

import importlib.util
import json
import random
from pathlib import Path
from types import ModuleType

from wireledger.evaluation.clusters import read_gold, score_assignment
from wl_testing import require_shared


def _reference() -> ModuleType:
    path = require_shared("eval", "score_clusters.py")
    spec = importlib.util.spec_from_file_location("score_clusters_reference", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_scores_agree_with_the_reference_on_noisy_predictions(tmp_path: Path) -> None:
    ref = _reference()
    gold_path = require_shared("data", "gvc", "dev.jsonl")
    gold = read_gold(gold_path, "incident_id", "doc_id")
    lines = gold_path.read_text(encoding="utf-8").splitlines()
    gold_rows = [json.loads(line) for line in lines if line.strip()]
    rng = random.Random(11)
    docs = sorted(gold)
    for trial in range(4):
        predicted = {}
        for d in docs:
            if rng.random() < 0.1:
                continue  # unpredicted: a singleton for both scorers
            predicted[d] = gold[d] if rng.random() < 0.7 else f"noise{rng.randint(0, 5)}"
        predicted["not-in-gold"] = "x"
        ours = score_assignment(predicted, gold).to_dict()
        pred_rows = [{"doc_id": d, "incident": i} for d, i in predicted.items()]
        theirs = ref.score(pred_rows, gold_rows, "incident_id", "doc_id")
        for metric in ("B3", "MUC", "pairwise"):
            for k in ("P", "R", "F1"):
                assert abs(ours[metric][k] - theirs[metric][k]) < 1e-12, (trial, metric, k)
        assert ours["pred_clusters"] == theirs["pred_clusters"]
        assert ours["gold_docs_without_prediction"] == theirs["gold_docs_without_prediction"]


def test_perfect_and_empty_predictions() -> None:
    gold = {"a": "1", "b": "1", "c": "2"}
    assert score_assignment(gold, gold).bcubed.f1 == 1.0
    empty = score_assignment({}, gold)
    assert empty.bcubed.p == 1.0 and empty.muc.f1 == 0.0 and empty.pairwise.f1 == 0.0
