"""Killed and wounded of a report's main incident: headline counts, people told about more than once,
ages and dates that are not counts. Short reports we wrote, read with their headline."""

from __future__ import annotations

import pytest
from events_support import main_event, pipeline, summary, text_document

PUB = "2026-03-13"  # a Friday


def read_report(title: str, body: str):
    doc = pipeline().read_doc(text_document(f"{title}\n\n{body}", PUB, title))
    ev = main_event(doc)
    assert ev is not None, summary(doc)
    return ev, doc


def counted_from(ev, doc, field: str) -> list[str]:
    text = doc.document.text
    return [text[s.start : s.end] for s in ev.support if s.field == field]


@pytest.mark.parametrize(
    ("title", "body", "killed", "wounded"),
    [
        # a headline count when the body gives none
        ("Five Shot During Party At Riverside Banquet Hall", "Subscribe now for full access.", 0, 5),
        ("Nightclub shooting: 4 shot in Harbor Springs club", "Shots rang out at a club early Sunday.", 0, 4),
        # the dead listed first: the others shot are the wounded
        ("1 dead, 3 shot in Lakeview", "Police are looking for a gray sedan seen near Elm Street.", 1, 3),
        # a stated number shot bounds the people described one by one
        (
            "Shooting at Westgate lounge",
            "Four people were shot outside a lounge in Westgate on Sunday. A 30-year-old man was in "
            "critical condition and a 25-year-old man was in serious condition, police said.",
            0,
            4,
        ),
    ],
)
def test_headline_and_stated_counts(title: str, body: str, killed: int, wounded: int) -> None:
    ev, doc = read_report(title, body)
    assert (ev.killed, ev.wounded) == (killed, wounded), summary(doc)
    assert counted_from(ev, doc, "wounded")  # the count keeps the words it comes from


def test_an_age_in_commas_is_not_a_number_of_dead() -> None:
    ev, doc = read_report(
        "Boy, 14, dies after shooting in Millbrook",
        "A 14-year-old boy died Saturday after he was shot in a backyard in Millbrook, police said.",
    )
    assert ev.killed == 1, summary(doc)
    assert "14" not in counted_from(ev, doc, "killed")


def test_a_day_is_not_a_number_of_dead() -> None:
    ev, doc = read_report(
        "Teen charged in friend's death",
        "A Carver County teen was charged in the Oct. 17 death of his friend, prosecutors said.",
    )
    assert ev.killed != 17, summary(doc)


def test_one_shot_fired_is_not_one_person_shot() -> None:
    ev, doc = read_report(
        "Clerk scares off robber in Easton",
        "A store clerk in Easton fired one shot at a robber on Tuesday. Nobody was hurt, police said.",
    )
    assert ev.wounded == 0, summary(doc)


def test_the_headline_is_found_behind_a_page_mark() -> None:
    title = "Teen accidentally shoots himself in Dover"
    doc = pipeline().read_doc(
        text_document(
            f"\u00d7 {title}\n\nDOVER - A 15-year-old boy accidentally shot himself in the leg at his home "
            "on Friday, police said. The teen is expected to recover.",
            PUB,
            title,
        )
    )
    ev = main_event(doc)
    assert ev is not None and (ev.killed, ev.wounded) == (0, 1), summary(doc)


def test_a_pronoun_is_the_person_just_described() -> None:
    ev, doc = read_report(
        "Boy dies in accidental shooting in Fairview",
        "A 9-year-old boy was accidentally shot inside a home in Fairview on Sunday. He was pronounced "
        "dead at Mercy Hospital an hour later, the county coroner said.",
    )
    assert (ev.killed, ev.wounded) == (1, None), summary(doc)


def test_the_one_who_tells_of_a_death_is_not_dead() -> None:
    ev, doc = read_report(
        "Fairview teen dies after shooting",
        "County Coroner Ellen Marsh confirmed a 15-year-old boy shot Sunday on Pine Street died hours "
        "later at Fairview General Hospital.",
    )
    assert (ev.killed, ev.wounded) == (1, None), summary(doc)


def test_an_attacker_who_killed_himself_counts_among_the_dead() -> None:
    ev, doc = read_report(
        "Two hurt in Brookfield park shooting",
        "A 61-year-old man shot a woman and her son at a park in Brookfield on Thursday before shooting "
        "and killing himself, police said.",
    )
    assert ev.killed == 1, summary(doc)
    assert "himself" in counted_from(ev, doc, "killed")


