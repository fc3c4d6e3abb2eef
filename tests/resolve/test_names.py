"""Names taken apart (roles, titles, order) and compared part by part, and the romanisation keys."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wireledger.resolve import compare_names, name_keys, parse_person_name, person_name_key
from wireledger.resolve.compare import CONFLICT_CAP, SINGLE_PART_CAP, compare_org_names
from wireledger.resolve.keys import skeleton_key, spelling_key
from wireledger.resolve.names import Role, strip_titles


@pytest.mark.parametrize(
    "spellings",
    [
        ["Kudryavtsev", "Kudriavcev", "Кудрявцев"],
        ["Yevgeniya", "Evgenia", "Евгения"],
        ["Khodorkovsky", "Hodorkovskiy", "Ходорковский"],
        ["Aksyonov", "Aksenov", "Аксёнов"],
        ["Yuliya", "Iulia", "Julija"],
        ["Maksim", "Maxim", "Максим"],
        ["Fyodorov", "Fedorov", "Фёдоров"],
    ],
)
def test_spelling_key_folds_romanisations_of_one_name(spellings: list[str]) -> None:
    assert len({spelling_key(s) for s in spellings}) == 1, [spelling_key(s) for s in spellings]


@pytest.mark.parametrize("a, b", [("Petrov", "Petrova"), ("Ivan", "Ilya"), ("Smirnov", "Sokolov")])
def test_spelling_key_keeps_different_names_apart(a: str, b: str) -> None:
    assert spelling_key(a) != spelling_key(b)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=14))
def test_keys_ignore_case_and_skeleton_has_no_inner_vowels(word: str) -> None:
    assert spelling_key(word) == spelling_key(word.upper()) == spelling_key(word.lower())
    skeleton = skeleton_key(word)
    assert not any(ch in "aeiou" for ch in skeleton[1:])


def test_titles_and_ranks_are_stripped_and_kept() -> None:
    name, titles, suffixes = strip_titles("Maj. Gen. Oleksiy Hrytsenko Jr.")
    assert name == "Oleksiy Hrytsenko"
    assert titles == ("Maj. Gen.",)
    assert suffixes == ("Jr.",)
    # a title word alone is a name
    assert strip_titles("Major")[0] == "Major"
    # a name that merely starts like a title is not cut
    assert strip_titles("Generalova Irina")[0] == "Generalova Irina"


@pytest.mark.parametrize(
    "text, roles",
    [
        ("SOKOLOVA, Irina Pavlovna", ["given", "patronymic", "family"]),
        ("Irina Pavlovna SOKOLOVA", ["given", "patronymic", "family"]),
        ("Sokolova Irina Pavlovna", ["family", "given", "patronymic"]),
        ("Irina Sokolova", ["given", "family"]),
        ("Roman Arkadyevich Abramenko", ["given", "patronymic", "family"]),
        ("Colonel Hassan al-Rimawi", ["given", "particle", "family"]),
        ("R. Hassan", ["initial", "family"]),
    ],
)
def test_roles_come_from_structure(text: str, roles: list[str]) -> None:
    parsed = parse_person_name(text)
    assert [p.role.value for p in parsed.parts] == roles


def test_structured_surname_wins_over_word_order() -> None:
    parsed = parse_person_name("Abdulkadir Mohamed Abdulkadir", family="Abdulkadir")
    assert [p.role for p in parsed.parts] == [Role.GIVEN, Role.GIVEN, Role.FAMILY]
    assert parsed.family_known


def test_transliterated_name_matches_across_scripts_and_order() -> None:
    result = compare_names("Irina Sokolova", "СОКОЛОВА, Ирина Павловна")
    assert result.score >= 0.85
    assert {m.how for m in result.parts} == {"transliterated"}
    assert ("Павловна", "patronymic") in result.other_only


def test_patronymic_left_out_costs_little_but_a_different_one_conflicts() -> None:
    same = compare_names("Oleg Kirillovich Demchenko", "DEMCHENKO, Oleg Kirillovich")
    short = compare_names("Oleg Demchenko", "DEMCHENKO, Oleg Kirillovich")
    other = compare_names("Oleg Ivanovich Demchenko", "DEMCHENKO, Oleg Kirillovich")
    assert same.score > short.score >= 0.9
    assert other.score <= CONFLICT_CAP and any("patronymic" in c for c in other.conflicts)


def test_surname_alone_or_with_a_conflicting_given_name_never_passes() -> None:
    alone = compare_names("Demchenko", "DEMCHENKO, Oleg Kirillovich")
    other_given = compare_names("Pavel Demchenko", "DEMCHENKO, Oleg Kirillovich")
    assert alone.score <= SINGLE_PART_CAP
    assert other_given.score <= CONFLICT_CAP
    assert other_given.conflicts and "Pavel" in other_given.conflicts[0]


def test_given_names_alone_do_not_make_a_match_when_the_surname_is_known() -> None:
    result = compare_names("Tariq Nabil", "HADDAD, Nabil Tariq")
    assert result.score <= SINGLE_PART_CAP
    assert "no family name in common" in result.notes


def test_second_family_name_alone_is_weaker_than_the_first() -> None:
    first = compare_names("Rodrigo Garcia", "GARCIA VELASCO, Rodrigo")
    second = compare_names("Rodrigo Velasco", "GARCIA VELASCO, Rodrigo")
    assert first.score > second.score
    assert second.score < 0.8


def test_initials_fuzzy_and_gendered_forms() -> None:
    initial = compare_names("O. K. Demchenko", "DEMCHENKO, Oleg Kirillovich")
    assert any(m.how == "initial" for m in initial.parts)
    typo = compare_names("Oleg Demchenco", "DEMCHENKO, Oleg")
    assert typo.score >= 0.8 and any(m.how in ("fuzzy", "transliterated") for m in typo.parts)
    # a feminine form is another person, not a typo
    assert compare_names("Oleg Demchenko", "DEMCHENKOVA, Olga").score < 0.5
    assert compare_names("Mario Rossi", "ROSSI, Maria").score < 0.8


def test_name_keys_are_shared_by_spellings_of_one_person() -> None:
    a = name_keys("Lt. Gen. Aleksei Kudryavtsev")
    b = name_keys("KUDRIAVCEV, Alexey Petrovich")
    assert {skeleton_key("Kudryavtsev")} <= a & b
    assert person_name_key("Aleksei Kudryavtsev") == person_name_key("KUDRIAVCEV, Aleksey Petrovich")


def test_organisation_names_compare_by_their_words() -> None:
    assert compare_org_names("Brightwater Maritime", "BRIGHTWATER MARITIME LLC").score >= 0.8
    assert compare_org_names("Brightwater Maritime", "Darkwater Mining JSC").score < 0.5
