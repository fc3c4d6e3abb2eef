"""The installed ``wireledger`` command (the console entry point of the venv) in real processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from wireledger import __version__

WIRELEDGER = str(Path(sys.executable).with_name("wireledger"))
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cli"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([WIRELEDGER, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_demo_flow_with_the_example_article(tmp_path: Path) -> None:
    """What ``make demo`` does without ../shared: ingest the shipped example, then show it."""
    ingested = _run("ingest", "--example", cwd=tmp_path)
    assert ingested.returncode == 0, ingested.stderr
    assert (tmp_path / "wireledger.db").exists()  # the default ledger, in the working folder
    shown = _run("show", "example", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    sections, sources = lines.index("Sections:"), lines.index("Sources:")
    assert lines[0].strip() and sources - sections > 1 and lines[sources + 1].startswith("  ")
    as_json = json.loads(_run("show", "example", "--format", "json", cwd=tmp_path).stdout)
    doc = as_json["document"]
    assert lines[0] == doc["title"]
    assert lines[sections + 1:sources] == [f"  {h}" for h in doc["sections"]]
    cited = doc["cited_sources"]
    assert lines[sources + 1:sources + 1 + len(cited)] == [f"  {c}" for c in cited]


def test_exit_codes_and_progress_on_stderr(tmp_path: Path) -> None:
    partial = _run("--db", "l.db", "ingest", str(FIXTURES), cwd=tmp_path)
    assert partial.returncode == 1
    assert "E101" in partial.stdout and "ingest" in partial.stderr  # the progress bar is on stderr
    assert _run("--db", "l.db", "ingest", str(FIXTURES), cwd=tmp_path).returncode == 0
    assert _run("--db", "l.db", "show", "nothing-like-this", cwd=tmp_path).returncode == 1
    assert _run("--db", "l.db", "ingest", cwd=tmp_path).returncode == 2
    assert _run("--db", "l.db", "ingest", str(tmp_path / "none.txt"), cwd=tmp_path).returncode == 2
    version = _run("--version", cwd=tmp_path)
    assert version.returncode == 0 and __version__ in version.stdout
