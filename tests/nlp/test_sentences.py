"""Layout-aware sentences: headlines, headings and the Sources line stand alone; abbreviations do not
end sentences; hard-wrapped lines are not broken apart."""

from __future__ import annotations

from events_support import text_document
from reading_support import read_fixture, read_text

from wireledger.model import Document, Paragraph, Section
from wireledger.nlp.base import ReadingDoc
from wireledger.nlp.sentences import hard_breaks


def sentences_of(doc: ReadingDoc) -> list[str]:
    return [doc.text[s:e] for s, e in doc.sentences]


def test_headline_headings_and_sources_line_stand_alone() -> None:
    doc = read_fixture("entities_minsk_general.txt")
    sents = sentences_of(doc)
    assert sents[0] == "General wounded outside his home"
    for heading in ("Attack outside apartment block", "Career"):
        assert heading in sents, sents
    assert sents[-1].startswith("Sources:")
    assert not any(s.endswith(("Career", "block")) and len(s) > 40 for s in sents)


def test_sentences_never_cross_a_paragraph_break() -> None:
    doc = read_fixture("entities_journalist_attack.txt")
    assert doc.sentences
    assert not any("\n\n" in s for s in sentences_of(doc))


def test_abbreviations_do_not_end_sentences() -> None:
    doc = read_text("Raid on depot\n\nBelarusian Maj. Gen. Anton Zhuravsky met Lt. Col. Ray Smith on Feb. 6 "
                    "in the U.S. capital. Det. Sgt. Bo Li of the St. Paul police joined them at 9 a.m. on "
                    "Sept. 3.")
    sents = sentences_of(doc)
    assert sents == [
        "Raid on depot",
        "Belarusian Maj. Gen. Anton Zhuravsky met Lt. Col. Ray Smith on Feb. 6 in the U.S. capital.",
        "Det. Sgt. Bo Li of the St. Paul police joined them at 9 a.m. on Sept. 3.",
    ]


def test_hard_wrapped_lines_are_one_sentence() -> None:
    text = ("Title line\n\nTHE ARMY COMMAND HAS REPORTED THAT ABOUT FIFTY PEASANTS HAVE BEEN KIDNAPPED\n"
            "BY AN ARMED GROUP IN THE NORTHERN DEPARTMENT OF THE COUNTRY LAST WEEK. THE SOURCE\n"
            "ADDED THAT THE GROUP FORCED THEM OUT OF THEIR HOMES.")
    sents = sentences_of(read_text(text))
    assert len(sents) == 3, sents
    assert sents[1].endswith("LAST WEEK.")


def test_hard_breaks_from_layout_without_a_parse() -> None:
    text = "Headline\nShort heading\nA first paragraph that goes on. And on.\n\nSources: A, B"
    doc = Document(id="d", source_id="s", text=text, title_span=(0, 8),
                   sections=[Section("Short heading", 9, 62, 22)],
                   paragraphs=[Paragraph(23, 61, 0), Paragraph(63, len(text), 0)])
    breaks = hard_breaks(doc)
    assert min(breaks) in (8, 9)  # after the headline
    assert 23 in breaks  # after the heading
    assert text.index("Sources") in breaks
    assert text.index("And on") not in breaks  # a full stop inside a paragraph is the parser's call



def _recased(title: str, body: str) -> str:
    from wireledger.nlp.sentences import recased_text

    text = f"{title}\n\n{body}"
    return recased_text(text_document(text, None, title))[: len(title)]


def test_a_title_case_headline_is_parsed_in_sentence_case() -> None:
    assert _recased("Man Shoots Wife, Then Himself In Jackson Home",
                    "A man shot his wife on Sunday, deputies said.") == (
        "Man shoots wife, then himself in Jackson home")


def test_recasing_keeps_names_the_body_writes_capitalised() -> None:
    # "Rose" and "Hunter" are ordinary words elsewhere; this body writes them as a name
    got = _recased("Rose Hunter Wounded Outside Bar", "Police said Rose Hunter, 23, was hit in the arm.")
    assert got == "Rose Hunter wounded outside bar"
    # "New Haven": "new" is ordinary, but the body writes it capitalised beside "Haven"
    assert _recased("Five Shot In New Haven Early Sunday",
                    "Five people were shot in New Haven early Sunday.").startswith("Five shot in New Haven")
    # a word between two names is part of them; initials and acronyms keep their capitals
    assert _recased("Otter Tail County Boy Dies After FBI Raid In D.C.",
                    "The boy died on Monday.") == "Otter Tail County boy dies after FBI raid in D.C."


def test_a_headline_in_ordinary_case_is_left_alone() -> None:
    title = "Man shot on Main Street in Dayton"
    assert _recased(title, "A man was shot on Main Street.") == title
