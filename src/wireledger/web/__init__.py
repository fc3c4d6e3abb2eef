"""The web UI: server-rendered pages over ``services`` and small vendored scripts, served by the API app.

``mount(app)`` adds the pages and the static assets to the application.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import HTMLResponse


def mount(app: FastAPI) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home() -> str:
        return "<!doctype html><title>wireledger</title><h1>wireledger</h1>"
