"""Modality and polarity of statements, on sentences we wrote."""

from __future__ import annotations

import pytest
from attribution_support import claims_on, modalities_on, read

from wireledger.nlp.modality import polarity_of

CASES = [
    ("The ruling party has not been linked to the fire.", "has not been linked", "denied"),
    ("The ministry has not commented on the report.", "has not commented", "denied"),
    ("The army denied that its troops fired on the crowd.", "its troops fired on the crowd", "denied"),
    ("No group has claimed responsibility for the blast.", "No group has claimed", "denied"),
    ("It remains unclear who planted the device.", "It remains unclear", "unknown"),
    ("The driver's condition is unknown.", "condition is unknown", "unknown"),
    ("Police have not released the names of the victims.", "have not released", "unknown"),
    ("Officials said the death toll could rise.", "the death toll could rise", "hypothetical"),
    ("If the fire was set deliberately, charges will follow.", "If the fire was set deliberately",
     "hypothetical"),
    ("The suspect allegedly stabbed the guard twice.", "allegedly stabbed", "alleged"),
    ("He was reportedly known to the authorities.", "reportedly known", "alleged"),
    ("Prosecutors accused him of laundering the ransom money.", "laundering the ransom money", "alleged"),
    ("Police said the man was shot twice in the leg.", "the man was shot twice", "reported"),
    ("The bridge was closed for three hours.", "The bridge was closed", "asserted"),
]


@pytest.mark.parametrize(("text", "words", "modality"), CASES, ids=[c[2] + ":" + c[1] for c in CASES])
def test_modality(text: str, words: str, modality: str) -> None:
    r = read(text)
    assert modality in modalities_on(r, words), [(c.text, c.modality) for c in r.claims]


def test_polarity_follows_modality() -> None:
    assert polarity_of("denied") == "negative"
    assert polarity_of("unknown") == "uncertain"
    assert polarity_of("hypothetical") == "uncertain"
    assert polarity_of("reported") == "positive"


def test_negated_statements_never_become_positive_events() -> None:
    r = read("Kyiv has not been linked to the bombing and no shots were fired at the checkpoint.")
    for c in claims_on(r, "no shots were fired"):
        assert c.modality == "denied" and c.polarity == "negative"
    for ev in r.events:
        if ev.trigger is not None and "shots" in r.document.text[ev.trigger.start:ev.trigger.end]:
            assert ev.polarity == "negative"
