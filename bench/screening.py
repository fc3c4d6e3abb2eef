"""Screening throughput against the full 2024 OFAC SDN list plus the UK consolidated list, after loading.

    .venv/bin/python bench/screening.py [--shared ../shared] [--n 3000] [--runs 3] [--names-cache FILE]

Loads ``us_ofac/2024-05-03/sdn.csv`` and ``uk/ConList_2025-04-14.xlsx`` into a temporary ledger through
the screening service (as ``wireledger lists load`` does) and times, separately:

- loading the files into the ledger;
- building the screening index from the ledger (once per process);
- screening N names: half news-style variants of sampled OFAC individuals (each should match), half
  person names found by spaCy in GVA articles (none should match; read from ``--names-cache``, a JSON
  object name -> mentions written by ``python -m wireledger.evaluation.sanctions --names-cache``,
  or else the variants alone are used).

Each run screens names not screened before in the process (the first run also pays for warming the
per-token caches). Prints names per second of wall-clock time and per CPU second (the second is what
a busy shared machine does not distort), and their medians over ``--runs``; the issue's floor is
1,000 names/second. Numbers go to docs/sanctions.md.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from wireledger.evaluation.sanctions import news_variant, sample_individuals
from wireledger.resolve.context import Qualifiers
from wireledger.services.screening import ScreeningService
from wireledger.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--n", type=int, default=3000, help="names screened per run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--names-cache", type=Path, default=None)
    args = parser.parse_args()
    sanctions = args.shared / "data" / "sanctions"
    sdn = sanctions / "us_ofac" / "2024-05-03" / "sdn.csv"
    uk = sanctions / "uk" / "ConList_2025-04-14.xlsx"

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db=str(Path(tmp) / "bench.db"))
        with ScreeningService(settings) as service:
            t0 = time.perf_counter()
            summary = service.load([sdn, uk])
            t1 = time.perf_counter()
            screener = service.memory_screener()
            t2 = time.perf_counter()
            print(
                f"loaded {sum(r.entries for r in summary.reports)} entries in {t1 - t0:.1f} s; "
                f"index of {screener.name_count} names built in {t2 - t1:.1f} s"
            )

            rng = random.Random(7)
            half = args.n // 2
            individuals = sample_individuals(sdn, half * args.runs * 2, 11)
            variants = [v[0] for e in individuals if (v := news_variant(e, rng))]
            news: list[str] = []
            if args.names_cache and args.names_cache.exists():
                news = sorted(json.loads(args.names_cache.read_text("utf-8")))
                random.Random(5).shuffle(news)
            person = Qualifiers(kind="person")
            rates, cpu_rates = [], []
            for run in range(args.runs):  # fresh names every run: no run reuses another's caches
                names = (
                    variants[run * half : (run + 1) * half]
                    if news
                    else variants[run * args.n : (run + 1) * args.n]
                )
                names += news[run * half : (run + 1) * half]
                wall, cpu = time.perf_counter(), time.process_time()
                hits = sum(bool(service.screen(name, person).matches) for name in names)
                rates.append(len(names) / (time.perf_counter() - wall))
                cpu_rates.append(len(names) / (time.process_time() - cpu))
                print(
                    f"run {run + 1}: {len(names)} names ({hits} with a match): {rates[-1]:.0f} names/second "
                    f"({cpu_rates[-1]:.0f} per CPU second)"
                )
            print(
                f"median: {statistics.median(rates):.0f} names/second, "
                f"{statistics.median(cpu_rates):.0f} per CPU second"
            )


if __name__ == "__main__":
    main()
