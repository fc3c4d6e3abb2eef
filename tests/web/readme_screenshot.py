"""Make the README's screenshot: the incident page of the package's own example article.

    PYTHONPATH=src:tests/web python tests/web/readme_screenshot.py   (or: make screenshot)

It ingests ``wireledger ingest --example`` into a temporary ledger, serves the app in local mode, opens
the example's main incident in headless chromium and writes docs/img/incident-page.png.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from browser_site import CHROMIUM, CHROMIUM_ARGS, serve, wl

OUT = Path(__file__).resolve().parents[2] / "docs" / "img" / "incident-page.png"


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "example.db"
        wl(db, "ingest", "--example")
        rows = json.loads(wl(db, "incidents", "--format", "json"))["incidents"]
        main_incident = max((r for r in rows if not r["background_only"]),
                            key=lambda r: (r["killed"] is not None, r["wounded"] is not None, r["sources"]))
        with serve(db) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1200, "height": 1000})
            page.goto(f"{base}/incident/{main_incident['id']}")
            OUT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(OUT), full_page=False)
            browser.close()
    print(f"wrote {OUT} ({main_incident['id']}: {main_incident['type']}, {main_incident['place']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
