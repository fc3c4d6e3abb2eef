"""MUC-4 evaluation: our scorer agrees with the reference one on dev.jsonl, and the driver reads messages."""

from __future__ import annotations

import importlib.util
import json
import random
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from wireledger.evaluation import muc4
from wl_testing import require_shared


def _reference() -> ModuleType:
    path = require_shared("eval", "score_muc.py")
    spec = importlib.util.spec_from_file_location("score_muc_reference", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _synthetic_reading(record: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """Fillers taken from the answer key (some cut to their head word, some wrong), as a reading."""
    entities: list[dict[str, Any]] = []
    participants: list[dict[str, Any]] = []
    weapons: list[dict[str, Any]] = []
    slots = {
        "PERP: INDIVIDUAL ID": ("perpetrator", "person"),
        "PERP: ORGANIZATION ID": ("perpetrator", "organization"),
        "PHYS TGT: ID": ("target", "facility"),
        "HUM TGT: NAME": ("victim", None),
        "HUM TGT: DESCRIPTION": ("target", "person"),
    }
    for template in record.get("templates") or []:
        for slot, (role, etype) in slots.items():
            values = template.get(slot) or []
            for item in values if isinstance(values, list) else [values]:
                quoted = [q for q in item.split('"')[1::2] if q]
                if not quoted or rng.random() < 0.3:
                    continue
                text = rng.choice([quoted[0], quoted[0].split()[-1], "SOMETHING ELSE"])
                entity = None
                if etype and rng.random() < 0.6:
                    entity = f"e{len(entities) + 1}"
                    entities.append({"id": entity, "name": text, "type": etype})
                participants.append({"entity": entity, "name": text, "role": role})
        for item in (lambda v: v if isinstance(v, list) else [v])(
            template.get("INCIDENT: INSTRUMENT ID") or []
        ):
            quoted = [q for q in item.split('"')[1::2] if q]
            if quoted:
                weapons.append({"text": quoted[-1], "category": "explosives"})
    kind = rng.choice(["bombing", "armed_assault", "kidnapping", "arson", "statement"])
    events = (
        [
            {
                "id": "ev1",
                "type": kind,
                "background": rng.random() < 0.1,
                "participants": participants,
                "weapons": weapons,
            }
        ]
        if participants or weapons or rng.random() < 0.5
        else []
    )
    return {"document": {"id": record["docid"]}, "entities": entities, "events": events}


@pytest.mark.shared
@pytest.mark.parametrize("lenient", [False, True])
def test_scores_agree_with_the_reference_scorer_on_dev(lenient: bool) -> None:
    dev = require_shared("data", "muc4", "dev.jsonl")
    ref = _reference()
    rng = random.Random(11)
    records = [json.loads(line) for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    readings = {r["docid"]: _synthetic_reading(r, rng) for r in records if rng.random() < 0.95}
    ours = muc4.score(readings, muc4.load_gold([dev]), lenient).to_dict()
    theirs = ref.score(readings, ref.load_gold([str(dev)]), lenient)
    for role, entry in theirs["roles"].items():
        assert ours["roles"][role] == pytest.approx(entry), role
    assert ours["incident_type"] == pytest.approx(theirs["incident_type"])
    assert ours["relevant_docs"] == pytest.approx(theirs["relevant_docs"])


def test_matching_rules() -> None:
    assert muc4.normalise("The Farabundo-Marti  [FMLN]") == "farabundo marti fmln"
    assert muc4.strings_match("car bomb", "bomb")
    assert muc4.strings_match("bomb", "powerful car bomb")
    assert not muc4.strings_match("bomb", "car", exact=False)
    assert not muc4.strings_match("car bomb", "bomb", exact=True)
    golds = [muc4.GoldEntity({"jesuit priests"}), muc4.GoldEntity({"peasants"})]
    assert muc4.matching([{"priests"}, {"priests"}, {"peasants"}], golds, False)[0] == 2  # each used once


def test_title_with_name_joins_the_named_victim() -> None:
    template = {
        "INCIDENT: TYPE": "ATTACK",
        "HUM TGT: NAME": '"PEDRO LOPEZ"',
        "HUM TGT: DESCRIPTION": ['"MAYOR": "PEDRO LOPEZ"', '"PEASANTS"'],
    }
    gold = muc4.gold_doc({"docid": "x", "templates": [template]})
    assert [sorted(e.alternatives) for e in gold.roles["Victim"]] == [["mayor", "pedro lopez"], ["peasants"]]


@pytest.mark.shared
def test_driver_reads_messages_as_wireledger_read_does(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from wireledger.cli import cli
    from wireledger.services import evaluation
    from wireledger.settings import Settings

    dev = require_shared("data", "muc4", "dev.jsonl")
    sample = tmp_path / "sample.jsonl"
    sample.write_text(
        "".join(dev.read_text(encoding="utf-8").splitlines(keepends=True)[:3]), encoding="utf-8"
    )
    result, readings, failures = evaluation.muc4(Settings(), [sample])
    assert result.docs == 3 and len(readings) + len(failures) == 3
    read = CliRunner().invoke(cli, ["read", str(sample), "--id-field", "docid", "--text-field", "text",
                                    "--format", "jsonl"])
    by_read = [json.loads(line) for line in read.output.splitlines() if line.startswith("{")]

    def plain(r: dict[str, Any]) -> dict[str, Any]:
        return {**r, "document": {k: v for k, v in r["document"].items() if k != "ingested_at"}}

    assert [plain(r) for r in readings.values()] == [plain(r) for r in by_read]  # one path
