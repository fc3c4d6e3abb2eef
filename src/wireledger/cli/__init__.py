"""The command line: ``wireledger [--db PATH] COMMAND``. Thin: parse arguments, call services, print.

Exit codes (docs/cli.md): 0 done; 1 partly done (some inputs skipped), or nothing found or matched; 2 a
usage error, or nothing could run.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

import click

from .. import __version__
from ..errors import Problem, UsageError, WireledgerError
from ..settings import Settings
from .output import echo_error_json, echo_problem

# codes that mean "the command could not run at all" (exit 2); any other coded error exits 1 (partly done,
# or not found: E100 names an id, document or ledger that is not there)
_FATAL = {"E120", "E150", "E160"}
_MACHINE = ("json", "jsonl")


def _wants_json(args: list[str]) -> bool:
    """Whether the command line asks for machine output (``--format json`` or ``jsonl``)."""
    for i, arg in enumerate(args):
        if arg == "--":
            return False
        if arg == "--format" and i + 1 < len(args) and args[i + 1] in _MACHINE:
            return True
        if arg.startswith("--format=") and arg.split("=", 1)[1] in _MACHINE:
            return True
    return False


def _db_first(args: list[str]) -> list[str]:
    """``--db X`` may come before or after the command: it is moved in front of the command."""
    out: list[str] = []
    moved: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            out.extend(args[i:])
            break
        if arg == "--db" and i + 1 < len(args):
            moved = [arg, args[i + 1]]
            i += 2
            continue
        if arg.startswith("--db="):
            moved = ["--db", arg.split("=", 1)[1]]
            i += 1
            continue
        out.append(arg)
        i += 1
    return moved + out


class _Group(click.Group):
    """Turns a coded WireledgerError, or a usage error, from any command into its one coded line on stderr
    (and, with ``--format json``, a JSON error object on stdout) and an exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """A command's module is imported when the command is asked for (start-up stays cheap: ``screen``
        does not load the reading pipeline)."""
        module = COMMANDS.get(cmd_name)
        if cmd_name not in self.commands and module is not None:
            import_module(f"{__name__}.{module}")
        return self.commands.get(cmd_name)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["wireledger.json_errors"] = _wants_json(args)
        return super().parse_args(ctx, _db_first(args))

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WireledgerError as exc:
            self._fail(ctx, exc.problem, 2 if exc.code in _FATAL else 1)
        except click.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx is not None else "wireledger"
            self._fail(ctx, UsageError(exc.format_message(), input=command).problem, 2)

    @staticmethod
    def _fail(ctx: click.Context, problem: Problem, code: int) -> None:
        echo_problem(problem)
        if ctx.meta.get("wireledger.json_errors"):
            command = ctx.invoked_subcommand or "wireledger"
            echo_error_json(command, problem, code)
        ctx.exit(code)


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


# Each command and the module that registers it on ``cli`` (imported on first use). Add a command as
# one line of this sorted table.
COMMANDS = {
    "batch": "batch_cmd",
    "claims": "claims",
    "documents": "browse",
    "entities": "entities",  # entities [merge|split]
    "entity": "entities",
    "eval": "eval",  # eval gva|muc4|wire|html|sanctions|attribution|clusters
    "export": "export",
    "graph": "incidents",
    "incident": "incidents",
    "incidents": "incidents",
    "ingest": "ingest_cmd",
    "lists": "lists",  # lists load|show
    "load": "batch_cmd",
    "migrate": "ledger_cmd",
    "read": "reading",
    "reread": "incidents",
    "retract": "incidents",
    "screen": "lists",
    "search": "browse",
    "serve": "serve",
    "show": "browse",
    "sources": "claims",
    "stats": "browse",
    "timeline": "incidents",
    "tokens": "tokens",  # tokens create|list|revoke
}


def load_commands() -> click.Group:
    """``cli`` with every command registered (for tests and docs that walk them all)."""
    for module in sorted(set(COMMANDS.values())):
        import_module(f"{__name__}.{module}")
    return cli
