"""The CLI conventions of docs/cli.md, checked on every command of the command table: ``--format
text|json|jsonl``; a usage error is a coded E150 line on stderr, exit 2, and with ``--format json`` a JSON
error object on stdout naming the command; ``--db`` before or after the command; JSON output carries the
command's name; a missing id is a coded E100 and exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from wireledger.cli import load_commands
from wl_testing import FIXTURES

cli = load_commands()


def leaf_commands(group: click.Group = cli, prefix: str = "") -> list[tuple[str, click.Command]]:
    out: list[tuple[str, click.Command]] = []
    for name, command in sorted(group.commands.items()):
        full = f"{prefix}{name}"
        if isinstance(command, click.Group):
            out.extend(leaf_commands(command, full + " "))
            if command.invoke_without_command:
                out.append((full, command))
        else:
            out.append((full, command))
    return out


COMMANDS = leaf_commands()


def invoke(*args: str) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args))


def test_the_table_is_walked() -> None:
    names = {name for name, _ in COMMANDS}
    assert {"ingest", "read", "incidents", "incident", "screen", "lists load", "migrate", "batch"} <= names


# The documented exception (docs/cli.md, Conventions): export's --format is the export format; json and
# jsonl are among them, so a coded error is still a JSON object on stdout with --format json.
EXPORT_FORMATS = ["json", "jsonl", "csv-gtd", "csv-acled", "ftm", "geojson", "graphml"]
FORMAT_EXCEPTIONS = {"export": EXPORT_FORMATS}


@pytest.mark.parametrize("name,command", COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_takes_the_three_formats(name: str, command: click.Command) -> None:
    options = [p for p in command.params if isinstance(p, click.Option) and "--format" in p.opts]
    assert options, f"{name} has no --format"
    assert isinstance(options[0].type, click.Choice)
    assert list(options[0].type.choices) == FORMAT_EXCEPTIONS.get(name, ["text", "json", "jsonl"])


def test_the_format_exception_is_documented() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")
    conventions = text[text.index("## Conventions"):]
    for name, formats in FORMAT_EXCEPTIONS.items():
        assert f"`{name} --format {'|'.join(formats)}`" in conventions


@pytest.mark.parametrize("name", [n for n, _ in COMMANDS])
def test_a_usage_error_is_coded_and_also_json(name: str, tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    text = invoke("--db", db, *name.split(), "--no-such-option")
    assert text.exit_code == 2 and text.stderr.startswith("E150"), text.output
    machine = invoke(*name.split(), "--no-such-option", "--format", "json", "--db", db)
    assert machine.exit_code == 2
    error = json.loads(machine.stdout)
    assert error["command"] == name.split()[0] and error["error"]["code"] == "E150"
    assert error["exit_code"] == 2


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("conventions") / "ledger.db")
    done = invoke("--db", db, "ingest", str(FIXTURES / "cli"), "--no-read")
    assert done.exit_code in (0, 1), done.output
    return db


@pytest.mark.parametrize("args", [["documents"], ["stats"], ["search", "harbour"], ["lists", "show"],
                                  ["incidents"], ["entities"], ["sources"], ["export"]])
def test_db_goes_before_or_after_and_json_names_the_command(ledger: str, args: list[str]) -> None:
    before = invoke("--db", ledger, *args, "--format", "json")
    after = invoke(*args, "--format", "json", "--db", ledger)
    assert before.exit_code == after.exit_code and before.exit_code in (0, 1)
    assert before.stdout == after.stdout
    data = json.loads(before.stdout)
    assert data["command"] == " ".join(args[:2] if args[0] == "lists" else args[:1])


def test_jsonl_prints_one_result_a_line(ledger: str) -> None:
    out = invoke("--db", ledger, "documents", "--format", "jsonl")
    lines = out.stdout.splitlines()
    assert out.exit_code == 0 and len(lines) == 3
    assert all("id" in json.loads(line) for line in lines)


@pytest.mark.parametrize("args", [["incident", "inc_000000000000"], ["entity", "ent_000000000000"],
                                  ["show", "doc_nosuch"]])
def test_what_is_not_there_exits_1_with_a_coded_error(ledger: str, args: list[str]) -> None:
    result = invoke("--db", ledger, *args, "--format", "json")
    assert result.exit_code == 1
    error = json.loads(result.stdout)
    assert error["error"]["code"] in ("E100", "E151") and error["command"] == args[0]


def test_the_lazy_command_table_names_every_registered_command() -> None:
    """Every command a module registers is in ``COMMANDS`` (so ``--help`` and dispatch find it), and
    every name there is registered by the module it names."""
    from wireledger.cli import COMMANDS

    assert sorted(cli.commands) == sorted(COMMANDS)


def test_screen_starts_without_the_reading_pipeline(tmp_path: Path) -> None:
    """``screen`` imports neither spaCy nor the reading pipeline (start-up is most of its wall time)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from wireledger.cli import cli\n"
        "try:\n"
        f"    cli(['--db', {str(tmp_path / 'l.db')!r}, 'screen', 'Vladimir Alexseyev'],\n"
        "        standalone_mode=False)\n"
        "except Exception:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m == 'spacy' or m.startswith('wireledger.nlp')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("args", [["documents", "--offset"], ["documents", "--limit"],
                                  ["search", "harbour", "--limit"], ["entities", "--limit"],
                                  ["incidents", "--min-sources"], ["export", "--min-sources"]])
def test_a_count_too_large_for_the_ledger_is_a_usage_error(ledger: str, args: list[str]) -> None:
    """A count or offset past what the ledger's SQL takes (SQLite integers are 64-bit) is refused as E150,
    naming the option, before the ledger is asked."""
    done = invoke("--db", ledger, *args, "99999999999999999999")
    assert done.exit_code == 2 and done.stderr.startswith("E150"), done.output
    assert (args[-1] in done.stderr and done.exception is None) or isinstance(done.exception, SystemExit)
    machine = invoke("--db", ledger, *args, "99999999999999999999", "--format", "json")
    assert machine.exit_code == 2 and json.loads(machine.stdout)["error"]["code"] == "E150"
