"""What one report says about one person or organisation: the *member* of a ledger entity.

A :class:`Member` is one entity of one stored reading (type person, organization, media or group):
its name and aliases, titles and ranks, roles (each with its organisation), descriptions, country,
the organisations it belongs to (people) or is (organisations) as :class:`OrganisationIndex` ids, and
the other people, organisations and places its report names (*context keys*, used as co-occurrence
evidence). Members are what cross-document identity (:mod:`wireledger.resolve.identity`) compares and
groups; they are stored with their ledger entity so a profile can be rebuilt from them at any time.

Blocking keys (:func:`blocking_keys`) keep the comparison cheap: a member only meets ledger entities
sharing a name key (the skeleton key of a name part, :func:`wireledger.resolve.names.name_keys`), an
organisation id or an acronym with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rigour.territories import lookup_territory

from ..model import Entity
from .keys import skeleton_key, spelling_key
from .names import PersonName, Role, parse_person_name, person_name_key
from .organisations import OrganisationIndex

PERSON = "person"
ORGANIZATION = "organization"
KIND_OF_TYPE = {"person": PERSON, "organization": ORGANIZATION, "media": ORGANIZATION, "group": ORGANIZATION}
_ORG_GENERIC = frozenset({"the", "of", "and", "for", "a", "an", "in", "on", "at", "to", "s"})
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?")
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,8}$|^[A-Z][A-Z0-9&-]{1,7}$")
_MIN_ACRONYM = 3  # letters: shorter ones ("PD", "US") are too ambiguous to identify an organisation
_COVER = 0.6  # share of an organisation's name the words of a known organisation must cover


@dataclass
class Member:
    """One reading entity of one report, with the context identity needs."""

    key: str  # <document id>#<reading entity id>
    document: str
    entity: str  # the reading's entity id (e1, e2, ...)
    name: str
    type: str  # person | organization | media | group
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    roles: tuple[dict[str, Any], ...] = ()  # {text, title, organization, since}
    descriptions: tuple[str, ...] = ()
    country: str | None = None
    orgs: dict[str, str] = field(
        default_factory=dict
    )  # org id -> words: affiliations (people), itself (orgs)
    context: dict[str, str] = field(
        default_factory=dict
    )  # context key -> name, of other entities of the report
    mentions: int | None = None  # the spans the reading ties to it (names, pronouns, titles); None: not kept

    @property
    def kind(self) -> str:
        return KIND_OF_TYPE.get(self.type, ORGANIZATION)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n for n in (self.name, *self.aliases) if n.strip()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "document": self.document,
            "entity": self.entity,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "titles": list(self.titles),
            "roles": [dict(r) for r in self.roles],
            "descriptions": list(self.descriptions),
            "country": self.country,
            "orgs": dict(self.orgs),
            "context": dict(self.context),
            "mentions": self.mentions,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Member:
        return cls(
            key=d["key"],
            document=d["document"],
            entity=d["entity"],
            name=d["name"],
            type=d["type"],
            aliases=tuple(d.get("aliases") or ()),
            titles=tuple(d.get("titles") or ()),
            roles=tuple(d.get("roles") or ()),
            descriptions=tuple(d.get("descriptions") or ()),
            country=d.get("country"),
            orgs=dict(d.get("orgs") or {}),
            context=dict(d.get("context") or {}),
            mentions=d.get("mentions"),
        )


def members_of(document: str, entities: Sequence[Entity], orgs: OrganisationIndex) -> list[Member]:
    """The members one reading contributes: its people and organisations, with their context."""
    for e in entities:  # "Long Name (ACR)" printed as a name and an alias teaches the index
        for alias in e.aliases:
            orgs.learn(f"{e.name} ({alias})")
    keyed = [(e, _context_key(e, orgs)) for e in entities]
    out: list[Member] = []
    for e, _ in keyed:
        if e.type not in KIND_OF_TYPE or not e.name.strip():
            continue
        kind = KIND_OF_TYPE[e.type]
        roles = tuple(
            {"text": r.text, "title": r.title, "organization": r.organization, "since": r.since}
            for r in e.roles
            if r.text
        )
        member = Member(
            key=f"{document}#{e.id}",
            document=document,
            entity=e.id,
            name=e.name.strip(),
            type=e.type,
            aliases=tuple(a for a in e.aliases if a.strip()),
            titles=tuple(e.titles),
            roles=roles,
            descriptions=tuple(e.descriptions),
            country=(e.country or None),
            mentions=len(e.mentions) if e.mentions else None,
        )
        member.orgs = (
            affiliations(member, orgs)
            if kind == PERSON
            else organisation_ids(member.names, orgs, e.descriptions)
        )
        own = _context_key(e, orgs)
        member.context = {k: o.name for o, k in keyed if k and k != own and o.id != e.id}
        out.append(member)
    return out


def affiliations(member: Member, orgs: OrganisationIndex) -> dict[str, str]:
    """The organisations a person belongs to: those of their roles, and known ones their descriptions name."""
    found: dict[str, str] = {}
    for role in member.roles:
        org = role.get("organization")
        if org:
            known = orgs.find(org)
            found.update(known or {orgs.resolve(org): org})
        found.update(orgs.find(role.get("text") or ""))
    for text in member.descriptions:
        found.update(orgs.find(text))
    return found


def organisation_ids(
    names: Sequence[str], orgs: OrganisationIndex, descriptions: Sequence[str] = ()
) -> dict[str, str]:
    """What an organisation is: known organisations its names or descriptions are (covering most of
    their words), else an id from the spelling of its name."""
    found: dict[str, str] = {}
    for text in (*names, *descriptions):
        known = orgs.find(text)
        if not known and text.isupper():  # the index leaves short acronyms alone in all-capitals text
            known = {oid: text for oid in orgs.find("the " + text)}
        for oid, words in known.items():
            if len(_significant(words)) >= _COVER * max(1, len(_significant(text))):
                found.setdefault(oid, text)
    if not found and names:
        found[orgs.resolve(names[0])] = names[0]
    return found


def _context_key(e: Entity, orgs: OrganisationIndex) -> str | None:
    """How another entity of a report is recognised across reports (None: not useful as context)."""
    name = e.name.strip()
    if not name:
        return None
    if e.type == "person":
        parsed = parse_person_name(name)
        if len([p for p in parsed.significant if not p.is_initial]) < 2:
            return None  # a surname alone says too little about who else was in the report
        return "p:" + person_name_key(parsed)
    if e.type in KIND_OF_TYPE:
        ids = organisation_ids((name, *e.aliases), orgs)
        return "o:" + sorted(ids)[0] if ids else None
    if e.type in ("location", "facility"):
        territory = _territory(name)
        if territory is not None and "-" not in territory:
            return None  # a country is named by too many reports to tell them apart
        key = "-".join(spelling_key(w) for w in _significant(name))
        return "l:" + key if key else None
    return None


@lru_cache(maxsize=20_000)
def _territory(name: str) -> str | None:
    found = lookup_territory(name)
    return found.code if found is not None else None


def _significant(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if w.lower() not in _ORG_GENERIC]


# --- names and keys --------------------------------------------------------------------------------


def parsed_names(names: Sequence[str]) -> list[PersonName]:
    out = []
    for n in names:
        parsed = parse_person_name(n)
        if parsed.parts:
            out.append(parsed)
    return out


def full_name(parsed: PersonName) -> bool:
    """Two or more name parts that are not initials: a given name and a family name at least."""
    return len([p for p in parsed.significant if not p.is_initial]) >= 2


def acronyms(name: str) -> set[str]:
    """Acronym forms of an organisation's name: itself when it is one (GRU, U.S.T.), the initials of
    its significant words otherwise (Investigative Committee of Russia -> icr)."""
    out: set[str] = set()
    compact = name.replace(" ", "")
    if _ACRONYM.match(compact):
        letters = re.sub(r"[^A-Za-z0-9]", "", compact).lower()
        if len(letters) >= _MIN_ACRONYM:
            out.add(letters)
        return out
    words = _significant(name)
    if len(words) >= _MIN_ACRONYM:
        out.add("".join(w[0].lower() for w in words))
    return out


def name_key(member: Member) -> str:
    """One key for a member's name (order, script and romanisation aside): pins manual decisions."""
    if member.kind == PERSON:
        return "p:" + person_name_key(member.name)
    return "o:" + "-".join(spelling_key(w) for w in _significant(member.name))


