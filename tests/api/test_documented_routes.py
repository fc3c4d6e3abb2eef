"""Docs checked by tests: every route of the REST API (as its OpenAPI description lists them) is in
docs/api.md, with its method."""

from __future__ import annotations

from pathlib import Path

from wireledger.api import create_app
from wireledger.settings import Settings

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_route_is_in_api_md(tmp_path: Path) -> None:
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    app = create_app(Settings.load(db=str(tmp_path / "ledger.db")))
    routes = [(method.upper(), path) for path, item in app.openapi()["paths"].items() for method in item]
    assert len(routes) >= 20
    missing = [f"{m} {p}" for m, p in routes if f"`{m} {p}" not in text]
    assert not missing, "routes not documented in docs/api.md: " + ", ".join(missing)
