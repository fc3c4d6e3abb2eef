"""Events: triggers typed into the taxonomy, GTD attack types, weapons, targets, participants, counts,
perpetrator status, negation, dates and places, each value with the words that support it."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml
from events_support import main_event, names, read_text, summary

from wireledger.model import load_taxonomy
from wireledger.nlp.events_lexicon import load_lexicon

PUB = "2026-03-13"  # a Friday


def only_main(text: str, published: str | None = PUB):
    doc = read_text(text, published)
    ev = main_event(doc)
    assert ev is not None, summary(doc)
    return ev, doc


# ------------------------------------------------------------------------------- lexicon as data


def test_word_lists_are_data_and_consistent() -> None:
    lex = load_lexicon()
    known = set(load_taxonomy().event_types) | {"attack"}
    assert set(lex.triggers.values()) <= known
    assert {v for v in lex.attacker_nouns.values() if v} <= known
    assert lex.follow_up_types <= known
    for name in (
        "events_triggers.yaml",
        "events_counts.yaml",
        "events_status.yaml",
        "events_negation.yaml",
        "events_background.yaml",
    ):
        data = yaml.safe_load(resources.files("wireledger.nlp").joinpath("data", name).read_text("utf-8"))
        assert not _booleans(data), f"{name}: YAML read a word as a boolean: {_booleans(data)}"


def _booleans(node: object, path: str = "") -> list[str]:
    """YAML reads bare no/yes/on/off as booleans: every such word must be quoted."""
    if isinstance(node, bool):
        return [path]
    if isinstance(node, dict):
        return [
            p
            for k, v in node.items()
            for p in ([f"{path}/{k}"] if isinstance(k, bool) else []) + _booleans(v, f"{path}/{k}")
        ]
    if isinstance(node, list):
        return [p for v in node for p in _booleans(v, path)]
    return []


# ---------------------------------------------------------------------------------- attack types


def test_was_shot_several_times_is_an_attack_with_firearms() -> None:
    ev, _ = only_main(
        "A shopkeeper was shot several times outside his store in Denver on Tuesday, police said."
    )
    assert ev.type == "armed_assault"
    assert any(w.category == "firearms" for w in ev.weapons)
    assert ev.wounded == 1 and ev.killed == 0  # "several times" counts shots, not people


def test_attack_on_a_named_official_is_an_assassination_attempt_when_he_survives() -> None:
    ev, doc = only_main(
        "Deputy Interior Minister Karol Wisniak was shot in the chest in Warsaw on Wednesday. "
        "He was taken to hospital and survived, officials said."
    )
    assert ev.type == "assassination", summary(doc)
    assert ev.attempt is True
    assert ev.target_type == "government"
    assert "karol wisniak" in names(ev, ("target",))


def test_a_killed_official_is_an_assassination_that_succeeded() -> None:
    ev, doc = only_main("Gunmen killed police chief Ruben Ayala in Medellín on Thursday.")
    assert ev.type == "assassination", summary(doc)
    assert ev.attempt is False
    assert ev.killed == 1
    assert ev.target_type == "police"


def test_car_bombing_is_a_bombing_with_explosives() -> None:
    ev, _ = only_main("A car bombing outside a courthouse in Mosul killed three people on Monday.")
    assert ev.type in ("bombing", "assassination")
    assert any(w.category == "explosives" for w in ev.weapons)
    assert ev.killed == 3


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Gunmen kidnapped a rancher near Culiacán on Tuesday.", "kidnapping"),
        ("Arsonists set fire to a warehouse in Marseille on Tuesday.", "arson"),
        ("A man was beaten to death outside a bar in Leeds on Tuesday.", "unarmed_assault"),
        ("Three men hijacked a bus carrying 40 passengers near Lagos on Tuesday.", "hijacking"),
    ],
)
def test_attack_types(text: str, slug: str) -> None:
    ev, doc = only_main(text)
    assert ev.type == slug, summary(doc)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("The Investigative Committee opened a criminal investigation on Tuesday.", "investigation"),
        ("Police arrested two men in Leeds on Tuesday.", "arrest"),
        ("Prosecutors charged the driver with manslaughter on Tuesday.", "charge"),
        ("The United States sanctioned three bankers on Tuesday.", "sanction"),
        ("The minister was awarded a medal for bravery on Tuesday.", "award"),
        ("The president appointed a new army chief on Tuesday.", "appointment"),
        ("Both sides held talks in Doha on Tuesday.", "negotiation"),
        ("The opposition accused the governor of fraud on Tuesday.", "accusation"),
        ("Thousands of farmers protested in Paris on Tuesday.", "protest"),
    ],
)
def test_happenings_that_are_not_attacks(text: str, slug: str) -> None:
    ev, doc = only_main(text)
    assert ev.type == slug, summary(doc)
    assert ev.date is not None and ev.date.value == "2026-03-10"


# ---------------------------------------------------------------------------------------- counts


@pytest.mark.parametrize(
    ("text", "killed", "wounded"),
    [
        ("Two people were killed and three were injured in a shooting in Dallas on Tuesday.", 2, 3),
        ("A shooting in Dallas on Tuesday left two dead and three injured.", 2, 3),
        ("A man was killed in a shooting in Dallas on Tuesday.", 1, None),
        ("Gunmen killed at least three villagers near Kano on Tuesday.", 3, None),
        ("Five people were shot in Dallas on Tuesday; one of them died.", 1, 4),
        ("A gunman opened fire at a bar in Dallas on Tuesday, wounding seven people.", 0, 7),
        ("A shooting in Dallas on Tuesday left a city councilman seriously wounded.", 0, 1),
        ("A woman was shot in Dallas on Tuesday. She died later at the hospital.", 1, None),
    ],
)
def test_killed_and_wounded(text: str, killed: int, wounded: int | None) -> None:
    ev, doc = only_main(text)
    assert (ev.killed, ev.wounded) == (killed, wounded), summary(doc)
    assert (
        any(s.field in ("killed", "wounded") for s in ev.support)
        or not (killed or wounded)
        or ev.participants
    )


def test_several_is_never_an_exact_count() -> None:
    ev, doc = only_main("Several people were wounded when gunmen attacked a market in Kano on Tuesday.")
    assert ev.wounded != 3 and ev.wounded != 7, summary(doc)


def test_a_later_death_counts() -> None:
    doc = read_text(
        "In 2018 a nerve agent attack in Salisbury targeted a former spy. He survived, but a "
        "local woman later died after touching the poison.",
        PUB,
    )
    attack = next(e for e in doc.events if e.type in ("chemical_attack", "assassination", "armed_assault"))
    assert attack.date is not None and attack.date.value == "2018"
    assert attack.killed == 1, summary(doc)


# ---------------------------------------------------------------------------- perpetrator status


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("A man was shot in Tulsa on Tuesday. The gunman fled on foot.", "escaped"),
        ("A man was shot in Tulsa on Tuesday. The shooter got away in a grey car.", "escaped"),
        ("A man was shot in Tulsa on Tuesday. The gunman was arrested an hour later.", "arrested"),
        ("A man was shot in Tulsa on Tuesday. The gunman is in custody.", "arrested"),
        ("A gunman shot a man in Tulsa on Tuesday before officers shot him dead.", "killed"),
        ("A man was shot in Tulsa on Tuesday, police said.", None),
    ],
)
def test_perpetrator_status(text: str, status: str | None) -> None:
    ev, doc = only_main(text)
    assert ev.perpetrator_status == status, summary(doc)


def test_no_arrest_is_not_an_arrest() -> None:
    ev, doc = only_main("A man was shot in Tulsa on Tuesday. Nobody has been arrested.")
    assert ev.perpetrator_status != "arrested", summary(doc)


# -------------------------------------------------------------------------------------- negation


def test_a_denied_link_never_makes_a_perpetrator() -> None:
    doc = read_text(
        "A senior judge was shot in Bogotá on Monday. The rebel group FARD has not been linked "
        "to the shooting and has not commented. Those responsible remain unclear.",
        PUB,
    )
    for ev in doc.events:
        if not ev.background and ev.modality in ("asserted", "reported"):
            assert not any("fard" in n for n in names(ev, ("perpetrator",))), summary(doc)


def test_a_planned_attack_is_hypothetical() -> None:
    doc = read_text("Police arrested four men on Tuesday who were plotting to bomb a stadium in Lyon.", PUB)
    bombs = [e for e in doc.events if e.type == "bombing"]
    assert bombs and all(e.modality == "hypothetical" for e in bombs), summary(doc)


# ------------------------------------------------------------------------- participants and place


def test_participants_link_to_entities_and_carry_offsets() -> None:
    ev, doc = only_main(
        "Gunmen from the Northern Front shot dead village chief Amadou Sow in Mopti on Monday."
    )
    assert "amadou sow" in names(ev, ("target", "victim"))
    person = next(p for p in ev.participants if p.name.lower() == "amadou sow")
    assert person.entity is not None and doc.entity(person.entity) is not None
    assert person.start is not None and doc.text[person.start : person.end].endswith("Sow")


def test_date_and_place_come_from_the_attack_clause() -> None:
    ev, doc = only_main(
        "Police said on Thursday that a bomb exploded in Peshawar on Monday, killing two people."
    )
    assert ev.date is not None and ev.date.value == "2026-03-09", summary(doc)
    assert ev.location is not None and ev.location.city == "Peshawar"
    fields = {s.field for s in ev.support}
    assert {"date", "location", "type", "trigger"} <= fields
    for s in ev.support:
        assert 0 <= s.start < s.end <= len(doc.text) and s.extractor.startswith("wireledger.")


def test_wire_copy_takes_its_participants_from_the_trained_tagger() -> None:
    doc = read_text(
        "LIMA, 12 MAR 90 -- [TEXT] Urban terrorists of the Shining Path dynamited a power pylon in "
        "the Lima district of Ate yesterday, leaving several neighbourhoods without electricity, "
        "police sources reported. Nobody was hurt.",
        "1990-03-12",
    )
    ev = main_event(doc)
    assert ev is not None and ev.type == "bombing", summary(doc)
    assert ev.date is not None and ev.date.value == "1990-03-11"
    target = next(p for p in ev.participants if p.role == "target")
    entity = doc.entity(target.entity)
    assert "pylon" in target.name.lower() and entity is not None and entity.type == "facility"
    assert any("shining path" in n for n in names(ev, ("perpetrator",)))
    assert any(w.category == "explosives" for w in ev.weapons)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a gunman who barricades himself after a shooting took no hostages: the shooting is the attack
        (
            "A gunman shot and killed two men at a car wash in Greendale on Thursday and then barricaded "
            "himself inside a house, starting a standoff with deputies that lasted four hours.",
            "armed_assault",
        ),
        # with hostages the siege is the incident
        (
            "A gunman shot a guard and then held six customers hostage inside a bank in Greendale on "
            "Thursday during a standoff with deputies.",
            "hostage_taking",
        ),
        # "blasted" with a shotgun is a shot, not a bomb
        (
            "A man blasted his neighbour in the chest with a shotgun during an argument in Greendale on "
            "Thursday, deputies said.",
            "armed_assault",
        ),
        # a blast of a bomb stays a bombing
        ("A blast from a pipe bomb wrecked a bus shelter in Greendale on Thursday.", "bombing"),
    ],
)
def test_words_that_rank_high_only_when_nothing_else_says_the_attack(text: str, expected: str) -> None:
    ev, doc = only_main(text)
    assert ev.type == expected, summary(doc)
