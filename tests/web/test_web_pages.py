"""The pages through the real app (no browser): the security headers on every page, sign-in first when
not local, the sign-in form, coded errors as pages.

The sign-in tests with a real token need ``wireledger tokens create`` (the API's tokens, issue #15, being
built beside the web UI): until that command lands they skip, saying so (AWAITING TOKENS)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_site import wl
from click.testing import CliRunner
from fastapi.testclient import TestClient

from wireledger.api import create_app
from wireledger.cli import cli
from wireledger.settings import Settings
from wl_testing import FIXTURES

PAGES = ["/", "/?q=checkpoint", "/entities", "/timeline?place=Velimar", "/map", "/graph?name=Velimar",
         "/document/example", "/incident/inc_does_not_exist", "/?from=yesterday"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web_pages") / "ledger.db"
    wl(path, "ingest", "--example")
    return path


@pytest.fixture
def local(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=str(db)), local=True)) as client:
        yield client


@pytest.fixture
def guarded(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=str(db)), local=False)) as client:
        yield client


def test_every_page_sends_the_strict_csp(local: TestClient) -> None:
    for url in PAGES:
        r = local.get(url)
        csp = r.headers.get("content-security-policy", "")
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp, url
        assert r.headers.get("x-content-type-options") == "nosniff"
        assert r.headers["content-type"].startswith("text/html"), url
        # no inline script or style in our markup: scripts are files, data is JSON
        for tag in re.findall(r"<script[^>]*>", r.text):
            assert re.search(r'src="/static/|type="application/json"', tag), (url, tag)
        assert "<style" not in r.text and " style=" not in r.text, url


def test_coded_errors_are_pages(local: TestClient) -> None:
    missing = local.get("/incident/inc_does_not_exist")
    assert missing.status_code == 404 and "E100" in missing.text
    bad_date = local.get("/?from=yesterday")
    assert bad_date.status_code == 400 and "E150" in bad_date.text and "yesterday" in bad_date.text
    outside = local.get("/document/example?start=5&end=999999")
    assert outside.status_code == 400 and "not inside the article" in outside.text


def test_local_mode_skips_sign_in(local: TestClient) -> None:
    r = local.get("/signin", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    assert "Sign out" not in local.get("/").text


def test_pages_ask_for_sign_in_first_when_not_local(guarded: TestClient) -> None:
    for url in ("/", "/incident/inc_x", "/map?place=Velimar"):
        r = guarded.get(url, follow_redirects=False)
        assert r.status_code == 303, url
        assert r.headers["location"].startswith("/signin?next=")
    form = guarded.get(guarded.get("/map?place=Velimar", follow_redirects=False).headers["location"])
    assert form.status_code == 200 and 'name="token"' in form.text and 'name="csrf"' in form.text
    assert 'value="/map?place=Velimar"' in form.text  # back to the page asked for after signing in


def test_sign_in_never_sends_a_user_to_another_origin(guarded: TestClient) -> None:
    for target in ("https://example.org/", "//example.org/x", "javascript:alert(1)", "/\\example.org"):
        form = guarded.get("/signin", params={"next": target})
        assert 'name="next" value="/"' in form.text, target


def test_a_wrong_token_is_refused(guarded: TestClient) -> None:
    form = guarded.get("/signin")
    csrf = re.search(r'name="csrf" value="([^"]*)"', form.text)
    assert csrf is not None
    r = guarded.post("/signin", data={"token": "not-a-token", "csrf": csrf.group(1), "next": "/"},
                     follow_redirects=False)
    assert r.status_code in (401, 403)
    assert "wireledger_session" not in r.headers.get("set-cookie", "")
    assert guarded.get("/", follow_redirects=False).status_code == 303


def new_token(db: Path, name: str, role: str) -> str:
    """A token's secret from ``wireledger tokens create`` (skips, AWAITING TOKENS, until that command lands
    on the branch the web UI is tested on)."""
    done = CliRunner().invoke(cli, ["--db", str(db), "tokens", "create", "--name", name, "--role", role])
    if done.exit_code == 2 and "No such command" in done.output:
        pytest.skip("AWAITING TOKENS: `wireledger tokens create` has not landed on this branch yet")
    assert done.exit_code == 0, done.output
    secret = done.stdout.strip().splitlines()[0].strip()  # the secret is printed alone on stdout
    assert secret
    return secret


def signed_in(client: TestClient, token: str, target: str) -> Any:
    form = client.get("/signin", params={"next": target})
    csrf = re.search(r'name="csrf" value="([^"]*)"', form.text)
    assert csrf is not None
    return client.post("/signin", data={"token": token, "csrf": csrf.group(1), "next": target},
                       follow_redirects=False)


def test_signing_in_with_a_token_opens_the_pages_and_signing_out_closes_them(guarded: TestClient,
                                                                             db: Path) -> None:
    token = new_token(db, "web-reader", "reader")
    r = signed_in(guarded, token, "/entities")
    assert r.status_code == 303 and r.headers["location"] == "/entities"
    cookie = r.headers.get("set-cookie", "").lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    page = guarded.get("/entities", follow_redirects=False)
    assert page.status_code == 200 and "Sign out" in page.text
    out_csrf = re.search(r'name="csrf" value="([^"]*)"', page.text)
    assert out_csrf is not None
    # a form without its CSRF token is refused
    assert guarded.post("/signout", data={"csrf": "forged"}, follow_redirects=False).status_code == 403
    signed_out = guarded.post("/signout", data={"csrf": out_csrf.group(1)}, follow_redirects=False)
    assert signed_out.status_code == 303
    assert guarded.get("/entities", follow_redirects=False).status_code == 303


def test_a_revoked_token_signs_the_browser_out(guarded: TestClient, db: Path) -> None:
    token = new_token(db, "web-revoked", "reader")
    assert signed_in(guarded, token, "/").status_code == 303
    assert guarded.get("/", follow_redirects=False).status_code == 200
    done = CliRunner().invoke(cli, ["--db", str(db), "tokens", "revoke", "web-revoked"])
    assert done.exit_code == 0, done.output
    r = guarded.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/signin")


def test_the_entity_page_shows_roles_and_titles_over_time_as_the_api_and_cli_do(tmp_path: Path) -> None:
    """Two reports we wrote give one officer a role each with its start, and a rank each: the page lists
    them in time order with the reports' dates, from the same view the API and ``wireledger entity``
    give."""
    db = tmp_path / "roles.db"
    wl(db, "ingest", str(FIXTURES / "roles" / "vasilescu_promoted.txt"), "--published", "2026-04-11")
    wl(db, "ingest", str(FIXTURES / "roles" / "vasilescu_appointed.txt"), "--published", "2018-05-07")
    rows = json.loads(wl(db, "entities", "--name", "Vasilescu", "--type", "person", "--format", "json"))
    officer = rows["entities"][0]["id"]
    cli_view = json.loads(wl(db, "entity", officer, "--format", "json"))["entity"]
    with TestClient(create_app(Settings(db=str(db)), local=True)) as client:
        api_view = client.get(f"/api/entities/{officer}").json()["entity"]
        shown = client.get(f"/entity/{officer}").text
    assert api_view["roles"] == cli_view["roles"] and len(cli_view["roles"]) == 2
    roles = shown[shown.index('<ul class="roles">'):]
    roles = roles[:roles.index("</ul>")]
    items = re.findall(r"<li>(.*?)</li>", roles, re.S)
    assert len(items) == 2
    for item, role in zip(items, cli_view["roles"], strict=True):
        assert f"since {role['since']}" in item and role["organization"] in item
        report = role["reports"][0]
        assert f'href="/document/{report["document"]}">{report["published"]}</a>' in item
    assert "2017" in items[0] and "2021" in items[1]
    assert api_view["titles_over_time"] == cli_view["titles_over_time"]
    titles = shown[shown.index('<ul class="titles">'):]
    titles = re.findall(r"<li>(.*?)</li>", titles[:titles.index("</ul>")], re.S)
    assert [t.split("</span>")[0] for t in titles] == [
        f'<span class="when">as of {t["as_of"]}' for t in cli_view["titles_over_time"]]
    assert "Colonel" in titles[0] and "General" in titles[1]
