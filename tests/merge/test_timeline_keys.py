"""Who a timeline query meets: a full name meets that person and the mentions by surname alone, never
another person who shares the surname."""

from __future__ import annotations

from typing import Any

from wireledger.merge.profile import name_keys
from wireledger.merge.timeline import person_keys, stored_person_keys


def person(name: str) -> dict[str, Any]:
    full, surname = name_keys(name)
    return {"name": name, "kind": "person", "full_key": full, "surname_key": surname}


def meets(query: str, name: str) -> bool:
    return bool(set(person_keys(query)) & set(stored_person_keys(person(name))))


def test_a_full_name_meets_itself_and_bare_surname_mentions_only() -> None:
    assert meets("Jimmy Williams", "Jimmy Williams")
    assert meets("Jimmy Williams", "Williams")  # "Williams, 34, was shot" in a later report
    assert not meets("Jimmy Williams", "Serena Williams")
    assert meets("Williams", "Williams")
