"""Bad input: each case gets its coded one-line message naming the file (and line or item); valid
inputs beside it are still read; nothing raises out of the iterator."""

from __future__ import annotations

import gzip
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from wireledger.settings import Settings

KB = 1024
SMALL = Settings(max_bytes=64 * KB)  # the limit lowered so big inputs stay small in tests


@dataclass
class Case:
    make: Callable[[Path, Path], Path | str]  # (broken fixtures, tmp_path) -> the input to give
    expected: Callable[[str], list[str]]  # input name -> messages, in order
    docs: int = 0  # Documents still read from the same input
    settings: Settings = field(default_factory=Settings)


def static(name: str) -> Callable[[Path, Path], Path]:
    return lambda broken, tmp: broken / name


def _big_text(broken: Path, tmp: Path) -> Path:
    path = tmp / "huge.txt"
    line = b"A very long report that goes on and on about nothing in particular.\n"
    body = line * (200 * KB // len(line) + 1)
    path.write_bytes(body[: 200 * KB])
    return path


def _gzip_bomb(broken: Path, tmp: Path) -> Path:
    path = tmp / "bomb.html.gz"
    with gzip.open(path, "wb", compresslevel=9) as out:
        chunk = b"\0" * (64 * KB)
        for _ in range(64):  # 4 MB of zeros in a few KB
            out.write(chunk)
    return path


def _jsonl_bomb(broken: Path, tmp: Path) -> Path:
    path = tmp / "bomb.jsonl.gz"
    with gzip.open(path, "wb") as out:
        out.write(b'{"id": "ok", "text": "A first line that is perfectly fine to read."}\n')
        out.write(b'{"id": "bomb", "text": "' + b"a" * (1024 * KB))
    return path


def _long_line(broken: Path, tmp: Path) -> Path:
    path = tmp / "long_line.jsonl"
    path.write_bytes(b'{"id": "1", "text": "Police detained a man after a knife attack at a market."}\n'
                     + b'{"id": "2", "text": "' + b"x" * (100 * KB) + b'"}\n'
                     + b'{"id": "3", "text": "A second valid line after the oversized one."}\n')
    return path


def _deep_json(broken: Path, tmp: Path) -> Path:
    path = tmp / "deep.jsonl"
    path.write_bytes(b"[" * 100_000 + b"]" * 100_000 + b"\n")
    return path


def _dangling(broken: Path, tmp: Path) -> Path:
    link = tmp / "gone.txt"
    os.symlink(tmp / "deleted-long-ago.txt", link)
    return link


def _unreadable(broken: Path, tmp: Path) -> Path:
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their permissions")
    path = tmp / "locked.txt"
    path.write_text("A report nobody may read.\n\nIt has two paragraphs.")
    path.chmod(0)
    return path


def _empty_folder(broken: Path, tmp: Path) -> Path:
    folder = tmp / "nothing_here"
    folder.mkdir()
    (folder / "image.png").write_bytes(b"\x89PNG\r\n")
    return folder


def _executable(broken: Path, tmp: Path) -> Path:
    path = tmp / "tool.txt"
    path.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)))
    return path


