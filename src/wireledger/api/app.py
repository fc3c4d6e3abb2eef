"""The one ASGI application: the REST API under ``/api`` and the web UI at ``/``.

Every response carries a strict Content-Security-Policy (no inline scripts, nothing from another
origin), no CORS headers (cross-origin use is off), and the request size is limited before a body is read.
"""

from __future__ import annotations

from fastapi import FastAPI

from .. import __version__
from ..settings import Settings
from .errors import install_error_handlers
from .security import install_security


def create_app(settings: Settings | None = None, *, local: bool = False) -> FastAPI:
    """The application over the ledger ``settings.db``. ``local``: one user on their own machine, no
    sign-in (``wireledger serve --local``, loopback only)."""
    settings = settings or Settings.load()
    app = FastAPI(title="wireledger", version=__version__,
                  description="News reports about violent and security incidents, read into a sourced "
                              "ledger: incidents, entities, claims and their sources.",
                  docs_url="/api/docs", redoc_url=None, openapi_url="/api/openapi.json")
    app.state.settings = settings
    app.state.local = local
    install_security(app)
    install_error_handlers(app)
    from . import routes  # the REST API
    app.include_router(routes.router, prefix="/api")
    from .. import web  # the web UI: pages and static assets
    web.mount(app)
    return app
