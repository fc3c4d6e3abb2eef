"""Scoring a document-to-incident assignment against gold clusters: B-cubed, MUC and pairwise.

The definitions follow ``../shared/eval/score_clusters.py`` (the reference; a test checks that both give
the same numbers): only documents in the gold count; a gold document without a prediction is a cluster of
its own; a predicted document that is not in the gold is ignored. When an id appears on several gold
lines the last one counts, as in the reference.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class PRF:
    p: float
    r: float

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def to_dict(self) -> dict[str, float]:
        return {"P": self.p, "R": self.r, "F1": self.f1}


@dataclass(frozen=True)
class ClusterScores:
    docs: int
    gold_clusters: int
    pred_clusters: int
    unpredicted: int
    bcubed: PRF
    muc: PRF
    pairwise: PRF

    def to_dict(self) -> dict[str, Any]:
        return {"docs": self.docs, "gold_clusters": self.gold_clusters, "pred_clusters": self.pred_clusters,
                "gold_docs_without_prediction": self.unpredicted, "B3": self.bcubed.to_dict(),
                "MUC": self.muc.to_dict(), "pairwise": self.pairwise.to_dict()}

    def lines(self) -> list[str]:
        out = [f"{self.docs} gold docs in {self.gold_clusters} gold clusters; {self.pred_clusters} predicted "
               f"clusters; {self.unpredicted} docs unpredicted"]
        for name, m in (("MUC", self.muc), ("pairwise", self.pairwise), ("B3", self.bcubed)):
            out.append(f"  {name:<8} P {m.p:.3f}  R {m.r:.3f}  F1 {m.f1:.3f}")
        out.append(f"B3 F1 = {self.bcubed.f1:.3f}")
        return out


def _clusters(assign: Mapping[str, Any]) -> dict[Any, set[str]]:
    out: dict[Any, set[str]] = defaultdict(set)
    for doc, label in assign.items():
        out[label].add(doc)
    return out


def _bcubed(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> PRF:
    pc, gc = _clusters(pred), _clusters(gold)
    p = r = 0.0
    for d in gold:
        a, b = pc[pred[d]], gc[gold[d]]
        inter = len(a & b)
        p += inter / len(a)
        r += inter / len(b)
    n = len(gold)
    return PRF(p / n, r / n) if n else PRF(0.0, 0.0)


def _muc_recall(key: Mapping[str, Any], response: Mapping[str, Any]) -> float:
    num = den = 0
    for members in _clusters(key).values():
        num += len(members) - len({response[d] for d in members})
        den += len(members) - 1
    return num / den if den else 0.0


def _pairs(assign: Mapping[str, Any]) -> set[frozenset[str]]:
    return {frozenset(p) for members in _clusters(assign).values() for p in combinations(sorted(members), 2)}


def score_assignment(predicted: Mapping[str, str], gold: Mapping[str, str]) -> ClusterScores:
    """Score ``{doc id: incident}`` against ``{doc id: gold cluster}``."""
    g = {d: ("g", c) for d, c in gold.items()}
    p = {d: ("p", predicted[d]) if d in predicted else ("singleton", d) for d in g}
    pp, gp = _pairs(p), _pairs(g)
    pair = PRF(len(pp & gp) / len(pp) if pp else 0.0, len(pp & gp) / len(gp) if gp else 0.0)
    return ClusterScores(
        docs=len(g), gold_clusters=len(set(g.values())), pred_clusters=len(set(p.values())),
        unpredicted=sum(d not in predicted for d in g), bcubed=_bcubed(p, g),
        muc=PRF(_muc_recall(p, g), _muc_recall(g, p)), pairwise=pair,
    )


def read_gold(path: str | Path, gold_field: str, id_field: str,
              keep: Iterable[tuple[str, set[str]]] = ()) -> dict[str, str]:
    """``{doc id: gold cluster}`` from a JSONL file; ``keep`` limits it to lines whose field is in a set."""
    gold: dict[str, str] = {}
    filters = list(keep)
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            if any(str(row.get(f)) not in allowed for f, allowed in filters):
                continue
            if row.get(id_field) is None or row.get(gold_field) is None:
                continue
            gold[str(row[id_field])] = str(row[gold_field])
    return gold
