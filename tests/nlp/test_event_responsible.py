"""The group a report holds responsible for its main incident (nlp/events_responsible.py), victims named
by "among" and "including", and who gave a count the statement it was read from does not credit
(nlp/claims.py), on sentences we wrote."""

from __future__ import annotations

import pytest
from attribution_support import pipeline as full_pipeline
from events_support import main_event, names, read_text, summary, text_document

from wireledger.nlp.base import ReadingDoc

PUB = "2025-03-10"
LEAD = ("Gunmen attacked an army outpost near the village of Tarkani on Sunday, killing nine soldiers, "
        "officials said. ")


def perpetrators(text: str) -> list[str]:
    doc = read_text(text, PUB)
    ev = main_event(doc)
    assert ev is not None, summary(doc)
    return [p.name.lower() for p in ev.participants if p.role == "perpetrator" and p.entity]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("The Sahel Liberation Front claimed responsibility for the attack in a statement.",
         "sahel liberation front"),
        ("Officials blamed the attack on the Sahel Liberation Front.", "sahel liberation front"),
        ("Suspicion fell on the Sahel Liberation Front, which is active in the area.",
         "sahel liberation front"),
        ("The assailants were believed to be fighters from the Sahel Liberation Front.",
         "sahel liberation front"),
        ("The attackers were believed to be members of the Sahel Liberation Front group.",
         "sahel liberation front"),
    ],
)
def test_the_group_held_responsible_is_a_perpetrator(sentence: str, name: str) -> None:
    assert any(name in p for p in perpetrators(LEAD + sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "No group has claimed responsibility for the attack.",
        "Members of the Sahel Relief Council visited the wounded in hospital.",
        "The Sahel Relief Council said it would send doctors to the area.",
    ],
)
def test_a_group_no_one_holds_responsible_is_no_perpetrator(sentence: str) -> None:
    assert not any("sahel" in p for p in perpetrators(LEAD + sentence))


def test_a_named_group_is_held_once() -> None:
    found = perpetrators(LEAD + "The Sahel Liberation Front claimed responsibility for the attack. Officials "
                         "blamed the Sahel Liberation Front for two earlier raids.")
    assert sum("sahel" in p for p in found) == 1


def test_a_person_among_the_hostages_is_a_victim() -> None:
    doc = read_text("Armed men seized a police station in Darvan on Sunday and took six officers hostage. "
                    "The station chief, Arman Tevosyan, is among the hostages, officials said.", PUB)
    ev = main_event(doc)
    assert ev is not None, summary(doc)
    assert "arman tevosyan" in names(ev, ("victim", "target"))


def read_titled(title: str, body: str) -> ReadingDoc:
    return full_pipeline().read_doc(text_document(body, PUB, title=title))


def test_a_headline_count_takes_the_source_the_body_gives_it() -> None:
    doc = read_titled("Bomb kills 12 at market in Kessala",
                      "A bomb exploded at a crowded market in Kessala on Friday. Twelve people were killed "
                      "in the blast, the regional health ministry said.")
    ev = main_event(doc)
    assert ev is not None and ev.killed == 12, summary(doc)
    origins = {c.attribution[0].name for c in doc.claims
               if c.event == ev.id and c.predicate == "killed" and c.attribution}
    assert origins and all("ministry" in o for o in origins), origins


def test_an_uncredited_count_stays_the_outlet_s() -> None:
    doc = read_titled("Bomb kills 12 at market in Kessala",
                      "A bomb exploded at a crowded market in Kessala on Friday, killing 12 people.")
    ev = main_event(doc)
    assert ev is not None and ev.killed == 12, summary(doc)
    origins = {c.attribution[0].name for c in doc.claims
               if c.event == ev.id and c.predicate == "killed" and c.attribution}
    assert origins == {"(outlet)"}, origins


def background(doc: ReadingDoc) -> list[tuple[str, str | None]]:
    return [(e.type, e.date.value if e.date else None) for e in doc.events if e.background]


def test_an_incident_the_attack_came_after_is_background_dated_back_from_the_main_day() -> None:
    doc = full_pipeline().read_doc(text_document(
        "Gunmen killed six police officers at a checkpoint in Darvan on Sunday, officials said. The attack "
        "came two days after a car bomb killed four people at a market in the same province.", "2025-03-10"))
    ev = main_event(doc)
    assert ev is not None and ev.killed == 6, summary(doc)
    assert ev.date is not None and ev.date.value == "2025-03-09"
    assert ("bombing", "2025-03-07") in background(doc), summary(doc)


def test_an_attack_that_comes_after_no_other_incident_stays_one() -> None:
    doc = full_pipeline().read_doc(text_document(
        "Gunmen killed six police officers at a checkpoint in Darvan on Sunday, officials said. The attack "
        "came after weeks of warnings from local leaders.", "2025-03-10"))
    assert not background(doc), summary(doc)


def test_a_toll_the_attackers_claim_is_not_the_count() -> None:
    doc = read_text("Gunmen attacked an army outpost near the village of Tarkani on Sunday, killing nine "
                    "soldiers, officials said. The Sahel Liberation Front claimed to have killed 40 "
                    "soldiers.",
                    PUB)
    ev = main_event(doc)
    assert ev is not None and ev.killed == 9, summary(doc)


def test_a_toll_the_police_claim_is_a_count() -> None:
    doc = read_text("Gunmen attacked a police post in Tarkani on Sunday. Police claimed that nine officers "
                    "were killed in the attack.", PUB)
    ev = main_event(doc)
    assert ev is not None and ev.killed == 9, summary(doc)



def test_a_shooting_an_arrest_came_after_is_the_report_s_own() -> None:
    doc = full_pipeline().read_doc(text_document(
        "Police arrested a 23-year-old man on Monday in Darvan. The arrest came two days after a shooting "
        "at a bus stop killed one man and wounded two women.", "2025-03-10"))
    ev = main_event(doc)
    assert ev is not None and ev.type == "armed_assault" and not ev.background, summary(doc)
    assert ev.killed == 1, summary(doc)
