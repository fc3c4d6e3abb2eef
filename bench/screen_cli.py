"""Wall time of one ``wireledger screen NAME`` with OFAC, UK, EU and Canada loaded, start-up included.

    .venv/bin/python bench/screen_cli.py [--shared ../shared] [--db LEDGER] [--runs 5] [--name NAME]

Loads ``us_ofac/2024-05-03``, ``uk/ConList_2025-04-14.xlsx``, the EU ``32018R1542.csv`` and the Canada
SEMA XML into a fresh ledger with ``wireledger lists load`` (or uses ``--db``, a ledger that has them,
e.g. a ``postgresql://`` URL), runs the command once to warm the file cache, then runs it ``--runs``
times as a new process each time (as hyperfine does) and prints each run's wall time and CPU time (user
+ system of the child), and their medians. The issue's floor: a median under 1.0 s. Numbers go to
docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``wireledger ARGS``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "wireledger", *args], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--db", default=None, help="a ledger with the lists loaded (default: a new one)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--name", default="Vladimir Alexseyev")
    args = parser.parse_args()
    sanctions = args.shared / "data" / "sanctions"
    lists = [
        sanctions / "us_ofac" / "2024-05-03",
        sanctions / "uk" / "ConList_2025-04-14.xlsx",
        sanctions / "eu_opensanctions_transcription" / "32018R1542.csv",
        sanctions / "canada",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench.db")
        os.environ.setdefault("PYTHONPATH", str(ROOT / "src"))
        if args.db is None:
            t0 = time.perf_counter()
            _run(["--db", db, "lists", "load", *map(str, lists)])
            print(f"lists loaded (index built) in {time.perf_counter() - t0:.1f} s")
        command = ["--db", db, "screen", args.name]
        _run(command)  # warm-up: file cache, and the index of a ledger loaded before it existed
        walls, cpus = [], []
        for i in range(args.runs):
            wall, cpu = _run(command)
            walls.append(wall)
            cpus.append(cpu)
            print(f"run {i + 1}: {wall:.3f} s wall, {cpu:.3f} s CPU")
        load = os.getloadavg()[0]
        print(
            f"screen {args.name!r}: median {statistics.median(walls):.3f} s wall, "
            f"{statistics.median(cpus):.3f} s CPU over {args.runs} runs (load average {load:.1f})"
        )


if __name__ == "__main__":
    main()
