"""Loader for the taxonomy data file (``taxonomy.yaml``): event types, weapons, targets, roles."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any

import yaml

REQUIRED_EVENT_TYPES = (
    "assassination", "armed_assault", "bombing", "kidnapping", "hostage_taking", "hijacking", "arson",
    "unarmed_assault", "robbery", "chemical_attack", "investigation", "arrest", "charge", "sentence",
    "sanction", "accusation", "award", "appointment", "negotiation", "agreement", "statement", "protest",
    "death", "hospitalization",
)
REQUIRED_WEAPONS = ("firearms", "explosives", "incendiary", "melee", "chemical", "biological",
                    "radiological", "nuclear", "vehicle", "fake", "sabotage", "other", "unknown")
REQUIRED_ROLES = ("perpetrator", "target", "victim", "investigator", "actor", "other")


@dataclass(frozen=True)
class EventType:
    slug: str
    category: str  # attack | other
    label: str
    gtd: dict[str, Any] | None
    acled: dict[str, Any] | None
    triggers: tuple[str, ...]
    description: str = ""

    @property
    def is_attack(self) -> bool:
        return self.category == "attack"


@dataclass(frozen=True)
class Taxonomy:
    version: int
    event_types: dict[str, EventType]
    weapon_categories: dict[str, dict[str, Any]]
    target_types: dict[str, dict[str, Any]]
    roles: dict[str, dict[str, Any]]
    raw: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @cached_property
    def attack_types(self) -> frozenset[str]:
        return frozenset(s for s, t in self.event_types.items() if t.is_attack)

    def weapon_triggers(self) -> dict[str, str]:
        """trigger phrase -> weapon category."""
        out: dict[str, str] = {}
        for cat, spec in self.weapon_categories.items():
            for trig in spec.get("triggers") or []:
                out.setdefault(str(trig).lower(), cat)
        return out

    def target_cues(self) -> dict[str, str]:
        """cue word -> target type."""
        out: dict[str, str] = {}
        for slug, spec in self.target_types.items():
            for cue in spec.get("cues") or []:
                out.setdefault(str(cue).lower(), slug)
        return out


def parse_taxonomy(data: dict[str, Any]) -> Taxonomy:
    events = {
        slug: EventType(
            slug=slug,
            category=spec["category"],
            label=spec.get("label", slug),
            gtd=spec.get("gtd"),
            acled=spec.get("acled"),
            triggers=tuple(str(t).lower() for t in spec.get("triggers") or []),
            description=spec.get("description", ""),
        )
        for slug, spec in data["event_types"].items()
    }
    return Taxonomy(
        version=int(data.get("version", 1)),
        event_types=events,
        weapon_categories=dict(data["weapon_categories"]),
        target_types=dict(data["target_types"]),
        roles=dict(data["roles"]),
        raw=data,
    )


@cache
def load_taxonomy() -> Taxonomy:
    """The taxonomy shipped with the package (read once, on first use)."""
    text = resources.files("wireledger.model").joinpath("taxonomy.yaml").read_text(encoding="utf-8")
    return parse_taxonomy(yaml.safe_load(text))


def lint_taxonomy(tax: Taxonomy) -> list[str]:
    """Problems in a taxonomy: missing required slugs, attacks without GTD or ACLED mappings."""
    problems: list[str] = []
    for slug in REQUIRED_EVENT_TYPES:
        if slug not in tax.event_types:
            problems.append(f"event type {slug!r} missing")
    for slug, et in tax.event_types.items():
        if et.category not in ("attack", "other"):
            problems.append(f"event type {slug!r}: category {et.category!r} is not attack|other")
        if et.is_attack and not (et.gtd and "attacktype" in et.gtd):
            problems.append(f"attack type {slug!r} has no GTD attacktype")
        if not (et.acled and et.acled.get("event_type") and et.acled.get("sub_event_type")):
            problems.append(f"event type {slug!r} has no ACLED event_type/sub_event_type")
        if not et.triggers:
            problems.append(f"event type {slug!r} has no triggers")
    for slug in REQUIRED_WEAPONS:
        if slug not in tax.weapon_categories:
            problems.append(f"weapon category {slug!r} missing")
    for slug, spec in tax.weapon_categories.items():
        if "weaptype" not in (spec.get("gtd") or {}):
            problems.append(f"weapon category {slug!r} has no GTD weaptype")
    codes = sorted(int(s["gtd"]["targtype"]) for s in tax.target_types.values() if s.get("gtd"))
    if codes != list(range(1, 23)):
        problems.append(f"target types must cover GTD targtype 1..22 once each, got {codes}")
    for slug in REQUIRED_ROLES:
        if slug not in tax.roles:
            problems.append(f"role {slug!r} missing")
    return problems
