"""What the code knows about the attack types comes from the taxonomy data alone: a new attack type that
lacks a field the reading or the merging decides with is a lint error, a complete one reaches every use,
and no module of ours keeps a list of attack types of its own."""

from __future__ import annotations

import ast
import copy
from pathlib import Path

from wireledger.model import lint_taxonomy, load_taxonomy
from wireledger.model.taxonomy import parse_taxonomy
from wireledger.nlp.events import types_compatible
from wireledger.nlp.events_triggers import GENERIC

SRC = Path(__file__).resolve().parents[2] / "src" / "wireledger"
# Literal collections that name two or more attack types, and why each may
# (path relative to src/wireledger, first line of the literal's assignment target name)
ALLOWED = {
    ("model/taxonomy.py", "REQUIRED_EVENT_TYPES"): "the linter's list of slugs the data must hold",
    ("evaluation/wire.py", "DISTINCT_TYPES"): "score_wire.py's matching rule for background incidents",
    ("evaluation/gva.py", "PREFERRED"): "score_gva.py's choice of the main event",
    ("nlp/background.py", "_classifier_wins"): "the MUC-4 specialist's weight against the rules' type",
}

RAMMING = {
    "category": "attack", "label": "Vehicle ramming", "gtd": {"attacktype": 2, "name": "Armed Assault"},
    "acled": {"disorder_type": "Political violence", "event_type": "Violence against civilians",
              "sub_event_type": "Attack"},
    "triggers": ["ram", "ramming", "mow down"],
}


def _with_ramming(**fields: object) -> dict:
    raw = copy.deepcopy(load_taxonomy().raw)
    raw["event_types"]["vehicle_ramming"] = {**RAMMING, **fields}
    return raw


def test_an_attack_type_without_its_knowledge_is_a_lint_error() -> None:
    problems = "\n".join(lint_taxonomy(parse_taxonomy(_with_ramming())))
    for missing in ("no precedence", "no family", "no compatible list", "no MUC-4 incident_type"):
        assert f"attack type 'vehicle_ramming' has {missing}" in problems


def test_the_linter_catches_contradictions() -> None:
    raw = _with_ramming(precedence=7, compatible=["arrest", "bombing"], family="violence",
                        muc={"incident_type": "ATTACK", "primary": True}, default=True)
    raw["weapon_categories"]["vehicle"]["attack_type"] = "ramming"
    raw["event_types"]["arrest"]["family"] = "violence"
    problems = "\n".join(lint_taxonomy(parse_taxonomy(raw)))
    assert "share a precedence" in problems
    assert "compatible type 'arrest' is no attack type" in problems
    assert "compatible with 'bombing' but not the other way round" in problems
    assert "'ATTACK' needs exactly one primary" in problems
    assert "exactly one attack type must be the default" in problems
    assert "weapon category 'vehicle': attack_type 'ramming'" in problems
    assert "'arrest' is no attack but has attack fields" in problems


def test_a_complete_new_attack_type_reaches_every_use() -> None:
    raw = _with_ramming(precedence=11, weapon_decides=False, compatible=["armed_assault"], family="violence",
                        muc={"incident_type": "ATTACK"})
    raw["event_types"]["armed_assault"]["compatible"].append("vehicle_ramming")
    raw["weapon_categories"]["vehicle"]["attack_type"] = "vehicle_ramming"
    tax = parse_taxonomy(raw)
    assert lint_taxonomy(tax) == []
    assert "vehicle_ramming" in tax.attack_types
    assert tax.attack_precedence[-1] == "vehicle_ramming"  # ranked (events: the type decision)
    assert tax.weapon_attack_types["vehicle"] == "vehicle_ramming"  # mapped from its weapon
    assert tax.compatible("vehicle_ramming", "armed_assault") and tax.compatible("armed_assault",
                                                                                 "vehicle_ramming")
    assert tax.attack_families["vehicle_ramming"] == "violence"  # merged (merge/scoring)
    assert tax.muc_types["vehicle_ramming"] == "ATTACK"  # scored (evaluation/muc4)


def test_the_shipped_taxonomy_answers_what_the_code_asked_of_its_own_tables() -> None:
    tax = load_taxonomy()
    assert tax.attack_precedence[:3] == ("assassination", "hijacking", "kidnapping")
    assert tax.attack_precedence[-1] == "robbery" and tax.default_attack_type == "armed_assault"
    assert tax.weapon_attack_types["explosives"] == "bombing" and "fake" not in tax.weapon_attack_types
    assert tax.weapon_decided_types == {"arson", "unarmed_assault", "robbery"}
    assert tax.attack_families["hijacking"] == tax.attack_families["kidnapping"] == "seizure"
    assert {"arrest", "statement", "death"} <= tax.follow_up_types
    assert tax.later_steps == {"arrest", "charge", "sentence"}
    assert tax.muc_type_slugs["ATTACK"] == "armed_assault"
    for attack in tax.attack_types:  # an undecided attack goes with every attack type, nothing else
        assert types_compatible(GENERIC, attack)
    assert not types_compatible(GENERIC, "arrest")
    assert types_compatible("bombing", "assassination") and not types_compatible("bombing", "arson")


def _named_literals(tree: ast.AST) -> list[tuple[str, ast.AST]]:
    """(name of the assignment or function holding it, literal) for every set/list/tuple/dict."""
    out: list[tuple[str, ast.AST]] = []

    def visit(node: ast.AST, owner: str) -> None:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            owner = node.name
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            if isinstance(target, ast.Name) and owner == "":
                owner = target.id
        if isinstance(node, ast.Set | ast.List | ast.Tuple | ast.Dict):
            out.append((owner, node))
        for child in ast.iter_child_nodes(node):
            visit(child, owner)

    visit(tree, "")
    return out


def test_no_module_keeps_its_own_list_of_attack_types() -> None:
    attacks = load_taxonomy().attack_types
    found = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        for owner, node in _named_literals(ast.parse(path.read_text(encoding="utf-8"))):
            items = [*node.keys, *node.values] if isinstance(node, ast.Dict) else getattr(node, "elts", [])
            named = {e.value for e in items if isinstance(e, ast.Constant) and e.value in attacks}
            if len(named) >= 2 and (rel, owner) not in ALLOWED:
                found.append(f"{rel}:{node.lineno} {owner}: {sorted(named)}")
    assert not found, "attack types listed outside the taxonomy data:\n" + "\n".join(found)
