"""Segmentation and the text header: fixtures we wrote, and properties that hold for any text."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from wireledger.ingest.segment import (
    first_line_title,
    line_spans,
    locate_title,
    looks_like_heading,
    segment,
    split_sources,
)
from wireledger.ingest.textfile import HEADER_KEYS, clean_text, parse_header

# --- shapes of lines -------------------------------------------------------------------------------


def test_heading_shapes():
    for heading in ("Shooting in capital", "Reaction from Kyiv", "What happens next?", "Background",
                    "ARRESTS AND CHARGES", "2024 attacks in review"):
        assert looks_like_heading(heading), heading
    for line in ("Police said the gunman fled.", "By Anna Berg", "February 6, 2026",
                 "Friday, 6 Feb 2026 14:05 EST", "- first item", "1. First item", '"We heard shots"',
                 "lowercase start of a line", "Follow us on Twitter", "Read more", "MOSCOW -",
                 "VIDEO: Scene of the attack", "Smith, 34, of Main Street, Springfield",
                 "One two three four five six seven eight nine ten eleven", "Sources: Reuters"):
        assert not looks_like_heading(line), line


def test_sources_split_at_commas_outside_brackets():
    line = "Sources: Interior Ministry (statement, 3 May); AP, AFP and Reuters, U.K. police."
    start = line.index(":") + 1
    names = [c.name for c in split_sources(line, start, len(line))]
    assert names == ["Interior Ministry (statement, 3 May)", "AP", "AFP and Reuters", "U.K. police"]
    line2 = "Sources: Reuters, AP, and the Daily Sentinel."
    assert [c.name for c in split_sources(line2, 8, len(line2))] == ["Reuters", "AP", "the Daily Sentinel"]


def test_a_lone_short_line_at_the_end_is_not_a_heading():
    text = "Title here\n\nA paragraph that says enough words to be a real paragraph of text.\n\nThe end"
    seg = segment(text, first_line_title(text))
    assert seg.sections == [] and len(seg.paragraphs) == 2


def test_two_short_lines_in_a_row_are_not_headings():
    text = ("Report\n\nA paragraph that says enough words to be a real paragraph of text.\n\n"
            "Moscow\n\nKyiv\n\nAnother paragraph that says enough words to be a real paragraph.")
    seg = segment(text, first_line_title(text))
    assert [s.heading for s in seg.sections] == ["Kyiv"]  # "Moscow" is followed by a short line


def test_known_headings_replace_the_shape_rules():
    text = "Intro paragraph with several words in it.\n\nWhat we know so far:\n\nDetails follow here."
    hinted = segment(text, None, headings=["What we know so far:"])
    assert [s.heading for s in hinted.sections] == ["What we know so far:"]
    assert segment(text, None).sections == []  # a final colon is not a heading by shape alone


def test_title_span_is_not_a_paragraph():
    text = "Headline line\nFirst paragraph follows right below it, in the same block.\n\nSecond one."
    seg = segment(text, (0, 13))
    assert [text[p.start:p.end] for p in seg.paragraphs] == [
        "First paragraph follows right below it, in the same block.", "Second one."]


def test_the_title_is_found_behind_page_furniture():
    title = "Farmer hurt in Millbrook barn shooting"
    marked = f"\u00d7 {title}\n\nMILLBROOK - A farmer was hurt."
    s, e = locate_title(marked, title)
    assert marked[s:e] == title
    dated = f"Posted: Monday, 3/2/2026\n\n{title} Updated: Tuesday\n\nMILLBROOK - A farmer was hurt."
    s, e = locate_title(dated, title)
    assert dated[s:e] == title
    quoted = f"Neighbours said that {title}\n\nMILLBROOK - A farmer was hurt."
    assert locate_title(quoted, title) is None  # the words inside a sentence are not the headline


# --- properties ------------------------------------------------------------------------------------

LINE_CHARS = string.ascii_letters + string.digits + " ,.;:!?'\"()-–—" + "éüßжЖ"
any_text = st.text(alphabet=st.sampled_from(list(LINE_CHARS + "\n\r\t")), max_size=600)


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_offsets_always_index_into_the_text(text):
    title = first_line_title(text)
    seg = segment(text, title)
    if title:
        assert 0 <= title[0] < title[1] <= len(text)
    for sec in seg.sections:
        assert 0 <= sec.start < sec.heading_end <= sec.end <= len(text)
        assert text[sec.start:sec.heading_end] == sec.heading
    previous_end = -1
    for para in seg.paragraphs:
        assert 0 <= para.start < para.end <= len(text)
        assert para.start >= previous_end
        previous_end = para.end
        assert para.section is None or 0 <= para.section < len(seg.sections)
        if title:
            assert para.end <= title[0] or para.start >= title[1]
    for src in seg.cited_sources:
        assert 0 <= src.start < src.end <= len(text) and text[src.start:src.end] == src.name
    for start, end, _ in line_spans(text):
        assert text[start:end] == text[start:end].strip() != ""


words = st.text(alphabet=string.ascii_lowercase, min_size=2, max_size=9)
heading_st = st.builds(lambda first, rest: " ".join([first.capitalize(), *rest]), words,
                       st.lists(words, min_size=0, max_size=4)).filter(looks_like_heading)
paragraph_st = st.builds(lambda ws: " ".join(ws).capitalize() + ".",
                         st.lists(words, min_size=9, max_size=40))
source_st = st.builds(lambda ws: " ".join(w.capitalize() for w in ws),
                      st.lists(words, min_size=1, max_size=3))
section_st = st.tuples(heading_st, st.lists(paragraph_st, min_size=1, max_size=3))


@settings(max_examples=200, deadline=None)
@given(st.lists(section_st, min_size=1, max_size=4),
       st.lists(paragraph_st, min_size=1, max_size=2), st.lists(source_st, max_size=5))
def test_generated_articles_are_cut_back_into_their_parts(sections, lead, sources):
    parts = ["Generated headline for a report", *lead]
    for heading, paragraphs in sections:
        parts += [heading, *paragraphs]
    if sources:
        parts.append("Sources: " + ", ".join(sources))
    text = "\n\n".join(parts)
    seg = segment(text, first_line_title(text))
    assert [s.heading for s in seg.sections] == [h for h, _ in sections]
    assert len(seg.paragraphs) == len(lead) + sum(len(p) for _, p in sections)
    assert [c.name for c in seg.cited_sources] == sources


# --- the text header -------------------------------------------------------------------------------

header_value = st.text(alphabet=string.ascii_letters + string.digits + " -:/.,", min_size=1, max_size=60).map(
    str.strip).filter(bool)
KEYS = sorted(HEADER_KEYS)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(KEYS), header_value, max_size=5), st.lists(paragraph_st, min_size=1,
       max_size=3), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_header_lines_are_read_and_stripped(fields, body_parts, newline, upper):
    body = "\n\n".join(body_parts)
    header = "".join(f"{k.upper() if upper else k.capitalize()}: {v}{newline}" for k, v in fields.items())
    text = header + newline + body if fields else body
    parsed = parse_header(text)
    expected: dict[str, str] = {}
    for key, value in fields.items():
        expected.setdefault(HEADER_KEYS[key], value)
    assert parsed.fields == expected
    assert text[parsed.body_start:] == body


def test_header_needs_known_keys():
    text = "Update: police say two were arrested.\n\nMore text."
    assert parse_header(text).fields == {} and parse_header(text).body_start == 0


@given(st.text(max_size=300))
def test_clean_text_is_idempotent(text):
    once = clean_text(text)
    assert clean_text(once) == once and "\r" not in once
