"""The scored decision: how likely two events, read from two reports, are one real happening.

``score_pair(a, b)`` starts from the similarity of what the two reports say (their text vectors, and their
headlines when both events are a report's main event) and adds or takes away for the facts the readings
give: the date (respecting its precision), the place, the people named, the counts, the weapons and the
type. A *veto* says the two can never be one happening (the same report, or kinds of event that cannot
be one thing: an award and a shooting). The score depends on the two profiles alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..model import load_taxonomy
from .profile import INFERRED, STORY_TYPE, EventProfile, published_day
from .text import cosine

OWN_DAYS = 2  # a date this many days before publication (or on it) is the report's own day
MENTIONED_ONLY = 0.1  # a full name both reports name, neither as a participant
MANY_HURT = 4  # killed and wounded together: a mass shooting, whose reports name different victims

@dataclass(frozen=True)
class MergeParams:
    """The thresholds of the merge decision (documented in docs/incidents.md)."""

    link: float = 0.45  # a pair at or above this is linked (and may join two groups)
    average: float = 0.30  # two groups merge when the average score over all their pairs reaches this
    floor: float = 0.08  # pairs below this are not stored (they count as 0 in averages)
    near_km: float = 40.0  # places within this distance are "the same place"
    weights: tuple[tuple[str, float], ...] = ()  # optional (term, factor) pairs scaling a term
    title: float = 0.5  # share of the headlines' similarity when both events stand for their reports
    late_report: float = 0.2  # the most a date gap costs when the later date is only its report's own day
    named_follow_up: float = 0.25  # ... and when a follow-up names a participant of the other report


@dataclass
class PairScore:
    score: float
    veto: bool = False
    reasons: dict[str, float] = field(default_factory=dict)


def _km(a: EventProfile, b: EventProfile) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _type_veto(a: EventProfile, b: EventProfile) -> bool:
    """Kinds of event that cannot be one happening. A report's primary events are exempt: two reports of
    one story may disagree on its kind (a "death" and a "shooting"); the text decides for them."""
    if STORY_TYPE in (a.type, b.type) or (a.primary and b.primary):
        return False
    if a.attack != b.attack:
        return True
    return not a.attack and a.type != b.type


def _type_term(a: EventProfile, b: EventProfile) -> float:
    if STORY_TYPE in (a.type, b.type) or a.type == b.type:
        return 0.0
    if a.attack and b.attack:
        # attack types of one family (the taxonomy's) are readily confused; a pair across families is unlikely
        families = load_taxonomy().attack_families
        return 0.0 if families.get(a.type) == families.get(b.type) else -0.05
    return -0.1


def _interval_term(x: tuple[int, int, str], y: tuple[int, int, str]) -> float:
    (alo, ahi, apr), (blo, bhi, bpr) = x, y
    if apr == "day" and bpr == "day":
        d = abs(alo - blo)
        if d == 0:
            return 0.15
        if d == 1:
            return 0.05
        if d <= 3:
            return -0.05
        return -0.25 if d <= 30 else -0.5
    gap = max(alo, blo) - min(ahi, bhi)
    if gap <= 0:
        return 0.0
    soft = INFERRED in (apr, bpr)
    return -min(0.5, (0.01 if soft else 0.02) * gap)


def _own_day(p: EventProfile, lo: int) -> bool:
    """Whether a date is the report's own day (its publication day or the two days before): the day a
    follow-up is about (an arrest, a verdict, a funeral) as often as the day of the attack."""
    pub = published_day(p.published)
    return pub is not None and pub - OWN_DAYS <= lo <= pub


def _late_report(x: tuple[int, int, str], y: tuple[int, int, str], a: EventProfile,
                 b: EventProfile) -> bool:
    """Whether the later of two dates is only its report's own day, and the earlier one lies before that
    report was published: the later report may be a follow-up of the earlier happening."""
    (alo, _, _), (blo, _, _) = x, y
    late, lo, early = (a, alo, blo) if alo > blo else (b, blo, alo)
    if not (_own_day(late, lo) and early < lo):
        return False
    return late.follow_up or bool(_named_in_both(a, b))


def _follow_up_of_named(a: EventProfile, b: EventProfile) -> bool:
    """One report tells a later step (an arrest, a charge, a trial) and both name the same participant:
    its date of the attack is often the day of that step, or a date the reader took from a background
    sentence, so a gap weighs less (a trial months later names the same victim)."""
    return (a.follow_up or b.follow_up) and bool(_named_in_both(a, b))


def _named_in_both(a: EventProfile, b: EventProfile) -> set[str]:
    """Full names both reports give, a participant on at least one side."""
    return (a.full_keys & b.full_keys) & (a.participant_keys | b.participant_keys)


def _date_term(a: EventProfile, b: EventProfile, params: MergeParams) -> float:
    ia, ib = a.intervals(), b.intervals()
    if not ia or not ib:
        if a.month_day and b.month_day:
            return 0.1 if a.month_day == b.month_day else -0.2
        return 0.0
    best = -1.0
    for x in ia:
        for y in ib:
            term = _interval_term(x, y)
            if term < -params.late_report and _late_report(x, y, a, b):
                term = -params.late_report
            elif term < -params.named_follow_up and _follow_up_of_named(a, b):
                term = -params.named_follow_up
            best = max(best, term)
    return best


def _place_term(a: EventProfile, b: EventProfile, params: MergeParams) -> float:
    """Same city: a little more likely (the same district of it more so, two districts less); different
    cities far apart: much less. Gazetteers err on countries ("Santa Cruz" in the Philippines), so a
    shared city name wins over a country mismatch."""
    ca, cb = a.city_key, b.city_key
    if ca and cb and ca == cb:
        da, db = a.district_key, b.district_key
        # two districts of one city ("Brighton Park", "North Lawndale"), neither report naming the other's
        if da and db and da != db and da not in b.places and db not in a.places:
            return -0.1
        return 0.1 if da and da == db else 0.05
    if (ca and ca in b.places) or (cb and cb in a.places):
        return 0.0  # the other report names this city too: readers pick different places of one story
    km = _km(a, b)
    if km is not None and km <= params.near_km:
        return 0.0
    if a.country and b.country and a.country != b.country:
        return -0.15
    if ca and cb:
        if a.region and b.region and a.region == b.region:
            return -0.05
        return -0.1
    if km is not None and km > 4 * params.near_km:
        return -0.05
    return 0.0


def _victims(p: EventProfile) -> set[str]:
    return {x.full_key for x in p.people if x.full_key and x.role in ("victim", "target")}


def _people_term(a: EventProfile, b: EventProfile) -> float:
    """Shared named participants: much more likely one happening. Named victims on both sides with none
    in common (and none of them even mentioned by the other report): less likely."""
    pa, pb = a.participant_keys, b.participant_keys
    if pa & pb:
        return 0.3
    shared = a.full_keys & b.full_keys
    if shared:
        # a name both reports only mention (a reporter's byline, a police spokesman) says less
        return 0.2 if shared & (pa | pb) else MENTIONED_ONLY
    if a.surname_keys & b.surname_keys:
        return 0.1
    va, vb = _victims(a), _victims(b)
    if va and vb:
        hurt = max((p.killed or 0) + (p.wounded or 0) for p in (a, b))
        if hurt >= MANY_HURT and hurt > max(len(va), len(vb)):
            return 0.0  # a mass shooting: each report names some of its many victims
        return -0.15
    return 0.0


def _count_term(a: EventProfile, b: EventProfile) -> float:
    total = 0.0
    for x, y in ((a.killed, b.killed), (a.wounded, b.wounded)):
        if x is None or y is None:
            continue
        if x == y:
            total += 0.025 if x > 0 else 0.0
        else:
            total -= 0.025  # tolls change as the wounded die and bodies are found: weak evidence
    return total


def _age_term(a: EventProfile, b: EventProfile) -> float:
    """Victims' ages on both sides: one in common (within a year: a birthday, an outlet's slip) is a little
    more likely one happening; none in common is less likely (two children shot in one city the same
    week are two shootings)."""
    if not a.ages or not b.ages:
        return 0.0
    if set(a.ages) & set(b.ages):
        return 0.1
    if any(abs(x - y) <= 1 for x in a.ages for y in b.ages):
        return 0.0
    return -0.1


def score_pair(a: EventProfile, b: EventProfile, params: MergeParams | None = None) -> PairScore:
    params = params or MergeParams()
    if a.document == b.document or _type_veto(a, b):
        return PairScore(0.0, veto=True)
    text = cosine(a.vector, b.vector)
    if a.title_vector and b.title_vector:
        text = max(text, (1 - params.title) * text + params.title * cosine(a.title_vector, b.title_vector))
    reasons = {"text": round(text, 3), "date": _date_term(a, b, params), "place": _place_term(a, b, params),
               "people": _people_term(a, b), "counts": _count_term(a, b)}
    if _age_term(a, b):
        reasons["ages"] = _age_term(a, b)
    if _type_term(a, b):
        reasons["type"] = _type_term(a, b)
    if a.weapons and b.weapons and not set(a.weapons) & set(b.weapons):
        reasons["weapons"] = -0.05
    for term, factor in params.weights:
        if term in reasons:
            reasons[term] *= factor
    total = sum(reasons.values())
    return PairScore(max(0.0, min(1.0, total)), reasons=reasons)
