"""Incremental merging: join, start, link; order independence; stable ids, redirects, retraction.

Every test runs on both states: in memory and in a real SQLite ledger.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from merge_builders import event, report

from wireledger.merge.merger import IncidentMerger
from wireledger.merge.profile import build_profiles
from wireledger.merge.state import MemoryState, MergeState, StoredMergeState
from wireledger.model import Reading
from wireledger.settings import Settings
from wireledger.store import open_ledger
from wl_testing import BACKENDS, drop_db, new_db_url


@pytest.fixture(params=["memory", *BACKENDS])
def state(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[MergeState]:
    """The merger's state in memory and in a ledger of each backend."""
    if request.param == "memory":
        yield MemoryState()
        return
    url = new_db_url(request.param, tmp_path)
    with open_ledger(Settings(db=url)) as ledger:
        yield StoredMergeState(ledger.incidents)
    drop_db(url)


def gas_station(n: int, published: str = "2024-05-13") -> Reading:
    texts = [
        "A man was shot and killed outside a gas station on Salem Avenue, Dayton police said. Officers "
        "found Marcus Bell near the pumps.",
        "Dayton police released a photo of the car sought in the killing of Marcus Bell outside a Salem "
        "Avenue gas station on Monday.",
        "Marcus Bell, 34, was shot once in the chest near the pumps of a Salem Avenue station, detectives "
        "said.",
    ]
    return report(texts[n], [event("ev1", day="2024-05-13", city="Dayton", killed=1,
                                   people=(("Marcus Bell", "victim"),))],
                  title=f"Salem Avenue killing report {n}", published=published)


def drive_by(n: int) -> Reading:
    texts = [
        "Two teenagers were wounded when someone fired from a passing car on Smithville Road, Dayton police "
        "said.",
        "Teens hurt in the Smithville Road drive-by are expected to recover; shell casings were found.",
    ]
    return report(texts[n], [event("ev1", day="2024-05-16", city="Dayton", wounded=2)],
                  title=f"Smithville Road drive-by {n}", published="2024-05-17")


def salisbury_mention(n: int) -> Reading:
    texts = [
        "The general was sanctioned in 2016. Britain accused him of the 2018 Salisbury nerve agent attack on "
        "Sergei Skripal.",
        "Officials recalled the 2018 poisoning of Sergei Skripal in Salisbury, which later killed a woman.",
    ]
    attack = event("ev9", "chemical_attack", day="2018", precision="year", city="Salisbury", background=True,
                   people=(("Sergei Skripal", "target"),), span=(0, len(texts[n])))
    main = event("ev1", day=f"2026-02-0{6 + n}", city="Moscow", people=(("Vladimir Alekseev", "target"),))
    return report(texts[n], [main, attack], title=f"General shot {n}", published=f"2026-02-0{6 + n}")


def partition_of(merger: IncidentMerger, readings: list[Reading]) -> set[frozenset[str]]:
    """Incidents as sets of event keys."""
    keys = [p.key for r in readings for p in build_profiles(r)]
    by_incident: dict[str, set[str]] = {}
    for key, inc in merger.state.incidents_of(keys).items():
        by_incident.setdefault(inc, set()).add(key)
    return {frozenset(v) for v in by_incident.values()}


def test_reports_of_one_shooting_join_and_a_different_shooting_starts_its_own(state: MergeState) -> None:
    merger = IncidentMerger(state)
    first = merger.add_reading(gas_station(0))
    assert len(first.started) == 1
    second = merger.add_reading(gas_station(1))
    assert second.started == [] and set(second.joined.values()) == set(first.started)
    other = merger.add_reading(drive_by(0))
    assert len(other.started) == 1 and other.started != first.started  # same city, same week: apart
    merger.add_reading(drive_by(1))
    merger.add_reading(gas_station(2))
    incidents = partition_of(merger, [gas_station(i) for i in range(3)] + [drive_by(i) for i in range(2)])
    assert sorted(len(c) for c in incidents) == [2, 3]


def test_background_events_merge_across_reports(state: MergeState) -> None:
    merger = IncidentMerger(state)
    merger.add_reading(salisbury_mention(0))
    outcome = merger.add_reading(salisbury_mention(1))
    keys = [p.key for i in range(2) for p in build_profiles(salisbury_mention(i)) if p.event == "ev9"]
    assert len(set(state.incidents_of(keys).values())) == 1
    assert outcome.joined[keys[1]] == state.incidents_of([keys[0]])[keys[0]]


