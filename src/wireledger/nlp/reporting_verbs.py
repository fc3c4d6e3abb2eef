"""The reporting verbs: one list (``nlp/data/reporting_verbs.yaml``) with the uses each verb has.

``load_reporting_verbs()`` reads it once. The attribution takes ``modalities`` (lemma -> the modality of
what its subject says), the events step ``clause_verbs`` (a clause they govern is reported, not stated)
and the entity step ``outlet_forms`` (the written forms in which an outlet reports: "X reported").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ..model.reading import MODALITIES
from .base import load_data

_USES = ("modality", "clause", "outlet_forms")


@dataclass(frozen=True)
class ReportingVerbs:
    modalities: dict[str, str]  # lemma -> the modality its content gets (attribution)
    clause_verbs: frozenset[str]  # lemmas and phrases whose clause is reported (events)
    outlet_forms: frozenset[str]  # written forms of what an outlet does to news (entities)


def parse_reporting_verbs(data: Any) -> ReportingVerbs:
    verbs: dict[str, dict[str, Any]] = {str(k).lower(): dict(v or {}) for k, v in data["verbs"].items()}
    return ReportingVerbs(
        modalities={v: str(u["modality"]) for v, u in verbs.items() if u.get("modality")},
        clause_verbs=frozenset(v for v, u in verbs.items() if u.get("clause")),
        outlet_forms=frozenset(str(f) for u in verbs.values() for f in u.get("outlet_forms") or ()),
    )


@cache
def load_reporting_verbs() -> ReportingVerbs:
    """The packaged list (read once)."""
    data = load_data("reporting_verbs.yaml")
    problems = lint_reporting_verbs(data)
    if problems:
        raise ValueError("reporting_verbs.yaml is invalid: " + "; ".join(problems))
    return parse_reporting_verbs(data)


def lint_reporting_verbs(data: Any) -> list[str]:
    """Problems with the list's shape; empty when it is usable."""
    if not isinstance(data, dict) or not isinstance(data.get("verbs"), dict):
        return ["the file holds no 'verbs' mapping"]
    problems: list[str] = []
    for verb, uses in data["verbs"].items():
        uses = uses or {}
        if str(verb) != str(verb).lower():
            problems.append(f"reporting verb {verb!r} must be lower case")
        unknown = set(uses) - set(_USES)
        if unknown or not uses:
            problems.append(f"reporting verb {verb!r}: give one or more of {', '.join(_USES)}"
                            + (f" (unknown: {', '.join(sorted(unknown))})" if unknown else ""))
        modality = uses.get("modality")
        if modality is not None and modality not in MODALITIES:
            problems.append(f"reporting verb {verb!r}: unknown modality {modality!r}")
        if modality is not None and " " in str(verb):
            problems.append(f"reporting verb {verb!r} with a modality must be one lemma")
        forms = uses.get("outlet_forms")
        if forms is not None and not (isinstance(forms, list) and all(isinstance(f, str) for f in forms)):
            problems.append(f"reporting verb {verb!r}: outlet_forms must be a list of words")
    return problems
