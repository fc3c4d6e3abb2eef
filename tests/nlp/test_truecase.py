"""Truecasing all-capitals wire copy without moving any character."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from wireledger.nlp.truecase import Truecaser, looks_upper


def small_truecaser() -> Truecaser:
    return Truecaser(forms={"the": "lower", "police": "lower", "said": "lower", "bomb": "lower",
                            "exploded": "lower", "near": "lower", "monday": "title", "fbi": "upper",
                            "mcdonald": "McDonald", "office": "lower", "of": "lower", "in": "lower",
                            "on": "lower"})


def test_ordinary_words_lower_names_capitalised_acronyms_upper() -> None:
    tc = small_truecaser()
    text = "POLICE SAID THE BOMB EXPLODED NEAR THE OFFICE OF MCDONALD IN QUETZALTENANGO ON MONDAY [FBI]."
    out = tc.restore(text)
    assert out == ("Police said the bomb exploded near the office of McDonald in Quetzaltenango on "
                   "Monday [FBI].")


def test_sentence_start_and_brackets() -> None:
    tc = small_truecaser()
    out = tc.restore("THE BOMB EXPLODED. THE POLICE SAID [XKCD] [TEXT] THE OFFICE")
    assert out.startswith("The bomb exploded. The police said [XKCD]")
    assert "[TEXT]" in out  # an unknown bracketed word reads as an acronym


def test_inflected_forms_of_known_words_stay_lower() -> None:
    tc = small_truecaser()
    assert tc.form_of("BOMBS") == "bombs"
    assert tc.form_of("OFFICES") == "offices"
    assert tc.form_of("ZACATECOLUCA") == "Zacatecoluca"
    assert tc.form_of("PNC") == "PNC"  # no vowel: an acronym


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_restore_never_changes_length(text: str) -> None:
    out = small_truecaser().restore(text.upper())
    assert len(out) == len(text.upper())
    assert out.lower() == text.upper().lower() or len({len(c.lower()) for c in text.upper()}) > 1


def test_mixed_case_text_is_left_alone() -> None:
    text = "Police said the bomb exploded near the office in Quetzaltenango on Monday."
    assert not looks_upper(text)
    assert small_truecaser().restore_if_upper(text) == text
    assert looks_upper(text.upper())


def test_statistics_round_trip(tmp_path: Path) -> None:
    tc = small_truecaser()
    path = tmp_path / "stats.json.gz"
    tc.to_file(path)
    assert Truecaser.load(path).forms == tc.forms


def test_shipped_statistics_read_wire_copy(fixtures: Path) -> None:
    tc = Truecaser.load()
    text = (fixtures / "muc4" / "bombing.txt").read_text(encoding="utf-8")
    out = tc.restore(text)
    assert len(out) == len(text)
    assert "Cali" in out and "exploded" in out and "[ELN]" in out
    assert "the building" in out
