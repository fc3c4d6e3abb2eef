"""JSON Lines: configurable fields, ids kept for joining back, one bad line never stops the file."""

from __future__ import annotations

import gzip
import io

from wireledger.ingest import IngestOptions, count_inputs
from wireledger.settings import Settings

REPORT_FIELDS = {"id_field": "uid", "text_field": "body", "title_field": "headline",
                 "published_field": "date", "url_field": "link"}


def test_configured_fields(ingest, ingest_dir, check_offsets):
    docs, problems = ingest([ingest_dir / "reports.jsonl"], **REPORT_FIELDS)
    assert problems == []
    assert [d.source_id for d in docs] == ["r-001", "r-002", "r-003", "4"]
    assert [d.metadata["input_id"] for d in docs] == ["r-001", "r-002", "r-003", "4"]
    first, second, third, fourth = docs
    assert first.title == "Man stabbed outside nightclub" and first.url == "https://example.net/r-001"
    assert first.published == "2026-02-01" and first.source_format == "jsonl"
    assert second.published == "2026-02-03" and second.published_original == "February 3, 2026"
    assert first.metadata["fields"] == {"desk": "crime"} and first.metadata["line"] == 1
    # the same headline and text under two ids: one Document id, two source ids
    assert first.id == third.id and first.source_id != third.source_id
    # the headline field opens the text, as the report's headline
    assert first.text.startswith("Man stabbed outside nightclub\n\nA 27-year-old man")
    assert first.text[slice(*first.title_span)] == first.title
    assert fourth.published is None and any(w.startswith("W004") for w in fourth.warnings)
    for doc in docs:
        check_offsets(doc)


def test_default_field_names_miss_every_line(ingest, ingest_dir):
    docs, problems = ingest([ingest_dir / "reports.jsonl"])
    assert docs == []
    assert [str(p) for p in problems] == [
        f"E111 {ingest_dir / 'reports.jsonl'}:{n}: field 'text' missing; line skipped" for n in range(1, 5)]


def test_dotted_fields_reach_into_objects(ingest, ingest_dir):
    (doc,), problems = ingest([ingest_dir / "nested.jsonl"], id_field="meta.id", text_field="article.text",
                              published_field="meta.when")
    assert problems == []
    assert doc.source_id == "n-1" and doc.published == "2026-06-01"
    assert doc.metadata["published_utc"] == "2026-06-01T10:00:00Z"
    assert doc.published_original == "2026-06-01T12:00:00+02:00"


def test_line_without_id_is_named_by_position(ingest, broken_dir):
    docs, _ = ingest([broken_dir / "missing_field.jsonl"], id_field="uid")
    assert [d.source_id for d in docs] == [f"{broken_dir / 'missing_field.jsonl'}:2"]
    assert "input_id" not in docs[0].metadata


def test_jsonl_on_stdin_and_gzipped(ingest, ingest_dir, tmp_path):
    raw = (ingest_dir / "reports.jsonl").read_bytes()
    from_stdin, problems = ingest(["-"], stdin=io.BytesIO(raw), **REPORT_FIELDS)
    assert problems == [] and [d.source_id for d in from_stdin] == ["r-001", "r-002", "r-003", "4"]
    packed = tmp_path / "reports.jsonl.gz"
    packed.write_bytes(gzip.compress(raw))
    from_gz, _ = ingest([packed], **REPORT_FIELDS)
    assert [d.id for d in from_gz] == [d.id for d in from_stdin]


def test_count_inputs_counts_lines(ingest_dir, broken_dir):
    options = IngestOptions()
    assert count_inputs([str(ingest_dir / "reports.jsonl")], options, Settings()) == 4
    assert count_inputs([str(broken_dir / "broken_line.jsonl"), str(ingest_dir / "roundup.txt")],
                        options, Settings()) == 6
    assert count_inputs(["-"], options, Settings()) is None
