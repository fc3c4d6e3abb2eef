"""The command line: ``wireledger [--db PATH] COMMAND``. Thin: parse arguments, call services, print.

Exit codes (docs/cli.md): 0 done; 1 some inputs were skipped or nothing matched; 2 nothing could be
read, or a usage error.
"""

from __future__ import annotations

from typing import Any

import click

from .. import __version__
from ..errors import WireledgerError
from ..settings import Settings
from .output import echo_problem

# codes that mean "the command could not run at all" (exit 2); any other coded error exits 1
_FATAL = {"E100", "E120", "E150"}


class _Group(click.Group):
    """Turns a coded WireledgerError from any command into its one-line message and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WireledgerError as exc:
            echo_problem(exc.problem)
            ctx.exit(2 if exc.code in _FATAL else 1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", metavar="PATH|URL", default=None,
              help="Ledger: a SQLite file (default ./wireledger.db) or a postgresql:// URL; or the "
                   "WIRELEDGER_DB variable.")
@click.version_option(__version__, prog_name="wireledger")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """wireledger: news reports about violent and security incidents, read into a sourced ledger."""
    ctx.obj = Settings.load(db=db)


def main() -> None:
    """Console entry point (``wireledger``)."""
    cli(prog_name="wireledger")


# Command modules register themselves on ``cli``, so they are imported after it exists. Add a module
# as one line of this sorted list.
from . import (  # noqa: E402, F401 - imported for their commands, after cli exists
    browse,  # documents, show, search, stats
    claims,  # claims, sources
    entities,  # entities [merge|split], entity
    eval,  # eval gva|muc4|attribution
    incidents,  # incidents, incident, timeline, graph, reread, retract
    ingest_cmd,  # ingest
    ledger_cmd,  # migrate
    lists,  # lists load|show, screen
    reading,  # read
)
