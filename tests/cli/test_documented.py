"""Docs checked by tests: every command and option in docs/cli.md, every error code in docs/errors.md,
every setting in docs/settings.md."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import click

from wireledger.cli import load_commands
from wireledger.errors import CODES
from wireledger.settings import Settings

cli = load_commands()

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    for name, command in sorted(group.commands.items()):
        full = f"{prefix}{name}"
        found.append((full, command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, full + " "))
    return found


def _options(command: click.Command) -> list[str]:
    opts = []
    for param in command.params:
        if isinstance(param, click.Option):
            opts.extend(o for o in (*param.opts, *param.secondary_opts) if o.startswith("--"))
    return [o for o in opts if o != "--help"]


def test_every_command_and_option_is_in_cli_md() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    missing = [f"option {o}" for o in _options(cli) if o not in text]
    for name, command in _commands(cli):
        if not re.search(rf"wireledger (\[--db PATH\] )?{re.escape(name)}\b", text):
            missing.append(f"command {name!r}")
        missing.extend(f"{name} {o}" for o in _options(command)
                       if not re.search(rf"{re.escape(o)}(?![\w-])", text))
    assert not missing, "not documented in docs/cli.md: " + ", ".join(missing)


def test_every_error_code_is_in_errors_md() -> None:
    text = (DOCS / "errors.md").read_text(encoding="utf-8")
    missing = [code for code in CODES if not re.search(rf"^\| {code} \|", text, re.MULTILINE)]
    assert not missing, "codes without a row in docs/errors.md: " + ", ".join(missing)


def test_every_setting_is_in_settings_md() -> None:
    text = (DOCS / "settings.md").read_text(encoding="utf-8")
    missing = [f.name for f in fields(Settings)
               if f"`{f.name}`" not in text or f"`WIRELEDGER_{f.name.upper()}`" not in text]
    assert not missing, "settings not documented in docs/settings.md: " + ", ".join(missing)
