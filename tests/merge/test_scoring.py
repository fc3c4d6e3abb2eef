"""The scored decision on invented reports: victims' ages, and the dates of follow-up reports."""

from __future__ import annotations

from merge_builders import event, report

from wireledger.merge.profile import EventProfile, build_profiles, victim_ages
from wireledger.merge.scoring import score_pair


def primary(reading_text: str, events: list, **kw) -> EventProfile:  # type: ignore[type-arg]
    return next(p for p in build_profiles(report(reading_text, events, **kw)) if p.primary)


def test_victim_ages_come_from_descriptions_and_the_headline() -> None:
    ev = event("ev1", day="2024-05-12", city="Dayton",
               people=(("a 15-year-old boy", "victim"), ("6-month-old girl", "victim"),
                       ("gunman", "perpetrator")))
    assert victim_ages(ev, "Teen, 17, hurt as shots hit Dayton porch") == [0, 15, 17]
    assert victim_ages(event("ev2"), None) == []


def test_two_children_shot_in_one_city_the_same_day_are_set_apart_by_their_ages() -> None:
    a = primary("A 9-year-old boy was shot in the arm on Linden Street in Dayton on Sunday.",
                [event("ev1", day="2024-05-12", city="Dayton", people=(("9-year-old boy", "victim"),))],
                title="Boy, 9, shot on Linden Street")
    b = primary("A 4-year-old girl was wounded by a stray bullet in Dayton on Sunday night.",
                [event("ev1", day="2024-05-12", city="Dayton", people=(("4-year-old girl", "victim"),))],
                title="Girl, 4, hit by stray bullet")
    c = primary("Police said the boy, 9, was hit while playing on Linden Street in Dayton.",
                [event("ev1", day="2024-05-12", city="Dayton", people=(("boy, 9,", "victim"),))],
                title="Dayton boy, 9, recovering after Linden Street shooting")
    apart, together = score_pair(a, b), score_pair(a, c)
    assert apart.reasons["ages"] < 0 < together.reasons["ages"]


def test_a_follow_up_dated_on_its_own_day_pays_less_for_the_gap() -> None:
    attack = primary("Carla Venn, 31, was shot dead outside a bakery on Marsh Road in Toledo.",
                     [event("ev1", day="2024-03-02", city="Toledo", people=(("Carla Venn", "victim"),))],
                     published="2024-03-03", title="Woman shot dead on Marsh Road")
    # the reader dates the follow-up's attack on the day of its news (the charge), weeks later
    charged = primary("A man was charged on Monday with the killing of Carla Venn on Marsh Road in Toledo.",
                      [event("ev1", "charge", day="2024-05-13"),
                       event("ev2", day="2024-05-13", city="Toledo", people=(("Carla Venn", "victim"),))],
                      published="2024-05-13", title="Man charged in Marsh Road killing")
    other = primary("A woman was shot dead on Marsh Road in Toledo on Monday, police said.",
                    [event("ev1", day="2024-05-13", city="Toledo")],
                    published="2024-05-13", title="Woman shot dead on Marsh Road")
    assert charged.follow_up and not other.follow_up
    assert score_pair(attack, charged).reasons["date"] > score_pair(attack, other).reasons["date"] == -0.5
    assert score_pair(attack, charged).reasons["date"] < 0  # still weaker than a matching date
    # no later step told, but the same victim named: a vigil or an update, weeks later
    vigil = primary("Friends of Carla Venn gathered on Marsh Road in Toledo on Monday.",
                    [event("ev1", day="2024-05-13", city="Toledo", people=(("Carla Venn", "victim"),))],
                    published="2024-05-13", title="Vigil on Marsh Road")
    assert not vigil.follow_up and score_pair(attack, vigil).reasons["date"] > -0.5