def test_a_child_who_shot_himself_is_counted_once() -> None:
    ev, doc = read_report(
        "Boy, 5, finds gun in car, shoots himself",
        "A 5-year-old boy found a handgun in his mother's car in Easton on Friday and shot himself in "
        "the hand, police said. He is expected to recover.",
    )
    assert (ev.killed, ev.wounded) == (0, 1), summary(doc)


def test_a_girl_shot_and_then_in_stable_condition_is_one_person() -> None:
    ev, doc = read_report(
        "Girl, 15, shot after party near Marlow",
        "A 15-year-old girl was shot early Sunday after a party near Marlow, deputies said. A 15-year-old "
        "girl was taken to Bayside Medical Center in stable condition.",
    )
    assert (ev.killed, ev.wounded) == (0, 1), summary(doc)


def test_a_later_number_shot_elsewhere_does_not_replace_the_first() -> None:
    ev, doc = read_report(
        "Four people shot outside Ridgeway apartments, two in serious condition",
        "Four people were shot outside an apartment complex in Ridgeway on Saturday night. Two of them were "
        "in serious condition, police said. Seven people have been shot in the city this week.",
    )
    assert ev.wounded == 4, summary(doc)


def test_a_shot_that_hurt_the_shooter_is_not_a_person() -> None:
    ev, doc = read_report(
        "Man charged after 2 people hurt by gunshot",
        "A man mishandled a gun in his apartment in Easton on Tuesday, firing a shot that injured himself "
        "and a woman, police said.",
    )
    assert ev.wounded == 2, summary(doc)


def test_she_is_the_last_woman_or_girl_named_not_the_last_person() -> None:
    ev, doc = read_report(
        "Girl dies in accidental shooting in Fairview",
        "A 6-year-old girl has died and her grandfather remains in the hospital after a gun went off in a "
        "Fairview home on Saturday. The child was taken to Mercy Hospital, where she died Sunday.",
    )
    assert (ev.killed, ev.wounded) == (1, 1), summary(doc)


def test_a_shooting_death_is_one_dead_when_no_one_is_said_to_have_died() -> None:
    ev, doc = read_report(
        "Marlow man charged in nephew's shooting death",
        "A Marlow man was charged Friday in the accidental shooting death of his 8-year-old nephew last "
        "month, prosecutors said. The boy was shot with a rifle at the family's farm.",
    )
    assert (ev.killed, ev.wounded) == (1, None), summary(doc)
    assert counted_from(ev, doc, "killed") == ["his 8-year-old nephew"]  # the death is his


def test_a_fatal_shooting_with_no_one_said_to_have_died_is_one_dead() -> None:
    ev, doc = read_report(
        "Farmhand charged after fatal shooting",
        "A Marlow man was charged Friday in a fatal shooting at a farm east of town last month, "
        "prosecutors said. A boy was shot with a rifle near the barn.",
    )
    assert (ev.killed, ev.wounded) == (1, None), summary(doc)
    assert "fatal" in " ".join(counted_from(ev, doc, "killed"))


def test_attempted_murder_is_no_death() -> None:
    ev, doc = read_report(
        "Marlow man charged with attempted murder",
        "A Marlow man was charged with attempted murder on Friday after a neighbor was shot in the arm "
        "during an argument, police said.",
    )
    assert ev.killed == 0, summary(doc)


def test_two_shot_one_fatally() -> None:
    ev, doc = read_report(
        "Two shot outside Dover bar",
        "Two people were shot, one fatally, outside a bar in Dover on Friday night, police said.",
    )
    assert (ev.killed, ev.wounded) == (1, 1), summary(doc)


def test_a_gunman_shot_dead_by_police_is_dead_too() -> None:
    ev, doc = read_report(
        "Clerk killed in Dover store robbery",
        "A gunman killed a clerk at a Dover convenience store on Friday before police shot him dead.",
    )
    assert ev.killed == 2, summary(doc)


@pytest.mark.parametrize(
    ("title", "killed", "wounded"),
    [
        ("Child recovering after quadruple shooting in Marlow", 0, 4),
        ("Detectives investigate double homicide in Marlow", 2, None),
    ],
)
def test_a_multiple_incident_noun_tells_how_many(title: str, killed: int, wounded: int) -> None:
    ev, doc = read_report(
        title, "Police said it happened near Elm Street on Sunday night. No arrests were made."
    )
    assert (ev.killed, ev.wounded) == (killed, wounded), summary(doc)


