"""Latency of the incident page's API call, ``GET /api/incidents/{id}``, over real HTTP.

    PYTHONPATH=src .venv/bin/python bench/synthetic_ledger.py --events 180000 --db /tmp/wlbench/s180k.db
    PYTHONPATH=src .venv/bin/python bench/api_latency.py --db /tmp/wlbench/s180k.db [--n 500]

The application of ``wireledger serve`` (``create_app``) runs under uvicorn on a free loopback port in a
thread of this process; an httpx client asks for the pages of ``--n`` random incidents (drawn untimed from
the ledger) with an admin token in the ``Authorization`` header, after ``--warmup`` untimed calls. Each
request does what a browser's does: the token is checked against the ledger, the incidents are brought up
to date (``sync()``, one read when nothing changed), the record and the related incidents are built and
serialised. The token is created in the ledger for the run and revoked at the end. Prints the count of
incidents, p50, p95 and max in milliseconds, the first (untimed) request after the server started, and
whether p95 meets the floor (100 ms, issue #15).
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import sqlite3
import statistics
import threading
import time

import httpx
import uvicorn

from wireledger.api import create_app
from wireledger.services.tokens import create_token, revoke_token
from wireledger.settings import Settings

FLOOR_P95_MS = 100.0


def incident_ids(path: str, n: int, seed: int) -> tuple[int, list[str]]:
    """How many incidents the ledger holds and ``n`` random ids of them."""
    rng = random.Random(seed)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    total = conn.execute("SELECT count(*) FROM incidents").fetchone()[0]
    top = conn.execute("SELECT max(rowid) FROM incidents").fetchone()[0]
    out: list[str] = []
    while len(out) < n:
        ids = [rng.randint(1, top) for _ in range(n)]
        marks = ",".join("?" * len(ids))
        out.extend(r[0] for r in conn.execute(f"SELECT id FROM incidents WHERE rowid IN ({marks})", ids))
    conn.close()
    rng.shuffle(out)
    return int(total), out[:n]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="A SQLite ledger (e.g. built by synthetic_ledger.py).")
    parser.add_argument("--n", type=int, default=500, help="Timed requests.")
    parser.add_argument("--warmup", type=int, default=20, help="Untimed requests first.")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()

    settings = Settings.load(db=args.db)
    total, ids = incident_ids(args.db, args.n + args.warmup, args.seed)
    token = create_token(settings, f"bench-api-latency-{int(time.time())}", "admin")
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    times: list[float] = []
    first: float | None = None
    statuses: dict[int, int] = {}
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120.0,
                          headers={"Authorization": f"Bearer {token.secret}"}) as client:
            for i, incident in enumerate(ids):
                start = time.perf_counter()
                response = client.get(f"/api/incidents/{incident}")
                response.read()
                elapsed = (time.perf_counter() - start) * 1000
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                first = elapsed if first is None else first
                if i >= args.warmup:
                    times.append(elapsed)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        revoke_token(settings, str(token.token["id"]))
    times.sort()
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    print(json.dumps({"db": args.db, "incidents": total, "requests": len(times), "statuses": statuses,
                      "p50_ms": round(statistics.median(times), 1), "p95_ms": round(p95, 1),
                      "max_ms": round(times[-1], 1), "first_ms": round(first or 0.0, 1),
                      "floor_p95_ms": FLOOR_P95_MS,
                      "meets_floor": p95 < FLOOR_P95_MS}, indent=2))


if __name__ == "__main__":
    main()
