"""``wireledger tokens create|list|revoke``: the API tokens ``wireledger serve`` admits."""

from __future__ import annotations

from typing import Any

import click

from ..services.tokens import ROLES, create_token, list_tokens, revoke_token
from ..settings import Settings
from . import cli
from .output import clean, echo_json, format_option


@cli.group("tokens")
def tokens_group() -> None:
    """API tokens with roles (reader < editor < admin): create, list, revoke."""


def _line(t: dict[str, Any]) -> str:
    state = f"revoked {t['revoked_at']}" if t["revoked_at"] else "active"
    used = f"last used {t['last_used_at']}" if t["last_used_at"] else "never used"
    return f"{t['id']}  {clean(t['name'])}  {t['role']:<6}  {t['hint']}...  created {t['created_at']}  " \
           f"{state}  {used}"


@tokens_group.command("create")
@click.option("--name", required=True, help="A name for the token (who or what uses it); unique.")
@click.option("--role", type=click.Choice(ROLES), required=True,
              help="reader: look; editor: also ingest, retract, merge and split; admin: also load lists.")
@format_option
@click.pass_obj
def create_command(settings: Settings, name: str, role: str, fmt: str) -> None:
    """Create a token and print its secret: this is the only time it is shown (only its hash is kept)."""
    created = create_token(settings, name, role)
    if fmt != "text":
        echo_json("tokens create", created.to_dict())
        return
    click.echo(created.secret)
    click.echo(f"token {created.token['id']} {clean(created.token['name'])} ({role}): keep the secret above; "
               "it is not stored and cannot be shown again", err=True)


@tokens_group.command("list")
@format_option
@click.pass_obj
def list_command(settings: Settings, fmt: str) -> None:
    """List tokens: id, name, role, the secret's first characters, created, revoked, last used."""
    tokens = list_tokens(settings)
    if fmt != "text":
        echo_json("tokens list", {"tokens": tokens})
        return
    for t in tokens:
        click.echo(_line(t))
    if not tokens:
        click.echo("no tokens; create one with `wireledger tokens create --name NAME --role reader`")


@tokens_group.command("revoke")
@click.argument("key", metavar="ID|NAME")
@format_option
@click.pass_obj
def revoke_command(settings: Settings, key: str, fmt: str) -> None:
    """Revoke a token: every request with it is refused from now on."""
    token = revoke_token(settings, key)
    if fmt != "text":
        echo_json("tokens revoke", {"token": token})
        return
    click.echo(_line(token))
