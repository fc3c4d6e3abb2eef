"""Screening ledger entities: what to screen an entity under, and which organisation matches to believe.

:func:`screening_query` turns an entity's profile into the names it is screened under (its display name
first, then other full names) and its context into :class:`Qualifiers` (roles as positions, their
organisations and the known organisations of its reports as affiliations, titles as ranks, country).

Organisation names in the news are short and generic ("Police Department", "CMC", "Central Bank"), and
the list index compares them word by word, so a match that would pass for an ad hoc ``screen`` is only
kept for a ledger organisation when :func:`doubt_about_organisation` finds nothing wrong with it: every
word of the listed name is in the ledger's name (legal forms aside), short names are spelled alike, a
one-word match is an exact one, and an acronym alone is backed by the entry's other names (the GRU's
"MAIN INTELLIGENCE DIRECTORATE") or by the ledger's own full name. Otherwise it is set aside with why.
"""

from __future__ import annotations

from .compare import compare_org_names
from .context import Qualifiers
from .identity import EntityProfile
from .identity_members import PERSON, full_name, organisation_ids, parsed_names
from .keys import romanise
from .names import person_name_key
from .organisations import OrganisationIndex
from .screen import Match

SCREEN_NAMES = 3  # names of one entity screened
LEGAL_FORMS = frozenset({
    "the", "of", "and", "for", "co", "company", "corp", "corporation", "inc", "incorporated", "ltd",
    "limited", "llc", "llp", "lp", "plc", "sa", "srl", "gmbh", "ag", "bv", "nv", "jsc", "pjsc", "ojsc",
    "cjsc", "ooo", "oao", "zao", "pao", "ao", "fze", "fzco", "fzc", "group", "holding", "holdings",
})
_SHORT = 3  # letters: names this short are acronyms, compared exactly
_ACRONYM = 5  # letters: a one-word match this short needs support from the entry's other names


def screening_query(profile: EntityProfile) -> tuple[list[str], Qualifiers]:
    """The names an entity is screened under (its display name first) and its context as qualifiers."""
    names: list[str] = []
    seen: set[str] = set()
    candidates = [profile.display_name(), *(n for n, _ in profile.names.most_common())]
    if profile.kind == PERSON:
        for n, parsed in zip(candidates, parsed_names(candidates), strict=False):
            if not parsed.parts or (names and not full_name(parsed)):
                continue
            key = person_name_key(parsed)
            if key not in seen:
                seen.add(key)
                names.append(n)
            if len(names) == SCREEN_NAMES:
                break
        affiliations = [r["organization"] for r in profile.roles.values() if r.get("organization")]
        affiliations += [words for oid, words in profile.orgs.items() if not oid.startswith("name:")]
        country = profile.countries.most_common(1)[0][0] if profile.countries else None
        q = Qualifiers(country=country, positions=tuple(sorted(profile.roles))[:8],
                       affiliations=tuple(dict.fromkeys(affiliations))[:8],
                       ranks=tuple(t for t, _ in profile.titles.most_common(4)), kind=PERSON)
        return names, q
    for n in candidates:
        if n.lower() not in seen:
            seen.add(n.lower())
            names.append(n)
        if len(names) == SCREEN_NAMES:
            break
    return names, Qualifiers(kind="organization")


def doubt_about_organisation(profile: EntityProfile, match: Match, orgs: OrganisationIndex) -> str | None:
    """Why a list entry matched to a ledger organisation is not believed (None: it is)."""
    cmp = match.comparison
    left = [w for w, _ in cmp.other_only if romanise(w) not in LEGAL_FORMS]
    if left:
        return f"the listed name has words the ledger's name lacks: {', '.join(left)}"
    for p in cmp.parts:
        if p.how != "exact" and min(len(romanise(p.query)), len(romanise(p.other))) <= _SHORT:
            return f"short names spelled differently: {p.query} / {p.other}"
    words = [p for p in cmp.parts if romanise(p.other) not in LEGAL_FORMS]
    if len(words) != 1:
        return None
    only = words[0]
    if only.how != "exact":
        return f"one word, not spelled the same: {only.query} / {only.other} ({only.how})"
    if not only.query.isupper() or len(romanise(only.other)) > _ACRONYM:
        return None  # a name written as a word (Hamas, Wagner), not an acronym
    known = {oid for oid in profile.orgs if not oid.startswith("name:")}
    long_names = [n for n in profile.names if len(n.split()) >= 2]
    for listed in match.entry.names:
        if known & set(organisation_ids([listed.name], orgs)):
            return None
        if any(compare_org_names(n, listed.name).score >= 0.8 for n in long_names):
            return None
    return f"an acronym alone ({only.other}): nothing else about the entry fits"
