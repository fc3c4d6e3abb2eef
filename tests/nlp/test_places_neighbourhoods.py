"""Neighbourhoods and boroughs of large US cities give the city ("Englewood" -> Chicago), nicknames and
abbreviated names are looked up ("Philly", "Ft. Worth", "Itasca Co."), and a US report without a state
means the US bearer of a name rather than a larger one abroad."""

from __future__ import annotations

from reading_support import read_text

from wireledger.model import Location
from wireledger.nlp.base import ReadingDoc
from wireledger.nlp.gazetteer import Gazetteer


def placed(doc: ReadingDoc, text: str) -> Location | None:
    return next((p.location for p in doc.places if p.text == text and p.location is not None), None)


def test_a_neighbourhood_of_a_named_city_gives_the_city() -> None:
    doc = read_text("Chicago police said two men were shot on Saturday evening in Englewood. "
                    "Both were taken to a hospital in stable condition.")
    hood = placed(doc, "Englewood")
    assert hood is not None
    assert (hood.city, hood.detail, hood.region) == ("Chicago", "Englewood", "Illinois")


def test_a_new_york_neighbourhood_gives_its_borough() -> None:
    doc = read_text("A teenager was wounded near the boardwalk in Coney Island on Monday, New York "
                    "police said.")
    hood = placed(doc, "Coney Island")
    assert hood is not None and (hood.city, hood.detail) == ("Brooklyn", "Coney Island")


def test_a_state_written_after_the_name_keeps_the_town() -> None:
    doc = read_text("A woman was shot in Englewood, Colo., on Tuesday, officers said.")
    town = placed(doc, "Englewood")
    assert town is not None and (town.city, town.region) == ("Englewood", "Colorado")


def test_a_town_far_from_the_city_is_not_its_neighbourhood() -> None:
    # Nashville has a Germantown quarter; the Germantown of the Memphis suburbs is a town of its own
    doc = read_text("Germantown police in Tennessee said a man was shot at a gas station on Friday. "
                    "Nashville detectives were asked to help.")
    town = placed(doc, "Germantown")
    assert town is None or town.city == "Germantown"


def test_nicknames_and_abbreviations_are_looked_up() -> None:
    gaz = Gazetteer.load()
    assert [(p.name, p.admin1) for p in gaz.lookup("Philly")][:1] == [("Philadelphia", "PA")]
    assert gaz.lookup("Ft. Worth")[0].name == "Fort Worth"
    itasca = gaz.lookup("Itasca Co.")
    assert itasca and itasca[0].kind == "county"


def test_a_us_report_means_the_us_town_over_a_larger_one_abroad() -> None:
    doc = read_text("A 19-year-old was shot outside a market in Los Banos on Sunday. The sheriff's office "
                    "offered a $5,000 reward.")
    town = placed(doc, "Los Banos")
    assert town is not None and town.country == "US"


def test_a_neighbourhood_the_gazetteer_lists_as_a_town_inside_the_city() -> None:
    doc = read_text("Two men were wounded on Monday night outside a pizzeria in Coney Island.")
    hood = placed(doc, "Coney Island")
    assert hood is not None and (hood.city, hood.region) == ("Brooklyn", "New York")


def test_a_city_named_only_in_an_agencys_name_gives_its_neighbourhood() -> None:
    doc = read_text("Teen wounded in Englewood\n\nA 17-year-old was shot in the leg Sunday in Englewood, the "
                    "Chicago Police Department said. He was listed in good condition.")
    hood = placed(doc, "Englewood")
    assert hood is not None and (hood.city, hood.region) == ("Chicago", "Illinois")


def test_a_neighbourhood_beside_its_city_names_no_other_state() -> None:
    # "Austin" is a Chicago neighbourhood here: it must not bring Texas into the report
    doc = read_text("AUSTIN — A man was shot early Sunday in the 5000 block of West Kamerling Avenue on "
                    "Chicago's West Side, police said.")
    hood = placed(doc, "AUSTIN")
    assert hood is not None and (hood.city, hood.region) == ("Chicago", "Illinois")
