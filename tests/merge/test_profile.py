"""Profiles: which event stands for a report, how tellings of one attack fold together, dates."""

from __future__ import annotations

from datetime import date

from merge_builders import event, report

from wireledger.merge.profile import STORY_TYPE, build_profiles, date_interval, name_keys, primary_event


def test_the_main_attack_stands_for_the_report() -> None:
    r = report("A man was shot.", [event("ev1", "statement"), event("ev2", day="2024-05-13", city="Dayton"),
                                   event("ev3", "sanction", day="2016", precision="year", background=True)])
    assert primary_event(r) is r.events[1]
    profiles = build_profiles(r)
    assert [p.primary for p in profiles].count(True) == 1
    assert next(p for p in profiles if p.primary).event == "ev2"


def test_a_follow_up_report_stands_for_the_attack_it_follows_up() -> None:
    r = report("A man was charged over the May 3 shooting of Ann Lee.",
               [event("ev1", "charge", day="2024-06-01"),
                event("ev2", day="2024-05-03", background=True, people=(("Ann Lee", "victim"),))])
    assert primary_event(r) is r.events[1]


def test_a_report_without_events_gets_a_story_of_its_own() -> None:
    profiles = build_profiles(report("Nothing happened here.", [], title="Quiet day"))
    assert len(profiles) == 1
    assert profiles[0].type == STORY_TYPE and profiles[0].primary
    assert profiles[0].precision == "inferred"  # from the publication date


def test_two_tellings_of_one_attack_fold_together_but_attacks_in_two_cities_do_not() -> None:
    r = report("...", [event("ev1", day="2024-05-13", city="Dayton", killed=1),
                       event("ev2", day="2024-05-12", wounded=2),
                       event("ev3", day="2024-05-13", city="Toledo", killed=3)])
    profiles = build_profiles(r)
    main = next(p for p in profiles if p.primary)
    assert main.events == ["ev1", "ev2"]
    assert main.wounded == 2 and main.killed == 1
    assert len(main.intervals()) == 2  # the second telling's date is kept as an alternative
    assert {p.event for p in profiles if not p.primary} == {"ev3"}


def test_attacks_with_different_named_victims_stay_apart() -> None:
    r = report("...", [event("ev1", day="2024-05-13", people=(("Ann Lee", "victim"),)),
                       event("ev2", day="2024-05-13", people=(("Bob Stone", "victim"),))])
    assert len(build_profiles(r)) == 2


def test_date_intervals_follow_precision() -> None:
    assert date_interval("2026-02-06", "day")[2] == "day"
    lo, hi, p = date_interval("2016-02", "month")
    assert (date.fromordinal(lo), date.fromordinal(hi), p) == (date(2016, 2, 1), date(2016, 2, 29), "month")
    lo, hi, p = date_interval("2018", "year")
    assert hi - lo == 364 and p == "year"
    assert date_interval("--02-06", "day") == (None, None, "unknown")  # no year: no interval invented


def test_name_keys_fold_spelling_and_suffixes() -> None:
    assert name_keys("Vincent Edward Holt, Jr.") == name_keys("Vincent Holt Jr.")
    assert name_keys("Vladimir Alekseev")[0] == name_keys("Vladimir Alexeev")[0]
    assert name_keys("Alekseev") == (None, name_keys("Vladimir Alekseev")[1])
