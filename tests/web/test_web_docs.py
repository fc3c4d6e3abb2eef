"""The web UI's docs stay true: every page route is in docs/web.md, the README shows the screenshot and
how to serve, ``make demo`` ends by saying how to open the UI, and web/ talks only to the services (and
the API's sign-in contract)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from wireledger.web import auth, entity_pages
from wireledger.web import pages as pages_module

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from test_layers import offenders  # noqa: E402 - the layer test's import reader, after its folder is on the path


def test_every_page_route_is_documented() -> None:
    doc = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")
    pages = {getattr(r, "path", "") for router in (auth.router, pages_module.router, entity_pages.router)
             for r in router.routes}
    assert {"/", "/incident/{incident_id}", "/map", "/graph", "/signin"} <= pages
    for path in pages:
        shown = re.sub(r"\{(?:\w*id|key)(?::path)?\}", "{id}", path)  # /entity/{entity_id} -> /entity/{id}
        assert f"`{shown}`" in doc or f"`{path}`" in doc, path


def test_the_readme_shows_the_incident_page_and_how_to_serve() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/img/incident-page.png)" in readme and "wireledger serve --local" in readme
    assert (ROOT / "docs" / "img" / "incident-page.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_make_demo_ends_by_saying_how_to_open_the_web_ui() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    echoes = [line for line in recipe.splitlines() if "@echo" in line]
    assert echoes and any("wireledger serve --local" in line for line in echoes[-2:])
    assert "@echo" in recipe.strip().splitlines()[-1]


def test_the_web_ui_talks_only_to_the_services() -> None:
    forbidden = ("wireledger.store", "wireledger.merge", "wireledger.resolve", "wireledger.nlp",
                 "wireledger.ingest", "wireledger.cli", "sqlite3", "psycopg")
    assert offenders("web", forbidden) == {}
    api_imports = {m for f in (ROOT / "src" / "wireledger" / "web").glob("*.py")
                   for m in re.findall(r"from \.\.api\.(\w+)", f.read_text(encoding="utf-8"))}
    assert api_imports == {"security"}
