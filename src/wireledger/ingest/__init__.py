"""Ingestion: news inputs of every supported format to Documents.

Readers: plain text (``.txt``, ``.md``; optional ``Key: value`` header), saved web pages (``.html``,
``.htm``; trafilatura), RSS/Atom feeds (``.xml``, ``.rss``, ``.atom``; feedparser behind a defusedxml
check), JSON Lines (``.jsonl``, ``.ndjson``; configurable fields), and ``.gz`` of any of these; folders,
globs and ``-`` for stdin. Bad input never raises out of ``iter_inputs``: it becomes a coded Problem.
See docs/ingest.md.
"""

from __future__ import annotations

from pathlib import Path

from .fetch import FetchedPage, Fetcher, UrllibFetcher
from .options import FORMATS, IngestOptions
from .readers import count_inputs, iter_inputs, read_bytes


def example_article_path() -> Path:
    """An invented example report that ships with the package (used by ``make demo``)."""
    return Path(__file__).resolve().parent / "data" / "example.txt"


__all__ = [
    "FORMATS", "FetchedPage", "Fetcher", "IngestOptions", "UrllibFetcher", "count_inputs",
    "example_article_path", "iter_inputs", "read_bytes",
]
