"""US places resolved from the report's own cues (issue 14): a state written out in an agency's or an
outlet's name, a county the report names, each ahead of the most populous namesake; and place labels
built from clean mentions (no street repeated as its own locality, no fragment of two cross streets)."""

from __future__ import annotations

import pytest
from reading_support import pipeline, read_text

from wireledger.ingest.build import DocumentDraft, build_document
from wireledger.model import Location
from wireledger.nlp.base import ReadingDoc
from wireledger.nlp.places import place_span


def placed(doc: ReadingDoc, text: str) -> Location | None:
    return next((p.location for p in doc.places if p.text == text and p.location is not None), None)


def test_a_state_police_force_names_the_state_of_a_town_with_namesakes() -> None:
    # Wilmington, North Carolina is the most populous Wilmington; the report's agency is Delaware's
    doc = read_text("Man killed in overnight shooting in Wilmington\n\n"
                    "A 41-year-old man was shot and killed early Sunday outside a corner store in "
                    "Wilmington, police said.\n\nDelaware State Police are assisting city detectives. "
                    "No arrests have been made.")
    town = placed(doc, "Wilmington")
    assert town is not None and (town.city, town.region) == ("Wilmington", "Delaware")


@pytest.mark.parametrize("tail", ["No arrests have been made.", "The Washington Post reported it first."])
def test_without_the_cue_the_most_populous_namesake_still_stands(tail: str) -> None:
    # a state's name in a newspaper's name ("Washington Post") is no cue either
    doc = read_text("A 41-year-old man was shot and killed early Sunday outside a corner store in "
                    "Wilmington, police said. " + tail)
    town = placed(doc, "Wilmington")
    assert town is not None and town.region == "North Carolina"


def test_a_bare_name_beside_its_county_is_the_county_of_the_named_state() -> None:
    # "DeKalb" alone is the Illinois city; the report is about DeKalb County, Georgia
    doc = read_text("One dead, three hurt in apartment shooting\n\n"
                    "DEKALB COUNTY, Ga. - DeKalb County police say one man died and three other people were "
                    "hurt in a shooting at an apartment complex on Friday near Stone Mountain.\n\n"
                    "DeKalb police say the shooting followed an argument between two groups in the parking "
                    "lot.")
    bare = placed(doc, "DeKalb")
    assert bare is not None and bare.region == "Georgia"
    assert all(p.location.region != "Illinois" for p in doc.places if p.location is not None)


def test_the_outlet_s_name_is_a_cue_for_the_state() -> None:
    draft = DocumentDraft(text="A man was shot and wounded on Friday night in Wilmington, police said. "
                          "He was taken to a hospital.", source_id="t", source_format="text", input_name="t",
                          outlet="Delaware Public Media")
    doc = pipeline().read_doc(build_document(draft))
    town = placed(doc, "Wilmington")
    assert town is not None and town.region == "Delaware"


def test_a_mention_cut_after_a_conjunction_ends_before_it() -> None:
    text = "shots were fired near Harford Road and Echodale Avenue"
    start = text.index("Harford")
    assert place_span(text, start, start + len("Harford Road and")) == (start, start + len("Harford Road"))
    assert place_span("near and", 5, 8) is None


def test_two_cross_streets_take_their_plural_street_word() -> None:
    text = "at the corner of North and Rosedale avenues about an hour later"
    start = text.index("North")
    got = place_span(text, start, start + len("North and Rosedale"))
    assert got is not None and text[got[0]:got[1]] == "North and Rosedale avenues"


def test_a_street_with_no_city_is_labelled_once() -> None:
    loc = Location(name="Clio Avenue", detail="Clio Avenue")
    assert loc.label() == "Clio Avenue"
    full = Location(name="Wilmington", detail="Clio Avenue", city="Wilmington", region="Delaware",
                    country="US")
    assert full.label() == "Clio Avenue, Wilmington, Delaware, US"
    assert Location(name="Baltimore", detail="baltimore", city="Baltimore").label() == "baltimore"


def test_no_place_of_a_report_ends_with_a_conjunction() -> None:
    doc = read_text("A 19-year-old man was shot on Tuesday at the corner of North and Rosedale avenues in "
                    "west Baltimore, police said. A second man was hurt near Harford Road and a gas station.")
    assert doc.places
    for p in doc.places:
        assert p.text.split()[-1].lower() not in ("and", "or", "of"), p.text
        if p.location is not None:
            assert not p.location.label().split(",")[0].strip().lower().endswith(" and")


def test_a_city_beside_its_own_county_in_a_named_state_stays_the_city() -> None:
    doc = read_text("A man was shot and wounded on Friday night in Durham, N.C., police said. Durham County "
                    "deputies are helping the Durham police look for the gunman.")
    city = placed(doc, "Durham")
    assert city is not None and (city.city, city.region) == ("Durham", "North Carolina")
