"""The real app over a real ledger, served by uvicorn on a free loopback port in a background thread, for
the browser tests and the README screenshot."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn
from click.testing import CliRunner

from wireledger.api import create_app
from wireledger.cli import cli
from wireledger.settings import Settings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


def wl(db: str | Path, *args: str) -> str:
    """Run a wireledger command on the ledger ``db``; its output."""
    done = CliRunner().invoke(cli, ["--db", str(db), *args])
    assert done.exit_code == 0, done.output
    return done.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(db: str | Path, local: bool = True) -> Iterator[str]:
    """The app over ``db``, served until the block ends; its base URL."""
    port = free_port()
    app = create_app(Settings(db=str(db)), local=local)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(300):  # wait for the socket to listen (not a timing assertion: a start-up wait)
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def shoot(page: Any, name: str) -> Path:
    """A full-page screenshot into tests/web/screenshots/ (git-ignored)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
