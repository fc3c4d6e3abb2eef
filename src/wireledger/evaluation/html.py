"""HTML main-text extraction measured against the article-extraction benchmark's gold article bodies.

The score of a page is the bag-of-words F1 of our Document text against the gold ``articleBody``:
lower-cased ``\\w+`` tokens counted as a multiset. The result is the mean over pages; a page we fail
to read scores 0. ``with_baseline`` also scores trafilatura's default extraction of the same pages.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..ingest import IngestOptions, iter_inputs
from ..model import Document
from ..settings import Settings

_TOKEN = re.compile(r"\w+")


def bag_of_words_f1(predicted: str, gold: str) -> float:
    """F1 of the multisets of lower-cased ``\\w+`` tokens."""
    p, g = Counter(_TOKEN.findall(predicted.lower())), Counter(_TOKEN.findall(gold.lower()))
    if not p and not g:
        return 1.0
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def _page_key(path: Path) -> str:
    name = path.name
    for suffix in (".gz", ".html", ".htm"):
        name = name.removesuffix(suffix)
    return name


def evaluate_html(pages_dir: str | Path, ground_truth_path: str | Path, *, limit: int | None = None,
                  with_baseline: bool = False, settings: Settings | None = None) -> dict[str, Any]:
    """Mean bag-of-words F1 of our extraction over the pages (sorted by name; the first ``limit``).

    Returns ``{"pages", "mean_f1", "failed", "per_page"}`` and, with ``with_baseline``,
    ``"baseline_mean_f1"`` (trafilatura.extract with its default settings).
    """
    gold: dict[str, Any] = json.loads(Path(ground_truth_path).read_text(encoding="utf-8"))
    pages = sorted(p for p in Path(pages_dir).iterdir()
                   if p.name.endswith((".html", ".htm", ".html.gz", ".htm.gz")) and _page_key(p) in gold)
    if limit is not None:
        pages = pages[:limit]
    settings = settings or Settings()
    options = IngestOptions(format="html")
    scores: dict[str, float] = {}
    failed: list[str] = []
    for page in pages:
        key = _page_key(page)
        docs = [d for d in iter_inputs([str(page)], options, settings) if isinstance(d, Document)]
        if not docs:
            failed.append(key)
        scores[key] = bag_of_words_f1(docs[0].text if docs else "", gold[key].get("articleBody") or "")
    result: dict[str, Any] = {
        "pages": len(pages),
        "mean_f1": round(_mean(list(scores.values())), 4),
        "failed": failed,
        "per_page": {k: round(v, 4) for k, v in scores.items()},
    }
    if with_baseline:
        result["baseline_mean_f1"] = round(_mean(_baseline_scores(pages, gold)), 4)
    return result


def _baseline_scores(pages: Sequence[Path], gold: dict[str, Any]) -> list[float]:
    import trafilatura

    scores = []
    for page in pages:
        raw = page.read_bytes()
        if page.name.endswith(".gz"):
            raw = gzip.decompress(raw)
        text = trafilatura.extract(raw) or ""
        scores.append(bag_of_words_f1(text, gold[_page_key(page)].get("articleBody") or ""))
    return scores


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0
