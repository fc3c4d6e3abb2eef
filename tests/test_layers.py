"""The import graph keeps the layers apart: services hold no database connection of their own, and the
store implements the domains' ports without importing the domains."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "wireledger"


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, absolute (``wireledger.merge.profile``, ``sqlite3``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ["wireledger", *path.relative_to(PACKAGE).parent.parts]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def offenders(folder: str, forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        bad = sorted(m for m in imports_of(path) if any(m == f or m.startswith(f + ".") for f in forbidden))
        if bad:
            out[str(path.relative_to(PACKAGE))] = bad
    return out


def test_imports_of_sees_relative_imports() -> None:
    found = imports_of(PACKAGE / "store" / "ledger.py")
    assert "wireledger.settings" in found and "wireledger.store.sqlite" in found


def test_no_service_opens_a_database_itself() -> None:
    assert offenders("services", ("sqlite3", "psycopg")) == {}


def test_the_store_does_not_import_the_domains() -> None:
    assert (
        offenders(
            "store",
            (
                "wireledger.merge",
                "wireledger.resolve",
                "wireledger.ingest",
                "wireledger.nlp",
                "wireledger.services",
            ),
        )
        == {}
    )


def test_interfaces_reach_the_ledger_only_through_services() -> None:
    assert offenders("cli", ("wireledger.store", "sqlite3", "psycopg")) == {}
    assert offenders("api", ("wireledger.store", "sqlite3", "psycopg")) == {}


def test_importing_the_package_loads_no_use_case() -> None:
    """``import wireledger`` (which every command does) is cheap: the Python API's names load on first use."""
    import subprocess
    import sys

    code = ("import sys, wireledger; print(sorted(m for m in sys.modules if m.startswith("
            "('wireledger.services', 'wireledger.store', 'spacy', 'numpy'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    code = "import wireledger; print(wireledger.open.__name__, wireledger.Reading.__name__)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["open_handle", "Reading"]
