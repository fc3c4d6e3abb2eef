"""Access control through the real app: tokens and roles, revocation, the session cookie and CSRF, local
mode, security headers, no CORS, the request size limit."""

from __future__ import annotations

import hashlib
import json
from itertools import count
from pathlib import Path

from click.testing import CliRunner
from fastapi import Form, Request, Response
from fastapi.testclient import TestClient

from wireledger.api import create_app
from wireledger.api.security import COOKIE, csrf_token, sign_in
from wireledger.cli import cli
from wireledger.services.tokens import create_token
from wireledger.settings import Settings


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def new_token(settings: Settings, role: str) -> str:
    return create_token(settings, f"access-{role}-{next(_names)}", role).secret


_names = count()


def _error(response: object, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert {"code", "input", "cause", "consequence", "message"} <= set(body["error"])
    return body["error"]  # type: ignore[no-any-return]


def test_no_token_or_a_wrong_one_is_401(client: TestClient) -> None:
    missing = client.get("/api/incidents")
    _error(missing, 401, "E170")
    assert missing.headers["www-authenticate"] == "Bearer"
    _error(client.get("/api/incidents", headers=bearer("wl_not-a-token")), 401, "E170")
    _error(client.get("/api/incidents", headers={"Authorization": "Basic eDp5"}), 401, "E170")


def test_a_reader_reads_but_cannot_write(client: TestClient, reader: dict[str, str]) -> None:
    assert client.get("/api/incidents", headers=reader).status_code == 200
    before = client.get("/api/stats", headers=reader).json()["stats"]["documents"]
    error = _error(client.post("/api/documents/text", headers=reader,
                               json={"text": "Two people were shot dead in Exampletown on Monday."}),
                   403, "E171")
    assert "reader" in str(error["cause"])
    _error(client.post("/api/entities/merge", headers=reader, json={"ids": ["a", "b"]}), 403, "E171")
    _error(client.post("/api/documents/x/retract", headers=reader), 403, "E171")
    assert client.get("/api/stats", headers=reader).json()["stats"]["documents"] == before


def test_only_an_admin_loads_lists(client: TestClient, settings: Settings) -> None:
    editor = bearer(new_token(settings, "editor"))
    upload = {"files": ("sdn.csv", b"not,a,list\n")}
    _error(client.post("/api/lists", headers=editor, files=upload), 403, "E171")
    admin = bearer(new_token(settings, "admin"))
    # an admin gets past the role check to the loader, which names the bad file
    refused = client.post("/api/lists", headers=admin, files=upload)
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "E140"


def test_a_revoked_token_stops_working_at_once(client: TestClient, settings: Settings) -> None:
    created = create_token(settings, "soon-revoked", "reader")
    headers = bearer(created.secret)
    assert client.get("/api/health", headers=headers).json()["principal"] == "soon-revoked"
    done = CliRunner().invoke(cli, ["--db", settings.db, "tokens", "revoke", "soon-revoked",
                                    "--format", "json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["token"]["revoked_at"] is not None
    _error(client.get("/api/health", headers=headers), 401, "E170")


def test_tokens_are_stored_hashed_and_listed_without_secret(settings: Settings) -> None:
    created = create_token(settings, "hashed", "editor")
    raw = Path(settings.db).read_bytes() + _wal(settings.db)
    assert created.secret.encode() not in raw
    assert hashlib.sha256(created.secret.encode()).hexdigest().encode() in raw
    listed = CliRunner().invoke(cli, ["--db", settings.db, "tokens", "list", "--format", "json"])
    assert listed.exit_code == 0
    data = json.loads(listed.stdout)
    assert data["command"] == "tokens list"
    assert created.secret not in listed.stdout
    assert [t["role"] for t in data["tokens"] if t["name"] == "hashed"] == ["editor"]


def _wal(db: str) -> bytes:
    wal = Path(db + "-wal")
    return wal.read_bytes() if wal.exists() else b""


def test_last_use_is_noted(client: TestClient, settings: Settings) -> None:
    created = create_token(settings, "used", "reader")
    assert created.token["last_used_at"] is None
    client.get("/api/health", headers=bearer(created.secret))
    listed = CliRunner().invoke(cli, ["--db", settings.db, "tokens", "list", "--format", "json"])
    used = [t for t in json.loads(listed.stdout)["tokens"] if t["name"] == "used"]
    assert used[0]["last_used_at"] is not None


def _app_with_sign_in(settings: Settings) -> TestClient:
    """The real app plus two routes of the kind the web UI has: sign in with a token, show the CSRF token."""
    app = create_app(settings)

    @app.post("/test/sign-in")
    def signing_in(response: Response, token: str = Form()) -> dict[str, str | None]:
        who = sign_in(response, token)
        return {"who": who.name if who else None}

    @app.get("/test/csrf")
    def form_token(request: Request) -> dict[str, str]:
        return {"csrf": csrf_token(request)}

    return TestClient(app)


def test_the_session_cookie_and_csrf(settings: Settings) -> None:
    client = _app_with_sign_in(settings)
    secret = new_token(settings, "editor")
    refused = client.post("/test/sign-in", data={"token": "wl_wrong"})
    assert refused.json() == {"who": None} and COOKIE not in refused.cookies
    signed = client.post("/test/sign-in", data={"token": secret})
    assert signed.json()["who"].startswith("access-editor-")
    cookie = signed.headers["set-cookie"]
    assert f"{COOKIE}=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie.replace(
        "SameSite=Strict", "SameSite=strict") and "Path=/" in cookie
    assert client.get("/api/health").json()["role"] == "editor"  # the cookie alone signs the request in
    # a change through the cookie needs the session's CSRF token; with it the request reaches the route
    _error(client.post("/api/entities/merge", json={"ids": ["x"]}), 403, "E172")
    _error(client.post("/api/entities/merge", json={"ids": ["x"]}, headers={"X-CSRF-Token": "0" * 64}),
           403, "E172")
    token = client.get("/test/csrf").json()["csrf"]
    _error(client.post("/api/entities/merge", json={"ids": ["x"]}, headers={"X-CSRF-Token": token}),
           422, "E150")


def test_local_mode_is_the_local_admin(settings: Settings) -> None:
    with TestClient(create_app(settings, local=True)) as client:
        assert client.get("/api/health").json()["role"] == "admin"
        assert client.get("/api/health").json()["principal"] == "local"


def test_security_headers_and_no_cors(client: TestClient, reader: dict[str, str]) -> None:
    for response in (client.get("/api/incidents", headers=reader), client.get("/api/incidents")):
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
    origin = {"Origin": "https://elsewhere.example", **reader}
    assert "access-control-allow-origin" not in client.get("/api/incidents", headers=origin).headers
    preflight = client.options("/api/incidents", headers={"Origin": "https://elsewhere.example",
                                                          "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in preflight.headers


def test_the_size_limit(own_settings: Settings) -> None:
    settings = own_settings.with_(max_bytes=4000)
    editor = bearer(new_token(settings, "editor"))
    with TestClient(create_app(settings)) as client:
        before = client.get("/api/stats", headers=editor).json()["stats"]["documents"]
        text = "A bomb exploded in Exampletown. " * 200  # 6,400 bytes: over the document limit
        error = _error(client.post("/api/documents/text", headers=editor, json={"text": text}), 413, "E107")
        assert "4000" in str(error["cause"])
        huge = b"x" * (4000 + 70 * 1024)  # over the request limit: refused before the body is read
        _error(client.post("/api/documents", headers=editor, files={"file": ("big.txt", huge)}), 413, "E107")

        def chunks():  # no Content-Length: refused while reading
            for _ in range(100):
                yield b"y" * 1024

        _error(client.post("/api/documents/text", headers={**editor, "Content-Type": "application/json"},
                           content=chunks()), 413, "E107")
        assert client.get("/api/stats", headers=editor).json()["stats"]["documents"] == before


def test_roles_and_revocation_on_both_engines(db_url: str) -> None:
    settings = Settings(db=db_url)
    reader, editor = create_token(settings, "r", "reader"), create_token(settings, "e", "editor")
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/incidents", headers=bearer(reader.secret)).json()["incidents"] == []
        _error(client.post("/api/entities/merge", headers=bearer(reader.secret), json={"ids": ["a", "b"]}),
               403, "E171")
        # the editor passes the role check; the entities do not exist
        _error(client.post("/api/entities/merge", headers=bearer(editor.secret), json={"ids": ["a", "b"]}),
               404, "E100")
        CliRunner().invoke(cli, ["--db", db_url, "tokens", "revoke", "e"])
        _error(client.get("/api/health", headers=bearer(editor.secret)), 401, "E170")
