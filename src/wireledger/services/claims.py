"""Claims and sources: who says what about whom, how often, how firmly (``wireledger claims``, ``sources``).

Both work on readings as plain dicts (``Reading.to_dict()``), either read now from input paths (nothing is
stored) or taken from the ledger's stored readings. And the attribution evaluations
(``wireledger eval attribution``): source precision and recall on our fixtures, and the attribution of
casualty counts on GVA articles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem, UsageError, WireledgerError
from ..evaluation.attribution import (
    AttributionScores,
    count_attribution,
    evaluate_fixtures,
    gva_documents,
    load_fixtures,
)
from ..ingest import IngestOptions
from ..model import Document, Reading
from ..nlp.attribution_sources import names_match, norm_name
from ..nlp.pipeline import Pipeline
from ..settings import Settings
from ..store import open_store
from .reading import read_paths

DEFAULT_FIXTURES = Path("tests") / "fixtures" / "attribution"
MAX_EXAMPLES = 3


def _dicts(results: Iterable[Reading | Problem], problems: list[Problem]) -> Iterator[dict[str, Any]]:
    for r in results:
        if isinstance(r, Reading):
            yield r.to_dict()
        else:
            problems.append(r)


def stored_readings(settings: Settings, document: str | None = None,
                    include_retracted: bool = False) -> Iterator[dict[str, Any]]:
    """The ledger's stored readings (of one document, by content id or source id, when given); those of
    retracted reports only with ``include_retracted``, marked with their retraction."""
    ledger = open_store(settings, create=False)
    try:
        retracted = ledger.retractions() if include_retracted else {}
        for doc in ledger.documents(include_retracted=include_retracted):
            if document is not None and document not in (doc.id, doc.source_id, *doc.source_ids):
                continue
            data = ledger.get_reading(doc.id)
            if data is not None:
                if doc.id in retracted:
                    data["retracted"] = retracted[doc.id]
                yield data
    finally:
        ledger.close()


@dataclass
class ClaimSet:
    """Readings to look at, and the problems met while reading them."""

    readings: list[dict[str, Any]]
    problems: list[Problem] = field(default_factory=list)


def gather(settings: Settings, paths: Sequence[str] = (), options: IngestOptions | None = None,
           document: str | None = None, include_retracted: bool = False) -> ClaimSet:
    """Readings of ``paths`` read now, or the stored ones when no path is given."""
    problems: list[Problem] = []
    if paths:
        readings = list(_dicts(read_paths(list(paths), options or IngestOptions(), settings), problems))
        if document is not None:
            readings = [r for r in readings
                        if document in (r["document"].get(k) for k in ("id", "content_id", "source_id"))]
    else:
        readings = list(stored_readings(settings, document, include_retracted))
    return ClaimSet(readings, problems)


def _entity_ids(reading: dict[str, Any], name: str) -> set[str]:
    out: set[str] = set()
    for ent in reading.get("entities") or []:
        names = [ent.get("name") or "", *list(ent.get("aliases") or [])]
        if any(names_match(name, n) for n in names if n):
            out.add(ent["id"])
    return out


def claims_about(name: str, readings: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every claim whose subject, object or entity is ``name`` (or an entity of that name), with its
    document, its chain (origin first) and its modality; also the claims of events ``name`` takes part in."""
    if not norm_name(name):
        raise UsageError("--about needs a name", input="claims")
    out: list[dict[str, Any]] = []
    for r in readings:
        ids = _entity_ids(r, name)
        events = {e["id"] for e in r.get("events") or []
                  if any(p.get("entity") in ids or names_match(name, p.get("name") or "")
                         for p in e.get("participants") or [])}
        doc = r.get("document") or {}
        for c in r.get("claims") or []:
            about = (c.get("entity") in ids or c.get("event") in events
                     or any(names_match(name, x) for x in (c.get("subject"), c.get("object")) if x))
            if not about:
                continue
            out.append({"document": doc.get("id"), "title": doc.get("title"), "claim": c["id"],
                        "text": c.get("text"), "subject": c.get("subject"), "predicate": c.get("predicate"),
                        "object": c.get("object"), "modality": c.get("modality"),
                        "polarity": c.get("polarity"), "attribution": list(c.get("attribution") or []),
                        "evidence": c.get("evidence"), "event": c.get("event"),
                        **({"retracted": r["retracted"]} if r.get("retracted") else {})})
    return out


def source_table(readings: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Which source says what, how often and how firmly: one row per source named in any chain."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for r in readings:
        doc_id = (r.get("document") or {}).get("id")
        for c in r.get("claims") or []:
            detail = (c.get("attribution_detail")
                      or [{"name": n, "type": "other"} for n in c.get("attribution") or []])
            for pos, src in enumerate(detail):
                key = (norm_name(src.get("name") or ""), src.get("type") or "other")
                row = rows.setdefault(key, {"source": src.get("name"), "type": key[1], "claims": 0,
                                            "documents": set(), "as_origin": 0, "as_relay": 0,
                                            "modality": Counter(), "cited_in_sources_line": False,
                                            "examples": []})
                row["claims"] += 1
                row["documents"].add(doc_id)
                if pos == 0:
                    row["as_origin"] += 1
                else:
                    row["as_relay"] += 1
                row["modality"][c.get("modality")] += 1
                if src.get("cited_source") is not None:
                    row["cited_in_sources_line"] = True
                if len(row["examples"]) < MAX_EXAMPLES and c.get("text") not in row["examples"]:
                    row["examples"].append(c.get("text"))
    out = []
    for row in rows.values():
        row["documents"] = len(row["documents"])
        row["modality"] = dict(row["modality"].most_common())
        out.append(row)
    return sorted(out, key=lambda x: (-x["claims"], x["source"] or ""))


def evaluate_attribution(fixtures: str | Path | None = None, settings: Settings | None = None,
                         pipeline: Pipeline | None = None) -> AttributionScores:
    """Source precision/recall, chain, modality and type accuracy on the attribution fixtures."""
    folder = Path(fixtures) if fixtures is not None else DEFAULT_FIXTURES
    if not folder.is_dir():
        raise UsageError(f"no attribution fixtures at {folder}; give the folder (tests/fixtures/attribution "
                         "in a checkout)", input=str(folder))
    try:
        items = load_fixtures(folder)
    except ValueError as exc:
        raise WireledgerError("E150", str(folder), str(exc)) from None
    pipeline = pipeline or Pipeline(settings or Settings.load())
    return evaluate_fixtures(items, pipeline.read)


def evaluate_gva_counts(articles: str | Path, first: int = 300, settings: Settings | None = None,
                        pipeline: Pipeline | None = None) -> dict[str, Any]:
    """On the first ``first`` GVA articles with text: every killed/wounded count's claim, chain and
    modality; the share from a source the text names and the share that is the outlet's own."""
    path = Path(articles)
    if not path.is_file():
        raise UsageError(f"GVA articles not found at {path}", input=str(path))
    settings = settings or Settings.load()
    pipeline = pipeline or Pipeline(settings)
    docs: list[Document] = list(gva_documents(path, first))
    readings = [r for r in pipeline.pipe(docs, processes=settings.processes, batch_size=settings.batch_size)
                if isinstance(r, Reading)]
    result = count_attribution(readings)
    result["failed"] = len(docs) - len(readings)
    return result
