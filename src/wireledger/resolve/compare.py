"""Comparing two person names part by part, with a score and the reasons for it.

:func:`compare_names` aligns the parts of a query name with the parts of another name regardless of
order, each pair judged one of:

- ``exact``: the same letters (case and accents aside);
- ``transliterated``: the same name in another script or romanisation (equal spelling keys, e.g.
  Alekseev / ALEXSEYEV / АЛЕКСЕЕВ);
- ``initial``: an initial and a name that starts with it;
- ``fuzzy``: close spellings (edit similarity of the spelling keys >= 0.8).

The score is the matched evidence over the query's weight plus a small charge for each part of the
other name left over (a patronymic the news leaves out costs little; an extra given name more).
When the other name's family name is known from its structure (a comma, capitals, a surname field),
a match that leaves out all of its family name or all of its given names is capped at
:data:`SINGLE_PART_CAP`, and one that matches only a second family name ("Lopez" for "PAEZ LOPEZ")
is charged more.
Two rules keep a surname from carrying a match on its own:

- a *conflict* (a query part and a part of the other name both left unmatched, e.g. different given
  names, or different patronymics) caps the score at :data:`CONFLICT_CAP`;
- evidence from a single name part (a surname alone) is capped at :data:`SINGLE_PART_CAP`.

Both caps sit below the default screening threshold (0.80), so neither case can pass alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from .names import NamePart, PersonName, Role, parse_person_name

CONFLICT_CAP = 0.6
SINGLE_PART_CAP = 0.7
FUZZY_MIN = 0.8
_VOWELS = frozenset("aeiou")
SECOND_FAMILY_CHARGE = 0.3

_HOW_SCORE = {"exact": 1.0, "transliterated": 0.97, "initial": 0.8}
_QUERY_WEIGHT = {Role.PARTICLE: 0.2, Role.INITIAL: 0.5}
_LEFTOVER_CHARGE = {Role.PATRONYMIC: 0.1, Role.PARTICLE: 0.05, Role.INITIAL: 0.15, Role.FAMILY: 0.5}
_LEFTOVER_DEFAULT = 0.35
_NAME_ROLES = frozenset({Role.GIVEN, Role.FAMILY, Role.UNKNOWN, Role.INITIAL})


@dataclass(frozen=True)
class PartMatch:
    """One aligned pair of name parts."""

    query: str
    other: str
    how: str  # exact | transliterated | initial | fuzzy
    score: float
    role: str  # the other part's role

    def to_dict(self) -> dict[str, object]:
        return {
            "query": self.query,
            "other": self.other,
            "how": self.how,
            "score": round(self.score, 3),
            "role": self.role,
        }


@dataclass(frozen=True)
class NameComparison:
    """How alike two names are, and why."""

    score: float
    parts: tuple[PartMatch, ...] = ()
    query_only: tuple[str, ...] = ()  # query parts with no counterpart
    other_only: tuple[tuple[str, str], ...] = ()  # (part, role) of the other name with no counterpart
    conflicts: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def explanation(self) -> str:
        bits = [f"{m.query} = {m.other} ({m.how})" for m in self.parts]
        if self.other_only:
            bits.append("not in query: " + ", ".join(f"{p} ({r})" for p, r in self.other_only))
        if self.query_only:
            bits.append("not in name: " + ", ".join(self.query_only))
        bits.extend(self.conflicts)
        bits.extend(self.notes)
        return "; ".join(bits) if bits else "no part in common"

    def to_dict(self) -> dict[str, object]:
        return {
            "score": round(self.score, 3),
            "parts": [m.to_dict() for m in self.parts],
            "query_only": list(self.query_only),
            "other_only": [{"part": p, "role": r} for p, r in self.other_only],
            "conflicts": list(self.conflicts),
            "notes": list(self.notes),
            "explanation": self.explanation,
        }


def compare_parts(q: NamePart, o: NamePart) -> tuple[str, float] | None:
    """How two single name parts correspond, or None when they do not."""
    return _compare_forms(
        q.roman,
        q.spelling,
        q.latin,
        q.is_initial,
        o.roman,
        o.spelling,
        o.latin,
        o.is_initial,
        q.role is Role.FAMILY or o.role is Role.FAMILY,
    )


@lru_cache(maxsize=500_000)
def _compare_forms(
    q_roman: str,
    q_spelling: str,
    q_latin: bool,
    q_initial: bool,
    o_roman: str,
    o_spelling: str,
    o_latin: bool,
    o_initial: bool,
    family: bool,
) -> tuple[str, float] | None:
    if not q_roman or not o_roman:
        return None
    if q_initial or o_initial:
        return ("initial", _HOW_SCORE["initial"]) if q_roman[0] == o_roman[0] else None
    if q_roman == o_roman:
        how = "exact" if q_latin == o_latin else "transliterated"
        return how, _HOW_SCORE[how]
    if q_spelling == o_spelling:
        return "transliterated", _HOW_SCORE["transliterated"]
    lq, lo = len(q_spelling), len(o_spelling)
    if lq < 4 or lo < 4 or abs(lq - lo) > (1.0 - FUZZY_MIN) * max(lq, lo):
        return None  # too short to judge, or too different in length to reach FUZZY_MIN
    # counted in whole edits: one edit in five letters (Ahmad / Ahmed) is 0.8 exactly, which a normalised
    # cutoff of 0.8 puts just below by rounding
    longest = max(lq, lo)
    edits = Levenshtein.distance(q_spelling, o_spelling, score_cutoff=int((1.0 - FUZZY_MIN) * longest + 1e-9))
    sim = 1.0 - edits / longest
    if sim < FUZZY_MIN or _gendered_pair(q_spelling, o_spelling, family):
        return None
    return "fuzzy", round(0.95 * sim, 4)


def _gendered_pair(a: str, b: str, family: bool) -> bool:
    """Forms that differ only by a final vowel mark different people, not a misspelling: an added
    vowel (Karl / Karla, Ivanov / Ivanova) always, a changed one (Mario / Maria) in given names
    (in family names it is a national spelling: Lukashenko / Lukashenka)."""
    if a[:-1] == b[:-1]:
        return not family and a[-1] in _VOWELS and b[-1] in _VOWELS
    short, long_ = sorted((a, b), key=len)
    return len(long_) == len(short) + 1 and long_.startswith(short) and long_[-1] in _VOWELS


def compare_names(query: str | PersonName, other: str | PersonName) -> NameComparison:
    """Compare a query name with another person name, part by part and order-free."""
    q = query if isinstance(query, PersonName) else parse_person_name(query)
    o = other if isinstance(other, PersonName) else parse_person_name(other, strip=False)
    result = _align(q, o, explain=True)
    assert isinstance(result, NameComparison)
    return result


def name_score(query: PersonName, other: PersonName) -> float:
    """The score of :func:`compare_names` without its explanation (for screening many candidates)."""
    result = _align(query, other, explain=False)
    return result if isinstance(result, float) else result.score


def _align(q: PersonName, o: PersonName, explain: bool) -> NameComparison | float:
    qparts, oparts = q.parts, o.parts
    if not qparts or not oparts:
        return NameComparison(0.0, notes=("empty name",)) if explain else 0.0
    pairs: list[tuple[float, bool, int, int, str]] = []
    for i, qp in enumerate(qparts):
        for j, op in enumerate(oparts):
            if qp.spelling[:1] != op.spelling[:1] and qp.roman[:1] != op.roman[:1]:
                continue  # parts of one name start alike in some romanisation
            found = compare_parts(qp, op)
            if found is not None:
                # on equal scores, a family name pairs with a family name, a given name with a given one
                pairs.append((found[1], qp.role is not op.role, i, j, found[0]))
    if not pairs:
        return (
            NameComparison(
                0.0,
                query_only=tuple(p.text for p in qparts),
                other_only=tuple((p.text, p.role.value) for p in oparts),
            )
            if explain
            else 0.0
        )
    pairs.sort(key=lambda t: (-t[0], t[1], t[2], t[3]))
    used_q: dict[int, tuple[int, str, float]] = {}
    used_o: set[int] = set()
    for score, _, i, j, how in pairs:
        if i not in used_q and j not in used_o:
            used_q[i] = (j, how, score)
            used_o.add(j)

    other_has_patronymic = any(p.role is Role.PATRONYMIC for p in oparts)
    evidence = weight = 0.0
    strong = 0
    query_only: list[NamePart] = []
    for i, qp in enumerate(qparts):
        w = _QUERY_WEIGHT.get(qp.role, 1.0)
        if qp.role is Role.PATRONYMIC and i not in used_q and not other_has_patronymic:
            w = 0.3  # the other name simply does not print a patronymic
        weight += w
        if i in used_q:
            j, how, score = used_q[i]
            evidence += w * score
            if how != "initial" and oparts[j].role is not Role.PARTICLE:
                strong += 1
        else:
            query_only.append(qp)
    other_only = [op for j, op in enumerate(oparts) if j not in used_o]
    weight += sum(_LEFTOVER_CHARGE.get(op.role, _LEFTOVER_DEFAULT) for op in other_only)
    score = evidence / weight

    notes: list[str] = []
    conflicts = _conflicts(query_only, other_only)
    if conflicts:
        score = min(score, CONFLICT_CAP)
    if o.family_known:
        family = [j for j, p in enumerate(oparts) if p.role is Role.FAMILY]
        given = [j for j, p in enumerate(oparts) if p.role is Role.GIVEN]
        for side, side_parts in (("family", family), ("given", given)):
            if side_parts and not any(j in used_o for j in side_parts):
                if score > SINGLE_PART_CAP:
                    notes.append(f"no {side} name in common")
                score = min(score, SINGLE_PART_CAP)
        if family and family[0] not in used_o and score > SINGLE_PART_CAP:
            # "PAEZ LOPEZ, Ricardo" read as "Ricardo Lopez": the first family name carries the family
            score = min(score, evidence / (weight + SECOND_FAMILY_CHARGE))
            notes.append(f"first family name {oparts[family[0]].text} not in query")
    if strong < 2:
        if score > SINGLE_PART_CAP:
            notes.append("one name part only")
        score = min(score, SINGLE_PART_CAP)
    if not explain:
        return score
    return NameComparison(
        score=round(score, 4),
        parts=tuple(
            PartMatch(qparts[i].text, oparts[j].text, how, s, oparts[j].role.value)
            for i, (j, how, s) in sorted(used_q.items())
        ),
        query_only=tuple(p.text for p in query_only),
        other_only=tuple((p.text, p.role.value) for p in other_only),
        conflicts=tuple(conflicts),
        notes=tuple(notes),
    )


def _conflicts(query_only: list[NamePart], other_only: list[NamePart]) -> list[str]:
    """Parts on both sides left unmatched in the same slot: the names say different things."""
    if not query_only or not other_only:
        return []
    out: list[str] = []
    q_names = [p for p in query_only if p.role in _NAME_ROLES]
    o_names = [p for p in other_only if p.role in _NAME_ROLES]
    if q_names and o_names:
        out.append(
            "names conflict: "
            + " ".join(p.text for p in q_names)
            + " vs "
            + " ".join(p.text for p in o_names)
        )
    q_pat = [p for p in query_only if p.role is Role.PATRONYMIC]
    o_pat = [p for p in other_only if p.role is Role.PATRONYMIC]
    if q_pat and o_pat:
        out.append(f"patronymics conflict: {q_pat[0].text} vs {o_pat[0].text}")
    return out


# --- organisations -------------------------------------------------------------------------------

_ORG_GENERIC = frozenset(
    {
        "the",
        "of",
        "and",
        "for",
        "company",
        "co",
        "ltd",
        "llc",
        "jsc",
        "pjsc",
        "ojsc",
        "cjsc",
        "inc",
        "corp",
        "corporation",
        "limited",
        "group",
        "holding",
        "holdings",
        "sa",
        "srl",
        "gmbh",
        "ag",
        "plc",
        "fze",
        "fzco",
        "fzc",
        "llp",
        "lp",
        "bv",
        "ooo",
        "oao",
        "zao",
        "pao",
        "ao",
        "trading",
        "international",
        "general",
    }
)


@dataclass(frozen=True)
class OrgName:
    original: str
    parts: tuple[NamePart, ...]


def parse_org_name(text: str) -> OrgName:
    """An organisation's name as comparable parts (legal forms weigh little)."""
    from rigour.names import tokenize_name

    from .keys import romanise, skeleton_key, spelling_key

    parts = []
    for tok in tokenize_name(text):
        roman = romanise(tok)
        if not roman:
            continue
        role = Role.PARTICLE if roman in _ORG_GENERIC else Role.UNKNOWN
        parts.append(NamePart(tok, roman, spelling_key(tok), skeleton_key(tok), role, tok.isascii()))
    return OrgName(text, tuple(parts))