def test_a_second_victim_met_after_the_lead_in_a_retelling_sentence_counts() -> None:
    ev, _ = read_report(
        "Boy killed in Fairhaven shooting",
        "A 4-year-old boy was shot and killed at his home on Larch Street late Saturday, police said.\n\n"
        "Officers arrived shortly after midnight and found the child in the living room.\n\n"
        "Detectives are searching for the gunman who killed a 4-year-old boy and critically wounded an "
        "adult woman in Fairhaven.",
    )
    assert (ev.killed, ev.wounded) == (1, 1)


def test_the_lead_person_told_again_after_the_lead_is_not_a_second_victim() -> None:
    ev, _ = read_report(
        "Boy killed in Fairhaven shooting",
        "A 4-year-old boy was shot and killed at his home on Larch Street late Saturday, police said. "
        "His father was critically wounded.\n\n"
        "Officers arrived shortly after midnight and found the child in the living room.\n\n"
        "Two men are charged with shooting and killing a 4-year-old boy and wounding his father.",
    )
    assert (ev.killed, ev.wounded) == (1, 1)


def test_a_victim_hurt_and_who_died_later_is_one_dead() -> None:
    ev, _ = read_report(
        "Girl dies after Quarry Road shooting",
        "A 9-year-old girl was killed in a shooting on Quarry Road on Sunday, the sheriff said.\n\n"
        "Deputies said a 9-year-old girl was critically injured when someone fired into the car. "
        "Deputies are asking for help.",
    )
    assert (ev.killed, ev.wounded) == (1, None)


def test_another_adds_one_to_the_number_shot_before_it() -> None:
    ev, _ = read_report(
        "Gunfire on Alder Avenue",
        "A gunman shot three people and wounded another on Alder Avenue on Friday, police said.",
    )
    assert (ev.killed, ev.wounded) == (0, 4)


def test_three_more_are_three_hurt_after_one_dead() -> None:
    ev, _ = read_report(
        "Shooting at Linden party",
        "One man was killed in a shooting at a party on Sunday. Police said the gunman also injured three "
        "more before fleeing.",
    )
    assert (ev.killed, ev.wounded) == (1, 3)


@pytest.mark.parametrize(
    ("title", "body", "killed", "wounded"),
    [
        # "shot and killed" right after the person, whatever the parse makes of it
        (
            "Father charged after toddler shot, killed",
            "Deputies are charging the father of a two-year-old girl shot and killed in what they call an "
            "accident at a trailer park on Tuesday.",
            1,
            None,
        ),
        # ... but an object after the verbs makes the person the one who shot
        (
            "Husband held in Elm Creek killing",
            "Police said a 41-year-old man shot and killed his wife at their home on Tuesday night.",
            1,
            None,
        ),
        # an unnamed child told of twice, the age once in words and once in digits
        (
            "9-year-old boy shot in Dunmore",
            "A 9-year-old boy was shot Tuesday evening outside an apartment in Dunmore. Police said a "
            "nine-year-old child was struck in the arm and taken to a hospital.",
            0,
            1,
        ),
        # an age alone names the person
        (
            "Child dies after Harlow shooting",
            "A 6-year-old is dead after a shooting on Elm Street in Harlow on Tuesday night, police said.",
            1,
            None,
        ),
        # kin words name people; "shot in the face" is a wound, not a charge ("face charges")
        ("Boy shoots uncle", "A 4-year-old boy accidentally shot his uncle in the stomach on Monday.", 0, 1),
        (
            "Toddler wounded by father's gun",
            "It has been a month since Owen Pratt, a 3-year-old Dunmore boy, was shot in the face with his "
            "father's pistol.",
            0,
            1,
        ),
    ],
)
def test_people_told_of_in_other_words(title: str, body: str, killed: int, wounded: int) -> None:
    ev, doc = read_report(title, body)
    assert (ev.killed, ev.wounded) == (killed, wounded), summary(doc)
    assert counted_from(ev, doc, "killed" if killed else "wounded"), "a count without the words it rests on"


