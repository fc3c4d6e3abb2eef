"""RSS and Atom feeds: items to Documents, UTC timestamps, HTML stripped, fetching only when asked."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from wireledger.errors import InputError
from wireledger.ingest import FetchedPage, Fetcher, UrllibFetcher


class LocalPages:
    """A Fetcher serving pages from a dict (no network), recording what was asked."""

    def __init__(self, pages: dict[str, bytes]) -> None:
        self.pages = pages
        self.asked: list[str] = []

    def fetch(self, url: str) -> FetchedPage:
        self.asked.append(url)
        if url not in self.pages:
            raise InputError("E115", url, "HTTP 404 Not Found")
        return FetchedPage(url, self.pages[url], "text/html")


def test_rss_items_become_documents(ingest, ingest_dir, check_offsets):
    docs, problems = ingest([ingest_dir / "feed_rss.xml"])
    assert [str(p) for p in problems] == [
        f"E112 {ingest_dir / 'feed_rss.xml'} item 3: item has no text; item skipped"]
    first, second = docs
    assert first.source_format == "feed" and first.source_id == "coastal-herald-2026-0412"
    assert first.title == "Patrol boat fired on near Sela island"
    assert first.url == "https://coastal-herald.example/security/patrol-boat-fired-on"
    assert first.outlet == "Coastal Herald: Security" and first.author == "Anneke Vos"
    # a date, as everywhere: the day the outlet wrote (01:30 at +03:00 on the 12th); the moment is kept in
    # UTC (22:30 the day before), and the original with its offset
    assert first.published == "2026-04-12"
    assert first.metadata["published_utc"] == "2026-04-11T22:30:00Z"
    assert first.published_original == "Sun, 12 Apr 2026 01:30:00 +0300"
    assert [s.heading for s in first.sections] == ["Smuggling route"]
    assert "<p>" not in first.text and first.warnings == []
    assert second.source_id == "https://coastal-herald.example/security/harbour-bomb-threat"
    assert "nothing suspicious" in second.text and "<b>" not in second.text
    assert [w[:4] for w in second.warnings] == ["W006", "W005"]
    for doc in docs:
        check_offsets(doc)


def test_atom_entries_with_html_titles_and_offsets(ingest, ingest_dir):
    (shell, scam), problems = ingest([ingest_dir / "feed_atom.atom"])
    assert problems == []
    assert shell.title == "Avalanche control team finds unexploded shell"
    assert shell.published == "2026-05-02" and shell.metadata["published_utc"] == "2026-05-03T03:40:00Z"
    assert shell.published_original == "2026-05-02T22:40:00-05:00"
    assert shell.author == "Dale Whitford" and shell.outlet == "Mountain Post"
    assert len(shell.paragraphs) == 2
    assert scam.published == "2026-05-01" and scam.metadata["published_utc"] == "2026-05-01T08:00:00Z"
    assert scam.text.startswith("The sheriff's office warned residents")


def test_links_are_never_fetched_unless_asked(ingest, ingest_dir):
    pages = LocalPages({})
    docs, _ = ingest([ingest_dir / "feed_rss.xml"], fetcher=pages)
    assert pages.asked == [] and len(docs) == 2


def test_follow_links_fetches_through_the_fetcher(ingest, ingest_dir):
    article = (ingest_dir / "article.html").read_bytes()
    pages = LocalPages({"https://coastal-herald.example/security/harbour-bomb-threat": article})
    assert isinstance(pages, Fetcher)
    docs, problems = ingest([ingest_dir / "feed_rss.xml"], fetcher=pages, follow_links=True)
    assert pages.asked == [
        "https://coastal-herald.example/security/patrol-boat-fired-on",
        "https://coastal-herald.example/security/harbour-bomb-threat",
        "https://coastal-herald.example/galleries/port-at-night",
    ]
    first, second = docs
    # item 1: page missing, its own content kept with a warning
    assert "coast guard patrol boat" in first.text
    assert [w[:4] for w in first.warnings] == ["W006"] and "HTTP 404" in first.warnings[0]
    # item 2: the fetched page replaces the summary; title and date stay the item's
    assert "cash-in-transit van" in second.text and second.metadata["fetched_url"].endswith("bomb-threat")
    assert second.title == "Harbour master's office evacuated after bomb threat"
    assert not any(w.startswith(("W005", "W006")) for w in second.warnings)
    # item 3: no text of its own and the page cannot be fetched
    assert [p.code for p in problems] == ["E115"]
    assert str(problems[0]).startswith(f"E115 {ingest_dir / 'feed_rss.xml'} item 3: link ")


@pytest.fixture
def local_server(ingest_dir: Path) -> Iterator[str]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(ingest_dir), **kwargs)

        def log_message(self, format, *args):  # keep test output quiet
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_urllib_fetcher_against_a_local_server(local_server, ingest_dir):
    fetcher = UrllibFetcher(timeout=5, max_bytes=1_000_000)
    page = fetcher.fetch(f"{local_server}/article.html")
    assert page.content == (ingest_dir / "article.html").read_bytes()
    assert page.content_type and page.content_type.startswith("text/html")
    with pytest.raises(InputError) as missing:
        fetcher.fetch(f"{local_server}/nowhere.html")
    assert missing.value.code == "E115" and "404" in str(missing.value)
    with pytest.raises(InputError) as too_big:
        UrllibFetcher(timeout=5, max_bytes=100).fetch(f"{local_server}/article.html")
    assert "size limit" in str(too_big.value)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)"])
def test_urllib_fetcher_refuses_other_schemes(url):
    with pytest.raises(InputError) as err:
        UrllibFetcher().fetch(url)
    assert err.value.code == "E115"


class BrokenFetcher:
    def fetch(self, url: str) -> FetchedPage:
        raise ConnectionResetError("peer went away")


def test_a_failing_fetcher_costs_only_its_items(ingest, ingest_dir):
    docs, problems = ingest([ingest_dir / "feed_rss.xml"], fetcher=BrokenFetcher(), follow_links=True)
    assert len(docs) == 2
    assert "W006" in docs[0].warnings[0] and "ConnectionResetError: peer went away" in docs[0].warnings[0]
    assert [p.code for p in problems] == ["E115"]
