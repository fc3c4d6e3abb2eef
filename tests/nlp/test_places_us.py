"""US places: small towns from the packaged town list, homonyms that must agree with the states a
report names, quarters of cities ("west Wichita"), names written without their accents, the District
of Columbia as the city of Washington, and person nouns that are no places."""

from __future__ import annotations

from collections import Counter

from reading_support import pipeline, read_text

from wireledger.model import Location
from wireledger.nlp.base import ReadingDoc
from wireledger.nlp.gazetteer import Gazetteer, us_towns
from wireledger.nlp.places import PlacesStep, _Context, plausible


def placed(doc: ReadingDoc, text: str) -> Location | None:
    return next((p.location for p in doc.places if p.text == text and p.location is not None), None)


def test_small_us_towns_come_with_their_state_and_coordinates() -> None:
    towns = us_towns(5000)
    assert len(towns) > 10_000 and all(500 <= t[4] < 5000 for t in towns)
    gaz = Gazetteer.load()
    town = next(p for p in gaz.lookup("Smackover") if p.country == "US")
    assert (town.kind, town.admin1) == ("city", "AR") and town.lat is not None


def test_a_small_town_is_placed_in_the_state_the_report_names() -> None:
    doc = read_text("Deputies in New Mexico said a rancher was wounded on Sunday near Cimarron. "
                    "The rancher, 54, was flown to a hospital.")
    town = placed(doc, "Cimarron")
    assert town is not None and (town.city, town.region) == ("Cimarron", "New Mexico")
    assert town.lat is not None and 36 < town.lat < 37  # the New Mexico village, not the Kansas city


def test_a_town_of_a_state_the_report_never_names_is_not_chosen() -> None:
    kansas = _Context(states=Counter({"KS": 1}), us=True)
    gaz = Gazetteer.load()
    henderson_nv = next(p for p in gaz.lookup("Henderson") if p.admin1 == "NV")
    assert not plausible(henderson_nv, kansas, in_lead=False)
    kansas.support["NV"] = 2  # other names of the report could lie in Nevada too
    assert plausible(henderson_nv, kansas, in_lead=False)
    wichita = next(p for p in gaz.lookup("Wichita") if p.admin1 == "KS")
    assert plausible(wichita, kansas, in_lead=False)
    man = next(p for p in gaz.lookup("Man") if p.country == "CI")  # a town abroad, its country unnamed
    assert not plausible(man, kansas)
    assert plausible(man, _Context())  # a report that is not about the US


def test_a_compass_word_before_a_city_names_a_quarter_of_it() -> None:
    doc = read_text("Two teenagers were shot on Friday night in west Wichita, Kansas police said.")
    quarter = placed(doc, "west Wichita")
    assert quarter is not None and quarter.city == "Wichita" and quarter.detail == "west Wichita"
    assert quarter.region == "Kansas"


def test_a_name_written_without_its_accent_keeps_the_report_spelling() -> None:
    doc = read_text("A man was shot outside a bakery in Los Banos, California, on Tuesday.")
    town = placed(doc, "Los Banos")
    assert town is not None and town.city == "Los Banos" and town.region == "California"


def test_the_district_of_columbia_is_the_city_of_washington() -> None:
    doc = read_text("Five people were wounded in a shooting in the District of Columbia on Sunday, "
                    "police said.")
    dc = next(p.location for p in doc.places if p.location is not None and "Columbia" in p.text)
    assert (dc.city, dc.region) == ("Washington", "District of Columbia")


def test_a_person_noun_in_a_headline_is_no_place() -> None:
    doc = read_text("Man Shot Outside Tavern In Smackover\n\nA man was shot outside a tavern in "
                    "Smackover, Arkansas, on Saturday, police said.")
    assert not [p for p in doc.places if p.text == "Man"]
    town = placed(doc, "Smackover")
    assert town is not None and town.region == "Arkansas"


def test_a_large_city_names_its_state_for_the_towns_beside_it() -> None:
    gaz = Gazetteer.load()
    woodlawn_md = next(p for p in gaz.lookup("Woodlawn") if p.admin1 == "MD")
    doc = read_text("Three men were shot on Sunday on a porch in Chicago, police said.")
    assert placed(doc, "Chicago") is not None
    step = next(s for s in pipeline().steps if isinstance(s, PlacesStep))
    ctx = step._context(doc, [e for e in doc.entities if e.type == "location"])
    assert ctx.states["IL"] >= 1  # Chicago is in Illinois though the report never writes it
    assert not plausible(woodlawn_md, ctx, in_lead=False)


def test_the_article_of_a_place_name_is_not_part_of_the_city() -> None:
    doc = read_text("A teenager was shot on a rooftop in the Bronx on Monday, police in New York said.")
    bronx = next((p.location for p in doc.places if p.location is not None and "Bronx" in p.text), None)
    assert bronx is not None and bronx.city == "Bronx" and bronx.region == "New York"
