"""Browser fixtures: headless Debian chromium driven by playwright, and the app served over real ledgers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_site import CHROMIUM, CHROMIUM_ARGS, serve, wl

from wl_testing import FIXTURES, require_shared

HOSTILE = FIXTURES / "web" / "hostile.txt"
# two reports of one bombing that disagree on the dead (3 by the police, 4 by a hospital official)
MARKET = [FIXTURES / "web" / "market_police.txt", FIXTURES / "web" / "market_hospital.txt"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        msg = f"needs Debian's chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(msg + " (CI must run the browser tests; .ci/run installs it)")
        pytest.skip(msg)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture(scope="session")
def plain_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The package's own example article, our hostile article and two reports that disagree, served in
    local mode."""
    db = tmp_path_factory.mktemp("web_plain") / "ledger.db"
    wl(db, "ingest", "--example")
    wl(db, "ingest", str(HOSTILE), "--published", "2026-03-02")
    wl(db, "ingest", *map(str, MARKET), "--published", "2026-03-09")
    with serve(db) as url:
        yield url, db


@pytest.fixture(scope="session")
def founding_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The founding example (../shared) with the OFAC, UK and EU lists loaded, served in local mode."""
    seed = require_shared("seed", "alekseev.txt")
    sanctions = require_shared("data", "sanctions")
    db = tmp_path_factory.mktemp("web_founding") / "ledger.db"
    wl(db, "ingest", str(seed), "--published", "2026-02-06")
    wl(db, "lists", "load", str(sanctions / "us_ofac" / "2024-05-03"),
       str(sanctions / "uk" / "ConList_2025-04-14.xlsx"), str(sanctions / "eu_opensanctions_transcription"))
    with serve(db) as url:
        yield url, db

