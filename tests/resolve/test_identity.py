"""Cross-document identity decisions on hand-made reading entities: names across spellings and scripts,
surnames alone, different people sharing a surname, context, and organisations by acronym and description.

The people are invented (a Belarusian air-force colonel, two Kovalenkos); the mechanisms are the ones the
founding example needs, checked here on other names.
"""

from __future__ import annotations

from wireledger.model import Entity, RoleFact
from wireledger.resolve.context import Qualifiers
from wireledger.resolve.entity_screening import doubt_about_organisation
from wireledger.resolve.identity import (
    AMBIGUOUS,
    CONFLICT,
    JOIN,
    SAME_REPORT,
    EntityProfile,
    choose,
    score,
)
from wireledger.resolve.identity_members import Member, blocking_keys, is_candidate, members_of
from wireledger.resolve.lists.base import ORGANIZATION as ORGANIZATION_SCHEMA
from wireledger.resolve.lists.base import ListedName, ListVersionRef, SanctionsEntry
from wireledger.resolve.organisations import OrganisationIndex
from wireledger.resolve.screen import Screener

ORGS = OrganisationIndex.default()


def person(eid: str, name: str, **kw: object) -> Entity:
    return Entity(id=eid, name=name, type="person", **kw)  # type: ignore[arg-type]  # test helper: Entity's own fields


def org(eid: str, name: str, **kw: object) -> Entity:
    return Entity(id=eid, name=name, type="organization", **kw)  # type: ignore[arg-type]  # as above


def report(doc: str, *entities: Entity) -> dict[str, Member]:
    return {m.entity: m for m in members_of(doc, list(entities), ORGS)}


def profile_of(entity_id: str, *members: Member) -> EntityProfile:
    return EntityProfile.of(entity_id, list(members))


GENERAL_ROLE = RoleFact("deputy commander of the Belarusian air force", "deputy commander",
                        "Belarusian air force")
FIRST = report(
    "doc1",
    person("e1", "Andrei Kovalenko", titles=["Colonel"], roles=[GENERAL_ROLE]),
    person("e2", "Olga Sidorenko"),
    org("e3", "Belarusian air force"),
)
GENERAL = profile_of("ent_general", FIRST["e1"])


def test_spellings_and_scripts_of_one_name_join() -> None:
    spellings = ["Andrey Kovalenko", "Andrej Kovalenko", "Андрей Коваленко", "KOVALENKO, Andrei"]
    for i, name in enumerate(spellings):
        member = report(f"doc{i + 10}", person("e1", name))["e1"]
        decision = score(member, GENERAL, ORGS)
        assert decision.verdict == JOIN, (name, decision.reasons)
        assert decision.name_score >= 0.9


def test_initial_with_title_needs_context_and_the_reasons_say_which() -> None:
    bare = report("doc20", person("e1", "A. Kovalenko"))["e1"]
    alone = score(bare, GENERAL, ORGS)
    assert alone.verdict != JOIN and alone.partial_name
    with_context = report("doc21", person("e1", "Col. A. Kovalenko", titles=["Col."]),
                          person("e2", "Olga Sidorenko"), org("e3", "Belarusian air force"))["e1"]
    decision = score(with_context, GENERAL, ORGS)
    assert decision.verdict == JOIN, decision.reasons
    text = " ".join(decision.reasons)
    assert "'Col.' = 'Colonel'" in text and "Olga Sidorenko" in text


def test_surname_alone_joins_only_with_supporting_context() -> None:
    bare = report("doc30", person("e1", "Kovalenko"))["e1"]
    assert score(bare, GENERAL, ORGS).verdict != JOIN
    same_role = report("doc31", person("e1", "Kovalenko", roles=[
        RoleFact("deputy commander of the air force", "deputy commander", "Belarusian air force")]))["e1"]
    decision = score(same_role, GENERAL, ORGS)
    assert decision.verdict == JOIN, decision.reasons
    assert any(r.startswith("organisation: same organisation") for r in decision.reasons)


