"""Options of one ingest run (what the command line's ingest flags set)."""

from __future__ import annotations

from dataclasses import dataclass

FORMATS = ("text", "html", "feed", "jsonl")


@dataclass(frozen=True)
class IngestOptions:
    id_field: str = "id"
    text_field: str = "text"
    title_field: str = "title"
    published_field: str = "published"
    url_field: str = "url"
    published: str | None = None  # YYYY-MM-DD for inputs without a date of their own
    follow_links: bool = False  # fetch the page behind each feed item's link
    format: str | None = None  # force a reader: text | html | feed | jsonl
