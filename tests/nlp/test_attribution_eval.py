"""The attribution scorer itself, on readings built by hand (no pipeline): what counts as right."""

from __future__ import annotations

from wireledger.evaluation.attribution import (
    AttributionFixture,
    Expectation,
    count_attribution,
    lint_fixture,
    score_fixture,
)
from wireledger.model import Claim, Document, Event, Reading, Source

TEXT = "Two men were shot, police said. The road was closed. A witness said the gunman ran."


def _claim(cid: str, words: str, chain: list[tuple[str, str]], modality: str = "reported") -> Claim:
    start = TEXT.index(words)
    return Claim(id=cid, text=words, subject=None, predicate="x", object=None, modality=modality,
                 attribution=[Source(n, t) for n, t in chain], evidence=(start, start + len(words)))


def _fixture(expect: list[Expectation]) -> AttributionFixture:
    return AttributionFixture(name="t", path="t.yaml", text=TEXT, outlet=None, published=None, covers=[],
                              expect=expect)


def _reading(claims: list[Claim]) -> Reading:
    return Reading(document=Document(id="d", source_id="d", text=TEXT), claims=claims)


def test_all_right() -> None:
    fx = _fixture([Expectation("Two men were shot", ["police"], "reported", ["official"]),
                   Expectation("the gunman ran", ["witness"], "reported")])
    res = score_fixture(fx, _reading([
        _claim("a", "Two men were shot", [("Police", "official"), ("(outlet)", "outlet")]),
        _claim("b", "the gunman ran", [("A witness", "person")]),
        _claim("c", "The road was closed", [("(outlet)", "outlet")], "asserted"),
    ]))
    assert (res.true_sources, res.predicted_sources, res.found_sources, res.gold_sources) == (2, 2, 2, 2)
    assert res.chains_right == 2 and res.modality_right == 2 and res.types_right == 1


def test_a_source_where_none_is_expected_costs_precision_and_a_missing_one_recall() -> None:
    fx = _fixture([Expectation("Two men were shot", ["police"], "reported"),
                   Expectation("The road was closed", [], "asserted")])
    res = score_fixture(fx, _reading([
        _claim("a", "Two men were shot", [("(outlet)", "outlet")], "asserted"),
        _claim("b", "The road was closed", [("police", "official")]),
    ]))
    assert res.predicted_sources == 1 and res.true_sources == 0
    assert res.gold_sources == 1 and res.found_sources == 0
    assert res.chains_right == 0 and len(res.misses) == 2


def test_chain_order_matters() -> None:
    fx = _fixture([Expectation("Two men were shot", ["police", "witness"], "reported")])
    res = score_fixture(fx, _reading([_claim("a", "Two men were shot", [("witness", "person"),
                                                                         ("police", "official")])]))
    assert res.found_sources == 2 and res.chains_right == 0


def test_lint_fixture_catches_missing_evidence_and_bad_types() -> None:
    problems = lint_fixture({"text": "abc", "expect": [
        {"evidence": "xyz", "chain": ["a"], "types": ["official", "media"], "modality": "maybe"}]})
    assert len(problems) == 3


def test_count_attribution_shares() -> None:
    ev = Event(id="e1", type="armed_assault", killed=1, wounded=2)
    claims = [
        Claim(id="k", text="", subject=None, predicate="killed", object="1", modality="reported",
              attribution=[Source("police", "official"), Source("x.com", "outlet")], event="e1"),
        Claim(id="w", text="", subject=None, predicate="wounded", object="2", modality="asserted",
              attribution=[Source("x.com", "outlet")], event="e1"),
    ]
    res = count_attribution([Reading(document=Document(id="d", source_id="d", text=TEXT), events=[ev],
                                     claims=claims)])
    assert res["counts"] == 2 and res["share_with_claim"] == 1.0
    assert res["named_source"] == 1 and res["outlet_own"] == 1
    assert res["origin_types"] == {"official": 1}