def test_a_name_both_reports_only_mention_counts_less_than_a_shared_victim() -> None:
    def shooting(text: str, people: tuple[tuple[str, str], ...]) -> EventProfile:
        return primary(text, [event("ev1", day="2024-05-12", city="Dayton", people=people)])

    byline = ("Tess Okafor", "mentioned")
    a = shooting("A man was shot on Fern Avenue in Dayton, Tess Okafor reports.", (byline,))
    b = shooting("Two teenagers were wounded near a Dayton school, Tess Okafor reports.", (byline,))
    c = shooting("Omar Kessel was shot on Fern Avenue in Dayton.", (("Omar Kessel", "victim"),))
    d = shooting("Police named the Fern Avenue victim as Omar Kessel.", (("Omar Kessel", "mentioned"),))
    assert 0 < score_pair(a, b).reasons["people"] < score_pair(c, d).reasons["people"]


def test_two_districts_of_one_city_weigh_against_one_happening() -> None:
    def shooting(text: str, district: str | None, places: tuple[str, ...] = ()) -> EventProfile:
        ev = event("ev1", day="2024-05-12", city="Dayton", wounded=2)
        assert ev.location is not None
        ev.location.detail = district
        p = primary(text, [ev], title="Two wounded in overnight shooting")
        p.places = [*p.places, *places]
        return p

    north = shooting("Two men were wounded in the Old North neighborhood of Dayton overnight.", "Old North")
    east = shooting("Two men were wounded in the Belmont neighborhood of Dayton overnight.", "Belmont")
    again = shooting("Two men were hurt by gunfire in Old North, Dayton police said.", "Old North")
    street = shooting("Two men were wounded on 5th Street in Dayton overnight.", "600 block of 5th Street")
    # one report names the other's district among its places: readers chose different details of one story
    both = shooting("Two men were wounded near Belmont in Old North overnight.", "Old North", ("belmont",))
    assert score_pair(north, east).reasons["place"] < 0 < score_pair(north, again).reasons["place"]
    assert score_pair(north, again).reasons["place"] > score_pair(north, street).reasons["place"] > 0
    assert score_pair(east, both).reasons["place"] >= 0


def test_reports_of_a_mass_shooting_may_name_different_victims() -> None:
    def shooting(text: str, victim: str, killed: int, wounded: int) -> EventProfile:
        return primary(text, [event("ev1", day="2024-05-12", city="Dayton", killed=killed, wounded=wounded,
                                    people=((victim, "victim"),))])

    # nine shot at a festival: one report tells of one wounded woman, another of a man who died
    a = shooting("Nadia Pruitt was among nine people shot at the Dayton riverfront festival.", "Nadia Pruitt",
                 2, 7)
    b = shooting("Leon Achebe died after gunfire at the riverfront festival in Dayton.", "Leon Achebe", 2, 7)
    # one person shot in each: different named victims are two shootings
    c = shooting("Nadia Pruitt was shot on Fern Avenue in Dayton.", "Nadia Pruitt", 0, 1)
    d = shooting("Leon Achebe was shot on Fern Avenue in Dayton.", "Leon Achebe", 0, 1)
    assert score_pair(a, b).reasons["people"] == 0.0
    assert score_pair(c, d).reasons["people"] < 0


def test_a_follow_up_naming_the_same_victim_pays_less_for_a_date_far_off() -> None:
    # a profile of the victim a week after the shooting
    attack = primary("Dario Mens, 44, was shot dead in a parking lot on Quay Street in Toledo last week.",
                     [event("ev1", day="2024-03-02", city="Toledo", people=(("Dario Mens", "victim"),))],
                     published="2024-03-09", title="Remembering Dario Mens")
    # a sentencing report whose attack the reader dated a year off (from a sentence about a prior case),
    # published long after and not on that date
    def sentenced(victim: str) -> EventProfile:
        return primary(f"A Toledo man was sentenced to 30 years for the killing of {victim} on Quay Street.",
                       [event("ev1", "sentence", day="2024-11-20"),
                        event("ev2", day="2023-03-02", city="Toledo", people=((victim, "victim"),))],
                       published="2024-11-20", title="Sentence in Quay Street killing")

    same, other = sentenced("Dario Mens"), sentenced("Lena Oduya")
    assert same.follow_up and other.follow_up
    assert score_pair(attack, other).reasons["date"] == -0.5
    assert -0.5 < score_pair(attack, same).reasons["date"] < -0.2
