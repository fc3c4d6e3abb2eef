"""A definite anaphor ("after the blast") in the sentence that already names an attack is that attack, not
another event."""

from __future__ import annotations

from attribution_support import read


def test_the_blast_of_the_same_sentence_is_the_car_bombing_it_follows() -> None:
    reading = read(
        "Border guard shot in Tarnov\n\n"
        "A border guard was shot dead in Tarnov on Monday, police said.\n\n"
        "The killing follows the March 3 car bombing in Velsk that killed customs chief Oleg Marin, "
        "despite him being taken to hospital after the blast.", published="2026-03-12")
    bombings = [e for e in reading.events if e.type in ("bombing", "assassination") and e.background]
    assert len(bombings) == 1, [(e.type, e.date, e.killed, e.wounded) for e in reading.events]
    assert bombings[0].date is not None and bombings[0].date.value == "2026-03-03"

