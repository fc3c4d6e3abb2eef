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


def format_option(f: F) -> F:
    """The ``--format text|json`` option every command takes."""
    return click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                        show_default=True, help="Output for people (text) or machines (json).")(f)


def clean(text: str | None) -> str:
    """Text from a document, safe for a terminal."""
    return _CONTROL.sub("", text or "")


def echo_json(command: str, payload: dict[str, Any]) -> None:
    data = {"schema_version": OUTPUT_SCHEMA_VERSION, "command": command, **payload}
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