@pytest.mark.parametrize(
    ("title", "body", "killed", "wounded"),
    [
        # a partitive count of death after the number shot
        (
            "Gunfire outside Delmont bar",
            "Four people were shot, two of them fatally, outside a bar in Delmont early Sunday, police said.",
            2,
            2,
        ),
        # a shooting that sends a counted group to the hospital
        (
            "Shooting at Ferris Street party",
            "A shooting at a birthday party on Ferris Street sent three people to the hospital on Saturday.",
            0,
            3,
        ),
        # "one person" and "one of the victims, a 22-year-old" are one dead, not two
        (
            "Six shot on Linden porch",
            "Police say one person is dead after a gunman fired at a crowded porch on Linden Avenue, hitting "
            "six people. Police say one of the victims, a 22-year-old, died at the hospital.",
            1,
            5,
        ),
        # "another" of the first victim sets them apart from the one charged, not from a victim
        (
            "Teen charged in Marlow shooting",
            "A Marlow teen has been charged in the shooting death of another teen on Saturday night. "
            "Evan Price, 14, died from a gunshot wound a few blocks from his home.",
            1,
            None,
        ),
        # the coroner who rules on a death is not one of the dead
        (
            "Girl's death ruled accidental",
            "A coroner has ruled the shooting death of a 4-year-old Bayfield girl was an accident.",
            1,
            None,
        ),
        # "gunned down": a verb and its particle; a surname the tagger reads as a plural is one person
        (
            "Woman killed outside Carlow lounge",
            "Detectives say 31-year-old Karen Sims was gunned down outside a lounge in Carlow on Friday.",
            1,
            None,
        ),
        # "one of four people shot": a participle after the counted noun says what befell them
        (
            "Man killed in Dorrance bar shooting",
            "A man shot to death at a bar in Dorrance early Sunday has been named. Police said Leon Mraz, "
            "29, died at the scene. Mraz was one of four people shot during a fight at the bar.",
            1,
            3,
        ),
        # the suspects who shot are not counted among the people shot
        (
            "Two shot in Tarrow apartment",
            "Officers were called to an apartment complex in Tarrow on Tuesday after two people were shot. "
            "Three suspects forced their way into a unit and shot through the door, police said.",
            0,
            2,
        ),
        # "to death" after the object; "an older brother" is a second brother
        (
            "Boy kills brother in Fenwick home",
            "A 15-year-old boy shot his 7-year-old brother to death and wounded an older brother at their "
            "home in Fenwick on Tuesday, deputies said.",
            1,
            1,
        ),
        # "turned the gun on himself": the attacker is one more dead
        (
            "Two dead in Ashby home",
            "Police say a man shot and killed his 5-month-old son before turning the gun on himself at a "
            "home in Ashby on Sunday.",
            2,
            None,
        ),
        # a headline with the outcome after its noun, and numbers as objects of harm
        ("One man dead after triple shooting in Corwin", "Subscribe for full access.", 1, 2),
        ("Gunfire injures 3 at Corwin party", "Subscribe for full access.", 0, 3),
        # "five other people were shot": besides the one who died
        (
            "One dead in Harwell hall shooting",
            "A 40-year-old man was shot and killed inside a hall in Harwell on Saturday. Five other people "
            "were shot. Two victims were in critical condition and the others were treated and released.",
            1,
            5,
        ),
    ],
)
def test_counts_said_in_passing(title: str, body: str, killed: int, wounded: int | None) -> None:
    ev, doc = read_report(title, body)
    assert (ev.killed, ev.wounded) == (killed, wounded), summary(doc)


@pytest.mark.parametrize(
    ("title", "body", "killed", "wounded"),
    [
        # a Title Case headline is read as a sentence: "Dies", "Killed" are verbs, not names
        ("Lakeview Boy Dies After Being Accidentally Shot", "He was flown to a hospital in Fargo.", 1,None),
        ("9-Year-Old Ohio Girl Killed In Deer Hunting Accident", "Her family asked for privacy.", 1,None),
        # a headline's number the parse gave to another event ("..., 2 arrested")
        ("Three wounded in drive-by shooting, 2 arrested", "Sign up for our newsletter.", 0, 3),
        # a murder-suicide is an attack, in any case
        ("4 dead in murder-suicide at lake cottage near Ely", "Subscribe for unlimited access.", 4,None),
        ("Woman, Teen Son Dead In Apparent Murder-Suicide In Dover", "Troopers were called at noon.", 2,None),
    ],
)
def test_what_headlines_say_of_the_dead_and_hurt(title: str, body: str, killed: int,
                                                 wounded: int) -> None:
    ev, doc = read_report(title, body)
    assert ev.type in ("armed_assault", "assassination", "unarmed_assault"), summary(doc)
    assert (ev.killed, ev.wounded) == (killed, wounded), summary(doc)
