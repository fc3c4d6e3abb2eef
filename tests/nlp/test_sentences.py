"""Layout-aware sentences: headlines, headings and the Sources line stand alone; abbreviations do not
end sentences; hard-wrapped lines are not broken apart."""

from __future__ import annotations

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

