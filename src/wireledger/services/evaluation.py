"""Measuring the reader against gold data: the use cases behind ``wireledger eval`` (GVA, MUC-4, HTML,
sanctions). The measures themselves live in ``evaluation/``; interfaces call these functions."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..evaluation import gva as gva_eval
from ..evaluation import muc4 as muc_eval
from ..settings import Settings

GVA_DEFAULT_DIR = gva_eval.DEFAULT_DIR
GvaRun = gva_eval.GvaRun
MucScore = muc_eval.MucScore
format_gva = gva_eval.format_result
format_muc = muc_eval.format_score


class MissingData(ValueError):
    """The folder or file the measure needs is not where the user said."""


def write_readings(path: str | Path | None, readings: Mapping[str, Mapping[str, Any]]) -> None:
    """Write readings as JSONL (one document per line), so that a run can be scored again later."""
    if not path:
        return
    with open(path, "w", encoding="utf-8") as f:
        for r in readings.values():
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def gva(
    settings: Settings,
    data_dir: str | Path,
    *,
    first: int,
    offset: int = 0,
    processes: int | None = None,
    null_as_zero: bool = False,
) -> gva_eval.GvaRun:
    data = Path(data_dir)
    if not (data / "articles.jsonl").exists():
        raise MissingData(f"{data}: no articles.jsonl here (give the GVA folder with --data)")
    return gva_eval.run_gva(
        settings,
        data,
        first=first,
        offset=offset,
        processes=processes or settings.processes,
        batch_size=settings.batch_size,
        null_as_zero=null_as_zero,
    )


def muc4(
    settings: Settings,
    paths: Sequence[str | Path],
    *,
    gold: Sequence[str | Path] = (),
    max_docs: int | None = None,
    processes: int | None = None,
    lenient_optional: bool = False,
) -> tuple[muc_eval.MucScore, dict[str, dict[str, Any]], list[str]]:
    """Read MUC-4 messages and score them; with ``gold``, score readings already made (``paths`` are
    then reading JSONL files). Returns the score, the readings by id and the ids that failed."""
    for p in (*paths, *gold):
        if not Path(p).exists():
            raise MissingData(f"{p}: no such file")
    if gold:
        readings = {
            str((r.get("document") or {}).get("id")): r for r in muc_eval.read_jsonl(map(Path, paths))
        }
        return muc_eval.score(readings, muc_eval.load_gold(map(Path, gold)), lenient_optional), readings, []
    run = muc_eval.run_muc4(
        settings,
        [Path(p) for p in paths],
        max_docs=max_docs,
        processes=processes or settings.processes,
        batch_size=settings.batch_size,
        lenient_optional=lenient_optional,
    )
    return run.score, run.readings, run.failures


def html(
    settings: Settings, data_dir: str | Path, *, limit: int | None = None, baseline: bool = False
) -> dict[str, Any]:
    from ..evaluation.html import evaluate_html

    data = Path(data_dir)
    if not (data / "ground-truth.json").exists():
        raise MissingData(f"{data}: no ground-truth.json here (give the folder with --data)")
    return evaluate_html(
        data / "html", data / "ground-truth.json", limit=limit, with_baseline=baseline, settings=settings
    )


def sanctions(shared_dir: str | Path, *, sample: int, articles_limit: int | None = None) -> dict[str, Any]:
    from ..evaluation.sanctions import evaluate

    shared = Path(shared_dir)
    if not (shared / "data" / "sanctions").is_dir():
        raise MissingData(f"{shared}: no data/sanctions here (give the folder with --shared)")
    return evaluate(shared, sample, articles_limit)
