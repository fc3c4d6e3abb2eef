"""What the route modules share: the ledger's settings, the answer envelope, paging, the error answers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Query, Request

from ..services import OUTPUT_SCHEMA_VERSION
from ..settings import Settings
from .errors import ErrorBody
from .security import LOCAL, Principal

# the error answers every route may give, for the OpenAPI spec
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A bad parameter value (E150) or a bad input."},
    401: {"model": ErrorBody, "description": "No valid token (E170)."},
    403: {"model": ErrorBody, "description": "The token's role is too low (E171) or a CSRF token is "
                                             "missing (E172)."},
    404: {"model": ErrorBody, "description": "No such document, incident or entity (E100, E151)."},
    422: {"model": ErrorBody, "description": "A parameter is missing or of the wrong type (E150)."},
}


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


Ledgered = Annotated[Settings, Depends(_settings)]
Limit = Annotated[int, Query(ge=1, le=1000, description="Most results in one page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="Results to skip (the pages before).")]


def answer(payload: dict[str, Any]) -> dict[str, Any]:
    """A CLI JSON payload as the API's answer: the same keys, with the schema version first."""
    return {"schema_version": OUTPUT_SCHEMA_VERSION, **payload}


def by(who: Principal) -> str | None:
    """Who a manual judgement is recorded as: the token's name (local mode: the account, as the CLI)."""
    return None if who == LOCAL else f"token:{who.name}"