def test_different_given_names_never_join_whatever_the_context() -> None:
    brother = report("doc40", person("e1", "Pavel Kovalenko", titles=["Colonel"], roles=[GENERAL_ROLE]),
                     person("e2", "Olga Sidorenko"), org("e3", "Belarusian air force"))["e1"]
    decision = score(brother, GENERAL, ORGS)
    assert decision.verdict == CONFLICT
    assert "Pavel" in " ".join(decision.reasons) and decision.score < 0.8
    # and an entity holding a full name rejects a conflicting one even when a surname alone is also there
    both = profile_of("ent_general", FIRST["e1"], report("doc41", person("e1", "Kovalenko"))["e1"])
    assert score(brother, both, ORGS).verdict == CONFLICT


def test_an_entity_taught_two_names_by_hand_needs_only_one_to_fit() -> None:
    taught = profile_of("ent_general", FIRST["e1"], report("doc42", person("e1", "Andrus Kovalenko"))["e1"])
    again = report("doc43", person("e1", "Andrei Kovalenko"))["e1"]
    assert score(again, taught, ORGS).verdict == JOIN
    stranger = report("doc44", person("e1", "Pavel Kovalenko"))["e1"]
    assert score(stranger, taught, ORGS).verdict == CONFLICT


def test_different_patronymics_are_different_people() -> None:
    a = report("doc50", person("e1", "Andrei Ivanovich Kovalenko"))["e1"]
    b = report("doc51", person("e1", "Andrei Petrovich Kovalenko"))["e1"]
    assert score(b, profile_of("x", a), ORGS).verdict == CONFLICT


def test_a_second_full_name_in_the_same_report_is_someone_else() -> None:
    # the Belarusian spelling joins from another report, but not as a second entity of the same one
    elsewhere = report("doc2", person("e1", "Andrei Kovalenka"))["e1"]
    assert score(elsewhere, GENERAL, ORGS).verdict == JOIN
    same_doc = report("doc1", person("e9", "Andrei Kovalenka"))["e9"]  # the reading kept it apart
    decision = score(same_doc, GENERAL, ORGS)
    assert decision.verdict == SAME_REPORT


def test_different_agencies_lower_the_score() -> None:
    fsb = report("doc60", person("e1", "Andrei Kovalenko", roles=[
        RoleFact("officer of the FSB", "officer", "FSB")]))["e1"]
    gru = report("doc61", person("e1", "Andrei Kovalenko", roles=[
        RoleFact("officer of the GRU", "officer", "GRU")]))["e1"]
    decision = score(fsb, profile_of("x", gru), ORGS)
    assert decision.score < decision.name_score
    assert any("different agencies" in r for r in decision.reasons)


def test_a_partial_name_fitting_two_people_is_ambiguous() -> None:
    air = report("doc70", person("e1", "Andrei Kovalenko", roles=[GENERAL_ROLE]),
                 org("e2", "Belarusian air force"))["e1"]
    navy = report("doc71", person("e1", "Viktor Kovalenko", roles=[GENERAL_ROLE]),
                  org("e2", "Belarusian air force"))["e1"]
    surname = report("doc72", person("e1", "Kovalenko", roles=[GENERAL_ROLE]),
                     org("e2", "Belarusian air force"))["e1"]
    decisions = [score(surname, profile_of("a", air), ORGS), score(surname, profile_of("b", navy), ORGS)]
    assert all(d.verdict == JOIN for d in decisions)
    assert choose(decisions) is None
    assert {d.verdict for d in decisions} == {AMBIGUOUS}
    full = report("doc73", person("e1", "Andrei Kovalenko"))["e1"]
    picks = [score(full, profile_of("a", air), ORGS), score(full, profile_of("b", navy), ORGS)]
    chosen = choose(picks)
    assert chosen is not None and chosen.entity == "a"


def test_organisations_by_acronym_description_and_translation() -> None:
    gru = report("doc80", org("e1", "GRU", descriptions=["Russia's military intelligence agency"]))["e1"]
    profile = profile_of("ent_gru", gru)
    for i, (name, kw) in enumerate([
        ("Main Intelligence Directorate", {}),
        ("GU", {}),
        ("Glavnoye Razvedyvatelnoye Upravleniye", {}),
        ("the agency", {"descriptions": ["Russian military intelligence"]}),
    ]):
        other = report(f"doc8{i + 1}", org("e1", name, **kw))["e1"]
        decision = score(other, profile, ORGS)
        assert decision.verdict == JOIN, (name, decision.reasons)
        assert "same organisation GRU" in decision.reasons[0]
    fsb = report("doc89", org("e1", "Federal Security Service"))["e1"]
    assert score(fsb, profile, ORGS).verdict == CONFLICT


