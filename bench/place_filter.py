"""The incident list's place filter today and through a table of place names (a proposal), on one ledger.

    PYTHONPATH=src .venv/bin/python bench/place_filter.py /tmp/wl/1m.db [--n 200]

``list_incidents(place=...)`` compares the city, region and country and searches the ``place`` column
(every place name of the member reports, joined with " | ") row by row, so no index can serve it and a
query reads every incident the date filter lets through. The proposal files each incident under the
lower-cased names it can be found by (city, region, country, headline place, every reported place) in
``incident_places(place_key, incident_id)``, and the list asks that table first. Built here in a
temporary table of the connection (the ledger file is not changed); the answers of both queries are
checked to be the same.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import time
from datetime import date

from wireledger.services.incidents import parse_day

TODAY = """SELECT summary FROM incidents WHERE date_hi >= ? AND date_lo <= ?
  AND (lower(city) = lower(?) OR lower(region) = lower(?) OR lower(country) = lower(?)
       OR instr(lower(' | ' || place || ' | '), lower(' | ' || ? || ' | ')) > 0)
  AND summary IS NOT NULL ORDER BY date_lo IS NULL, date_lo, id"""
PROPOSED = """SELECT summary FROM incidents WHERE id IN
    (SELECT incident_id FROM temp.incident_places WHERE place_key = lower(?))
  AND date_hi >= ? AND date_lo <= ? AND summary IS NOT NULL ORDER BY date_lo IS NULL, date_lo, id"""
BUILD = """INSERT OR IGNORE INTO temp.incident_places (place_key, incident_id)
SELECT lower(j.value), i.id FROM incidents i,
  json_each(json_array(i.city, i.region, i.country, json_extract(i.summary, '$.place'))) j
WHERE j.value IS NOT NULL
UNION ALL
SELECT lower(j.value), i.id FROM incidents i, json_each(i.summary, '$.places') j WHERE j.value IS NOT NULL"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("db")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    top = conn.execute("SELECT max(rowid) FROM incidents").fetchone()[0]
    picks: list[tuple[str, int]] = []
    while len(picks) < args.n:
        row = conn.execute("SELECT city, date_lo FROM incidents WHERE rowid = ? AND city IS NOT NULL "
                           "AND date_lo IS NOT NULL", (rng.randint(1, top),)).fetchone()
        if row:
            picks.append((row[0], date.fromordinal(row[1]).year))
    conn.execute("CREATE TEMP TABLE incident_places (place_key TEXT NOT NULL, incident_id TEXT NOT NULL, "
                 "PRIMARY KEY (place_key, incident_id)) WITHOUT ROWID")
    t = time.perf_counter()
    conn.execute(BUILD)
    n = conn.execute("SELECT count(*) FROM temp.incident_places").fetchone()[0]
    print(f"incident_places: {n} rows built in {time.perf_counter() - t:.1f} s")
    for label, sql in (("today", TODAY), ("proposed", PROPOSED)):
        print(label, conn.execute("EXPLAIN QUERY PLAN " + sql, (
            ["x", 1, 2] if label == "proposed" else [1, 2, "x", "x", "x", "x"])).fetchall())
    times: dict[str, list[float]] = {"today": [], "proposed": []}
    for city, year in picks:
        lo, hi = parse_day(str(year), "--from"), parse_day(str(year), "--to")
        t = time.perf_counter()
        a = conn.execute(TODAY, (lo, hi, city, city, city, city)).fetchall()
        times["today"].append(1000 * (time.perf_counter() - t))
        t = time.perf_counter()
        b = conn.execute(PROPOSED, (city, lo, hi)).fetchall()
        times["proposed"].append(1000 * (time.perf_counter() - t))
        if [json.loads(r[0])["id"] for r in a] != [json.loads(r[0])["id"] for r in b]:
            raise SystemExit(f"different answers for {city} {year}")
    for label, ms in times.items():
        ms.sort()
        print(f"{label:<9} p50 {ms[len(ms) // 2]:7.1f} ms  p95 {ms[int(0.95 * len(ms)) - 1]:7.1f} ms")


if __name__ == "__main__":
    main()
