"""The web UI: server-rendered pages over ``services`` and small vendored scripts, served by the API app.

``mount(app)`` adds the pages, the sign-in form and the static assets to the application. Pages declare
the API's role dependencies (``Reader``...); a page request refused for want of a sign-in (401) is sent to
``/signin`` instead. Every page is a Jinja2 template with autoescaping; scripts are static files and the
data they draw comes in ``<script type="application/json">`` blocks, so the strict Content-Security-Policy
holds (no inline script or style, nothing from another origin).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent / "static"
_NOT_PAGES = ("/api", "/static", "/signin")


def mount(app: FastAPI) -> None:
    from . import auth, entity_pages, pages

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(auth.router)
    app.include_router(pages.router)
    app.include_router(entity_pages.router)

    @app.middleware("http")
    async def sign_in_first(request: Request, call_next):  # type: ignore[no-untyped-def]
        response: Response = await call_next(request)
        path = request.url.path
        if response.status_code == 401 and request.method == "GET" and not path.startswith(_NOT_PAGES):
            target = path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/signin?next={quote(target, safe='')}", status_code=303)
        return response
