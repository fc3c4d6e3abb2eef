"""Plain-text reports: header lines, first-line titles, segmentation, dates, language."""

from __future__ import annotations

from pathlib import Path

import pytest

from wireledger.errors import UsageError
from wireledger.ingest import example_article_path
from wireledger.model import document_id


def test_header_lines_fill_fields_and_leave_the_text(ingest, ingest_dir, check_offsets):
    (doc,), problems = ingest([ingest_dir / "header_report.txt"])
    assert problems == []
    assert doc.title == "Explosion at fuel depot kills three workers in Harbin Province"
    assert doc.title_span is None  # the title was in the header, not in the text
    assert doc.published == "2026-03-14" and doc.published_original == "2026-03-14"
    assert doc.url == "https://example.org/news/2026/03/14/fuel-depot-blast"
    assert doc.outlet == "The Northern Ledger" and doc.author == "Mara Lindqvist"
    assert "Title:" not in doc.text and "Outlet:" not in doc.text
    assert doc.text.startswith("An explosion tore through")
    assert [s.heading for s in doc.sections] == ["Cause under investigation", "Earlier incidents at the site"]
    assert [c.name for c in doc.cited_sources] == [
        "provincial prosecutor's office", "regional emergency service (statement, 14 March)",
        "Harbin Fuel Logistics", "local residents"]
    assert doc.source_format == "text" and doc.language == "en" and doc.warnings == []
    assert doc.id == document_id(doc.text)
    check_offsets(doc)


def test_first_line_is_the_title_and_stays_in_the_text(ingest, ingest_dir, check_offsets):
    (doc,), _ = ingest([ingest_dir / "roundup.txt"])
    assert doc.title == "Three days of violence in the river districts"
    s, e = doc.title_span
    assert doc.text[s:e] == doc.title and s == 0
    assert [h.heading for h in doc.sections] == [
        "What happened on Friday?", "The districts most affected", "Reactions"]
    assert [c.name for c in doc.cited_sources] == [
        "City administration", "Mayor's office", "District police press service"]
    paragraphs = [doc.text[p.start:p.end] for p in doc.paragraphs]
    assert "By Tomas Reinholt" in paragraphs and "Monday, 9 March 2026" in paragraphs  # not headings
    assert not any(p.startswith("Sources") for p in paragraphs)
    assert all(p.start >= e for p in doc.paragraphs)  # the title is not a paragraph
    check_offsets(doc)


def test_single_newline_text_is_read_line_by_line(ingest, ingest_dir, check_offsets):
    (doc,), _ = ingest([ingest_dir / "single_newlines.txt"])
    assert doc.title == "Court jails former militia commander for 18 years"
    assert [s.heading for s in doc.sections] == ["Verdict and appeal", "Reaction from the observers"]
    assert len(doc.paragraphs) == 5
    assert [p.section for p in doc.paragraphs] == [None, None, 0, 0, 1]
    check_offsets(doc)


def test_hard_wrapped_wire_copy_keeps_paragraphs_whole(ingest, ingest_dir, check_offsets):
    (doc,), _ = ingest([ingest_dir / "wire_wrapped.txt"])
    assert doc.title is None  # the first line only starts a wrapped paragraph
    assert len(doc.paragraphs) == 4
    first = doc.text[doc.paragraphs[0].start:doc.paragraphs[0].end]
    assert first.startswith("KESSAR, March 15") and first.endswith("third suspect.")
    assert doc.sections == []
    check_offsets(doc)


def test_crlf_line_ends_give_the_same_document(ingest, ingest_dir, tmp_path):
    source = (ingest_dir / "header_report.txt").read_bytes()
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(source.replace(b"\n", b"\r\n"))
    (a,), _ = ingest([ingest_dir / "header_report.txt"])
    (b,), _ = ingest([crlf])
    assert a.id == b.id and a.text == b.text
    assert [s.heading for s in a.sections] == [s.heading for s in b.sections]


