"""Screening against our invented lists: ranking, explanations, context, and the alias trap.

The fixtures repeat the founding example's trap with invented people: Timur KHAZAROV, first deputy
head of the GRU, and Ruslan DEMIRKOV, an FSB officer listed with the alias "Timur KHAZAROV".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wireledger.resolve import Qualifiers, Screener, ScreeningResult
from wireledger.resolve.lists import ListVersionRef, read_lists

SANCTIONS = Path(__file__).resolve().parents[1] / "fixtures" / "sanctions"


@pytest.fixture(scope="module")
def screener() -> Screener:
    s = Screener(0.8)
    for loaded in read_lists(
        [
            SANCTIONS / "ofac_2025-03-01",
            SANCTIONS / "uk" / "ConList_2026-03-03.csv",
            SANCTIONS / "eu" / "32099R0001.csv",
            SANCTIONS / "canada",
        ],
        as_of="2026-03-03",
    ):
        s.add(ListVersionRef(loaded.list_id, loaded.title, None, loaded.version_date), loaded.entries)
    return s


def _ids(result: ScreeningResult) -> list[tuple[str, str]]:
    return [(m.source.list_id, m.entry.entry_id) for m in result.matches]


def test_bare_name_returns_both_people_with_reasons(screener: Screener) -> None:
    result = screener.screen("Timur Khazarov")
    ids = _ids(result)
    assert ("us_ofac_sdn", "90101") in ids and ("eu_32099R0001", "I.A/2") in ids
    for m in result.matches:
        assert m.comparison.parts, m.entry.entry_id
        assert m.to_dict()["explanation"]["name"]["explanation"]
    scores = [m.score for m in result.matches]
    assert scores == sorted(scores, reverse=True)


def test_context_puts_the_gru_general_first_and_sets_the_fsb_officer_aside(screener: Screener) -> None:
    context = Qualifiers(
        affiliations=("GRU",), positions=("first deputy head of the GRU",), ranks=("Lieutenant General",)
    )
    result = screener.screen("Timur Khazarov", context)
    top = {m.entry.caption for m in result.matches[:3]}
    assert all("KHAZAROV" in c and "DEMIRKOV" not in c for c in top)
    assert not any("DEMIRKOV" in m.entry.caption and not m.different_person for m in result.matches)
    aside = [m for m in result.set_aside if "DEMIRKOV" in m.entry.caption]
    assert aside and all(m.different_person for m in aside)
    reasons = " ".join(r for m in aside for r in m.reasons)
    assert "FSB" in reasons and "GRU" in reasons
    # the OFAC entry prints "First Deputy Chief of the Main Intelligence Directorate": same post, same agency
    ofac = next(m for m in result.matches if m.source.list_id == "us_ofac_sdn")
    raised = {e.qualifier for e in ofac.effects if e.change == "raised"}
    assert {"affiliation", "position"} <= raised
    eu = next(m for m in result.matches if (m.source.list_id, m.entry.entry_id) == ("eu_32099R0001", "I.A/1"))
    assert eu.score > eu.name_score  # the patronymic it prints costs less once the context agrees


def test_a_description_of_the_agency_works_as_an_affiliation(screener: Screener) -> None:
    result = screener.screen(
        "Timur Khazarov", Qualifiers(affiliations=("Russia's military intelligence agency",))
    )
    assert result.matches and "DEMIRKOV" not in result.matches[0].entry.caption


def test_birth_year_raises_or_marks_a_different_person(screener: Screener) -> None:
    same = screener.screen("Timur Khazarov", Qualifiers(birth_year=1963))
    other = screener.screen("Timur Khazarov", Qualifiers(birth_year=1990))
    ofac_same = next(m for m in same.matches if m.entry.entry_id == "90101")
    assert any(e.qualifier == "birth_year" and e.change == "raised" for e in ofac_same.effects)
    assert not other.matches
    assert all(m.different_person for m in other.set_aside)


def test_country_qualifier(screener: Screener) -> None:
    result = screener.screen("Rodrigo Garcia Velasco", Qualifiers(country="Mexico"))
    ofac = next(m for m in result.matches if m.entry.entry_id == "90106")
    assert any(e.qualifier == "country" and e.change == "raised" for e in ofac.effects)
    elsewhere = screener.screen("Rodrigo Garcia Velasco", Qualifiers(country="Peru"))
    lowered = next(m for m in elsewhere.matches + elsewhere.set_aside if m.entry.entry_id == "90106")
    assert lowered.score < ofac.score


def test_cyrillic_query_and_title_in_front(screener: Screener) -> None:
    cyr = screener.screen("Тимур Хазаров", Qualifiers(kind="person"))
    assert ("us_ofac_sdn", "90101") in _ids(cyr)
    titled = screener.screen("Lt. Gen. Timur Khazarov")
    ofac = next(m for m in titled.matches if m.entry.entry_id == "90101")
    assert ofac.name_score >= 0.9


def test_weak_aliases_are_not_screened(screener: Screener) -> None:
    assert not screener.screen("El Roddy").matches
    assert not screener.screen("Rusik").matches


def test_organisations_and_kind(screener: Screener) -> None:
    result = screener.screen("Brightwater Maritime")
    assert ("us_ofac_sdn", "90104") in _ids(result)
    assert not screener.screen("Brightwater Maritime", Qualifiers(kind="person")).matches
    assert ("ca_sema", "Iran/1/1") in _ids(screener.screen("Bright Water Shipping Company"))


def test_threshold_and_json_shape(screener: Screener) -> None:
    strict = screener.screen("Timur Khazarov", threshold=0.99)
    loose = screener.screen("Timur Khazarov", threshold=0.5)
    assert len(strict.matches) < len(loose.matches)
    payload = json.loads(json.dumps(screener.screen("Nobody Atall").to_dict()))
    assert payload["query"] == "Nobody Atall" and payload["matches"] == []
    one = loose.to_dict()["matches"][0]
    assert {"list", "entry_id", "name", "score", "explanation"} <= set(one)
