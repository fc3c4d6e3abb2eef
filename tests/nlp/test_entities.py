"""Entities corrected: places spaCy takes for people, outlets typed media, titles and roles on the
person, organisation aliases, nationalities left out. Articles are our own (tests/fixtures/articles)."""

from __future__ import annotations

import pytest
from reading_support import entity, entity_with_mention, read_fixture, read_text

from wireledger.model.reading import ENTITY_TYPES


@pytest.mark.parametrize("name", ["entities_minsk_general.txt", "entities_springfield_shooting.txt",
                                  "entities_journalist_attack.txt", "places_paris_texas_fire.txt"])
def test_entities_are_well_formed(name: str) -> None:
    doc = read_fixture(name)
    assert doc.entities
    assert [e.id for e in doc.entities] == [f"e{i}" for i in range(1, len(doc.entities) + 1)]
    firsts = [e.mentions[0].start for e in doc.entities]
    assert firsts == sorted(firsts), "ids follow the order of first mention"
    for e in doc.entities:
        assert e.type in ENTITY_TYPES
        assert 0 < e.confidence <= 1
        for m in e.mentions:
            assert doc.text[m.start:m.end] == m.text


def test_streets_and_roads_are_locations() -> None:
    doc = read_fixture("entities_springfield_shooting.txt")
    assert entity(doc, "East Jefferson Street").type == "location"
    assert entity(doc, "Interstate 55").type == "location"
    doc = read_text("A man was shot near a residential building on Volokolamskoye Highway in Moscow.")
    assert entity(doc, "Volokolamskoye Highway").type == "location"


def test_a_city_is_a_location_whatever_spacy_says() -> None:
    doc = read_text("Kyiv has previously targeted officials connected to the war, though Kyiv has not "
                    "commented on the latest attack.")
    kyiv = entity(doc, "Kyiv")
    assert kyiv.type == "location" and len(kyiv.mentions) == 2


def test_a_surname_that_is_also_a_city_stays_a_person() -> None:
    doc = read_fixture("entities_springfield_shooting.txt")
    jackson = entity(doc, "Dana Jackson")
    assert jackson.type == "person"
    assert not [e for e in doc.entities if e.name == "Jackson"]


def test_outlets_are_media() -> None:
    minsk = read_fixture("entities_minsk_general.txt")
    assert entity(minsk, "Krynica").type == "media"  # "the state news agency Krynica", also a town's name
    assert entity(minsk, "Tochka Zrenia").type == "media"  # "the Telegram channel Tochka Zrenia"
    journalist = read_fixture("entities_journalist_attack.txt")
    for name in ("Baltijos Aidas", "LRT Vakarai", "Reuters", "Harbor Times"):
        assert entity(journalist, name).type == "media", name
    springfield = read_fixture("entities_springfield_shooting.txt")
    assert entity(springfield, "The Sangamon Ledger").type == "media"
    doc = read_text("The killer was waiting near the building, the Russian media channel ZVON reported.")
    assert entity(doc, "ZVON").type == "media"


def test_institutions_are_not_media_even_when_they_report() -> None:
    minsk = read_fixture("entities_minsk_general.txt")
    assert entity(minsk, "Interior Ministry").type == "organization"
    journalist = read_fixture("entities_journalist_attack.txt")
    assert entity(journalist, "Committee to Protect Journalists").type == "organization"


def test_titles_are_taken_off_the_name_and_kept_on_the_person() -> None:
    minsk = read_fixture("entities_minsk_general.txt")
    general = entity(minsk, "Anton Zhuravsky")
    assert general.type == "person" and general.titles == ["Major General"]
    springfield = read_fixture("entities_springfield_shooting.txt")
    chief = entity(springfield, "Marcus Bell")  # spaCy calls him an organisation
    assert chief.type == "person" and "Police Chief" in chief.titles
    assert entity(springfield, "Ellen Ortiz").titles == ["Mayor"]
    assert "Officer" in entity(springfield, "Dana Jackson").titles
    assert not [e for e in minsk.entities if "Maj" in e.name or e.name.startswith("Belarusian")]


def test_a_lower_case_descriptor_is_a_description_not_a_title() -> None:
    doc = read_text("Investigators said the poison was meant for former Russian agent Sergei Skripal, "
                    "who survived.")
    skripal = entity(doc, "Sergei Skripal")
    assert skripal.titles == []
    assert "former Russian agent" in skripal.descriptions


def test_roles_with_organisation_and_start() -> None:
    minsk = read_fixture("entities_minsk_general.txt")
    role = entity(minsk, "Anton Zhuravsky").roles[0]
    assert role.text == "deputy commander of the SSO"
    assert (role.organization, role.since) == ("SSO", "2019")
    assert minsk.text[role.start:role.end].startswith("deputy commander")
    sso = entity(minsk, "SSO")
    assert "country's special operations forces" in sso.descriptions
    journalist = read_fixture("entities_journalist_attack.txt")
    roles = entity(journalist, "Ieva Rimkute").roles
    assert [(r.title, r.organization) for r in roles] == [("correspondent", "Baltijos Aidas")]


def test_role_subject_may_be_a_pronoun() -> None:
    doc = read_text("Mira Kovac was named in the report. She has served since 2014 as the chief "
                    "prosecutor of the Zagreb district court.")
    roles = entity(doc, "Mira Kovac").roles
    assert roles and roles[0].since == "2014" and "chief prosecutor" in roles[0].text


def test_organisation_aliases_from_brackets_and_lists() -> None:
    journalist = read_fixture("entities_journalist_attack.txt")
    cpj = entity(journalist, "Committee to Protect Journalists")
    assert "CPJ" in cpj.aliases
    assert sum(m.text == "CPJ" for m in cpj.mentions) == 2
    doc = read_text("The European Union said on Monday it would respond. An EU spokesman gave no details.")
    eu = entity(doc, "European Union")
    assert {m.text for m in eu.mentions} >= {"European Union", "EU"}


def test_nationality_adjectives_are_not_entities() -> None:
    for name in ("entities_minsk_general.txt", "entities_journalist_attack.txt"):
        doc = read_fixture(name)
        names = {e.name for e in doc.entities}
        assert not names & {"Belarusian", "Lithuanian", "Russian"}, names


def test_armed_groups_are_groups() -> None:
    doc = read_text("Fighters of the Red Dawn Brigades attacked the convoy, and Hezbollah denied any role.")
    assert entity_with_mention(doc, "Red Dawn Brigades").type == "group"
    assert entity(doc, "Hezbollah").type == "group"


def test_an_appointment_year_after_the_organisation_is_its_start() -> None:
    doc = read_text("Col. Teodor Vasilescu was hurt on Monday. Vasilescu was appointed head of the Northern "
                    "Border Directorate in 2017.")
    (role,) = entity(doc, "Teodor Vasilescu").roles
    assert (role.text, role.organization, role.since) == (
        "head of the Northern Border Directorate", "Northern Border Directorate", "2017")
    assert doc.text[role.start:role.end] == role.text
