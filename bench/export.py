"""Export speed and memory: one format over a ledger, timed, with the process's peak resident memory.

    PYTHONPATH=src .venv/bin/python bench/synthetic_ledger.py --events 10000 --db /tmp/wl/10k.db
    for f in json jsonl csv-gtd csv-acled ftm geojson graphml; do
        PYTHONPATH=src .venv/bin/python bench/export.py --db /tmp/wl/10k.db --format $f
    done

The ledger is synced first (outside the timing), so the time is the export's own: the incident list,
each incident's record, and the format's writing. The output goes to a file in a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from wireledger.services.entities import EntityService
from wireledger.services.exports import export, export_to_file
from wireledger.services.incidents import IncidentService
from wireledger.settings import Settings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--format", required=True)
    args = ap.parse_args()
    settings = Settings.load(db=args.db)
    with IncidentService(settings) as incidents, EntityService(settings, incidents.ledger) as entities:
        incidents.sync()
        entities.sync()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "export.out"
        start = time.perf_counter()
        counts = export_to_file(export(settings, args.format), out)
        seconds = time.perf_counter() - start
        size = out.stat().st_size
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"format": args.format, "seconds": round(seconds, 2),
                      "incidents": counts.get("incidents", 0),
                      "per_incident_ms": round(1000 * seconds / max(1, counts.get("incidents", 0)), 2),
                      "bytes": size, "peak_rss_mb": round(peak_mb), "counts": counts}))


if __name__ == "__main__":
    main()