def blocking_keys(member: Member) -> tuple[frozenset[str], frozenset[str]]:
    """(strong keys, name keys). A ledger entity is a candidate for a member when it shares a strong key
    (a known organisation, an acronym) or enough name keys (see :func:`is_candidate`)."""
    strong: set[str] = set()
    names: set[str] = set()
    if member.kind == PERSON:
        for parsed in parsed_names(member.names):
            names.update(
                "n:" + p.skeleton
                for p in parsed.significant
                if p.skeleton and not p.is_initial and p.role is not Role.PARTICLE
            )
        return frozenset(strong), frozenset(names)
    strong.update("o:" + oid for oid in member.orgs if not oid.startswith("name:"))
    for n in member.names:
        strong.update("a:" + a for a in acronyms(n))
        names.update("w:" + skeleton_key(w) for w in _significant(n) if skeleton_key(w))
    return frozenset(strong), frozenset(names)


def is_candidate(
    member_keys: tuple[frozenset[str], frozenset[str]], shared: set[str], entity_name_keys: int
) -> bool:
    """Whether an entity sharing ``shared`` keys with a member is worth comparing: any strong key, or
    two name keys (one when either side has only one: a surname alone meets every full name with it)."""
    strong, names = member_keys
    if shared & strong:
        return True
    need = min(2, len(names), max(1, entity_name_keys))
    return len(shared & names) >= need