def test_unknown_organisations_by_name_and_by_their_own_acronym() -> None:
    long_ = report("doc90", org("e1", "Northern Lakes Shipping Company"))["e1"]
    profile = profile_of("ent_nls", long_)
    short = report("doc91", org("e1", "NLSC"))["e1"]
    decision = score(short, profile, ORGS)
    assert decision.verdict == JOIN and "acronym" in decision.reasons[0]
    assert is_candidate(blocking_keys(short), set(blocking_keys(long_)[0]), 4)
    other = report("doc92", org("e1", "Southern Lakes Fishing Cooperative"))["e1"]
    assert score(other, profile, ORGS).verdict != JOIN
    # a shared acronym does not make two police departments one
    north = report("doc93", org("e1", "Northfield Police Department", aliases=["NPD"]))["e1"]
    south = report("doc94", org("e1", "Newbury Police Department", aliases=["NPD"]))["e1"]
    assert score(south, profile_of("ent_npd", north), ORGS).verdict != JOIN
    assert score(report("doc95", org("e1", "NPD"))["e1"], profile_of("ent_npd", north), ORGS).verdict == JOIN


def test_blocking_needs_two_name_keys_unless_one_side_has_one() -> None:
    full = report("doc100", person("e1", "Andrei Kovalenko"))["e1"]
    keys = blocking_keys(full)
    assert is_candidate(keys, {"n:kvlnk", "n:andr"}, 2)
    assert not is_candidate(keys, {"n:kvlnk"}, 2)  # Pavel Kovalenko: one key in common, never compared
    assert is_candidate(keys, {"n:kvlnk"}, 1)  # an entity known by the surname alone


def test_profile_round_trip_keeps_what_scoring_uses() -> None:
    restored = EntityProfile.from_dict(GENERAL.to_dict())
    member = report("doc110", person("e1", "Andrey Kovalenko", titles=["Colonel"]))["e1"]
    assert score(member, restored, ORGS).to_dict() == score(member, GENERAL, ORGS).to_dict()
    assert restored.display_name() == "Andrei Kovalenko"


def test_organisation_matches_a_ledger_believes_and_those_it_sets_aside() -> None:
    ref = ListVersionRef("test_list", "Test list", 1, "2026-01-01")
    listed = [
        SanctionsEntry("1", ORGANIZATION_SCHEMA, [ListedName("KESTREL POLICE DEPARTMENT")]),
        SanctionsEntry("2", ORGANIZATION_SCHEMA, [ListedName("CENTRAL MARITIME COMMAND"),
                                                  ListedName("CMC", "alias")]),
        SanctionsEntry("3", ORGANIZATION_SCHEMA, [ListedName("MAIN INTELLIGENCE DIRECTORATE"),
                                                  ListedName("GRU", "alias")]),
        SanctionsEntry("4", ORGANIZATION_SCHEMA, [ListedName("HARBOUR FRONT LTD")]),
    ]
    screener = Screener(0.8)
    screener.add(ref, listed)

    def verdicts(*names: str) -> dict[str, str | None]:
        member = report("doc200", org("e1", names[0], aliases=list(names[1:])))["e1"]
        profile = profile_of("ent_x", member)
        out = {}
        for name in names:
            for m in screener.screen(name, Qualifiers(kind="organization")).matches:
                out[m.entry.entry_id] = doubt_about_organisation(profile, m, ORGS)
        return out

    police = verdicts("Police Department")
    assert police["1"] is not None and "KESTREL" in police["1"]
    medical = verdicts("Cedar Medical Center", "CMC")
    assert medical["2"] is not None and "acronym alone" in medical["2"]
    assert verdicts("GRU") == {"3": None}  # the entry's other name is the same known organisation
    assert verdicts("Harbour Front") == {"4": None}  # only a legal form left over
