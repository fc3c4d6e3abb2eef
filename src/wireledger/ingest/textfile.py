"""Plain-text reports: an optional header of ``Key: value`` lines, then the report.

    Title: Gunman wounds two at a bus depot
    Published: 2026-03-14
    URL: https://example.org/news/depot
    Outlet: Example Gazette

    The report starts here...

Header lines are stripped from the text. Without a ``Title:`` line the first line of the report is its
title (it stays in the text, and ``title_span`` points at it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Accepted header keys (case-insensitive) and the Document field each one fills.
HEADER_KEYS: dict[str, str] = {
    "title": "title", "headline": "title",
    "published": "published", "date": "published",
    "url": "url", "link": "url",
    "outlet": "outlet", "publisher": "outlet",
    "author": "author", "byline": "author",
}
_HEADER_LINE = re.compile(r"^[ \t]*([A-Za-z]+)[ \t]*:[ \t]*(.*?)[ \t]*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_C1 = re.compile(r"[\x80-\x9f]")


def _cp1252(m: re.Match[str]) -> str:
    try:
        return m.group().encode("latin-1").decode("cp1252")
    except UnicodeDecodeError:
        return ""  # the five bytes cp1252 leaves undefined


def clean_text(text: str) -> str:
    """Unify line ends, drop control characters, a byte-order mark and invisible characters (zero-width
    spaces, soft hyphens), read C1 control characters as the Windows-1252 punctuation they almost always
    are (text decoded as Latin-1: code points 0x93 and 0x94 for curly quotes, 0x97 for a dash), trim
    blank edges and line ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", _CONTROL.sub("", text))
    text = _C1.sub(_cp1252, text)
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


@dataclass(frozen=True)
class TextHeader:
    fields: dict[str, str]  # Document field -> value as written
    body_start: int  # where the report starts in the text the header was parsed from


def parse_header(text: str) -> TextHeader:
    """Read the ``Key: value`` lines at the top of ``text``; the first key of a kind wins."""
    fields: dict[str, str] = {}
    pos = 0
    body_start = 0
    seen_header = False
    for line in text.splitlines(keepends=True):
        match = _HEADER_LINE.match(line.rstrip("\r\n"))
        if not line.strip():
            pos += len(line)
            if seen_header:
                body_start = pos
            continue
        if not match or match.group(1).lower() not in HEADER_KEYS:
            break
        seen_header = True
        field_name = HEADER_KEYS[match.group(1).lower()]
        if match.group(2) and field_name not in fields:
            fields[field_name] = match.group(2)
        pos += len(line)
        body_start = pos
    return TextHeader(fields, body_start if seen_header else 0)
