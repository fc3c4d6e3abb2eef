"""Document ids come from normalised content; spans and dict round trips keep offsets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wireledger.model import CitedSource, Document, Section, document_id


def test_same_content_same_id_whatever_the_spacing_and_quotes() -> None:
    a = document_id("Police said the “suspect”  fled.\n\nNo one was hurt.")
    b = document_id("police said the \"suspect\" fled. No one was hurt.  ")
    assert a == b and a.startswith("doc_")
    assert document_id("Police said the suspect fled.") != a


@given(st.text(min_size=1, max_size=200))
def test_id_is_stable_and_whitespace_insensitive(text: str) -> None:
    assert document_id(text) == document_id(text)
    assert document_id(text) == document_id("  " + text.replace(" ", "\n ") + "\t")


def test_round_trip_keeps_sections_sources_and_spans() -> None:
    text = "Blast at depot\n\nA bomb went off.\n\nSources: Reuters, AP"
    doc = Document(id=document_id(text), source_id="a.txt", text=text, title="Blast at depot",
                   title_span=(0, 14), sections=[Section("Blast at depot", 0, 32, 14)],
                   cited_sources=[CitedSource("Reuters", 43, 50), CitedSource("AP", 52, 54)])
    again = Document.from_dict(doc.to_dict())
    assert again == doc
    assert again.source_ids == ["a.txt"]
    assert [text[c.start:c.end] for c in again.cited_sources] == ["Reuters", "AP"]
    span = doc.span(18, 22)
    assert (span.document, span.text) == (doc.id, "bomb")