def _cut_gzip_jsonl(broken: Path, tmp: Path) -> Path:
    full = gzip.compress(b''.join(b'{"id": "%d", "text": "Line %d of a dump that was cut short."}\n' % (i, i)
                                  for i in range(3000)))
    path = tmp / "cut.jsonl.gz"
    path.write_bytes(full[: len(full) * 2 // 3])
    return path


E_HDR = "unsupported file type '.docx' (supported: .atom .htm .html .jsonl .md .ndjson .rdf .rss .shtml " \
        ".text .txt .xhtml .xml, and .gz of these); skipped"

CASES: dict[str, Case] = {
    "empty file": Case(static("empty.txt"), lambda n: [f"E101 {n}: empty file (0 bytes); skipped"]),
    "whitespace only": Case(static("whitespace.txt"), lambda n: [
        f"E112 {n}: file holds only whitespace; skipped"]),
    "header without text": Case(static("header_only.txt"), lambda n: [
        f"E112 {n}: no text after the header; skipped"]),
    "binary named .txt": Case(static("picture.txt"), lambda n: [
        f"E102 {n}: a PNG image, not text; skipped"]),
    "executable named .txt": Case(_executable, lambda n: [
        f"E102 {n}: an executable, not text; skipped"]),
    "undecodable bytes": Case(static("undecodable.txt"), lambda n: [
        f"E103 {n}: not valid UTF-8 (byte 0) and no known encoding fits; skipped"]),
    "truncated gzip": Case(static("truncated.html.gz"), lambda n: [
        f"E108 {n}: truncated or corrupt gzip data (it ends before the end-of-stream marker); skipped"]),
    "corrupt gzip": Case(static("corrupt.txt.gz"), lambda n: [
        f"E108 {n}: truncated or corrupt gzip data (invalid block type); skipped"]),
    "empty gzip": Case(static("empty.html.gz"), lambda n: [
        f"E101 {n}: compressed file holds nothing; skipped"]),
    "gzip bomb": Case(_gzip_bomb, lambda n: [
        f"E109 {n}: decompresses to more than the 64.0 KB size limit (max_bytes); possible gzip bomb; "
        "skipped"], settings=SMALL),
    "gzip bomb in JSONL": Case(_jsonl_bomb, lambda n: [
        f"E109 {n}:2: line is over the 64.0 KB size limit (max_bytes); rest of the file skipped"],
        docs=1, settings=SMALL),
    # 1,985 complete lines survive in the first two thirds of the compressed data: all are read
    "cut-off gzipped JSONL": Case(_cut_gzip_jsonl, lambda n: [
        f"E108 {n}: truncated or corrupt gzip data after line 1985 (it ends before the end-of-stream "
        "marker); rest of the file skipped"], docs=1985),
    "text over the size limit": Case(_big_text, lambda n: [
        f"E107 {n}: file is 200.0 KB, over the 64.0 KB size limit (max_bytes); skipped"], settings=SMALL),
    "JSONL line over the size limit": Case(_long_line, lambda n: [
        f"E107 {n}:2: line is over the 64.0 KB size limit (max_bytes); line skipped"],
        docs=2, settings=SMALL),
    "page without article": Case(static("no_article.html"), lambda n: [
        f"E106 {n}: no article text found in the page; skipped"]),
    "malformed XML": Case(static("malformed.xml"), lambda n: [
        f"E104 {n}: not valid RSS or Atom (line 3: mismatched tag); 0 items read"]),
    "entity-expansion bomb": Case(static("entity_bomb.xml"), lambda n: [
        f"E105 {n}: unsafe XML: it declares entities (possible entity-expansion bomb); 0 items read"]),
    "external entity": Case(static("external_entity.rss"), lambda n: [
        f"E105 {n}: unsafe XML: it declares an external entity (file:///etc/passwd); 0 items read"]),
    "XML that is not a feed": Case(static("not_a_feed.xml"), lambda n: [
        f"E104 {n}: not valid RSS or Atom (root element <catalog>); 0 items read"]),
    "feed without items": Case(static("no_items.rss"), lambda n: [
        f"E101 {n}: feed has no items; 0 items read"]),
    "JSONL broken line": Case(static("broken_line.jsonl"), lambda n: [
        f"E110 {n}:3: not valid JSON (Expecting value at column 101); line skipped"], docs=4),
    "JSONL missing field": Case(static("missing_field.jsonl"), lambda n: [
        f"E111 {n}:1: field 'text' missing; line skipped"], docs=1),
    "JSONL empty, null and numeric text": Case(static("empty_text.jsonl"), lambda n: [
        f"E112 {n}:1: field 'text' is empty; line skipped", f"E112 {n}:2: field 'text' is null; line skipped",
        f"E111 {n}:3: field 'text' is a number, not text; line skipped"], docs=1),
    "JSONL line that is an array": Case(static("array_line.jsonl"), lambda n: [
        f"E110 {n}:1: a list, not a JSON object; line skipped"], docs=1),
    "JSONL line with invalid UTF-8": Case(static("bad_utf8_line.jsonl"), lambda n: [
        f"E103 {n}:2: line is not valid UTF-8 (byte 35); line skipped"], docs=2),
    "JSONL nested too deeply": Case(_deep_json, lambda n: [
        f"E110 {n}:1: JSON nested too deeply; line skipped"]),
    "binary JSONL": Case(static("binary_lines.jsonl"), lambda n: [
        f"E102 {n}: binary data (NUL bytes), not text; skipped"]),
    "unsupported extension": Case(static("report.docx"), lambda n: [f"E114 {n}: {E_HDR}"]),
    "missing path": Case(lambda b, t: t / "no" / "such.txt", lambda n: [
        f"E100 {n}: no such file or directory; skipped"]),
    "glob without matches": Case(lambda b, t: f"{t}/*.nothing", lambda n: [
        f"E100 {n}: no file matches this pattern; nothing read"]),
    "dangling link": Case(_dangling, lambda n: [
        f"E113 {n}: dangling link to {Path(n).parent / 'deleted-long-ago.txt'}; skipped"]),
    "unreadable file": Case(_unreadable, lambda n: [f"E100 {n}: permission denied; skipped"]),
    "folder without supported files": Case(_empty_folder, lambda n: [
        f"W008 {n}: 1 file(s) not reports by their type or name: image.png; left out (name a file "
        "directly to read it)",
        f"E101 {n}: folder holds no files of a supported type; nothing read"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_input_gets_its_coded_message(case, ingest, broken_dir, tmp_path):
    spec = CASES[case]
    target = spec.make(broken_dir, tmp_path)
    docs, problems = ingest([target], settings=spec.settings)
    assert [str(p) for p in problems] == spec.expected(str(target))
    assert len(docs) == spec.docs
    assert all(p.is_error for p in problems if p.code != "W008")


def test_at_least_25_broken_inputs():
    assert len(CASES) >= 25


def test_one_batch_of_broken_and_valid_inputs(ingest, broken_dir, ingest_dir, tmp_path):
    """All broken inputs in one folder with valid reports beside them: every problem reported, every
    valid report read, and the batch runs to the end."""
    batch = tmp_path / "batch"
    shutil.copytree(broken_dir, batch)
    for name in ("roundup.txt", "article.html", "feed_atom.atom", "header_report.txt"):
        shutil.copy(ingest_dir / name, batch / name)
    _dangling(broken_dir, batch)
    docs, problems = ingest([batch])
    codes = sorted(p.code for p in problems if p.is_error)
    # .docx is left out of folder walks (named in one W008); each other broken file reports once (or per
    # line/item)
    assert codes.count("E113") == 1 and "E105" in codes and "E104" in codes and "E106" in codes
    assert len(codes) == 23  # 19 files with one problem, empty_text.jsonl with 3, the link
    (left_out,) = [p for p in problems if p.code == "W008"]
    assert "report.docx" in left_out.cause
    titles = {d.title for d in docs}
    assert {"Three days of violence in the river districts", "Armed robbers hit cash van on ring road",
            "Sheriff warns of scam calls",
            "Explosion at fuel depot kills three workers in Harbin Province"} <= titles
    # valid lines of the broken JSONL files are read too
    assert {"j1", "j2", "j4", "j5", "m2", "e4", "a2", "a", "c"} <= {d.source_id for d in docs}
