"""Rendering pages: one Jinja2 environment (autoescape on for every template) and the small helpers the
templates share."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader

from ..api.security import csrf_token
from ..errors import WireledgerError
from ..settings import Settings

TEMPLATES = Path(__file__).resolve().parent / "templates"
F = TypeVar("F", bound=Callable[..., Any])

env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                  trim_blocks=True, lstrip_blocks=True)


def shown(value: Any) -> str:
    """A fact's value for people: yes/no for booleans, a dash for nothing."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


env.filters["shown"] = shown


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A rendered page; every page knows whether sign-in is on and has a CSRF token for its forms."""
    local = bool(request.app.state.local)
    html = env.get_template(template).render(
        request_path=request.url.path, local=local, csrf=csrf_token(request), **context)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, error: WireledgerError) -> HTMLResponse:
    status = 404 if error.code in ("E100", "E151") else 400
    return page(request, "error.html", status=status, error=error)


def with_error_page(route: F) -> F:
    """A page route whose coded errors (no such incident, a bad date...) become an error page."""

    @wraps(route)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return route(*args, **kwargs)
        except WireledgerError as error:
            return error_page(kwargs["request"], error)

    return wrapper  # type: ignore[return-value]
