"""Main incident versus background: one main event per report, its later mentions merged into it,
earlier happenings kept as background events with their own dates, follow-ups kept in the story."""

from __future__ import annotations

from events_support import main_event, names, read_text, summary

from wireledger.model import load_taxonomy

REPORT = """Prosecutor wounded in Tbilisi shooting

GEORGIA — Chief prosecutor Levan Gelashvili was shot twice near his office in Tbilisi on Tuesday, \
police said. He was taken to hospital and is in stable condition. The gunman escaped on a motorcycle.

The attack happened shortly after 8 a.m. The Interior Ministry said it had opened an investigation \
into the shooting.

Gelashvili has served as chief prosecutor since 2019. The European Union sanctioned two businessmen \
he had prosecuted in 2021, and he received a state award the following year.

The incident follows the March 3 car bombing in Batumi that killed a customs officer.
"""
PUB = "2026-04-15"  # a Wednesday


def test_one_main_event_with_every_mention_merged() -> None:
    doc = read_text(REPORT, PUB)
    attacks = [e for e in doc.events if not e.background and e.type in load_taxonomy().attack_types]
    assert len(attacks) == 1, summary(doc)
    main = attacks[0]
    assert main is main_event(doc)
    assert main.type == "assassination" and main.attempt is True
    assert main.date is not None and main.date.value == "2026-04-14"
    assert main.location is not None and main.location.city == "Tbilisi"
    assert main.perpetrator_status == "escaped"
    assert (main.killed, main.wounded) == (0, 1)
    triggers = [doc.text[s.start : s.end].lower() for s in main.support if s.field == "trigger"]
    assert {"shot", "attack", "shooting"} <= set(triggers), triggers  # "the attack", "the shooting" merged


def test_follow_up_investigation_is_its_own_event_in_the_story() -> None:
    doc = read_text(REPORT, PUB)
    inquiries = [e for e in doc.events if e.type == "investigation"]
    assert len(inquiries) == 1 and not inquiries[0].background, summary(doc)
    assert any("interior ministry" in n for n in names(inquiries[0], ("investigator",)))


def test_earlier_happenings_are_background_with_their_own_dates() -> None:
    doc = read_text(REPORT, PUB)
    bg = {(e.type, e.date.value if e.date else None) for e in doc.events if e.background}
    assert ("appointment", "2019") in bg, summary(doc)
    assert ("charge", "2021") in bg  # "he had prosecuted in 2021"
    assert ("sanction", None) in bg  # undated, told beside background happenings
    assert ("award", "2022") in bg  # "the following year"
    bombing = [e for e in doc.events if e.background and e.type in ("bombing", "assassination")]
    assert bombing and bombing[0].date is not None and bombing[0].date.value == "2026-03-03"
    assert bombing[0].killed == 1


def test_without_an_attack_the_lead_happening_is_main() -> None:
    doc = read_text(
        "Police arrested a former mayor in Lille on Monday on corruption charges. In 2020 he "
        "was fined for tax fraud.",
        "2026-04-15",
    )
    main = main_event(doc)
    assert main is not None and main.type == "arrest", summary(doc)
    assert main.date is not None and main.date.value == "2026-04-13"


def test_another_attack_is_background() -> None:
    doc = read_text(
        "A gunman shot two guards at a bank in Porto on Monday. It was the second attack on a bank "
        "in the city this month.",
        "2026-04-15",
    )
    attacks = [e for e in doc.events if e.type in load_taxonomy().attack_types]
    assert [e.background for e in attacks] == [False, True], summary(doc)
