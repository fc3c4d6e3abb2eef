"""Who may do what: API tokens with roles, the web UI's sign-in cookie and CSRF tokens, security headers,
the request size limit.

Roles are ordered: reader < editor < admin. ``require(Role.editor)`` is the dependency a route declares.
A request proves who it is with ``Authorization: Bearer <token>`` or with the session cookie the web UI's
sign-in sets; the token is checked against the ledger on every request, so a revoked token stops working
at once. In local mode (``serve --local``) every request is the local admin.

The contract the API and the web UI share (kept stable):
- ``Reader``, ``Editor``, ``Admin``: annotated route parameters (``require(role)``) giving the
  ``Principal``; 401 without a valid token, 403 with a token of a lower role;
- ``sign_in(response, token) -> Principal | None`` sets the HttpOnly, SameSite=Strict session cookie;
  ``sign_out(response)`` clears it;
- ``csrf_token(request) -> str`` for forms; ``check_csrf(request, token)`` raises 403 when it does not match.

CSRF: a form's token is an HMAC of the session (the cookie's value) under a secret made when the
application starts, so tokens last as long as the server process and the session. A request to ``/api``
that changes data and proves itself with the cookie (not a Bearer header) must send the token in the
``X-CSRF-Token`` header; Bearer requests need none (a browser never adds that header by itself).
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request, Response
from fastapi.responses import JSONResponse

from ..errors import Problem
from ..services.tokens import ROLES, token_of
from ..settings import Settings

COOKIE = "wireledger_session"
CSRF_HEADER = "X-CSRF-Token"
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
_FORM_ALLOWANCE = 64 * 1024  # multipart framing and form fields besides the document itself
# the request being served (set by the middleware): sign_in has only the response to go on
_REQUEST: ContextVar[Request | None] = ContextVar("wireledger_request", default=None)


class Role(enum.IntEnum):
    reader = 1
    editor = 2
    admin = 3


@dataclass(frozen=True)
class Principal:
    name: str
    role: Role


LOCAL = Principal("local", Role.admin)


def coded(status: int, code: str, input: str, cause: str, consequence: str | None = None,
          headers: dict[str, str] | None = None) -> HTTPException:
    """An HTTPException whose body is the coded error ``{"error": {...}}`` (see ``api/errors.py``)."""
    return HTTPException(status_code=status, detail=Problem(code, input, cause, consequence).to_dict(),
                         headers=headers)


def _principal(token: dict[str, Any]) -> Principal:
    return Principal(str(token["name"]), Role[str(token["role"])])


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def authenticate(request: Request) -> tuple[Principal | None, bool]:
    """Who the request is (None: nobody) and whether it proved it with the session cookie."""
    header = request.headers.get("authorization")
    if header is not None:
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            return None, False
        return _check(request, secret.strip()), False
    cookie = request.cookies.get(COOKIE)
    if cookie:
        return _check(request, cookie), True
    return None, False


def _check(request: Request, secret: str) -> Principal | None:
    token = token_of(_settings(request), secret)
    return None if token is None or token["role"] not in ROLES else _principal(token)


def require(role: Role) -> Callable[[Request], Principal]:
    """The dependency that admits a request with at least ``role``."""

    def dependency(request: Request) -> Principal:
        if request.app.state.local:
            return LOCAL
        who, by_cookie = authenticate(request)
        if who is None:
            raise coded(401, "E170", request.url.path, "a valid API token is required",
                        "send Authorization: Bearer <token> (`wireledger tokens create`) or sign in",
                        headers={"WWW-Authenticate": "Bearer"})
        if who.role < role:
            raise coded(403, "E171", request.url.path,
                        f"the token {who.name!r} is a {who.role.name} token; this needs {role.name}",
                        "nothing was done")
        if by_cookie and request.method not in _SAFE_METHODS and request.url.path.startswith("/api/"):
            check_csrf(request, request.headers.get(CSRF_HEADER))
        return who

    return dependency


# what a route declares: ``def route(who: Reader)``, ``def route(who: Editor)``, ``def route(who: Admin)``
Reader = Annotated[Principal, Depends(require(Role.reader))]
Editor = Annotated[Principal, Depends(require(Role.editor))]
Admin = Annotated[Principal, Depends(require(Role.admin))]


def sign_in(response: Response, token: str) -> Principal | None:
    """Check ``token``; when it is a live token, set the session cookie on ``response`` and return who it
    is (None, and no cookie, otherwise)."""
    request = _REQUEST.get()
    if request is None:
        raise RuntimeError("sign_in is called while a request is served")
    who = _check(request, token.strip())
    if who is None:
        return None
    response.set_cookie(COOKIE, token.strip(), httponly=True, samesite="strict", path="/",
                        secure=request.url.scheme == "https")
    return who


def sign_out(response: Response) -> None:
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")


def csrf_token(request: Request) -> str:
    """The CSRF token of this request's session (forms carry it; ``check_csrf`` compares)."""
    session = request.cookies.get(COOKIE) or ("local" if request.app.state.local else "")
    key: bytes = request.app.state.csrf_key
    return hmac.new(key, session.encode("utf-8"), hashlib.sha256).hexdigest()


def check_csrf(request: Request, token: str | None) -> None:
    """403 (E172) unless ``token`` is this session's CSRF token."""
    if not token or not hmac.compare_digest(token, csrf_token(request)):
        raise coded(403, "E172", request.url.path, "the form's CSRF token is missing or does not match",
                    "nothing was done; reload the page and send the form again")


_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
     b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class _Guard:
    """ASGI middleware: security headers on every response, the request kept for ``sign_in``, and the
    size limit (413 with a coded body: at once for a declared Content-Length, while reading otherwise)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _too_large(path, self.limit)(scope, receive, self._with_headers(send))
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _too_large_error(path, self.limit)
            return message

        _REQUEST.set(Request(scope))
        await self.app(scope, limited, self._with_headers(send))

    @staticmethod
    def _with_headers(send: Send) -> Send:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_HEADERS]
            await send(message)

        return sending


def _too_large_problem(path: str, limit: int) -> Problem:
    return Problem("E107", path, f"the request is larger than the limit of {limit} bytes",
                   "nothing was stored; the max_bytes setting sets the limit")


def _too_large_error(path: str, limit: int) -> HTTPException:
    return HTTPException(status_code=413, detail=_too_large_problem(path, limit).to_dict())


def _too_large(path: str, limit: int) -> JSONResponse:
    return JSONResponse({"error": _too_large_problem(path, limit).to_dict()}, status_code=413)


def install_security(app: FastAPI) -> None:
    """Security headers on every response, the size limit on every request body, the CSRF secret."""
    settings: Settings = app.state.settings
    app.state.csrf_key = secrets.token_bytes(32)
    app.add_middleware(_Guard, limit=settings.max_bytes + _FORM_ALLOWANCE)
