"""Measuring the reader against gold data: the use cases behind ``wireledger eval`` (GVA, MUC-4, wire,
HTML, sanctions). The measures themselves live in ``evaluation/``; interfaces call these functions.

MUC-4 messages and wire reports are read exactly as ``wireledger read`` reads them (``read_paths`` with
the options their scorers name), so that a measure here and the reference scorer run on the output of
``wireledger read`` agree."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..evaluation import gva as gva_eval
from ..evaluation import muc4 as muc_eval
from ..evaluation import wire as wire_eval
from ..ingest import IngestOptions
from ..settings import Settings
from .reading import read_paths

GVA_DEFAULT_DIR = gva_eval.DEFAULT_DIR
GvaRun = gva_eval.GvaRun
MucScore = muc_eval.MucScore
format_gva = gva_eval.format_result
format_muc = muc_eval.format_score
format_wire = wire_eval.format_result


class MissingData(ValueError):
    """The folder or file the measure needs is not where the user said."""


def write_readings(path: str | Path | None, readings: Mapping[str, Mapping[str, Any]]) -> None:
    """Write readings as JSONL (one document per line), so that a run can be scored again later."""
    if not path:
        return
    with open(path, "w", encoding="utf-8") as f:
        for r in readings.values():
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


@dataclass
class ReadRun:
    """What ``wireledger read`` made of some inputs: the readings as JSON objects, the problems."""

    readings: list[dict[str, Any]]
    failures: list[str]
    seconds: float


def read_inputs(settings: Settings, paths: Iterable[str | Path], options: IngestOptions,
                processes: int | None = None, max_docs: int | None = None) -> ReadRun:
    """Read ``paths`` as ``wireledger read`` does (the first ``max_docs`` results when given)."""
    started = time.perf_counter()
    results: Iterable[Any] = read_paths([str(p) for p in paths], options, settings,
                                        processes=processes or settings.processes,
                                        batch_size=settings.batch_size)
    if max_docs:
        results = islice(results, max_docs)
    readings: list[dict[str, Any]] = []
    failures: list[str] = []
    for result in results:
        if isinstance(result, Problem):
            failures.append(str(result))
        else:
            readings.append(result.to_dict())
    return ReadRun(readings, failures, time.perf_counter() - started)


def gva(
    settings: Settings, data_dir: str | Path, *, first: int, offset: int = 0, processes: int | None = None,
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
    """Read MUC-4 messages as ``wireledger read --id-field docid --text-field text`` does and score them;
    with ``gold``, score readings already made (``paths`` are then reading JSONL files). Returns the score,
    the readings by id and the problems of the messages that were not read."""
    _require(paths, gold)
    if gold:
        readings = {
            str((r.get("document") or {}).get("id")): r for r in muc_eval.read_jsonl(map(Path, paths))
        }
        return muc_eval.score(readings, muc_eval.load_gold(map(Path, gold)), lenient_optional), readings, []
    run = read_inputs(settings, paths, muc_eval.MUC_OPTIONS, processes, max_docs)
    records = list(muc_eval.read_jsonl(map(Path, paths)))
    if max_docs:
        records = records[:max_docs]
    answers = {str(r["docid"]): muc_eval.gold_doc(r) for r in records}
    by_id = {str((r.get("document") or {}).get("id")): r for r in run.readings}
    return muc_eval.score(by_id, answers, lenient_optional), by_id, run.failures


@dataclass
class WireRun:
    """The measures of ``score_wire.py`` on some wire reports, with the readings they were taken from."""

    scores: dict[str, Any]
    readings: dict[str, dict[str, Any]]  # by source id, as the scorer joins them
    failures: list[str]
    seconds: float


def wire(
    settings: Settings,
    paths: Sequence[str | Path],
    *,
    gold: Sequence[str | Path] = (),
    processes: int | None = None,
    errors: bool = False,
) -> WireRun:
    """Read hand-coded wire reports (``data/wire/dev.jsonl``) as ``wireledger read`` does and score their
    main incident; with ``gold``, score readings already made (``paths`` are then reading JSONL files)."""
    _require(paths, gold)
    if gold:
        readings = wire_eval.by_source_id(wire_eval.read_jsonl(map(Path, paths)))
        answers = wire_eval.load_gold(map(Path, gold))
        return WireRun(wire_eval.score(readings, answers, errors), readings, [], 0.0)
    run = read_inputs(settings, paths, wire_eval.WIRE_OPTIONS, processes)
    readings = wire_eval.by_source_id(run.readings)
    answers = wire_eval.load_gold(map(Path, paths))
    return WireRun(wire_eval.score(readings, answers, errors), readings, run.failures, run.seconds)


def _require(*groups: Sequence[str | Path]) -> None:
    for group in groups:
        for p in group:
            if not Path(p).exists():
                raise MissingData(f"{p}: no such file")


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
