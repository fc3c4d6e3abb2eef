"""The one way wireledger fetches a web page: a ``Fetcher``.

Fetching is off by default. Feed readers call a fetcher only when link following was asked for
(``IngestOptions.follow_links`` or the ``allow_fetch`` setting); tests and other programs pass their own
fetcher. The default, ``UrllibFetcher``, speaks plain HTTP(S) with a timeout and a size cap.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from ..errors import InputError

USER_AGENT = "wireledger/0.1 (+https://github.com/wireledger)"


@dataclass(frozen=True)
class FetchedPage:
    url: str  # after redirects
    content: bytes
    content_type: str | None = None


@runtime_checkable
class Fetcher(Protocol):
    def fetch(self, url: str) -> FetchedPage:
        """The page at ``url``; raises InputError (E115) when it cannot be fetched."""
        ...


class UrllibFetcher:
    """HTTP(S) with the standard library: a timeout, a size cap, no other schemes."""

    def __init__(self, timeout: float = 20.0, max_bytes: int = 10 * 1024 * 1024,
                 user_agent: str = USER_AGENT) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.user_agent = user_agent

    def fetch(self, url: str) -> FetchedPage:
        if not url.lower().startswith(("http://", "https://")):
            raise InputError("E115", url, "only http and https links are fetched")
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                content = response.read(self.max_bytes + 1)
                final_url = response.geturl()
                content_type = response.headers.get("Content-Type")
        except urllib.error.HTTPError as exc:
            raise InputError("E115", url, f"HTTP {exc.code} {exc.reason}") from exc
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise InputError("E115", url, f"could not be fetched ({reason})") from exc
        if len(content) > self.max_bytes:
            raise InputError("E115", url, f"page is larger than the size limit ({self.max_bytes} bytes)")
        return FetchedPage(final_url, content, content_type)
