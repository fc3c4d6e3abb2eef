"""The attribution lexicon is data: it loads, and the linter catches a broken file."""

from __future__ import annotations

from importlib import resources

import yaml

from wireledger.nlp.attribution_lexicon import lint_lexicon, load_lexicon


def _data() -> dict:
    raw = resources.files("wireledger.nlp").joinpath("data/attribution.yaml").read_text("utf-8")
    return yaml.safe_load(raw)


def test_packaged_lexicon_is_clean_and_loads() -> None:
    assert lint_lexicon(_data()) == []
    lex = load_lexicon()
    assert lex.reporting_verbs["say"] == "reported"
    assert lex.reporting_verbs["accuse"] == "alleged"
    assert lex.head_type("police") == "official"
    assert lex.phrase_type(["interfax", "news", "agency"]) == "media"


def test_linter_finds_a_second_list_of_reporting_verbs_and_a_head_in_two_types() -> None:
    data = _data()
    data["reporting_verbs"] = {"mutter": "reported"}  # they live in reporting_verbs.yaml alone
    data["source_types"]["person"]["heads"].append("police")
    problems = lint_lexicon(data)
    assert any("reporting_verbs.yaml" in p for p in problems)
    assert any("'police'" in p and "both" in p for p in problems)


def test_linter_finds_missing_sections() -> None:
    data = {k: v for k, v in _data().items() if k != "casualties"}
    assert any("casualties" in p for p in lint_lexicon(data))
