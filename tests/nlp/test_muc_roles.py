"""The MUC-4 role tagger: filler grouping, the incident classifier and the shipped models."""

from __future__ import annotations

from pathlib import Path

import pytest

from wireledger.nlp.muc_roles import (
    ROLE_LABELS,
    IncidentClassifier,
    MucRoleTagger,
    RoleSpan,
    group_fillers,
    looks_like_wire_copy,
    normalise,
    same_filler,
)


def test_normalise_and_head_matching() -> None:
    assert normalise("The  Car-Bomb!") == "car bomb"
    assert same_filler("car bomb", "bomb")
    assert same_filler("powerful bomb", "car bomb")
    assert same_filler("car bomb", "car")  # the last word of "car" is a word of "car bomb"
    assert not same_filler("car bomb", "bus station")
    assert not same_filler("", "bomb")


def test_group_fillers_merges_heads_acronyms_and_brackets() -> None:
    text = "A car bomb [x] National Liberation Army [ELN] " + "x" * 400
    spans = [RoleSpan("WEAPON", 0, 10, "A car bomb"), RoleSpan("WEAPON", 50, 58, "the bomb"),
             RoleSpan("WEAPON", 90, 98, "dynamite"),
             RoleSpan("PERP_ORG", 15, 39, "National Liberation Army"), RoleSpan("PERP_ORG", 41, 44, "ELN"),
             RoleSpan("PERP_ORG", 100, 141, "Farabundo Marti National Liberation Front"),
             RoleSpan("PERP_ORG", 200, 204, "FMLN"),
             RoleSpan("VICTIM", 300, 310, "Ana Lopez"), RoleSpan("VICTIM", 320, 330, "Luis Lopez")]
    assert text[15:39] == "National Liberation Army" and text[41:44] == "ELN"
    grouped = group_fillers(spans, text)
    assert set(grouped) == set(ROLE_LABELS)
    assert [f.text for f in grouped["WEAPON"]] == ["A car bomb", "dynamite"]
    assert grouped["WEAPON"][0].aliases == ["the bomb"]
    orgs = {f.text: f.aliases for f in grouped["PERP_ORG"]}
    assert orgs == {"National Liberation Army": ["ELN"],
                    "Farabundo Marti National Liberation Front": ["FMLN"]}
    # Two people who share a surname merge (the scorer's head rule would count them once anyway).
    assert len(grouped["VICTIM"]) == 1
    assert grouped["TARGET"] == []


def test_classifier_round_trip_and_probabilities(tmp_path: Path) -> None:
    clf = IncidentClassifier(classes=["BOMBING", "NONE"], vocab={"bomb": 0, "budget": 1},
                             weights=[[3.0, -3.0], [-3.0, 3.0]], bias=[0.0, 0.0])
    path = tmp_path / "incident.json"
    clf.to_file(path)
    again = IncidentClassifier.load(path)
    p_bomb = again.probabilities("a bomb went off")
    p_budget = again.probabilities("the budget was approved")
    assert abs(sum(p_bomb.values()) - 1.0) < 1e-9
    assert p_bomb["BOMBING"] > 0.9 and p_budget["NONE"] > 0.9


def test_wire_copy_gate(fixtures: Path) -> None:
    wire = (fixtures / "muc4" / "kidnapping.txt").read_text(encoding="utf-8")
    assert looks_like_wire_copy(wire)
    assert looks_like_wire_copy("Lima, 9 Jul 90 (EFE) -- Armed men kidnapped an agronomist.")
    assert not looks_like_wire_copy("Armed men kidnapped an agronomist on the road to Jauja, police said.")


@pytest.fixture(scope="module")
def tagger() -> MucRoleTagger:
    return MucRoleTagger.load()


def read(fixtures: Path, name: str) -> str:
    return (fixtures / "muc4" / name).read_text(encoding="utf-8")


def test_mentions_across_brackets_are_split() -> None:
    from wireledger.nlp.muc_roles import _split_brackets

    text = "NATIONAL LIBERATION ARMY [ELN"
    spans = _split_brackets("PERP_ORG", 100, text)
    assert [(s.start, s.end, s.text) for s in spans] == [(100, 124, "NATIONAL LIBERATION ARMY"),
                                                         (126, 129, "ELN")]


def test_spans_index_the_original_text(tagger: MucRoleTagger, fixtures: Path) -> None:
    text = read(fixtures, "bombing.txt")
    spans = tagger.tag(text)
    assert spans, "the shipped tagger found no role mention in a car-bombing report"
    for s in spans:
        assert s.label in ROLE_LABELS
        assert text[s.start:s.end] == s.text and s.text.strip() == s.text


def test_bombing_report(tagger: MucRoleTagger, fixtures: Path) -> None:
    text = read(fixtures, "bombing.txt")
    slug, prob = tagger.classify(text)
    assert slug == "bombing" and 0.0 < prob <= 1.0
    fillers = tagger.fillers(text)
    weapons = [normalise(f.text) for f in fillers["WEAPON"]]
    assert any(same_filler(w, "car bomb") or same_filler(w, "dynamite") for w in weapons), weapons
    orgs = [normalise(m.text) for f in fillers["PERP_ORG"] for m in f.mentions]
    assert any("liberation army" in o or o == "eln" for o in orgs), orgs


def test_kidnapping_report(tagger: MucRoleTagger, fixtures: Path) -> None:
    text = read(fixtures, "kidnapping.txt")
    assert tagger.classify(text)[0] == "kidnapping"
    fillers = tagger.fillers(text)
    assert fillers["VICTIM"], "no victim in a kidnapping report"
    perpetrators = [normalise(f.text) for f in fillers["PERP_IND"] + fillers["PERP_ORG"]]
    assert any(p.endswith(("men", "guerrillas", "shining path")) for p in perpetrators), perpetrators


def test_report_without_incident(tagger: MucRoleTagger, fixtures: Path) -> None:
    text = read(fixtures, "no_incident.txt")
    slug, _ = tagger.classify(text)
    assert slug is None
    assert all(not fs for fs in tagger.fillers(text).values())
    # A caller whose own rules found an incident can still ask for its most likely type.
    assert tagger.incident_type(text)[0] in {"armed_assault", "bombing", "kidnapping", "arson", "robbery",
                                             "hijacking", None}


def test_mixed_case_text_is_tagged_too(tagger: MucRoleTagger, fixtures: Path) -> None:
    text = read(fixtures, "bombing.txt")
    cased = tagger.prepare(text)
    assert len(cased) == len(text) and cased != text
    spans = tagger.tag(cased)
    assert all(cased[s.start:s.end] == s.text for s in spans)
