"""Golden readings: each fixture article we wrote (tests/fixtures/articles) read by the real pipeline and
checked against the key facts listed in tests/golden/*.yaml. Plus the founding example, checked by the
reference script beside the shared data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from events_support import FIXTURES, main_event, names, pipeline, read_path, summary

from wireledger.model import Event, Reading, load_taxonomy
from wireledger.nlp.base import ReadingDoc
from wl_testing import require_shared

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
CASES = sorted(GOLDEN.glob("*.yaml"))


def _date_text(value: Any) -> str | None:
    return None if value is None else str(value)


def _check_event(ev: Event, want: dict[str, Any], doc: ReadingDoc) -> list[str]:
    bad: list[str] = []
    if "type" in want and ev.type not in want["type"]:
        bad.append(f"type {ev.type} not in {want['type']}")
    if "date" in want:
        got = ev.date.value if ev.date else None
        if got != _date_text(want["date"]):
            bad.append(f"date {got} != {want['date']}")
    loc = ev.location
    if "city" in want and not (loc and want["city"].lower() in f"{loc.city} {loc.name}".lower()):
        bad.append(f"city {loc and (loc.city, loc.name)} != {want['city']}")
    if "country" in want and (loc is None or loc.country != want["country"]):
        bad.append(f"country {loc and loc.country} != {want['country']}")
    for field in ("killed", "wounded", "perpetrator_status", "attempt", "target_type", "polarity"):
        if field in want and getattr(ev, field) != want[field]:
            bad.append(f"{field} {getattr(ev, field)} != {want[field]}")
    if "weapon" in want and not any(w.category == want["weapon"] for w in ev.weapons):
        bad.append(f"no {want['weapon']} weapon in {[(w.category, w.text) for w in ev.weapons]}")
    for p in want.get("participants", []):
        if not any(p["name"].lower() in n for n in names(ev, tuple(p["role"]))):
            bad.append(f"no {p['role']} named like {p['name']!r}")
    for field in want.get("conflicts", []):
        if not any(c.get("field") == field for c in ev.conflicts):
            bad.append(f"no conflict recorded on {field}")
    for s, e in ev.evidence:
        if not (0 <= s < e <= len(doc.text)):
            bad.append(f"evidence ({s}, {e}) outside the text")
    return bad


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden_reading(case: Path) -> None:
    gold = yaml.safe_load(case.read_text(encoding="utf-8"))
    published = _date_text(gold.get("published"))
    doc = read_path(FIXTURES / gold["fixture"], published, gold.get("item", 0))
    problems: list[str] = []
    main = main_event(doc)
    if "main" in gold:
        if main is None:
            problems.append("no main event")
        else:
            problems += [f"main: {p}" for p in _check_event(main, gold["main"], doc)]
    for want in gold.get("background", []):
        found = [e for e in doc.events if e.background and not _check_event(e, want, doc)]
        if not found:
            problems.append(f"no background event like {want}")
    for want in gold.get("other_events", []):
        found = [
            e for e in doc.events if not e.background and e is not main and not _check_event(e, want, doc)
        ]
        if not found:
            problems.append(f"no other event like {want}")
    if gold.get("no_attack"):
        attacks = [
            e
            for e in doc.events
            if not e.background
            and e.type in load_taxonomy().attack_types
            and e.polarity == "positive"
            and e.modality in ("asserted", "reported")
        ]
        if attacks:
            problems.append(f"asserted attacks where there was none: {[e.type for e in attacks]}")
    if gold.get("no_events") and doc.events:
        problems.append(f"events where there was none: {[e.type for e in doc.events]}")
    assert not problems, f"{case.name}: {problems}\n{json.dumps(summary(doc), indent=1, default=str)}"


def test_every_fixture_article_of_ours_has_a_golden_reading() -> None:
    kinds = {yaml.safe_load(c.read_text(encoding="utf-8"))["fixture"] for c in CASES}
    assert len(kinds) >= 15


# ----------------------------------------------------------------------------- founding example


def _seed_reading(published: str | None) -> dict[str, Any]:
    from wireledger.ingest import IngestOptions, iter_inputs
    from wireledger.settings import Settings

    path = require_shared("seed", "alekseev.txt")
    doc = next(iter(iter_inputs([str(path)], IngestOptions(published=published), Settings())))
    reading: Reading = pipeline().read(doc)  # type: ignore[arg-type]  # iter_inputs yields a Document here
    return reading.to_dict()


@pytest.mark.shared
def test_founding_example_passes_the_reference_reading_checks(tmp_path: Path) -> None:
    script = require_shared("eval", "check_seed.py")
    out = tmp_path / "reading.json"
    out.write_text(json.dumps(_seed_reading("2026-02-06")), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(script), str(out), "--group", "reading"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.shared
def test_founding_example_without_publication_date_keeps_the_year_unknown() -> None:
    reading = _seed_reading(None)
    main = next(e for e in reading["events"] if not e["background"])
    assert main["type"] in ("assassination", "armed_assault")
    assert main["date"]["value"] == "--02-06"
    assert main["date"]["precision"] == "day"
    assert "unknown" in (main["date"]["note"] or "")
