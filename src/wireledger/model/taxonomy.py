"""Loader for the taxonomy data file (``taxonomy.yaml``): event types, weapons, targets, roles, and what
the reading and the merging know about the attack types (precedence, weapons, compatible types,
families) and the follow-up types. Nothing of that is written anywhere else in the code."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any

from .yaml_data import load_yaml

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
    precedence: int | None = None  # attacks: the lowest number wins when a report announces several
    weapon_decides: bool = False  # attacks: a weapon of a type with a lower precedence decides instead
    compatible: tuple[str, ...] = ()  # attacks: other types the same happening may be read as
    family: str | None = None  # attacks: types readers confuse with one another
    muc: dict[str, Any] | None = None  # attacks: {incident_type: MUC-4 type, primary: read as this type}
    default: bool = False  # attacks: the type of an attack whose words and weapons decide none
    follow_up: bool = False  # others: a report about one of these is about the attack it follows up
    later_step: bool = False  # others: a step of justice after an attack (arrest, charge, sentence)

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

    @cached_property
    def attack_precedence(self) -> tuple[str, ...]:
        """The attack types, the one a report gets when its words announce several first."""
        attacks = [t for t in self.event_types.values() if t.is_attack]
        return tuple(t.slug for t in sorted(attacks, key=lambda t: (t.precedence or 0, t.slug)))

    @cached_property
    def default_attack_type(self) -> str:
        """The type of an attack whose words and weapons decide none."""
        return next(s for s, t in self.event_types.items() if t.is_attack and t.default)

    @cached_property
    def weapon_attack_types(self) -> dict[str, str]:
        """weapon category -> the attack type a weapon of that category makes."""
        return {cat: str(spec["attack_type"]) for cat, spec in self.weapon_categories.items()
                if spec.get("attack_type")}

    @cached_property
    def weapon_decided_types(self) -> frozenset[str]:
        """Attack types that a weapon of a type with a lower precedence overrides."""
        return frozenset(s for s, t in self.event_types.items() if t.is_attack and t.weapon_decides)

    @cached_property
    def attack_families(self) -> dict[str, str]:
        """attack type -> its family (types readers confuse with one another)."""
        return {s: t.family for s, t in self.event_types.items() if t.is_attack and t.family}

    @cached_property
    def muc_types(self) -> dict[str, str]:
        """attack type -> the MUC-4 incident type it is scored as."""
        return {s: str(t.muc["incident_type"]) for s, t in self.event_types.items()
                if t.is_attack and t.muc and t.muc.get("incident_type")}

    @cached_property
    def muc_type_slugs(self) -> dict[str, str]:
        """MUC-4 incident type -> the attack type it is read as (its ``primary`` type)."""
        return {str(t.muc["incident_type"]): s for s, t in self.event_types.items()
                if t.is_attack and t.muc and t.muc.get("primary")}

    @cached_property
    def follow_up_types(self) -> frozenset[str]:
        return frozenset(s for s, t in self.event_types.items() if t.follow_up)

    @cached_property
    def later_steps(self) -> frozenset[str]:
        return frozenset(s for s, t in self.event_types.items() if t.later_step)

    def compatible(self, a: str, b: str) -> bool:
        """Whether one happening may be read as type ``a`` in one place and ``b`` in another."""
        if a == b:
            return True
        ta = self.event_types.get(a)
        return ta is not None and b in ta.compatible

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
            precedence=int(spec["precedence"]) if spec.get("precedence") is not None else None,
            weapon_decides=bool(spec.get("weapon_decides", False)),
            compatible=tuple(str(t) for t in spec.get("compatible") or ()),
            family=str(spec["family"]) if spec.get("family") else None,
            muc=spec.get("muc"),
            default=bool(spec.get("default", False)),
            follow_up=bool(spec.get("follow_up", False)),
            later_step=bool(spec.get("later_step", False)),
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
    return parse_taxonomy(load_yaml(text))


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
        if not (et.acled and et.acled.get("event_type") and et.acled.get("sub_event_type")
                and et.acled.get("disorder_type")):
            problems.append(f"event type {slug!r} has no ACLED disorder_type/event_type/sub_event_type")
        if not et.triggers:
            problems.append(f"event type {slug!r} has no triggers")
        problems += _lint_attack_knowledge(tax, et)
    precedences = [t.precedence for t in tax.event_types.values() if t.is_attack]
    if len(set(precedences)) != len(precedences):
        problems.append(f"attack types share a precedence: {sorted(p or 0 for p in precedences)}")
    if sum(t.is_attack and t.default for t in tax.event_types.values()) != 1:
        problems.append("exactly one attack type must be the default")
    primaries = [str(t.muc["incident_type"]) for t in tax.event_types.values()
                 if t.is_attack and t.muc and t.muc.get("primary")]
    for muc_type in sorted(set(tax.muc_types.values())):
        if primaries.count(muc_type) != 1:
            problems.append(f"MUC-4 type {muc_type!r} needs exactly one primary attack type")
    for slug in REQUIRED_WEAPONS:
        if slug not in tax.weapon_categories:
            problems.append(f"weapon category {slug!r} missing")
    for slug, spec in tax.weapon_categories.items():
        if "weaptype" not in (spec.get("gtd") or {}):
            problems.append(f"weapon category {slug!r} has no GTD weaptype")
        made = spec.get("attack_type")
        if made and made not in tax.attack_types:
            problems.append(f"weapon category {slug!r}: attack_type {made!r} is no attack type")
    codes = sorted(int(s["gtd"]["targtype"]) for s in tax.target_types.values() if s.get("gtd"))
    if codes != list(range(1, 23)):
        problems.append(f"target types must cover GTD targtype 1..22 once each, got {codes}")
    for slug in REQUIRED_ROLES:
        if slug not in tax.roles:
            problems.append(f"role {slug!r} missing")
    return problems


def _lint_attack_knowledge(tax: Taxonomy, et: EventType) -> list[str]:
    """An attack type carries every field the reading and the merging decide with; another type none."""
    slug = et.slug
    if not et.is_attack:
        attack_fields = (et.precedence is not None, et.compatible, et.family, et.weapon_decides, et.muc,
                         et.default)
        if any(attack_fields):
            return [f"event type {slug!r} is no attack but has attack fields"]
        return []
    problems: list[str] = []
    if et.precedence is None or et.precedence < 1:
        problems.append(f"attack type {slug!r} has no precedence")
    if not et.family:
        problems.append(f"attack type {slug!r} has no family")
    if "compatible" not in (tax.raw.get("event_types", {}).get(slug) or {"compatible": ()}):
        problems.append(f"attack type {slug!r} has no compatible list (give [] for none)")
    for other in et.compatible:
        ot = tax.event_types.get(other)
        if ot is None or not ot.is_attack:
            problems.append(f"attack type {slug!r}: compatible type {other!r} is no attack type")
        elif slug not in ot.compatible:
            problems.append(f"attack type {slug!r} is compatible with {other!r} but not the other way round")
    if not (et.muc and et.muc.get("incident_type")):
        problems.append(f"attack type {slug!r} has no MUC-4 incident_type")
    if et.follow_up or et.later_step:
        problems.append(f"attack type {slug!r} cannot be a follow-up")
    return problems
