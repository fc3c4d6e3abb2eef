"""Attribution chains on reports we wrote: the order rule, relays, quotes, continuations, the outlet."""

from __future__ import annotations

from attribution_support import chains_on, claims_on, modalities_on, read

from wireledger.nlp.attribution import AttributionStep
from wireledger.nlp.base import ReadingDoc


def test_citing_puts_the_cited_source_first() -> None:
    r = read("Gunmen killed two guards at a checkpoint on Sunday, the regional agency Volna reported, "
             "citing the border service.")
    assert ("border service", "Volna") in chains_on(r, "Gunmen killed two guards")


def test_according_to_puts_the_relay_after_the_speaker() -> None:
    r = read("A car bomb exploded near the court in Sorvik on Friday, the channel Sorvik-TV reported "
             "according to the Baltic News Service.")
    chains = chains_on(r, "A car bomb exploded")
    assert any(c[0] == "Sorvik-TV" and c[-1].endswith("Baltic News Service") for c in chains), chains


def test_chain_of_depth_three_through_a_relative_clause() -> None:
    r = read("Two soldiers died in the ambush, Reuters reported, citing state radio, which quoted the "
             "defence ministry.")
    assert ("defence ministry", "state radio", "Reuters") in chains_on(r, "Two soldiers died")


def test_quoted_as_saying_makes_the_quoted_speaker_the_origin() -> None:
    r = read("The daily Vesti quoted a senior prosecutor as saying that the suspect had confessed.")
    chains = chains_on(r, "the suspect had confessed")
    assert ("senior prosecutor", "Vesti") in chains, chains


def test_telling_a_news_agency_passes_it_on_but_telling_reporters_does_not() -> None:
    r = read("A police spokeswoman told Reuters that the gunman had been arrested.\n\n"
             "The mayor told reporters that the school would reopen on Monday.")
    assert ("police spokeswoman", "Reuters") in chains_on(r, "the gunman had been arrested")
    assert chains_on(r, "the school would reopen") == {("mayor",)}


def test_outlet_ends_every_chain_and_stands_alone_for_its_own_statements() -> None:
    r = read("Three people were wounded, police said.\n\nThe street was closed for hours.",
             outlet="Harbor Ledger")
    assert chains_on(r, "Three people were wounded", with_outlet=True) == {("police", "Harbor Ledger")}
    own = claims_on(r, "The street was closed")
    assert own and all([s.name for s in c.attribution] == ["Harbor Ledger"] for c in own)
    assert all(c.attribution[-1].type == "outlet" for c in own)


def test_source_types() -> None:
    r = read("Two officials, who spoke on condition of anonymity, said the convoy was hit by a drone.\n\n"
             "According to court documents, the man bought the rifle in May.\n\n"
             "Witnesses said the attackers wore masks.")
    types = {s.name: s.type for c in r.claims for s in c.attribution}
    assert types["Two officials"] == "anonymous"
    assert types["court documents"] == "document"
    assert types["Witnesses"] == "person"


def test_quotation_over_two_sentences_has_one_speaker() -> None:
    r = read("“The fire started in the basement. It spread within minutes,” said fire chief Lena Ortiz.")
    assert chains_on(r, "The fire started in the basement") == {("Lena Ortiz",)}
    assert chains_on(r, "It spread within minutes") == {("Lena Ortiz",)}


def test_anaphoric_source_takes_the_previous_chain() -> None:
    r = read("A pipeline exploded near Krest, local media reported, citing the emergency ministry.\n\n"
             "Two workers were injured, according to those reports.")
    assert ("emergency ministry", "local media") in chains_on(r, "Two workers were injured")


def test_a_bare_speaker_sentence_says_the_sentence_before() -> None:
    r = read("The victim was shot near the park on Fifth Street, police Lt. Ana Ruiz said.")
    assert any("Ana Ruiz" in c[0] for c in chains_on(r, "The victim was shot") if c)


def test_single_sources_line_entry_is_the_origin_of_unattributed_statements() -> None:
    r = read("Depot fire\n\nA fuel depot near Ostrov burned overnight.\n\nSources: Ostrov fire service")
    assert chains_on(r, "A fuel depot near Ostrov burned") == {("Ostrov fire service",)}
    src = claims_on(r, "A fuel depot near Ostrov burned")[0].attribution[0]
    assert src.cited_source == 0


def test_declarative_act_is_asserted_by_its_actor() -> None:
    r = read("The European Union sanctioned the company in May, accusing it of smuggling arms.")
    sanction = [c for c in claims_on(r, "sanctioned the company") if c.predicate == "sanction"]
    assert sanction and {c.modality for c in sanction} == {"asserted"}
    assert {tuple(s.name for s in c.attribution) for c in sanction} == {("European Union",)}
    assert "alleged" in modalities_on(r, "smuggling arms")


def test_conjoined_accusers_give_one_claim_each() -> None:
    r = read("France and Germany accused the group of planning the attack on the dam.")
    assert chains_on(r, "planning the attack on the dam") == {("France",), ("Germany",)}
    said = [c for c in claims_on(r, "planning the attack on the dam") if c.predicate == "plan"]
    got = {(c.attribution[0].name, c.modality) for c in said}
    assert got == {("France", "alleged"), ("Germany", "alleged")}


def test_contradictory_counts_are_both_kept_and_flagged() -> None:
    r = read("Four people were killed when gunmen attacked a market in Tamba on Friday, the governor "
             "said.\n\nA hospital official said three people died.")
    main = r.main_event
    assert main is not None
    conflict = next(c for c in main.conflicts if c["field"] == "killed")
    values = {rec["value"] for rec in conflict["claims"]}
    assert values == {3, 4}
    by_value = {rec["value"]: rec["attribution"] for rec in conflict["claims"]}
    assert by_value[4][0] == "governor" and by_value[3][0] == "hospital official"
    counts = {c.object for c in r.claims if c.predicate == "killed" and c.event == main.id}
    assert counts >= {"3", "4"}


def test_event_attributions_and_modality_come_from_its_claims() -> None:
    r = read("A gunman shot two men outside a bar in Dunmore late Saturday, police said, citing witnesses.")
    main = r.main_event
    assert main is not None
    assert ["witnesses", "police"] in main.attributions
    assert main.modality == "reported"


def test_every_claim_has_a_chain_and_a_known_modality() -> None:
    r = read("Officials said the toll could rise.\n\nNo group has claimed responsibility.\n\n"
             "The suspect allegedly fled in a stolen car.")
    assert r.claims
    for c in r.claims:
        assert c.attribution, c
        assert c.modality in ("asserted", "reported", "alleged", "denied", "hypothetical", "unknown")


def test_step_without_a_parse_warns_instead_of_failing() -> None:
    from attribution_support import document

    doc = ReadingDoc(document=document("Police said two men were hurt."))
    step = AttributionStep()
    out = step(doc)
    assert out.claims == [] and any("no parse" in w for w in out.warnings)
