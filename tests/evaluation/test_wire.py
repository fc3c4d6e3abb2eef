"""Wire evaluation: our scorer agrees with the reference one (score_wire.py), on readings made up from the
dev set's gold and on the readings ``wireledger eval wire`` itself makes."""

from __future__ import annotations

import importlib.util
import json
import random
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner

from wireledger.cli import cli
from wireledger.evaluation import wire
from wl_testing import require_shared

TYPES = ["bombing", "armed_assault", "assassination", "kidnapping", "arson", "statement", "arrest"]


def _reference() -> ModuleType:
    path = require_shared("eval", "score_wire.py")
    spec = importlib.util.spec_from_file_location("score_wire_reference", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _maybe(rng: random.Random, right: Any, wrong: Any, p: float = 0.6) -> Any:
    return right if rng.random() < p else wrong


def _synthetic_reading(line: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A reading made from the gold with some fields right, some wrong, some missing."""
    gold = line["gold"]
    names = (gold.get("place") or {}).get("names") or []
    location = {
        "city": _maybe(rng, names[0] if names else None, rng.choice(["Paris", "Kabul", None])),
        "name": _maybe(rng, ", ".join([*names[:1], "District"]), None, 0.3),
        "region": rng.choice([None, "Province of Somewhere"]),
        "country": _maybe(rng, (gold.get("place") or {}).get("country"), rng.choice(["US", "FR", None])),
    }
    entities, participants = [], []
    coded = (("perpetrator", gold.get("perpetrators") or []), ("victim", gold.get("victims") or []))
    for role, people in coded:
        for name in people:
            if rng.random() < 0.3:
                continue
            text = rng.choice([name, name.split()[-1], name.upper(), "Someone Else"])
            entity = f"ent{len(entities)}" if rng.random() < 0.8 else None
            if entity:
                entities.append({"id": entity, "name": text, "type": "person"})
            participants.append({"name": text, "role": rng.choice([role, role, "target", "actor"]),
                                 "entity": entity})
    participants += [{"name": rng.choice(["explosive belts", "Tens", "a car", "latest"]),
                      "role": rng.choice(["perpetrator", "target"]), "entity": None}] * rng.randint(0, 1)
    main = {
        "id": "ev1", "background": rng.random() < 0.1,
        "type": _maybe(rng, rng.choice(gold.get("type") or ["bombing"]), rng.choice(TYPES)),
        "date": {"value": _maybe(rng, gold.get("date"), rng.choice(["2020-01-03", "2019", None]))},
        "location": location, "attempt": rng.random() < 0.2,
        "killed": _maybe(rng, gold.get("killed"), rng.choice([0, 3, None, 40])),
        "wounded": _maybe(rng, gold.get("wounded"), rng.choice([0, 5, None])),
        "participants": participants,
    }
    events: list[dict[str, Any]] = [main]
    for i, b in enumerate(gold.get("background") or []):
        if rng.random() < 0.6:
            events.append({"id": f"bg{i}", "background": True, "type": b.get("type") or rng.choice(TYPES),
                           "date": {"value": _maybe(rng, b.get("date"), "1999-01-01")},
                           "location": {"city": b.get("place")}, "killed": b.get("killed")})
            if rng.random() < 0.2 and b.get("killed"):
                main["killed"] = b["killed"]  # the main event took a background count
    claims = []
    for source in (gold.get("toll_source") or []) + ["(outlet)", "police"]:
        if rng.random() < 0.5:
            predicate = rng.choice(["killed", "wounded", "bombing"])
            origin = rng.choice([source, source.split()[-1]])
            claims.append({"event": rng.choice(["ev1", "ev1", "bg0"]), "predicate": predicate,
                           "attribution": [origin, "Reuters"]})
    return {"document": {"source_id": line["id"]}, "entities": entities, "events": events, "claims": claims}


@pytest.mark.shared
def test_scores_agree_with_the_reference_scorer_on_made_up_readings() -> None:
    dev = require_shared("data", "wire", "dev.jsonl")
    ref = _reference()
    golds = wire.load_gold([dev])
    for seed in (3, 17):
        rng = random.Random(seed)
        readings = {gid: _synthetic_reading(line, rng) for gid, line in golds.items() if rng.random() < 0.95}
        ours = wire.score(readings, golds, show_errors=True)
        theirs, errors = ref.score(readings, golds, True)
        assert ours.pop("errors") == [list(e) for e in errors]
        assert ours == theirs


@pytest.mark.shared
@pytest.mark.slow
def test_the_command_agrees_with_the_reference_scorer_on_its_own_readings(tmp_path: Path) -> None:
    dev = require_shared("data", "wire", "dev.jsonl")
    sample = tmp_path / "sample.jsonl"
    lines = dev.read_text(encoding="utf-8").splitlines(keepends=True)
    sample.write_text("".join(lines[:8]), encoding="utf-8")
    out = tmp_path / "readings.jsonl"
    result = CliRunner().invoke(cli, ["eval", "wire", str(sample), "--out", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    measured = json.loads(result.output)
    ref = _reference()
    readings = {str(r["document"]["source_id"]): r
                for r in (json.loads(x) for x in out.read_text(encoding="utf-8").splitlines())}
    theirs, _ = ref.score(readings, wire.load_gold([sample]))
    assert measured["predicted"] == 8 and not measured["failures"]
    assert {k: measured[k] for k in theirs} == json.loads(json.dumps(theirs))
    text = CliRunner().invoke(cli, ["eval", "wire", str(out), "--gold", str(sample)]).output
    assert f"Wire mean accuracy = {theirs['mean']:.3f}" in text


def test_names_places_and_dates_match_as_the_coding_rules_say() -> None:
    assert wire.names_match("al-Shabab", "Al-Shabaab")
    assert wire.names_match("Abdirahman Omar Osman", "Osman")
    assert not wire.names_match("John Smith", "Mary Jones")
    assert "khan younis" in wire.place_forms(["Khan Younis district, Gaza"])
    assert wire.close("khan younis", "khan yunis")
    assert wire.date_agrees("2021-07-14", "2021-07") and not wire.date_agrees(None, "2021")
    attacks = wire.attack_type_set()
    assert wire.types_agree("armed_assault", "assassination", attacks)
    assert not wire.types_agree("bombing", "armed_assault", attacks)
