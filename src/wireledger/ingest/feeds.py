"""RSS and Atom feeds: one Document per item.

The XML is checked with defusedxml before feedparser sees it: entity declarations (the "billion
laughs" bomb) and external references are refused (E105), malformed XML is refused with its line (E104),
so feedparser never expands anything. An item's text is its content, else its summary, with HTML
stripped. Item links are fetched only when link following is on, through the given Fetcher.
"""

from __future__ import annotations

import calendar
import time
from collections.abc import Iterator
from typing import Any

from ..errors import InputError, Problem
from ..model import Document
from .build import DocumentDraft, build_document
from .dates import normalise_published, utc_timestamp
from .fetch import Fetcher
from .html import extract_article, fragment_text
from .textfile import clean_text

FEED_ROOTS = {"rss", "feed", "RDF"}


def check_feed_xml(data: bytes, name: str) -> None:
    """Refuse unsafe XML (E105) and XML that is not a well-formed RSS or Atom document (E104)."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError("E105", name, f"unsafe XML: {_defused_reason(exc)}", "0 items read") from exc
    except ParseError as exc:
        message = str(exc).split(":", 1)[0]
        line = exc.position[0] if getattr(exc, "position", None) else None
        if message == "undefined entity":
            return  # an HTML entity such as &nbsp; in a sloppy feed: nothing to expand; feedparser copes
        where = f"line {line}: {message}" if line else message
        raise InputError("E104", name, f"not valid RSS or Atom ({where})", "0 items read") from exc
    tag = root.tag.rsplit("}", 1)[-1] if isinstance(root.tag, str) else ""
    if tag not in FEED_ROOTS:
        raise InputError("E104", name, f"not valid RSS or Atom (root element <{tag}>)", "0 items read")


def _defused_reason(exc: Exception) -> str:
    kind = type(exc).__name__
    sysid = getattr(exc, "sysid", None)
    if kind == "EntitiesForbidden" and sysid:
        return f"it declares an external entity ({sysid})"
    if kind == "EntitiesForbidden":
        return "it declares entities (possible entity-expansion bomb)"
    if kind in ("ExternalReferenceForbidden", "DTDForbidden"):
        return "it refers to external entities or a DTD"
    return kind


def _entry_text(entry: Any) -> tuple[str, list[str], bool]:
    """(text, headings, came from the summary) of a feed item."""
    best = ""
    best_type = "text/html"
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if len(value) > len(best):
            best, best_type = value, content.get("type") or "text/html"
    from_summary = False
    if not best.strip():
        best = entry.get("summary") or ""
        detail = entry.get("summary_detail") or {}
        best_type = detail.get("type") or "text/html"
        from_summary = True
    if "html" in best_type or "xml" in best_type:
        text, headings = fragment_text(best)
    else:
        text, headings = clean_text(best), []
    return text, headings, from_summary


def _published(entry: Any) -> tuple[str | None, str | None]:
    """(as written, normalised from feedparser's own parse) of an item's date."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            parsed = entry.get(f"{key}_parsed")
            normalised = None
            if isinstance(parsed, time.struct_time):
                normalised = utc_timestamp_from_struct(parsed)
            return str(raw), normalised
    return None, None


def utc_timestamp_from_struct(parsed: time.struct_time) -> str:
    from datetime import UTC, datetime

    return utc_timestamp(datetime.fromtimestamp(calendar.timegm(parsed), UTC))


def read_feed(data: bytes, name: str, default_published: str | None, fetch_enabled: bool,
              fetcher: Fetcher | None) -> Iterator[Document | Problem]:
    """Documents (and item problems) of one feed file."""
    check_feed_xml(data, name)
    import feedparser  # slow to import; only feeds need it

    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        reason = str(parsed.get("bozo_exception") or "no feed elements")
        raise InputError("E104", name, f"not valid RSS or Atom ({reason})", "0 items read")
    if not parsed.entries:
        yield Problem("E101", name, "feed has no items", "0 items read")
        return
    feed_title = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, 1):
        item = f"{name} item {number}"
        try:
            doc = _item_document(entry, item, name, number, feed_title, default_published,
                                 fetch_enabled, fetcher)
        except InputError as exc:
            yield exc.problem
            continue
        yield doc


def _item_document(entry: Any, item: str, name: str, number: int, feed_title: str | None,
                   default_published: str | None, fetch_enabled: bool,
                   fetcher: Fetcher | None) -> Document:
    text, headings, from_summary = _entry_text(entry)
    link = entry.get("link")
    warnings: list[str] = []
    metadata: dict[str, Any] = {"feed": name, "item": number}
    if entry.get("id"):
        metadata["guid"] = entry.get("id")
    author = entry.get("author")
    if fetch_enabled and link and fetcher is not None:
        try:
            page = fetcher.fetch(link)
            article = extract_article(page.content, link, url=page.url)
        except Exception as exc:  # a pluggable fetcher may fail in any way; the item goes on
            cause = exc.problem.cause if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}"
            if not text:
                raise InputError("E115", item, f"link {link} not fetched ({cause}) and the item has no "
                                 "text of its own", "item skipped") from exc
            warnings.append(str(Problem("W006", item, f"link not fetched ({cause})", "item text used")))
        else:
            text, headings, from_summary = article.text, article.headings, False
            metadata["fetched_url"] = page.url
            author = author or article.author
    elif link and from_summary:
        warnings.append(str(Problem("W006", item, "link not fetched (fetching is off)", "summary used")))
    if from_summary and text:
        warnings.append(str(Problem("W005", item, "item has no full content", "summary used")))
    if not text:
        raise InputError("E112", item, "item has no text", "item skipped")
    title, _ = fragment_text(entry.get("title") or "")
    raw_date, parsed_date = _published(entry)
    draft = DocumentDraft(
        text=text, source_id=str(entry.get("id") or link or f"{name}#item{number}"),
        source_format="feed", input_name=item, title=title or None, url=link, outlet=feed_title,
        author=author, published_raw=raw_date, headings=headings or None, warnings=warnings,
        metadata=metadata,
    )
    doc = build_document(draft, default_published)
    if raw_date and parsed_date and normalise_published(raw_date) is None:
        # feedparser understood a date our parser did not: use it (in UTC, the offset is gone), drop the
        # W004 about it
        doc.published = parsed_date[:10]
        doc.metadata["published_utc"] = parsed_date
        doc.warnings = [w for w in doc.warnings if not w.startswith("W004")]
        doc.metadata.pop("published_from", None)
    return doc
