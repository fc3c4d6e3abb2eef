"""Streaming ingest: peak memory against corpus size and batch size, and documents per second.

    PYTHONPATH=src .venv/bin/python bench/ingest.py memory [--docs 10000,25000,50000] [--batch-sizes 32,256]
    PYTHONPATH=src .venv/bin/python bench/ingest.py memory --read --docs 500 --batch-sizes 8,128
    PYTHONPATH=src .venv/bin/python bench/ingest.py gva [--n 1000]

``memory``: writes a synthetic JSONL corpus of short articles (drawn as in ``bench/synthetic_ledger.py``
from the real distributions) to a temporary folder, then runs ``wireledger --db FRESH ingest FILE``
(``--no-read`` unless ``--read``) once per corpus size and batch size (``WIRELEDGER_BATCH_SIZE``) in a
child process, and reports the child's peak resident memory (``os.wait4``'s ``ru_maxrss``), its CPU time
and documents per CPU second.

``gva``: ``wireledger ingest`` (reading, merging incidents and resolving entities) of the first N GVA
articles into a fresh ledger, then the same without reading, CPU seconds of each; the difference is the
cost of reading and merging. Merge-only cost: ``bench/merge.py gva``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIRELEDGER = [sys.executable, "-m", "wireledger"]


def write_corpus(path: Path, n: int, seed: int = 7) -> None:
    """``n`` short synthetic articles, one JSON object a line (id, title, text, published)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from synthetic_ledger import Distributions, LedgerGenerator

    gen = LedgerGenerator(Distributions.from_shared(), seed=seed)
    gen.rng = random.Random(seed)
    d, rng = gen.dist, gen.rng
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            city, region, _, _ = d.places.draw(rng)
            day = gen._day()
            name = gen._name()
            killed, _ = d.casualties.draw(rng)
            what = "was shot dead" if killed else "was wounded in a shooting"
            text = f"{name} {what} in {city}, {region}, on {day:%A}, police said. {gen._filler()}"
            f.write(json.dumps({"id": f"syn-{i:06d}", "title": f"{city}: shooting on {day:%B %d}",
                                "text": text, "published": day.isoformat()}) + "\n")


def run(cmd: list[str], env: dict[str, str]) -> tuple[int, float, float, str]:
    """(exit code, peak RSS in MB, CPU seconds, last line of output) of a child process."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = child.stdout.read() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    lines = [x for x in out.strip().splitlines() if x.strip()]
    last = lines[-1] if lines else ""
    cpu = usage.ru_utime + usage.ru_stime
    print(f"    wall {wall:.0f} s, cpu {cpu:.0f} s, exit {child.returncode}", flush=True)
    return child.returncode, usage.ru_maxrss / 1024, cpu, last


def memory_bench(args: argparse.Namespace) -> None:
    sizes = [int(x) for x in args.docs.split(",")]
    batches = [int(x) for x in args.batch_sizes.split(",")]
    print(f"{'documents':>9} {'batch':>6} {'read':>5} {'peak RSS MB':>12} {'CPU s':>7} {'docs/CPU s':>10}")
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_corpus(corpus, max(sizes))
        lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
        for n in sizes:
            part = Path(tmp) / f"corpus{n}.jsonl"
            part.write_text("".join(lines[:n]), encoding="utf-8")
            for batch in batches:
                db = Path(tmp) / f"ledger-{n}-{batch}.db"
                env = {**os.environ, "WIRELEDGER_BATCH_SIZE": str(batch),
                       "PYTHONPATH": str(ROOT / "src")}
                cmd = [*WIRELEDGER, "--db", str(db), "ingest", str(part), "--format", "json"]
                if not args.read:
                    cmd.append("--no-read")
                _, rss, cpu, _ = run(cmd, env)
                print(f"{n:9d} {batch:6d} {'yes' if args.read else 'no':>5} {rss:12.0f} {cpu:7.1f} "
                      f"{n / cpu:10.1f}", flush=True)
                db.unlink(missing_ok=True)
            part.unlink()


def gva_bench(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        corpus = Path(tmp) / "gva.jsonl"
        seen: set[str] = set()
        with args.gva.open(encoding="utf-8") as src, corpus.open("w", encoding="utf-8") as out:
            for line in src:
                art = json.loads(line)
                if (art.get("content") or "").strip() and art["doc_id"] not in seen:
                    seen.add(art["doc_id"])
                    out.write(line)
                if len(seen) >= args.n:
                    break
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        fields = ["--id-field", "doc_id", "--text-field", "content", "--published-field", "dct"]
        results = {}
        for label, extra in (("ingest with reading", []), ("ingest --no-read", ["--no-read"])):
            db = Path(tmp) / f"{label.split()[1]}.db"
            cmd = [*WIRELEDGER, "--db", str(db), "ingest", str(corpus), *fields, *extra]
            print(label, flush=True)
            _, rss, cpu, last = run(cmd, env)
            results[label] = cpu
            print(f"    {len(seen)} documents: {cpu:.1f} CPU s, {len(seen) / cpu:.1f} docs/CPU s, "
                  f"peak RSS {rss:.0f} MB; {last}", flush=True)
        cost = results["ingest with reading"] - results["ingest --no-read"]
        print(f"reading + merging: {cost:.1f} CPU s, {1000 * cost / len(seen):.1f} ms/doc")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="bench", required=True)
    m = sub.add_parser("memory")
    m.add_argument("--docs", default="10000,25000,50000")
    m.add_argument("--batch-sizes", default="32,256")
    m.add_argument("--read", action="store_true", help="read the documents too (use a few hundred)")
    m.add_argument("--tmp", default=None, help="folder for the corpus and ledgers (default: the system's)")
    g = sub.add_parser("gva")
    g.add_argument("--n", type=int, default=1000)
    g.add_argument("--gva", type=Path, default=ROOT.parent / "shared" / "data" / "gva" / "articles.jsonl")
    g.add_argument("--tmp", default=None)
    args = ap.parse_args()
    memory_bench(args) if args.bench == "memory" else gva_bench(args)


if __name__ == "__main__":
    main()
