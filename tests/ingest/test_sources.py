"""Folders, globs, sniffing and ordering of inputs."""

from __future__ import annotations

import shutil

import pytest

from wireledger.errors import UsageError
from wireledger.ingest.sources import format_for_name, is_supported_name, sniff_format
from wl_testing import FIXTURES


def _tree(tmp_path, ingest_dir):
    root = tmp_path / "news"
    (root / "b" / "deep").mkdir(parents=True)
    (root / "a").mkdir()
    (root / ".hidden").mkdir()
    shutil.copy(ingest_dir / "roundup.txt", root / "b" / "deep" / "roundup.txt")
    shutil.copy(ingest_dir / "header_report.txt", root / "a" / "z_report.txt")
    shutil.copy(ingest_dir / "article.html", root / "a" / "page.htm")
    shutil.copy(ingest_dir / "single_newlines.txt", root / ".hidden" / "secret.txt")
    shutil.copy(ingest_dir / "wire_wrapped.txt", root / ".dotfile.txt")
    (root / "a" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not read")
    (root / "notes").write_text("no extension: left out of folder walks\n")
    return root


def test_folders_are_walked_recursively_in_sorted_order(ingest, ingest_dir, tmp_path):
    root = _tree(tmp_path, ingest_dir)
    docs, problems = ingest([root])
    assert [str(p) for p in problems] == [
        f"W008 {root}: 2 file(s) not reports by their type or name: a/photo.jpg, notes; left out (name a "
        "file directly to read it)"]
    assert [d.source_id for d in docs] == [
        str(root / "a" / "page.htm"), str(root / "a" / "z_report.txt"),
        str(root / "b" / "deep" / "roundup.txt")]
    again, _ = ingest([root])
    assert [d.id for d in again] == [d.id for d in docs]


def test_notes_and_readmes_in_a_folder_are_left_out_and_named(ingest, ingest_dir, tmp_path):
    """A folder gives its reports: markdown and README/NOTES-named files are left out (W008 names them);
    the same markdown file named directly is read."""
    root = tmp_path / "reports"
    root.mkdir()
    shutil.copy(ingest_dir / "roundup.txt", root / "roundup.txt")
    (root / "notes.md").write_text("# My notes\n\nCheck the roundup against the police log.\n")
    (root / "README.txt").write_text("Reports collected for the river districts project.\n")
    (root / "NOTES.TXT").write_text("Second thoughts on the same project.\n")
    docs, problems = ingest([root])
    assert [d.source_id for d in docs] == [str(root / "roundup.txt")]
    ((w,),) = [[p for p in problems if p.code == "W008"]]
    assert not w.is_error and "3 file(s)" in w.cause
    assert all(n in w.cause for n in ("notes.md", "README.txt", "NOTES.TXT"))
    direct, problems = ingest([root / "notes.md"])
    assert len(direct) == 1 and problems == []


def test_globs_expand_sorted(ingest, ingest_dir, tmp_path):
    root = _tree(tmp_path, ingest_dir)
    docs, problems = ingest([f"{root}/**/*.txt"])
    assert problems == []
    assert [d.source_id.rsplit("/", 1)[-1] for d in docs] == ["z_report.txt", "roundup.txt"]


def test_paths_keep_the_order_given(ingest, ingest_dir):
    docs, _ = ingest([ingest_dir / "roundup.txt", ingest_dir / "header_report.txt"])
    assert [d.source_id.rsplit("/", 1)[-1] for d in docs] == ["roundup.txt", "header_report.txt"]


def test_unknown_format_option_is_a_usage_error(ingest, ingest_dir):
    with pytest.raises(UsageError):
        ingest([ingest_dir / "roundup.txt"], format="pdf")


@pytest.mark.parametrize(("head", "expected"), [
    (b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
    (b"\xef\xbb\xbf<feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
    (b"<?xml version='1.0'?><!DOCTYPE html><html>", "html"),
    (b"  <!DOCTYPE html>\n<html lang=en>", "html"),
    (b"<div><p>fragment</p></div>", "html"),
    (b'{"id": 1, "text": "x"}\n{"id": 2}', "jsonl"),
    (b'{"id": 1, "text": "broken"\n', "text"),
    (b'{"id": 1, "text": "broken", }\n', "jsonl"),
    (b"Plain report\n\nWith two paragraphs.", "text"),
])
def test_sniff_format(head, expected):
    assert sniff_format(head) == expected


@pytest.mark.parametrize(("name", "fmt", "supported"), [
    ("a/report.TXT", "text", True), ("page.html.gz", "html", True), ("feed.rss", "feed", True),
    ("dump.ndjson", "jsonl", True), ("x.gz", None, True), ("scan.pdf", None, False),
    ("archive.tar.gz", None, False), ("README", None, False),
])
def test_names_and_formats(name, fmt, supported):
    assert format_for_name(name) == fmt
    assert is_supported_name(name) is supported


@pytest.mark.parametrize("folder", ["ingest", "broken", "articles"])
def test_the_progress_total_counts_items_not_files(folder):
    """``count_inputs`` (the progress bar's total) is the number of results the inputs give: a feed counts
    its items, a JSONL file its non-blank lines, each file or folder problem one."""
    from wireledger.ingest import IngestOptions, count_inputs, iter_inputs
    from wireledger.settings import Settings

    root = FIXTURES / folder
    settings = Settings(db=":memory:")
    for target in [root, *sorted(root.iterdir())]:
        expected = len(list(iter_inputs([str(target)], IngestOptions(), settings)))
        assert count_inputs([str(target)], IngestOptions(), settings) == expected, target


def test_the_progress_column_shows_no_made_up_total():
    from rich.progress import Progress

    from wireledger.cli.ingest_cmd import ItemsColumn

    column = ItemsColumn()
    with Progress(column, disable=True) as bar:
        unknown = bar.add_task("stdin", total=None, completed=2)
        known = bar.add_task("files", total=8, completed=3)
        overshoot = bar.add_task("files", total=8, completed=9)
        shown = {t.id: column.render(t).plain for t in bar.tasks}
    assert shown == {unknown: "2 items", known: "3/8", overshoot: "9 items"}
