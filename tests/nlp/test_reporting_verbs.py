"""The reporting verbs are one list of data: it loads clean, each step takes its use of it, and the
linter catches a broken entry."""

from __future__ import annotations

import copy

import spacy

from wireledger.nlp.attribution_lexicon import load_lexicon as attribution_lexicon
from wireledger.nlp.base import load_data
from wireledger.nlp.entity_lexicon import EntityLexicon
from wireledger.nlp.events_lexicon import load_lexicon as events_lexicon
from wireledger.nlp.reporting_verbs import lint_reporting_verbs, load_reporting_verbs, parse_reporting_verbs


def test_the_packaged_list_is_clean_and_each_step_reads_its_use_of_it() -> None:
    assert lint_reporting_verbs(load_data("reporting_verbs.yaml")) == []
    verbs = load_reporting_verbs()
    assert verbs.modalities["say"] == "reported" and verbs.modalities["deny"] == "denied"
    assert "according to" in verbs.clause_verbs and "according to" not in verbs.modalities
    assert {"reported", "quoted", "aired"} <= verbs.outlet_forms
    assert attribution_lexicon().reporting_verbs == verbs.modalities
    assert events_lexicon().reporting == verbs.clause_verbs
    assert EntityLexicon.load(spacy.blank("en")).report_verbs == verbs.outlet_forms


def test_no_other_data_file_keeps_a_list_of_its_own() -> None:
    assert "reporting_verbs" not in load_data("attribution.yaml")
    assert "reporting" not in load_data("events_negation.yaml")
    assert "report_verbs" not in load_data("outlets.yaml")


def test_a_verb_added_once_reaches_every_use_it_names() -> None:
    data = copy.deepcopy(load_data("reporting_verbs.yaml"))
    data["verbs"]["mutter"] = {"modality": "reported", "clause": True, "outlet_forms": ["muttered"]}
    verbs = parse_reporting_verbs(data)
    assert verbs.modalities["mutter"] == "reported" and "mutter" in verbs.clause_verbs
    assert "muttered" in verbs.outlet_forms


def test_the_linter_finds_bad_entries() -> None:
    data = copy.deepcopy(load_data("reporting_verbs.yaml"))
    data["verbs"]["whisper"] = {"modality": "whispered"}
    data["verbs"]["hint at"] = {"modality": "reported"}
    data["verbs"]["murmur"] = {"loudness": 3}
    problems = "\n".join(lint_reporting_verbs(data))
    assert "'whisper': unknown modality" in problems
    assert "'hint at' with a modality must be one lemma" in problems
    assert "'murmur'" in problems and "loudness" in problems
    assert lint_reporting_verbs({"reporting": []}) == ["the file holds no 'verbs' mapping"]
