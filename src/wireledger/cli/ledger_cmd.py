"""``migrate``: move a whole ledger to another engine (SQLite to PostgreSQL and back)."""

from __future__ import annotations

import click

from ..services.ledger import migrate_ledger
from ..settings import Settings
from . import cli
from .output import echo_json, format_option


@cli.command("migrate")
@click.option("--from", "source", required=True, metavar="DB",
              help="The ledger to copy: a path, sqlite:///path or postgresql://... (not changed).")
@click.option("--to", "target", required=True, metavar="DB",
              help="A new, empty ledger to copy it into: a path, sqlite:///path or postgresql://...")
@format_option
@click.pass_obj
def migrate_command(settings: Settings, source: str, target: str, fmt: str) -> None:
    """Copy every document, reading, incident, entity, list and decision into another ledger."""

    def progress(table: str, rows: int) -> None:
        if fmt == "text" and rows:
            click.echo(f"  {table}: {rows} rows", err=True)

    report = migrate_ledger(source, target, progress)
    if fmt != "text":
        echo_json("migrate", report)
        return
    click.echo(f"copied {report['total']} rows from {report['from']} to {report['to']}")
