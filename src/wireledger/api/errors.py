"""One error body everywhere: ``{"error": {"code", "input", "cause", "consequence", "message"}}`` with the
codes of ``errors.py`` (the CLI's), whatever raised it: a service's coded error, a bad parameter (FastAPI's
validation, answered 422 with E150), a missing token (401, E170), an unknown route (404, E100)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import Problem, WireledgerError

log = logging.getLogger("wireledger.api")

# HTTP status of a coded error; codes not listed are a bad input (400)
STATUS = {"E100": 404, "E151": 404, "E107": 413, "E109": 413, "E120": 503, "E141": 409, "E150": 400,
          "E170": 401, "E171": 403, "E172": 403}
_BY_STATUS = {401: "E170", 403: "E171", 404: "E100", 413: "E107"}


class ErrorDetail(BaseModel):
    code: str
    input: str
    cause: str
    consequence: str | None = None
    message: str


class ErrorBody(BaseModel):
    """Every error the API answers."""

    error: ErrorDetail


def error_response(problem: Problem, status: int, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": problem.to_dict()}, status_code=status, headers=headers)


def _location(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc]
    where = ("query", "path", "body", "header")
    return ".".join(parts[1:] if len(parts) > 1 and parts[0] in where else parts)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(WireledgerError)
    async def coded(request: Request, exc: WireledgerError) -> JSONResponse:
        return error_response(exc.problem, STATUS.get(exc.code, 400))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        first = errors[0] if errors else {"loc": ("request",), "msg": "invalid request"}
        where = _location(first.get("loc") or ("request",))
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        problem = Problem("E150", where or "request", f"{first.get('msg')}{more}", "nothing was done")
        return error_response(problem, 422)

    @app.exception_handler(StarletteHTTPException)
    async def http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        headers = dict(exc.headers) if exc.headers else None
        if isinstance(exc.detail, dict) and "code" in exc.detail:
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=headers)
        code = _BY_STATUS.get(exc.status_code, "E150")
        cause = "no such route" if exc.status_code == 404 else str(exc.detail)
        return error_response(Problem(code, request.url.path, cause), exc.status_code, headers)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected failure on %s", request.url.path)
        problem = Problem("E116", request.url.path, f"unexpected failure: {type(exc).__name__}",
                          "the server logged the details")
        return error_response(problem, 500)
