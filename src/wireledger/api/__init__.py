"""The REST API and the server that also serves the web UI: thin FastAPI routers over ``services``.

``create_app(settings)`` builds the application; ``wireledger serve`` runs it.
"""

from .app import create_app

__all__ = ["create_app"]
