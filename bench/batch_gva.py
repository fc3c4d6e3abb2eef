"""The Spark batch against the in-process pipeline on the first N GVA articles: time and equality.

    SPARK_LOCAL_IP=127.0.0.1 .venv/bin/python bench/batch_gva.py [--n 200] [--master local[2]]
        [--partitions P] [--gva ../shared/data/gva/articles.jsonl] [--work DIR]

Copies the first N lines of the GVA articles into a scratch folder (deleted afterwards unless --work is
given), runs ``wireledger batch`` on them (Spark, ``--master``), then reads the same file in this process
with ``Pipeline.pipe`` (one process), and compares, document by document, the whole reading JSON and the
events' types, dates, places, counts and participants (the JSON without ``document.ingested_at``, the
moment each document was built). Prints both wall times. Numbers go to
docs/scale.md.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from wireledger.evaluation.gva import GVA_OPTIONS
from wireledger.ingest import iter_inputs
from wireledger.model import Document, Reading
from wireledger.nlp.pipeline import Pipeline
from wireledger.services.batch import run_batch
from wireledger.settings import Settings

SHARED_GVA = Path(__file__).resolve().parents[2] / "shared" / "data" / "gva" / "articles.jsonl"


def event_facts(reading: dict[str, Any]) -> list[tuple[Any, ...]]:
    """What the issue asks to be equal: every event's type, date, place, counts and participants."""
    out = []
    for e in reading.get("events") or []:
        loc = e.get("location") or {}
        out.append((e["type"], e.get("background"), (e.get("date") or {}).get("value"),
                    tuple(loc.get(k) for k in ("name", "detail", "city", "region", "country")),
                    e.get("killed"), e.get("wounded"),
                    tuple((p["name"], p["role"]) for p in e.get("participants") or [])))
    return out


def comparable(reading: dict[str, Any]) -> dict[str, Any]:
    """The reading as JSON gives it back, without the moment its document was built from the line."""
    data: dict[str, Any] = json.loads(json.dumps(reading))
    data["document"].pop("ingested_at", None)
    return data


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--partitions", type=int, default=None)
    ap.add_argument("--gva", default=str(SHARED_GVA))
    ap.add_argument("--work", default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(args.work or scratch)
        work.mkdir(parents=True, exist_ok=True)
        sample = work / "gva_sample.jsonl"
        with open(args.gva, "rb") as src:
            sample.write_bytes(b"".join(islice(src, args.n)))
        settings = Settings()
        started = time.perf_counter()
        job = run_batch([str(sample)], str(work / "gva.parquet"), GVA_OPTIONS, settings, master=args.master,
                        partitions=args.partitions, overwrite=True)
        spark_seconds = time.perf_counter() - started
        rows = pq.read_table(job.output, columns=["document_id", "reading"]).to_pylist()
        spark = {r["document_id"]: json.loads(r["reading"]) for r in rows}

        started = time.perf_counter()
        pipeline = Pipeline(settings)
        docs = [d for d in iter_inputs([str(sample)], GVA_OPTIONS, settings) if isinstance(d, Document)]
        local = {r.document.id: r.to_dict() for r in pipeline.pipe(docs) if isinstance(r, Reading)}
        local_seconds = time.perf_counter() - started

    same_ids = set(spark) == set(local)
    facts_differ = [d for d in local if d in spark and event_facts(local[d]) != event_facts(spark[d])]
    json_differ = [d for d in local if d in spark and comparable(local[d]) != comparable(spark[d])]
    print(f"articles {args.n}: spark {len(spark)} readings, errors {job.errors}, {job.partitions} "
          f"partitions on {job.master}, {spark_seconds:.1f} s wall "
          f"(starting Spark {job.start_seconds:.1f} s)")
    print(f"in-process Pipeline.pipe: {len(local)} readings, {local_seconds:.1f} s wall "
          "(model load included)")
    print(f"same documents: {same_ids}; event facts differ: {len(facts_differ)}; "
          f"reading JSON differs: {len(json_differ)}")
    for d in facts_differ[:5]:
        print(" ", d, event_facts(local[d]), "!=", event_facts(spark[d]))


if __name__ == "__main__":
    main()