def test_published_option_fills_only_missing_dates(ingest, ingest_dir):
    docs, _ = ingest([ingest_dir / "header_report.txt", ingest_dir / "roundup.txt"], published="2026-03-20")
    by_name = {d.source_id.rsplit("/", 1)[-1]: d for d in docs}
    assert by_name["header_report.txt"].published == "2026-03-14"
    dated = by_name["roundup.txt"]
    assert dated.published == "2026-03-20" and dated.metadata["published_from"] == "option"
    assert not any(w.startswith("W004") for w in dated.warnings)
    (undated,), _ = ingest([ingest_dir / "roundup.txt"])
    assert undated.published is None and any(w.startswith("W004") for w in undated.warnings)


@pytest.mark.parametrize("bad", ["06/02/2026", "2026-02-30", "yesterday"])
def test_published_option_must_be_an_iso_date(ingest, ingest_dir, bad):
    with pytest.raises(UsageError) as err:
        ingest([ingest_dir / "roundup.txt"], published=bad)
    assert err.value.code == "E150"


def test_non_english_report_is_kept_and_flagged(ingest, ingest_dir):
    (doc,), problems = ingest([ingest_dir / "french_report.txt"])
    assert problems == []
    assert doc.language == "fr" and doc.language_confidence > 0.9
    flagged = [w for w in doc.warnings if w.startswith("W001")]
    assert flagged == [f"W001 {ingest_dir / 'french_report.txt'}: language is fr (confidence 1.00), "
                       "not English; stored but not read"]


def test_example_article_ships_with_the_package(ingest, check_offsets):
    path = example_article_path()
    assert path.is_file() and path.parent.name == "data"
    (doc,), problems = ingest([path], published="2026-02-06")
    assert problems == [] and doc.title
    assert 3 <= len(doc.sections) <= 4
    assert len(doc.cited_sources) >= 3
    check_offsets(doc)


def test_text_given_on_stdin_is_sniffed(ingest, ingest_dir):
    import io

    raw = (ingest_dir / "roundup.txt").read_bytes()
    (doc,), problems = ingest(["-"], stdin=io.BytesIO(raw))
    (same,), _ = ingest([ingest_dir / "roundup.txt"])
    assert problems == [] and doc.id == same.id and doc.source_id == "<stdin>"


def test_founding_example(ingest, check_offsets, shared: Path):
    (doc,), problems = ingest([shared / "seed" / "alekseev.txt"], published="2026-02-06")
    assert problems == []
    assert doc.title == "The shooter got away." and doc.published == "2026-02-06"
    assert [s.heading for s in doc.sections] == [
        "Shooting in capital", "Senior intelligence role", "Sanctions and accusations", "Broader context"]
    assert [c.name for c in doc.cited_sources] == [
        "Russian Investigative Committee", "SHOT", "U.S. Treasury", "Canadian government",
        "U.K. authorities", "The Kyiv Independent"]
    check_offsets(doc)


def test_a_broken_stdin_is_reported_not_raised(ingest, ingest_dir):
    import io

    stream = io.BytesIO(b"A report that will never be read.")
    stream.close()
    docs, problems = ingest(["-", ingest_dir / "roundup.txt"], stdin=stream)
    assert [str(p) for p in problems] == [
        "E116 <stdin>: ValueError: I/O operation on closed file.; skipped"]
    assert len(docs) == 1  # the next input is still read


def test_invisible_and_windows_1252_characters_are_mended(ingest, tmp_path):
    # text that went through Latin-1 by mistake keeps C1 codes where Windows-1252 had punctuation, and
    # pasted web copy hides zero-width spaces and soft hyphens before datelines and inside words
    raw = ("Gunfire in Harlow\n\n\u200bHARLOW \x97 Police said the \x93drive-by\x94 left two hurt at a "
           "co\u00adop.\n")
    path = tmp_path / "mixed.txt"
    path.write_text(raw, encoding="utf-8")
    (doc,), problems = ingest([path])
    assert not problems
    body = doc.text.split("\n\n", 1)[1]
    assert body == "HARLOW \u2014 Police said the \u201cdrive-by\u201d left two hurt at a coop."