def test_the_incidents_do_not_depend_on_arrival_order(state: MergeState) -> None:
    readings = [gas_station(i) for i in range(3)] + [drive_by(i) for i in range(2)] + \
               [salisbury_mention(i) for i in range(2)]
    reference = None
    orders = list(itertools.islice(itertools.permutations(range(len(readings))), 0, 5040, 997))
    for order in orders:
        fresh: MergeState = MemoryState() if isinstance(state, MemoryState) else state
        if not isinstance(state, MemoryState):
            for r in readings:
                IncidentMerger(fresh).remove_document(r.document.id)
        merger = IncidentMerger(fresh)
        for i in order:
            merger.add_reading(readings[i])
        got = partition_of(merger, readings)
        reference = reference or got
        assert got == reference


def test_a_report_linking_two_incidents_merges_them_and_the_old_id_redirects(state: MergeState) -> None:
    merger = IncidentMerger(state)
    a = report("Marcus Bell was shot on Salem Avenue in Dayton.",
               [event("ev1", day="2024-05-13", city="Dayton")],
               title="Man shot on Salem Avenue")
    c = report("Police named Marcus Bell, 34, as the man killed at a station.",
               [event("ev1", day="2024-05-13", people=(("Marcus Bell", "victim"),), killed=1)],
               title="Victim named in station killing")
    first = merger.add_reading(a).started[0]
    second = merger.add_reading(c).started
    bridge = report("Marcus Bell, 34, was killed at a Salem Avenue gas station in Dayton; police named him.",
                    [event("ev1", day="2024-05-13", city="Dayton", killed=1,
                           people=(("Marcus Bell", "victim"),))],
                    title="Man shot on Salem Avenue named as Marcus Bell")
    outcome = merger.add_reading(bridge)
    if second:  # a and c were apart until the bridge came
        (old, new), = outcome.redirected.items()
        assert {old, new} == {first, second[0]}
        assert state.incident_members(old) == []
    incidents = partition_of(merger, [a, c, bridge])
    assert len(incidents) == 1


def test_retracting_a_report_removes_its_support_and_drops_unsupported_incidents(state: MergeState) -> None:
    merger = IncidentMerger(state)
    shared = merger.add_reading(gas_station(0)).started[0]
    merger.add_reading(gas_station(1))
    alone = merger.add_reading(drive_by(0)).started[0]
    out = merger.remove_document(drive_by(0).document.id)
    assert out.redirected == {alone: None}
    assert not state.known_incident(alone) or state.incident_members(alone) == []
    out = merger.remove_document(gas_station(1).document.id)
    assert shared in out.touched and shared not in out.redirected
    assert len(state.incident_members(shared)) == 1
    assert state.mentions_of_document(gas_station(1).document.id) == []


def test_merging_the_same_report_again_replaces_it(state: MergeState) -> None:
    merger = IncidentMerger(state)
    inc = merger.add_reading(gas_station(0)).started[0]
    merger.add_reading(gas_station(1))
    again = merger.add_reading(gas_station(1))
    assert set(again.joined.values()) == {inc}
    assert len(state.incident_members(inc)) == 2


def test_shuffled_arrival_of_many_reports_gives_the_same_incidents() -> None:
    rng = random.Random(3)
    readings = []
    for i in range(30):
        city = rng.choice(["Dayton", "Toledo"])
        day = f"2024-05-{rng.randint(10, 14)}"
        victim = rng.choice(["Ann Lee", "Bob Stone", "Cy Young", "Di Moss"])
        readings.append(report(f"{victim} was shot in {city} on Main Street, police said. Report {i}.",
                               [event("ev1", day=day, city=city, people=((victim, "victim"),))],
                               title=f"{victim} shot in {city}", published=day))
    results = []
    for seed in range(3):
        order = list(readings)
        random.Random(seed).shuffle(order)
        merger = IncidentMerger(MemoryState())
        for r in order:
            merger.add_reading(r)
        results.append(partition_of(merger, readings))
    assert results[0] == results[1] == results[2]


def test_a_report_read_again_keeps_the_ids_of_the_incidents_it_alone_supports(state: MergeState) -> None:
    merger = IncidentMerger(state)
    first = merger.add_reading(drive_by(0)).started[0]
    again = drive_by(0)
    again.events[0].wounded = 3  # the new reading differs a little
    outcome = merger.add_reading(again)
    assert outcome.started == [] and first not in outcome.redirected
    assert set(outcome.joined.values()) == {first}
    gone = report("Smithville Road drive-by: nothing else happened.",
                  [event("ev1", "award", day="2024-05-16")], title=again.document.title,
                  published="2024-05-17")
    gone.document = again.document  # the same report, read as something else entirely
    out = merger.add_reading(gone)
    assert out.redirected == {first: None}
