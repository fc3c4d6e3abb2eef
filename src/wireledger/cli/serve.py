"""``serve``: the REST API and the web UI."""

from __future__ import annotations

import click

from ..errors import UsageError
from ..settings import Settings
from . import cli
from .output import echo_json, format_option

_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback unless told otherwise).")
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True)
@click.option("--local", is_flag=True,
              help="One user on their own machine: no sign-in (loopback addresses only).")
@format_option
@click.pass_obj
def serve_command(settings: Settings, host: str, port: int, local: bool, fmt: str) -> None:
    """Serve the REST API (/api, documented at /api/docs) and the web UI (/)."""
    if local and host not in _LOOPBACK:
        raise UsageError(f"--local skips sign-in and so listens on loopback only, not {host}", input="serve")
    import uvicorn

    from ..api import create_app

    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    from ..services.tokens import live_tokens

    if fmt == "text":
        click.echo(f"wireledger: serving {settings.db} at {url}{' (local: no sign-in)' if local else ''}")
        if not local and not live_tokens(settings):
            click.echo("wireledger: no API token yet; every request is refused (401) until one is made with "
                       "`wireledger tokens create --name NAME --role reader`", err=True)
    else:  # the address a script waits for, before the server starts
        echo_json("serve", {"url": url, "db": settings.db, "local": local})
    uvicorn.run(create_app(settings, local=local), host=host, port=port, log_level="warning")
