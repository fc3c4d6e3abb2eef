"""The ingestion loop: every input path to Documents, or to coded Problems, never to an exception.

``iter_inputs`` expands the paths (folders, globs, ``-`` for stdin), opens each input under the size
cap, decides its format (forced by the options, else from the file name, else sniffed from the
content) and hands it to the reader of that format. A Problem whose code starts with E means that input
(or line, or feed item) was skipped; the loop goes on with the next one.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, Problem, UsageError
from ..model import Document
from ..settings import Settings
from .build import DocumentDraft, build_document
from .dates import is_iso_date
from .decode import binary_kind, decode_text
from .feeds import read_feed
from .fetch import Fetcher, UrllibFetcher
from .html import extract_article
from .jsonl import read_jsonl
from .options import FORMATS, IngestOptions
from .segment import first_line_title
from .sources import (
    EXTENSIONS,
    HEAD_BYTES,
    STDIN_NAME,
    InputFile,
    OpenedInput,
    expand_path,
    format_for_name,
    is_supported_name,
    iter_lines,
    open_file,
    open_stream,
    read_capped,
    sniff_format,
)
from .textfile import clean_text, parse_header

Item = Document | Problem


def read_text_input(data: bytes, name: str, source_id: str, default_published: str | None) -> Document:
    """A plain-text report: optional ``Key: value`` header, else the first line is the title."""
    decoded = decode_text(data, name)
    full = clean_text(decoded.text)
    header = parse_header(full)
    text = clean_text(full[header.body_start:])
    if not text:
        cause = "no text after the header" if header.fields else "file holds only whitespace"
        raise InputError("E112", name, cause, "skipped")
    title = header.fields.get("title")
    draft = DocumentDraft(
        text=text, source_id=source_id, source_format="text", input_name=name, title=title,
        title_span=None if title else first_line_title(text), url=header.fields.get("url"),
        outlet=header.fields.get("outlet"), author=header.fields.get("author"),
        published_raw=header.fields.get("published"), warnings=list(decoded.warnings),
        metadata={"input": name, "encoding": decoded.encoding},
    )
    return build_document(draft, default_published)


def read_html_input(data: bytes, name: str, source_id: str, default_published: str | None) -> Document:
    """A saved web page: its main text and metadata."""
    article = extract_article(data, name)
    draft = DocumentDraft(
        text=article.text, source_id=source_id, source_format="html", input_name=name,
        title=article.title, url=article.url, outlet=article.outlet, author=article.author,
        published_raw=article.published, headings=article.headings,
        metadata={"input": name, **article.metadata},
    )
    return build_document(draft, default_published)


class _Run:
    """One call of iter_inputs: the options, settings and fetcher every input is read with."""

    def __init__(self, options: IngestOptions, settings: Settings, fetcher: Fetcher | None) -> None:
        self.options = options
        self.settings = settings
        self.fetch_enabled = options.follow_links or settings.allow_fetch
        self.fetcher = fetcher
        if self.fetch_enabled and fetcher is None:
            self.fetcher = UrllibFetcher(settings.fetch_timeout, settings.max_bytes)

    def read_opened(self, opened: OpenedInput) -> Iterator[Item]:
        inner_name = opened.name[:-3] if opened.name.lower().endswith(".gz") else opened.name
        fmt = self.options.format or format_for_name(inner_name) or sniff_format(opened.head)
        published = self.options.published
        if fmt == "jsonl":
            kind = binary_kind(opened.head)
            if kind:
                raise InputError("E102", opened.name, f"{kind}, not text", "skipped")
            # Past an over-long line of a compressed or endless stream, give up rather than read on.
            lines = iter_lines(opened, self.settings.max_bytes, abort_long=opened.size is None)
            yield from read_jsonl(lines, opened.name, self.options, published)
            return
        data = read_capped(opened, self.settings.max_bytes)  # a bomb is refused before anything else
        kind = binary_kind(data[:8192])
        if kind and fmt != "text":  # the text reader names binaries itself (and knows UTF-16)
            raise InputError("E102", opened.name, f"{kind}, not text", "skipped")
        if fmt == "feed":
            yield from read_feed(data, opened.name, published, self.fetch_enabled, self.fetcher)
        elif fmt == "html":
            yield read_html_input(data, opened.name, opened.name, published)
        else:
            yield read_text_input(data, opened.name, opened.name, published)

    def read_guarded(self, open_input: Iterator[OpenedInput], name: str) -> Iterator[Item]:
        """Read one input; whatever goes wrong becomes a Problem naming it."""
        try:
            for opened in open_input:
                yield from self.read_opened(opened)
        except InputError as exc:
            yield exc.problem
        except Exception as exc:  # a reader's bug must not stop the batch: it is reported
            yield Problem("E116", name, f"{type(exc).__name__}: {exc}", "skipped")

    def file(self, item: InputFile) -> Iterator[Item]:
        if item.explicit and not self.options.format and not is_supported_name(item.name) \
                and Path(item.name).suffix:
            supported = " ".join(sorted(EXTENSIONS))
            yield Problem("E114", item.name, f"unsupported file type {Path(item.name).suffix!r} (supported: "
                          f"{supported}, and .gz of these)", "skipped")
            return

        def opened() -> Iterator[OpenedInput]:
            handle, size = open_file(item)
            with handle:
                yield open_stream(handle, item.name, size)

        yield from self.read_guarded(opened(), item.name)

    def stdin(self, stream: BinaryIO) -> Iterator[Item]:
        def opened() -> Iterator[OpenedInput]:
            yield open_stream(stream, STDIN_NAME, None)

        yield from self.read_guarded(opened(), STDIN_NAME)


def _check_options(options: IngestOptions) -> None:
    if options.format is not None and options.format not in FORMATS:
        raise UsageError(f"unknown format {options.format!r}; choose one of {', '.join(FORMATS)}")
    if options.published is not None and not is_iso_date(options.published):
        raise UsageError(f"--published must be a date written YYYY-MM-DD, not {options.published!r}")


def iter_inputs(paths: Sequence[str], options: IngestOptions, settings: Settings,
                fetcher: Fetcher | None = None, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Documents and Problems for every input, in a fixed order (paths as given; folders sorted).

    Raises UsageError (E150) for bad options before reading anything; never raises for bad input.
    """
    _check_options(options)
    run = _Run(options, settings, fetcher)
    for raw in paths:
        if raw == "-":
            yield from run.stdin(stdin if stdin is not None else sys.stdin.buffer)
            continue
        for entry in expand_path(raw):
            if isinstance(entry, Problem):
                yield entry
            else:
                yield from run.file(entry)


