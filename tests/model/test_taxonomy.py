"""The taxonomy data file loads, carries every required slug with its GTD/ACLED mapping, and the linter
catches a broken file."""

from __future__ import annotations

import copy

from wireledger.model import lint_taxonomy, load_taxonomy
from wireledger.model.taxonomy import REQUIRED_EVENT_TYPES, parse_taxonomy


def test_shipped_taxonomy_is_clean() -> None:
    tax = load_taxonomy()
    assert lint_taxonomy(tax) == []
    assert set(REQUIRED_EVENT_TYPES) <= set(tax.event_types)
    assert {"assassination", "bombing", "kidnapping", "arson"} <= tax.attack_types
    assert "sanction" not in tax.attack_types
    assert len(tax.target_types) == 22
    assert tax.event_types["bombing"].gtd == {"attacktype": 3, "name": "Bombing/Explosion"}


def test_weapon_triggers_and_target_cues_map_to_categories() -> None:
    tax = load_taxonomy()
    weapons = tax.weapon_triggers()
    assert weapons["pistol"] == "firearms" and weapons["grenade"] == "explosives"
    assert weapons["machete"] == "melee" and weapons["molotov cocktail"] == "incendiary"
    cues = tax.target_cues()
    assert cues["journalist"] == "journalists_media" and cues["embassy"] == "government_diplomatic"


def test_linter_reports_missing_slugs_and_mappings() -> None:
    raw = copy.deepcopy(load_taxonomy().raw)
    del raw["event_types"]["arson"]
    raw["event_types"]["bombing"].pop("gtd")
    raw["event_types"]["protest"]["acled"] = {"event_type": "Protests"}
    del raw["weapon_categories"]["vehicle"]
    raw["target_types"]["police"]["gtd"]["targtype"] = 4  # now two types claim GTD code 4
    del raw["roles"]["victim"]
    problems = lint_taxonomy(parse_taxonomy(raw))
    joined = "\n".join(problems)
    assert "event type 'arson' missing" in joined
    assert "attack type 'bombing' has no GTD attacktype" in joined
    assert "'protest' has no ACLED" in joined
    assert "weapon category 'vehicle' missing" in joined
    assert "targtype 1..22" in joined
    assert "role 'victim' missing" in joined
