"""Offline geocoding: countries, cities among homonyms, US states as regions, sub-city places with
their city's coordinates, and a GeoNames dump loaded from a path for small towns."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from reading_support import read_fixture, read_text, text_document

from wireledger.errors import UsageError
from wireledger.model import Location
from wireledger.nlp.base import ReadingDoc
from wireledger.nlp.gazetteer import Gazetteer
from wireledger.nlp.pipeline import Pipeline
from wireledger.settings import Settings

GEONAMES_SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "places" / "geonames_sample.txt"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = 0.5 - math.cos((lat2 - lat1) * p) / 2 + \
        math.cos(lat1 * p) * math.cos(lat2 * p) * (1 - math.cos((lon2 - lon1) * p)) / 2
    return 12742 * math.asin(math.sqrt(a))


def place(doc: ReadingDoc, text: str) -> Location:
    found = [p.location for p in doc.places if p.text == text and p.location is not None]
    assert found, f"{text!r} not placed: {[(p.text, p.location) for p in doc.places]}"
    return found[0]


def test_moscow_is_in_russia_with_coordinates() -> None:
    doc = read_text("Russian investigators opened a case after a shooting in Moscow on Friday.")
    moscow = place(doc, "Moscow")
    assert (moscow.country, moscow.city) == ("RU", "Moscow")
    assert moscow.lat is not None and moscow.lon is not None
    assert km(moscow.lat, moscow.lon, 55.75, 37.62) < 10
    assert doc.text[moscow.start:moscow.end] == "Moscow"  # type: ignore[index]  # offsets are set


def test_a_street_keeps_its_name_and_takes_its_citys_coordinates() -> None:
    doc = read_fixture("entities_minsk_general.txt")
    avenue, minsk = place(doc, "Partizansky Avenue"), place(doc, "Minsk")
    assert avenue.detail == "Partizansky Avenue" and avenue.city == "Minsk" and avenue.country == "BY"
    assert (avenue.lat, avenue.lon) == (minsk.lat, minsk.lon)
    doc = read_text("Shooting in capital\n\nThe killer waited near a residential building on Volokolamskoye "
                    "Highway, police said.\n\nThe attack was the second in Moscow this year.")
    highway = place(doc, "Volokolamskoye Highway")  # the city is named only in another paragraph
    assert highway.detail == "Volokolamskoye Highway" and highway.city == "Moscow"
    assert highway.lat is not None and km(highway.lat, highway.lon or 0.0, 55.75, 37.62) < 40


def test_homonym_chosen_by_the_state_written_after_it() -> None:
    doc = read_fixture("entities_springfield_shooting.txt")  # "Springfield, Ill."
    springfield = place(doc, "Springfield")
    assert (springfield.country, springfield.region) == ("US", "Illinois")
    assert springfield.lat is not None and km(springfield.lat, springfield.lon or 0.0, 39.80, -89.64) < 20
    street = place(doc, "East Jefferson Street")
    assert (street.city, street.region, street.lat) == ("Springfield", "Illinois", springfield.lat)


def test_homonym_chosen_by_the_rest_of_the_report() -> None:
    doc = read_fixture("places_paris_texas_fire.txt")  # Lamar County, Texas: not Paris, France
    paris = place(doc, "Paris")
    assert (paris.country, paris.region) == ("US", "Texas")
    doc = read_text("Two people were hurt in a knife attack in Paris on Sunday, French police said.")
    assert place(doc, "Paris").country == "FR"
    doc = read_text("A man was stabbed in Springfield late on Friday. Missouri state troopers are "
                    "searching for a suspect.")
    assert place(doc, "Springfield").region == "Missouri"


def test_a_former_name_does_not_beat_the_place_so_named() -> None:
    doc = read_text("Britain expelled diplomats after the nerve agent attack in Salisbury.")
    salisbury = place(doc, "Salisbury")
    assert salisbury.country == "GB"  # not Harare, once called Salisbury


def test_us_state_region_is_its_full_name() -> None:
    doc = read_text("Deputies in Calif. and Nevada are looking for the driver.")
    assert place(doc, "Nevada").region == "Nevada"
    doc = read_fixture("places_paris_texas_fire.txt")
    assert place(doc, "Texas").region == "Texas" and place(doc, "Texas").country == "US"
    assert place(doc, "Lamar County").region == "Texas"


def test_countries_have_codes_and_no_invented_point() -> None:
    doc = read_text("The U.K. and Ukraine signed the agreement.")
    uk, ukraine = place(doc, "U.K."), place(doc, "Ukraine")
    assert (uk.name, uk.country, uk.lat) == ("United Kingdom", "GB", None)
    assert ukraine.country == "UA"


def test_places_point_at_their_entities() -> None:
    doc = read_fixture("entities_minsk_general.txt")
    ids = {e.id for e in doc.entities}
    assert doc.places and all(p.entity in ids for p in doc.places)
    minsk = next(e for e in doc.entities if e.name == "Minsk")
    assert minsk.country == "BY"


def test_geonames_dump_adds_small_towns() -> None:
    gaz = Gazetteer.load()
    assert not [p for p in gaz.lookup("Millbrook Falls") if p.kind == "city"]
    added = gaz.load_geonames_dump(GEONAMES_SAMPLE)
    assert added == 1  # the lake (feature class H) and the malformed line are skipped
    town = gaz.lookup("Millbrook Falls")[0]
    assert (town.country, town.admin1, town.population) == ("US", "VT", 812)


def test_geonames_path_setting_reaches_the_reading() -> None:
    settings = Settings(geonames_path=str(GEONAMES_SAMPLE))
    pipeline = Pipeline(settings, only=["sentences", "entities", "places"])
    doc = pipeline.read_doc(text_document("A barn burned down in Millbrook Falls, Vt., on Sunday night."))
    town = place(doc, "Millbrook Falls")
    assert (town.region, town.lat, town.lon) == ("Vermont", 44.12345, -72.91234)


def test_missing_geonames_dump_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as err:
        Gazetteer.load(str(tmp_path / "absent.txt"))
    assert err.value.code == "E150"


def test_an_age_is_no_numbered_road() -> None:
    doc = read_text(
        "Teen shot near reservoir\n\nA 14-year-old boy was shot on the A4 near Harlow on Friday, and "
        "a 16-year-old was hurt on Route 9.",
        "2026-03-13",
    )
    names = {e.name for e in doc.entities if e.type == "location"}
    assert "A4" in names and "Route 9" in names
    assert not {n for n in names if n.startswith(("A 1", "A 14"))}
