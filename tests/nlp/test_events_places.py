"""Where the main incident happened: a nearby town the event's words name beats the reporter's dateline,
and a state force's name gives no town."""

from __future__ import annotations

import pytest
from events_support import main_event, pipeline, read_text, summary, text_document


def read_report(title: str, body: str):
    return pipeline().read_doc(text_document(f"{title}\n\n{body}", None, title))


def test_a_town_named_by_the_event_beats_the_dateline_of_the_same_state() -> None:
    doc = read_text("LITTLE ROCK, Ark. (AP) — A farmer was shot dead in Smackover on Saturday, "
                    "deputies said.\n\nThe farmer, 61, was found in a barn.")
    ev = main_event(doc)
    assert ev is not None and ev.location is not None, summary(doc)
    assert (ev.location.city, ev.location.region) == ("Smackover", "Arkansas")


def test_the_dateline_stays_when_the_event_names_no_town() -> None:
    doc = read_text("LITTLE ROCK, Ark. (AP) — A farmer was shot dead on Saturday, deputies said.\n\n"
                    "The farmer, 61, was found in a barn.")
    ev = main_event(doc)
    assert ev is not None and ev.location is not None, summary(doc)
    assert ev.location.city == "Little Rock"


def test_a_state_police_force_names_no_town() -> None:
    doc = read_text("A trooper shot a driver during a traffic stop on Sunday, the Nebraska State Police "
                    "Department said.\n\nThe driver, 33, was taken to a hospital.")
    ev = main_event(doc)
    assert ev is not None, summary(doc)
    assert ev.location is None or ev.location.city != "Nebraska State"


def test_where_the_wounded_were_taken_is_not_where_they_were_hurt() -> None:
    doc = read_text("A boy, 9, was wounded on Friday at a farm, deputies in Arkansas said.\n\n"
                    "He was flown to a hospital in Little Rock, where he was in stable condition.")
    ev = main_event(doc)
    assert ev is not None, summary(doc)
    assert ev.location is None or ev.location.city != "Little Rock", ev.location


def test_a_neighbourhood_names_the_city_of_the_event() -> None:
    doc = read_text("Two men were shot on Saturday night in Dorchester, Boston police said.\n\n"
                    "Both were taken to a hospital.")
    ev = main_event(doc)
    assert ev is not None and ev.location is not None, summary(doc)
    assert (ev.location.city, ev.location.detail) == ("Boston", "Dorchester"), ev.location


def test_a_town_after_in_is_a_place_though_the_tagger_missed_it() -> None:
    doc = read_text("Girl, 12, dies in hunting accident\n\nA girl was shot and killed by a deer rifle on "
                    "Saturday along Ridge Road, west of the town of Traer. The Iowa Department "
                    "of Natural Resources is investigating.")
    ev = main_event(doc)
    assert ev is not None and ev.location is not None, summary(doc)
    assert (ev.location.city, ev.location.region) == ("Traer", "Iowa")


def test_a_city_named_for_its_area_is_not_the_place() -> None:
    doc = read_text("Suspect arrested in Phoenix-area shooting that killed 1\n\nMESA, Ariz. — A gunman "
                    "killed one man and wounded two women at a motel on Wednesday, police said.")
    ev = main_event(doc)
    assert ev is not None and ev.location is not None, summary(doc)
    assert ev.location.city == "Mesa"


def test_a_town_qualified_by_its_state_is_itself_not_a_larger_city_known_by_its_name() -> None:
    # some list Tacoma under the name Puyallup too; "Puyallup, Wash." is Puyallup
    doc = read_text("Boy shot at home\n\nPUYALLUP, Wash. — A 13-year-old boy was shot at a home on Feb. 6, "
                    "police said.")
    ev = main_event(doc)
    assert ev is not None and ev.location is not None, summary(doc)
    assert ev.location.city == "Puyallup"


@pytest.mark.parametrize(
    ("title", "body", "city", "detail"),
    [
        # a city the headline gives the event beats the dateline
        ("Shooting at Muncie bar sends three men to the hospital",
         "INDIANAPOLIS, Ind. — Police are investigating a shooting at a tavern that wounded three men early "
         "Sunday.", ("Muncie", "Indiana"), None),
        # a name opening a paragraph without dateline punctuation is no dateline
        ("Three hurt as gunfire erupts at Gary lounge",
         "Chicago Tribune reporters recap the night's news, including a shooting in Gary, Ind., that wounded "
         "three people on Friday.", ("Gary", "Indiana"), None),
        # a district the report calls a section of the city is no town of its own (Kensington is also a
        # town in Maryland and elsewhere)
        ("Cops: 5 Wounded In Kensington Shooting",
         "PHILADELPHIA (AP) — Five people were shot in the Kensington section of the city on Sunday night, "
         "police said.\n\nAll five were taken to Temple University Hospital.",
         ("Philadelphia", "Pennsylvania"), "Kensington"),
        # ... while a city named with "a neighborhood" of it is still the city
        ("Two Hurt In Overnight Shooting",
         "Two brothers playing cards in a Cleveland neighborhood were shot late Friday, police said.\n\n"
         "Both were expected to survive.", ("Cleveland", "Ohio"), None),
    ],
)
def test_where_a_report_with_its_headline_places_the_event(title: str, body: str, city: tuple[str, str],
                                                          detail: str | None) -> None:
    doc = read_report(title, body)
    ev = main_event(doc)
    assert ev is not None and ev.location is not None, summary(doc)
    assert (ev.location.city, ev.location.region) == city
    assert ev.location.detail == detail


def test_a_state_the_event_names_overrules_a_wire_dateline_of_another_state() -> None:
    doc = read_text("BOSTON (Reuters) - Four members of a family were found shot dead at their home in "
                    "Vermont on Sunday, police said.\n\nThe four were found in an apartment in Rutland, "
                    "a police spokesman said.")
    ev = main_event(doc)
    assert ev is not None and ev.location is not None, summary(doc)
    assert (ev.location.city, ev.location.region) == ("Rutland", "Vermont")
