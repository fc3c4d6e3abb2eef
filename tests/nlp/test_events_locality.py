"""The locality a wire report's body states for its incident beats the bureau's dateline, the capital the
report names most, another incident's city in the headline and the place of a later arrest. Reports we
wrote in the image of international wire copy."""

from __future__ import annotations

import pytest
from events_support import main_event, pipeline, read_text, summary, text_document

from wireledger.nlp.gazetteer import strip_accents


def place_of(text: str, title: str | None = None) -> tuple[str | None, str | None]:
    full = f"{title}\n\n{text}" if title else text
    doc = pipeline().read_doc(text_document(full, "2026-03-13", title))
    ev = main_event(doc)
    assert ev is not None and ev.location is not None, summary(doc)
    return strip_accents(ev.location.city or ev.location.name), ev.location.country


@pytest.mark.parametrize(
    ("text", "city", "country"),
    [
        # "the town of X": the capital the report names twice is where officials spoke
        (
            "A car bomb tore through the central market of the town of Jarabulus on Sunday, killing at "
            "least five people, a monitoring group said.\n\nOfficials in Damascus condemned the attack. "
            "The government in Damascus blamed militants.",
            "Jarabulus",
            "SY",
        ),
        # a town the gazetteer lacks, placed in the country the report names
        (
            "Gunmen killed nine soldiers in an attack on an army post near the town of Kwarbelo in "
            "northern Nigeria on Monday, the army said.",
            "Kwarbelo",
            "NG",
        ),
    ],
)
def test_the_body_states_the_locality(text: str, city: str, country: str) -> None:
    assert place_of(text) == (city, country)


def test_a_district_the_tagger_missed_is_stated_by_its_noun() -> None:
    """The dateline is the bureau; "the Rueso district" names where the bomb went off, though the tagger
    takes "Rueso" for an organisation."""
    text = (
        "BANGKOK: Three rangers were killed when a roadside bomb exploded in the Rueso district of "
        "Narathiwat on Friday, police said.\n\nThe rangers were on patrol near a rubber plantation."
    )
    doc = pipeline().read_doc(text_document(text, "2026-03-13"))
    ev = main_event(doc)
    assert ev is not None and ev.location is not None, summary(doc)
    assert "Rueso" in (ev.location.city, ev.location.detail) and ev.location.country == "TH"


def test_another_incidents_city_in_the_headline_does_not_win() -> None:
    title = "Nine dead in Niger prison raid a month after Niamey bombing"
    body = (
        "Gunmen attacked a prison near the town of Tillaberi on Monday, killing nine guards, the interior "
        "ministry said."
    )
    assert place_of(body, title) == ("Tillaberi", "NE")


def test_where_a_suspect_was_detained_is_not_where_the_attack_happened() -> None:
    body = (
        "The suspect in the killing of a former lawmaker was detained in Kharkiv, the police said on "
        "Friday.\n\nThe former lawmaker was shot dead outside her home in Odesa on July 3."
    )
    city, _ = place_of(body)
    assert city == "Odesa"


def test_a_part_of_a_city_is_no_locality_of_its_own() -> None:
    doc = read_text(
        "CHICAGO (AP) — A man was shot and killed in the South Side on Sunday night, police said.\n\n"
        "The man, 30, was found on a porch."
    )
    ev = main_event(doc)
    assert ev is not None and ev.location is not None, summary(doc)
    assert ev.location.city == "Chicago"


@pytest.mark.parametrize(
    ("text", "city"),
    [
        # a name the tagger reads as a common noun, stated by its locality noun
        (
            "KOHIMA: A minister's convoy on its way to the capital came under bomb attack near the village "
            "of Longkhum on Saturday, killing a driver, officials said.",
            "Longkhum",
        ),
        # an island is a locality
        (
            "Two bombs exploded within an hour of each other in the main market on the island of Basilan "
            "on Monday, killing nine people, the military said.",
            "Basilan",
        ),
    ],
)
def test_a_locality_noun_states_the_name_after_it(text: str, city: str) -> None:
    got, _ = place_of(text)
    assert got == city
