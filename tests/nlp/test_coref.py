"""Rule-based coreference: surnames, title phrases and pronouns attached to their entity."""

from __future__ import annotations

from reading_support import entity, pipeline, read_fixture, read_text

from wireledger.ingest import IngestOptions, iter_inputs
from wireledger.model import Document
from wireledger.settings import Settings
from wl_testing import require_shared


def kinds(e) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]  # test helper
    return [(m.text, m.kind) for m in e.mentions]


def test_surname_title_phrase_and_pronouns_join_the_general() -> None:
    doc = read_fixture("entities_minsk_general.txt")
    general = entity(doc, "Anton Zhuravsky")
    got = kinds(general)
    assert ("Zhuravsky", "surname") in got
    assert ("the general", "title") in got
    assert [t for t, k in got if k == "pronoun"] == ["He", "his", "His"]
    assert general.gender == "m"
    assert not [e for e in doc.entities if e.name == "Zhuravsky"]


def test_she_joins_the_woman_named_before_and_gives_her_gender() -> None:
    doc = read_fixture("entities_springfield_shooting.txt")
    jackson = entity(doc, "Dana Jackson")
    assert ("she", "pronoun") in kinds(jackson) and jackson.gender == "f"
    bell = entity(doc, "Marcus Bell")
    assert ("He", "pronoun") in kinds(bell) and ("Bell", "surname") in kinds(bell)


def test_possessive_in_a_clause_goes_to_that_clause_subject() -> None:
    doc = read_fixture("entities_journalist_attack.txt")
    rimkute = entity(doc, "Ieva Rimkute")
    assert ("Rimkute", "surname") in kinds(rimkute)  # spaCy takes the bare surname for an organisation
    assert ("her", "pronoun") in kinds(rimkute)  # "Valaitis said Rimkute had received ... her reports"
    assert not [m for m in entity(doc, "Tomas Valaitis").mentions if m.kind == "pronoun"]


def test_two_people_with_one_surname_each_get_their_own_mentions() -> None:
    doc = read_text("Officers arrested John Reed on Monday. His brother Paul Reed was questioned the next "
                    "day. Reed told investigators he had not seen his brother for a year.")
    john, paul = entity(doc, "John Reed"), entity(doc, "Paul Reed")
    assert ("Reed", "surname") in kinds(paul)  # the last one named before
    assert ("Reed", "surname") not in kinds(john)


def test_pronoun_about_an_unnamed_gunman_is_left_alone() -> None:
    doc = read_text("Maria Lopez, 41, was shot in the leg outside a bakery on Friday. Police said the "
                    "gunman fired four times. He fled on foot and has not been found.")
    lopez = entity(doc, "Maria Lopez")
    assert not [m for m in lopez.mentions if m.text == "He"]


def test_a_pronoun_is_not_its_own_verbs_other_argument() -> None:
    doc = read_text("Sam Ortega met Victor Hale at the port. Hale said Ortega threatened him.")
    hale = entity(doc, "Victor Hale")
    ortega = entity(doc, "Sam Ortega")
    assert ("him", "pronoun") in kinds(hale)
    assert ("him", "pronoun") not in kinds(ortega)


def test_conjoined_possessive_belongs_to_the_name_beside_it() -> None:
    doc = read_text("Investigators said Kurt Brandt had threatened the banker. Brandt later attacked "
                    "Leon Meyer and his wife outside their home.")
    meyer = entity(doc, "Leon Meyer")
    assert ("his", "pronoun") in kinds(meyer)


def test_founding_example_general_has_every_mention() -> None:
    path = require_shared("seed", "alekseev.txt")
    items = list(iter_inputs([str(path)], IngestOptions(published="2026-02-06"), Settings()))
    assert isinstance(items[0], Document)
    doc = pipeline().read_doc(items[0])
    alekseev = [e for e in doc.entities if "Alekseev" in e.name]
    assert len(alekseev) == 1
    got = kinds(alekseev[0])
    assert len(got) >= 6
    assert {"name", "surname", "pronoun", "title"} <= {k for _, k in got}


def test_a_first_name_read_as_a_place_is_the_person() -> None:
    doc = read_text(
        "Boy, 12, dies in backyard shooting\n\n"
        "When officers arrived, they found Jaylin Moore dead in the yard of a home in Dunmore, Pa. "
        "Police said Jaylin and his brother were playing with a rifle found in a shed. "
        "The family moved to Dunmore from Scranton last year.",
        "2026-03-13",
    )
    jaylin = entity(doc, "Jaylin Moore")
    assert "Jaylin" in [m.text for m in jaylin.mentions]
    assert not [e for e in doc.entities if e.name == "Jaylin" and e.type == "location"]
    assert [e for e in doc.entities if e.name == "Dunmore" and e.type == "location"]  # a place stays one
