"""Query latency of a ledger, through the services (what the CLI and a REST API call), warm.

    PYTHONPATH=src .venv/bin/python bench/latency.py --db /tmp/wl/1m.db [--n 200] [--no-sync]
    PYTHONPATH=src .venv/bin/python bench/latency.py --db postgresql://postgres@127.0.0.1:5432/wl_1m \
        --sample-from /tmp/wl/1m.db

Five questions, each asked ``--n`` times with random arguments after ``--warmup`` untimed calls:

- incident list: ``IncidentService.incidents(place=CITY, date_from=YEAR, date_to=YEAR)``, the city and the
  year of a random incident (``wireledger incidents --place CITY --from YEAR --to YEAR``);
- incident page: ``IncidentService.record(ID)`` and ``.related(ID)`` (``wireledger incident ID``);
- search: ``services.library.search(QUERY)`` over the documents, a city, a surname with a word of the
  reports, a quoted full name or a prefix (``wireledger search QUERY``);
- entity page: ``EntityService.entity(ID)`` (``wireledger entity ID``);
- entity timeline: ``IncidentService.timeline(NAME)`` of a person named in a random incident
  (``wireledger timeline NAME``).

The arguments are drawn (untimed) from a SQLite ledger: ``--db`` itself, or ``--sample-from`` a SQLite
ledger built from the same seed, so both backends answer the same questions. Every service call runs the
incremental ``sync()`` first, as the CLI does; ``--no-sync`` times the question alone (the sync replaced by
a no-op on the open service), to tell the two costs apart. Prints p50 / p95 / max in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from wireledger.services import library
from wireledger.services.entities import EntityService, EntitySyncSummary
from wireledger.services.incidents import IncidentService, SyncSummary
from wireledger.settings import Settings
from wireledger.store import open_store

SEARCH_WORDS = ["police", "shooting", "killed", "wounded", "suspect", "hospital", "officers", "victim"]


def draw_arguments(path: str, n: int, seed: int) -> dict[str, list[Any]]:
    """Random incident ids, places and years, entity ids, names and search queries of a SQLite ledger."""
    rng = random.Random(seed)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def rows(table: str, cols: str, k: int, where: str = "1") -> list[tuple[Any, ...]]:
        top = conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0]
        out: list[tuple[Any, ...]] = []
        while len(out) < k:
            ids = [rng.randint(1, top) for _ in range(k)]
            marks = ",".join("?" * len(ids))
            out.extend(conn.execute(f"SELECT {cols} FROM {table} WHERE rowid IN ({marks}) AND {where}", ids))
        rng.shuffle(out)
        return out[:k]

    incidents = rows("incidents", "id, city, date_lo", n, "city IS NOT NULL AND date_lo IS NOT NULL")
    people: list[tuple[Any, ...]] = []
    while len(people) < n:  # incident_people has no rowid: the people of more random incidents
        ids = [r[0] for r in rows("incidents", "id", n)]
        people.extend(conn.execute("SELECT DISTINCT name FROM incident_people WHERE kind = 'person' "
                                   f"AND name_key LIKE 'f:%' AND incident_id IN ({','.join('?' * len(ids))})",
                                   ids))
    rng.shuffle(people)
    people = people[:n]
    entities = rows("ledger_entities", "id", n)
    queries = []
    for (_, city, _), (name,) in zip(incidents, people, strict=True):
        kind = rng.randrange(4)
        if kind == 0:
            queries.append(city)
        elif kind == 1:
            queries.append(f"{name.split()[-1]} {rng.choice(SEARCH_WORDS)}")
        elif kind == 2:
            queries.append(f'"{name}"')
        else:
            queries.append(f"{city[:4]}* {rng.choice(SEARCH_WORDS)}")
    conn.close()
    return {
        "incident": [r[0] for r in incidents],
        "place": [(r[1], str(date.fromordinal(r[2]).year)) for r in incidents],
        "name": [r[0] for r in people],
        "entity": [r[0] for r in entities],
        "search": queries,
    }


def timed(call: Callable[[Any], Any], args: list[Any], warmup: int) -> tuple[list[float], list[float], float]:
    """Wall and CPU milliseconds per call (after ``warmup`` untimed calls) and the mean size of the
    answers. On a shared machine the CPU time of the calling process is the steadier number for SQLite,
    which runs in it; PostgreSQL works in its server, so only the wall time tells."""
    for a in args[:warmup]:
        call(a)
    times, cpu, sizes = [], [], []
    for a in args[warmup:]:
        t, c = time.perf_counter(), time.process_time()
        out = call(a)
        times.append(1000 * (time.perf_counter() - t))
        cpu.append(1000 * (time.process_time() - c))
        sizes.append(len(out) if hasattr(out, "__len__") else 1)
    return times, cpu, statistics.mean(sizes)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p * len(ordered)) - 1))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--sample-from", default=None, help="SQLite ledger to draw the arguments from")
    ap.add_argument("--n", type=int, default=200, help="timed calls per question")
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-sync", action="store_true", help="time the questions without the services' sync")
    ap.add_argument("--only", default=None, help="comma-separated questions to time")
    ap.add_argument("--json", default=None, help="also write the numbers to this file")
    args = ap.parse_args()
    sample = args.sample_from or args.db
    drawn = draw_arguments(sample, args.n + args.warmup, args.seed)
    settings = Settings(db=args.db)
    incidents = IncidentService(settings)
    entities = EntityService(settings)
    store = open_store(settings, create=False)
    t = time.perf_counter()
    incidents.sync()
    entities.sync()
    first_sync = time.perf_counter() - t
    t = time.perf_counter()
    incidents.sync()
    sync_ms = 1000 * (time.perf_counter() - t)
    if args.no_sync:
        incidents.sync = lambda: SyncSummary()  # type: ignore[method-assign]
        entities.sync = lambda screen=True: EntitySyncSummary()  # type: ignore[method-assign]

    def page(inc: str) -> Any:
        record, _ = incidents.record(inc)
        return [record, *incidents.related(inc)]

    questions: dict[str, tuple[Callable[[Any], Any], list[Any]]] = {
        "incident list": (lambda p: incidents.incidents(place=p[0], date_from=p[1], date_to=p[1]),
                          drawn["place"]),
        "incident page": (page, drawn["incident"]),
        "search": (lambda q: library.search(q, settings, store=store), drawn["search"]),
        "entity page": (lambda e: entities.entity(e)["entity"]["members"], drawn["entity"]),
        "entity timeline": (lambda name: incidents.timeline(name), drawn["name"]),
    }
    wanted = args.only.split(",") if args.only else list(questions)
    results = {}
    print(f"{args.db}  ({'without' if args.no_sync else 'with'} sync; first sync {first_sync:.1f} s, "
          f"an idle sync {sync_ms:.0f} ms)")
    print(f"{'question':<16} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'CPU p50':>8} {'CPU p95':>8} "
          f"{'rows':>7}")
    for name in wanted:
        call, argv = questions[name]
        times, cpu, size = timed(call, argv, args.warmup)
        results[name] = {"p50": percentile(times, 0.5), "p95": percentile(times, 0.95), "max": max(times),
                         "cpu_p50": percentile(cpu, 0.5), "cpu_p95": percentile(cpu, 0.95), "rows": size,
                         "n": len(times)}
        r = results[name]
        print(f"{name:<16} {r['p50']:8.1f} {r['p95']:8.1f} {r['max']:8.1f} {r['cpu_p50']:8.1f} "
              f"{r['cpu_p95']:8.1f} {size:7.1f}", flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"db": args.db, "sync": not args.no_sync, "idle_sync_ms": sync_ms, **results}, f,
                      indent=1)
    incidents.close()
    entities.close()
    store.close()


if __name__ == "__main__":
    main()