def read_bytes(data: bytes, name: str, options: IngestOptions, settings: Settings) -> Iterator[Item]:
    """Documents and Problems of one input held in memory (an upload to the API), named ``name``: the
    name's ending picks the reader as a file's would, and the name is the documents' source id."""
    _check_options(options)
    run = _Run(options, settings, None)

    def opened() -> Iterator[OpenedInput]:
        yield open_stream(io.BytesIO(data), name, len(data))

    yield from run.read_guarded(opened(), name)


def _count_lines(path: Path) -> int:
    """Lines with something on them (the JSONL reader passes over blank ones)."""
    with open(path, "rb") as handle:
        return sum(1 for line in handle if line.strip())


_FEED_ITEM = re.compile(rb"<(?:[A-Za-z][\w.-]*:)?(?:item|entry)[\s/>]", re.IGNORECASE)


def _count_feed_items(path: Path) -> int:
    """The items of a feed (RSS ``<item>``, Atom ``<entry>``); a feed without any still yields one
    result (its E101), so at least 1."""
    return max(1, len(_FEED_ITEM.findall(path.read_bytes())))


def count_inputs(paths: Sequence[str], options: IngestOptions, settings: Settings) -> int | None:
    """A cheap estimate of how many items ``iter_inputs`` will yield (JSONL lines, other files), for a
    progress bar; None when it cannot be told (stdin, compressed JSONL)."""
    total = 0
    for raw in paths:
        if raw == "-":
            return None
        for entry in expand_path(raw):
            if isinstance(entry, Problem):
                total += 1
                continue
            name = entry.name
            fmt = options.format or format_for_name(name) or _sniffed(entry.path)
            if fmt in ("jsonl", "feed") and name.lower().endswith(".gz"):
                return None  # counting would mean decompressing it twice
            try:
                total += (_count_lines(entry.path) if fmt == "jsonl"
                          else _count_feed_items(entry.path) if fmt == "feed" else 1)
            except OSError:
                total += 1  # it will be one problem
    return total


def _sniffed(path: Path) -> str | None:
    try:
        with open(path, "rb") as handle:
            return sniff_format(handle.read(HEAD_BYTES))
    except OSError:
        return None
