"""Signing in to the web UI with an API token (kept in an HttpOnly, SameSite=Strict cookie by
``api.security.sign_in``) and signing out. Both forms carry a CSRF token. ``serve --local`` needs neither."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..api.security import check_csrf, sign_in, sign_out
from .render import page

router = APIRouter(include_in_schema=False)


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path on this server only (never another origin)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/signin", response_class=HTMLResponse)
def signin_form(request: Request) -> Response:
    target = safe_next(request.query_params.get("next"))
    if request.app.state.local:
        return RedirectResponse(target, status_code=303)
    return page(request, "signin.html", target=target, failed=False)


@router.post("/signin", response_class=HTMLResponse)
def signin(request: Request, token: str = Form(""), csrf: str = Form(""), next: str = Form("/")) -> Response:
    check_csrf(request, csrf)
    target = safe_next(next)
    response = RedirectResponse(target, status_code=303)
    if sign_in(response, token.strip()) is None:
        return page(request, "signin.html", status=401, target=target, failed=True)
    return response


@router.post("/signout")
def signout(request: Request, csrf: str = Form("")) -> Response:
    check_csrf(request, csrf)
    response = RedirectResponse("/signin", status_code=303)
    sign_out(response)
    return response
