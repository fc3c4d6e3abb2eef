"""The incident record: per-value support, conflicts, the best-estimate rule, independent sources."""

from __future__ import annotations

from merge_builders import event, report, responsibility

from wireledger.merge.profile import EventProfile, build_profiles
from wireledger.merge.record import build_record, date_label
from wireledger.model import Reading

TEXT = "A bomb exploded at the cattle market in Garissa, killing people, officials said."


def profiles_of(*readings: Reading) -> list[EventProfile]:
    return [p for r in readings for p in build_profiles(r) if p.primary]


def bombing(n: int, killed: int, outlet: str, published: str, chain: tuple[str, ...],
            group: str | None = None) -> Reading:
    claims = [responsibility("ev1", group, outlet)] if group else []
    return report(f"{TEXT} Report number {n} from {outlet}.",
                  [event("ev1", "bombing", day="2025-03-14", city="Garissa", killed=killed, chains=(chain,))],
                  title=f"Garissa bombing {n}", published=published, outlet=outlet, claims=claims)


def test_disagreeing_reports_show_both_values_with_their_sources_and_a_best_estimate() -> None:
    reports = [bombing(1, 12, "Wire", "2025-03-14", ("police", "Wire"), "al-Shabaab"),
               bombing(2, 14, "Daily", "2025-03-15", ("county commissioner", "Daily"), "Jubba Front"),
               bombing(3, 14, "Radio", "2025-03-15", ("hospital staff", "Radio"), "Al Shabaab"),
               bombing(4, 12, "Weekly", "2025-03-18", ("Weekly",), "Jubba Front")]
    rec = build_record("inc_x", profiles_of(*reports))
    killed = rec.fields["killed"]
    assert killed.conflict
    assert {v.value for v in killed.values} == {12, 14}
    assert all(v.sources == 2 for v in killed.values)
    # a tie on sources: the value an official source gives wins over the latest report's
    assert killed.best == 12 and killed.values[0].official
    claimed = rec.fields["claimed_by"]
    assert claimed.conflict
    assert {str(v.value).lower().replace("-", " ") for v in claimed.values} == {"al shabaab", "jubba front"}
    for v in claimed.values:
        assert len(v.documents) == 2 and all(s.chains for s in v.support)
    assert rec.sources == 4 and rec.first_reported == "2025-03-14" and rec.last_reported == "2025-03-18"


def test_latest_report_wins_a_tie_between_unofficial_values() -> None:
    reports = [bombing(1, 12, "Wire", "2025-03-14", ("Wire",)),
               bombing(2, 14, "Daily", "2025-03-15", ("Daily",))]
    assert build_record("inc_x", profiles_of(*reports)).best("killed") == 14


def test_copies_of_one_story_and_one_outlet_count_as_one_source() -> None:
    a = bombing(1, 12, "Wire", "2025-03-14", ("Wire",))
    same_text = report(a.document.text + " ", a.events, title="Garissa bombing copy", published="2025-03-14",
                       outlet="Other Site")
    same_outlet = bombing(5, 12, "Wire", "2025-03-16", ("Wire",))
    rec = build_record("inc_x", profiles_of(a, same_text, same_outlet))
    assert len(rec.documents) == 3
    assert rec.sources == 1


def test_dates_are_shown_as_precisely_as_they_are_known() -> None:
    from datetime import date

    d = date(2018, 1, 1).toordinal()
    assert date_label(d, date(2018, 12, 31).toordinal(), "year") == "2018"
    assert date_label(d, d, "day") == "2018-01-01"
    assert date_label(None, None, "unknown") == "date unknown"
    assert "inferred" in date_label(d - 7, d, "inferred")


def test_a_place_at_two_precisions_is_no_conflict_but_two_places_are() -> None:
    profiles = profiles_of(bombing(1, 12, "Wire", "2025-03-14", ("police", "Wire")),
                           bombing(2, 12, "Daily", "2025-03-15", ("police", "Daily")))
    first = profiles[0].facts["place"][0]
    assert "Garissa" in str(first.value)
    first.value = f"Cattle Market Road, {first.value}"  # one report is more precise
    assert not build_record("inc_x", profiles).fields["place"].conflict
    first.value = "Mandera"  # another town
    assert build_record("inc_x", profiles).fields["place"].conflict
