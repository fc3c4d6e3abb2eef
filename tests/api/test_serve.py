"""``wireledger serve`` as a user runs it: a real uvicorn process on a loopback port, asked over HTTP."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from click.testing import CliRunner

from wireledger.cli import cli
from wireledger.settings import Settings

SRC = Path(__file__).resolve().parents[2] / "src"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


Tokens = Callable[[Settings, str], dict[str, str]]  # the tokens fixture of conftest.py


def test_serve_answers_over_http(settings: Settings, tokens: Tokens) -> None:
    headers = tokens(settings, "reader")
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    server = subprocess.Popen([sys.executable, "-m", "wireledger", "--db", settings.db, "serve", "--port",
                               str(port), "--format", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=env, text=True)
    try:
        assert server.stdout is not None
        lines = [server.stdout.readline()]
        while lines[-1] and lines[-1].rstrip() != "}":  # the JSON object is printed before the server starts
            lines.append(server.stdout.readline())
        started = json.loads("".join(lines))
        assert started["command"] == "serve" and started["url"] == f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"{started['url']}api/health", headers=headers)
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert health.status_code == 200 and health.json()["role"] == "reader"
        assert httpx.get(f"{started['url']}api/health").status_code == 401
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_local_mode_listens_on_loopback_only(tmp_path: Path) -> None:
    done = CliRunner().invoke(cli, ["--db", str(tmp_path / "l.db"), "serve", "--local", "--host", "0.0.0.0"])
    assert done.exit_code == 2 and done.stderr.startswith("E150")
