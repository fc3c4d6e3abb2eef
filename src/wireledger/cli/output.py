"""Printing: JSON with a schema_version for machines, plain text for people. Untrusted text (titles,
article text, snippets) is printed as data: control characters are removed and nothing is markup."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import click

from ..errors import Problem, UsageError
from ..services import OUTPUT_SCHEMA_VERSION

F = TypeVar("F", bound=Callable[..., Any])
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


FORMATS = ("text", "json", "jsonl")
MAX_COUNT = 1_000_000_000  # the largest count or offset an option takes (as the API's offset)


def count_type(minimum: int = 0) -> click.IntRange:
    """The type of an option that counts (``--limit``, ``--offset``, ``--min-sources``): a number from
    ``minimum`` to :data:`MAX_COUNT`, so a huge one is a usage error (E150), not an overflow in the
    ledger's SQL."""
    return click.IntRange(min=minimum, max=MAX_COUNT)


def format_option(f: F) -> F:
    """The ``--format text|json|jsonl`` option every command takes."""
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
                        help="Output for people (text) or machines: json (one object), jsonl (one line "
                             "per result).")(f)


def jsonl_field_options(f: F) -> F:
    """The JSONL field options every command that reads JSONL takes (``ingest``, ``read``, ``batch``)."""
    fields = [("--id-field", "id", "the document id"), ("--text-field", "text", "the text"),
              ("--title-field", "title", "the title"),
              ("--published-field", "published", "the publication date"), ("--url-field", "url", "the URL")]
    for name, default, what in reversed(fields):  # click applies decorators bottom-up
        f = click.option(name, default=default, show_default=True, help=f"JSONL: field holding {what}.")(f)
    return f


def retracted_option(f: F) -> F:
    """``--include-retracted``: the audit view, with retracted reports shown and marked."""
    return click.option("--include-retracted", "include_retracted", is_flag=True,
                        help="Also show retracted reports, marked with who retracted them, when and why.")(f)


def clean(text: str | None) -> str:
    """Text from a document, safe for a terminal."""
    return _CONTROL.sub("", text or "")


def echo_json(command: str, payload: dict[str, Any], fmt: str | None = None) -> None:
    """Machine output. ``json``: one object with ``schema_version`` and ``command``. ``jsonl``: the results
    one per line when the payload holds one list of them, else the object on one line. The format is the
    command's own ``--format`` unless given."""
    if fmt is None:
        ctx = click.get_current_context(silent=True)
        fmt = str(ctx.params.get("fmt") or "json") if ctx is not None else "json"
    data = {"schema_version": OUTPUT_SCHEMA_VERSION, "command": command, **payload}
    if fmt != "jsonl":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    lists = [v for v in payload.values() if isinstance(v, list)]
    if len(lists) == 1:
        for item in lists[0]:
            click.echo(json.dumps(item, ensure_ascii=False))
    else:
        click.echo(json.dumps(data, ensure_ascii=False))


def echo_error_json(command: str, problem: Problem, exit_code: int) -> None:
    """A coded error as the JSON object a machine reads on stdout (besides the line on stderr)."""
    data = {"schema_version": OUTPUT_SCHEMA_VERSION, "command": command, "exit_code": exit_code,
            "error": problem.to_dict()}
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def echo_problem(problem: Problem) -> None:
    click.echo(clean(str(problem)), err=True)


def check_published(published: str | None, command: str) -> None:
    """``--published`` must be a date like 2026-02-06 (E150 otherwise)."""
    if published is None:
        return
    try:
        date.fromisoformat(published)
    except ValueError:
        raise UsageError(f"--published {published!r} is not a date like 2026-02-06", input=command) from None