def compare_org_names(query: str | OrgName, other: str | OrgName) -> NameComparison:
    """Compare two organisation names: matched words over all words (Dice), legal forms weighing 0.2."""
    q = query if isinstance(query, OrgName) else parse_org_name(query)
    o = other if isinstance(other, OrgName) else parse_org_name(other)
    if not q.parts or not o.parts:
        return NameComparison(0.0, notes=("empty name",))
    pairs = sorted(
        (
            (found[1], i, j, found[0])
            for i, qp in enumerate(q.parts)
            for j, op in enumerate(o.parts)
            if (found := compare_parts(qp, op)) is not None and found[0] != "initial"
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_q: set[int] = set()
    used_o: set[int] = set()
    matches: list[PartMatch] = []
    evidence = 0.0
    for score, i, j, how in pairs:
        if i in used_q or j in used_o:
            continue
        used_q.add(i)
        used_o.add(j)
        w = 0.2 if q.parts[i].role is Role.PARTICLE else 1.0
        evidence += 2 * w * score
        matches.append(PartMatch(q.parts[i].text, o.parts[j].text, how, score, o.parts[j].role.value))
    total = sum(0.2 if p.role is Role.PARTICLE else 1.0 for p in (*q.parts, *o.parts))
    score = evidence / total if total else 0.0
    if not any(m.role != Role.PARTICLE.value for m in matches):
        score = 0.0
    return NameComparison(
        score=round(score, 4),
        parts=tuple(matches),
        query_only=tuple(p.text for i, p in enumerate(q.parts) if i not in used_q),
        other_only=tuple((p.text, "word") for j, p in enumerate(o.parts) if j not in used_o),
    )
