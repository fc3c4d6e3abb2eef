"""Cross-document identity measured on real news: how often a ledger person spans unrelated incidents.

GVA articles (``../shared/data/gva/articles.jsonl``) report US shootings; each carries the id of its
incident. People named in reports of *different* incidents are almost always different people (a victim
in Ohio and a suspect in Texas who share a name), so a ledger person whose members come from reports of
different incidents is a rough measure of false merges. It over-counts the few who really recur (a
police spokesman quoted on two shootings, a politician commenting on both) and says nothing about
missed merges. ``python -m wireledger.evaluation.identity --first 300`` ingests the first articles with
text into a temporary ledger, reading each one, resolves the entities and prints the counts
(``--db`` reuses a ledger already holding them).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Mapping
from itertools import combinations
from pathlib import Path
from typing import Any

from ..ingest import IngestOptions
from ..resolve.identity_members import full_name
from ..resolve.names import parse_person_name, person_name_key
from ..settings import Settings

GVA_OPTIONS = IngestOptions(id_field="doc_id", text_field="content", published_field="dct")


def gold_incidents(path: Path) -> dict[str, set[str]]:
    """GVA source id -> its incident ids (a few texts are filed under two incidents)."""
    out: dict[str, set[str]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                out.setdefault(str(row["doc_id"]), set()).add(str(row["incident_id"]))
    return out


def first_articles(path: Path, first: int, dest: Path) -> int:
    """Copy the first ``first`` articles with text to ``dest`` (JSONL); how many were copied."""
    n = 0
    with path.open(encoding="utf-8") as src, dest.open("w", encoding="utf-8") as out:
        for line in src:
            if n >= first:
                break
            if line.strip() and str(json.loads(line).get("content") or "").strip():
                out.write(line)
                n += 1
    return n


def incident_spread(settings: Settings, gold: Mapping[str, set[str]], examples: int = 0) -> dict[str, Any]:
    """Ledger people (already resolved in ``settings.db``) against the gold incidents of their reports."""
    from ..services.entities import EntityService

    with EntityService(settings) as service:
        sources: dict[str, set[str]] = {}
        for source, doc in service.ledger.documents.source_rows():
            sources.setdefault(doc, set()).update(gold.get(source, ()))
        rows = service.tables.person_members()
    people: dict[str, dict[str, Any]] = {}
    for entity, name, doc, member_name, how in rows:
        p = people.setdefault(entity, {"id": entity, "name": name, "documents": {}, "names": set(),
                                       "members": []})
        p["documents"][doc] = sources.get(doc, set())
        p["names"].add(member_name)
        p["members"].append((doc, member_name, how))
    multi = [p for p in people.values() if len(p["documents"]) > 1]
    spanning = []
    pairs = same = 0
    for p in multi:
        incidents = [s for s in p["documents"].values() if s]
        if incidents and not set.intersection(*incidents):
            spanning.append(p)
        for a, b in combinations(incidents, 2):
            pairs += 1
            same += bool(a & b)
    report: dict[str, Any] = {
        "people": len(people),
        "people_in_several_reports": len(multi),
        "people_across_incidents": len(spanning),
        "false_merge_rate": round(len(spanning) / len(people), 4) if people else 0.0,
        "false_merge_rate_of_merged": round(len(spanning) / len(multi), 4) if multi else 0.0,
        "cross_report_pairs": pairs,
        "pair_precision": round(same / pairs, 4) if pairs else 1.0,
    }
    report.update(_missed_and_partial(people))
    if examples:
        report["examples"] = [
            {"id": p["id"], "name": p["name"], "names": sorted(p["names"]),
             "incidents": sorted({i for s in p["documents"].values() for i in s})}
            for p in spanning[:examples]
        ]
    return report


def _missed_and_partial(people: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Two more checks: full names repeated in several reports of one incident that stayed in several
    entities (missed merges), and members named by a surname alone (or an initial and a surname) that
    joined an entity: are the entity's other reports of the same incident (or the same report)?"""
    named: dict[tuple[str, str], set[tuple[str, str]]] = {}
    partial = right = 0
    for p in people.values():
        incidents_of = p["documents"]
        for doc, name, how in p["members"]:
            parsed = parse_person_name(name)
            if full_name(parsed):
                for incident in incidents_of.get(doc, ()):
                    named.setdefault((incident, person_name_key(parsed)), set()).add((p["id"], doc))
            elif how == "auto":
                partial += 1
                others = [d for d, _, _ in p["members"] if d != doc]
                right += not others or any(incidents_of[doc] & incidents_of[o] for o in others)
    repeated = [v for v in named.values() if len({d for _, d in v}) > 1]
    return {"repeated_full_names": len(repeated),
            "repeated_full_names_split": sum(len({e for e, _ in v}) > 1 for v in repeated),
            "partial_name_joins": partial, "partial_name_joins_right": right}


def gva_false_merges(path: Path, first: int, settings: Settings | None = None, examples: int = 0,
                     db: Path | None = None) -> dict[str, Any]:
    """Ingest (reading each report) the first ``first`` GVA articles with text into a temporary ledger (or
    use ``db`` as it is), resolve the ledger entities, and measure :func:`incident_spread`."""
    from ..services.entities import EntityService
    from ..services.ingestion import ingest
    from ..services.ledger import pipeline_readers

    settings = settings or Settings()
    gold = gold_incidents(path)
    with tempfile.TemporaryDirectory(prefix="wireledger-identity-") as tmp:
        if db is None:
            sample = Path(tmp) / "articles.jsonl"
            first_articles(path, first, sample)
            settings = settings.with_(db=str(Path(tmp) / "ledger.db"))
            read, read_many = pipeline_readers(settings)
            ingest([str(sample)], GVA_OPTIONS, settings, read=read, read_many=read_many)
        else:
            settings = settings.with_(db=str(db))
        with EntityService(settings) as service:
            summary = service.sync(screen=False)
            counts = service.stats()
        report = incident_spread(settings, gold, examples)
    return {"articles": first, "sync": summary.to_dict(), **counts, **report}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--gva", default="../shared/data/gva/articles.jsonl", help="GVA articles.jsonl")
    parser.add_argument("--first", type=int, default=300, help="articles with text to ingest")
    parser.add_argument("--db", default=None, help="a ledger already holding them (read and resolved here)")
    parser.add_argument("--examples", type=int, default=20, help="people across incidents to list")
    args = parser.parse_args(argv)
    report = gva_false_merges(Path(args.gva), args.first, Settings.load(), args.examples,
                              Path(args.db) if args.db else None)
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
