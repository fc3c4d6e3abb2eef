"""Cutting a text into title, section headings, paragraphs and a closing list of cited sources.

Everything is located by character offsets into the text it was given; nothing is rewritten.

- A *block* is a run of non-blank lines between blank lines. A block of hard-wrapped lines (wire copy
  wrapped at ~70 columns) is one paragraph; a block whose lines are whole paragraphs (one line each,
  as web extractions write them) gives one paragraph per line.
- A *section heading* is a short title-like block between paragraphs: at most ten words, capitalised,
  no final period or other closing punctuation, not a byline, date, list item, quote or link, and
  followed by a real paragraph. Callers that know the headings (HTML ``<h2>``) pass them instead.
- A closing ``Sources: A, B, C`` line (or a ``Sources:`` line followed by one short line per source)
  becomes ``cited_sources``, one entry per source, split at commas and semicolons outside brackets.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from ..model import CitedSource, Paragraph, Section

MAX_TITLE_CHARS = 300
MAX_HEADING_WORDS = 10
MAX_HEADING_CHARS = 80
MAX_HINTED_HEADING_WORDS = 15
MAX_SOURCE_LINE_WORDS = 12

_CLOSING = "\"'”’»)]"
_FINAL_PUNCT = ".,;:!…-–—"
_SOURCES_LINE = re.compile(r"(?i)(?:sources?|references?)\s*[:：]\s*")
_SOURCES_ALONE = re.compile(r"(?i)^(?:sources?|references?)\s*[:：]?$")
_LIST_ITEM = re.compile(r"^(?:[-*•–—·▪►]\s*|\(?\d{1,3}[.)]\s+|\(?[a-z][.)]\s+)")
_BYLINE = re.compile(r"^(?:by|von|par|por|written by|reporting by|edited by)\s*:?\s+\S", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_LINKISH = re.compile(r"(?i)https?://|www\.|@|©|\(c\)\s*\d|\w\.(?:com|org|net|gov|co|tv)\b|[|#\[\]<>{}]")
_LABEL = re.compile(r"^[A-Z]{2,}:\s")  # "VIDEO: ...", "RELATED: ..."
_CLOCK = re.compile(r"^\d{1,2}:\d{2}\b")  # a video's running time before its caption
_DATE_WORDS = (
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
    r"august|september|october|november|december|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday|am|pm|a\.m|p\.m|gmt|utc|at|on|updated|"
    r"published|posted|last|st|nd|rd|th|[a-z]{2,4}t"  # the last: time zones such as EST, CEST, MSK
)
_DATE_ONLY = re.compile(rf"(?i)^(?:[\d\s.,:/|\-–—()]|\b(?:{_DATE_WORDS})\b)+$")
# Words of page furniture (players, sharing, subscriptions, picture credits), never of a section heading.
_FURNITURE_WORDS = {
    "javascript", "cookies", "subscribe", "subscriber", "subscription", "newsletter", "login", "click",
    "download", "share", "tweet", "tweets", "facebook", "twitter", "pinterest", "instagram", "youtube",
    "copyright", "video", "videos", "photo", "photos", "image", "images", "getty", "courtesy",
    "advertisement", "sponsored", "transcript", "published", "updated", "update", "posted", "related",
    "enlarge",
}
_BOILERPLATE_LINES = {
    "advertisement", "sponsored", "read more", "related", "related articles", "related stories",
    "share", "share this", "share this article", "comments", "subscribe", "sign up", "log in",
    "skip to content", "more on this story", "top stories",
}
_ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]\.|\b(?:Inc|Ltd|Co|Corp|Jr|Sr|St|Dept|Gov|Govt)\.)$")


@dataclass
class Segmentation:
    title_span: tuple[int, int] | None = None
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    cited_sources: list[CitedSource] = field(default_factory=list)


@dataclass
class _Unit:
    """A paragraph candidate: one line, or a hard-wrapped run of lines. ``own_block``: blank lines
    (or the text's edges) surround it."""

    start: int
    end: int
    own_block: bool


def line_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, block number) of each non-blank line, trimmed of surrounding whitespace."""
    spans: list[tuple[int, int, int]] = []
    block = 0
    pos = 0
    blank_before = False
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if not stripped:
            blank_before = True
        else:
            if blank_before and spans:
                block += 1
            blank_before = False
            lead = len(line) - len(line.lstrip())
            start = pos + lead
            spans.append((start, start + len(stripped), block))
        pos += len(line)
    return spans


def _is_hard_wrapped(lines: list[str]) -> bool:
    """A block of lines broken at a fixed width rather than at paragraph ends."""
    if len(lines) < 2:
        return False
    if sum(1 for line in lines if _LIST_ITEM.match(line)) * 2 >= len(lines):
        return False  # a list: one item per line
    longest = max(len(line) for line in lines)
    body = lines[:-1]
    wrapped = sum(1 for line in body
                  if line.rstrip(_CLOSING)[-1:] not in ".!?:" and len(line) >= 0.5 * longest)
    return wrapped * 2 >= len(body)


def first_line_title(text: str) -> tuple[int, int] | None:
    """The span of the first line when it can be a title: not too long, something follows it, and it
    does not merely start a hard-wrapped paragraph."""
    spans = line_spans(text)
    if len(spans) < 2:
        return None
    start, end, block = spans[0]
    if end - start > MAX_TITLE_CHARS:
        return None
    same_block = [text[s:e] for s, e, b in spans if b == block]
    if len(same_block) > 1 and _is_hard_wrapped(same_block):
        return None
    return (start, end)


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


_TITLE_LINES = 3  # the headline is looked for this far down (a date or "Advertisement" line above it)
_TITLE_PREFIX = 3  # at most this many characters of page furniture before it on its line ("× ")


def locate_title(text: str, title: str | None) -> tuple[int, int] | None:
    """Where ``title`` stands at the top of ``text``: the first line when it says the same, else the
    title's words at the start of one of the first lines, after at most a mark or two of page
    furniture ("× Man shot ...") and maybe followed on that line by more ("... Posted: Friday")."""
    if not title:
        return None
    spans = line_spans(text)
    if not spans:
        return None
    start, end, _ = spans[0]
    if _norm(text[start:end]) == _norm(title):
        return (start, end)
    words = title.split()
    if len(words) < 3:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words) + r"(?=\s|$)", re.IGNORECASE)
    for s, e, _ in spans[:_TITLE_LINES]:
        m = pattern.search(text, s, e)
        if m and m.start() - s <= _TITLE_PREFIX and not text[s:m.start()].strip(" ×|•·-–—").strip():
            return (m.start(), m.end())
    return None


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


def opens_with_title(text: str, title: str) -> bool:
    """Whether the text already opens with its title: ``locate_title`` finds it, or the title's first
    characters, punctuation and spacing aside, are among the text's first."""
    return locate_title(text, title) is not None or _squash(title[:60]) in _squash(text[:400])


def _is_date_only(s: str) -> bool:
    return bool(_DATE_ONLY.match(s))


def looks_like_heading(line: str) -> bool:
    """A short, title-like line: the shape of a section heading (position is checked elsewhere)."""
    s = " ".join(line.split())
    if not 2 <= len(s) <= MAX_HEADING_CHARS:
        return False
    words = s.split()
    if len(words) > MAX_HEADING_WORDS:
        return False
    core = s.rstrip(_CLOSING)
    if not core or core[-1] in _FINAL_PUNCT or s[-1] in _FINAL_PUNCT:
        return False
    if not s[0].isalnum() or _LIST_ITEM.match(s) or _BYLINE.match(s) or _LINKISH.search(s):
        return False
    if _LABEL.match(s) or _CLOCK.match(s) or _SOURCES_LINE.match(s) or s.count(",") >= 2:
        return False
    if any(w.casefold() in _FURNITURE_WORDS for w in _WORD.findall(s)):
        return False
    first = next((ch for ch in s if ch.isalnum()), "")
    if not first or (first.isalpha() and not first.isupper()):
        return False
    if not any(ch.isalpha() for ch in s) or _is_date_only(s):
        return False
    return s.casefold() not in _BOILERPLATE_LINES


def _is_paragraph_like(text: str, heading: str) -> bool:
    """Can ``text`` follow a section heading: a paragraph longer than the heading, or a list."""
    if _LIST_ITEM.match(text):
        return True
    words = text.split()
    if len(words) <= len(heading.split()):
        return False
    return len(words) >= 8 or text.rstrip(_CLOSING)[-1:] in ".!?"


def _units(text: str, spans: list[tuple[int, int, int]]) -> list[_Unit]:
    blocks: dict[int, list[tuple[int, int]]] = {}
    for s, e, b in spans:
        blocks.setdefault(b, []).append((s, e))
    line_mode = len(blocks) == 1  # no blank lines anywhere: every line stands alone
    units: list[_Unit] = []
    for lines in blocks.values():
        texts = [text[s:e] for s, e in lines]
        if len(lines) == 1 or _is_hard_wrapped(texts):
            units.append(_Unit(lines[0][0], lines[-1][1], True))
        else:
            units.extend(_Unit(s, e, line_mode) for s, e in lines)
    return units


def _drop_title(units: list[_Unit], text: str, title_span: tuple[int, int] | None) -> list[_Unit]:
    if title_span is None:
        return units
    t_start, t_end = title_span
    kept: list[_Unit] = []
    for u in units:
        if u.end <= t_start or u.start >= t_end:
            kept.append(u)
        elif u.end > t_end:  # the title is the start of a longer unit: keep the rest
            rest = t_end
            while rest < u.end and text[rest].isspace():
                rest += 1
            if rest < u.end:
                kept.append(_Unit(rest, u.end, u.own_block))
    return kept


def split_sources(text: str, start: int, end: int) -> list[CitedSource]:
    """Split ``text[start:end]`` at commas, semicolons and bars outside brackets into named sources."""
    pieces: list[tuple[int, int]] = []
    depth = 0
    piece_start = start
    for i in range(start, end):
        ch = text[i]
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        elif ch in ",;|•·" and depth == 0:
            pieces.append((piece_start, i))
            piece_start = i + 1
    pieces.append((piece_start, end))
    sources: list[CitedSource] = []
    for s, e in pieces:
        while s < e and (text[s].isspace() or text[s] in "-*•"):
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        lowered = text[s:e].lower()
        for joiner in ("and ", "& "):
            if lowered.startswith(joiner):
                s += len(joiner)
                while s < e and text[s].isspace():
                    s += 1
        if e > s and text[e - 1] == "." and not _ABBREVIATION_END.search(text[s:e]):
            e -= 1
        if e > s and any(ch.isalnum() for ch in text[s:e]):
            sources.append(CitedSource(text[s:e], s, e))
    return sources


def _take_sources(text: str, units: list[_Unit]) -> tuple[list[_Unit], list[CitedSource]]:
    if not units:
        return units, []
    last = units[-1]
    match = _SOURCES_LINE.match(text, last.start, last.end)
    if match and match.end() < last.end:
        return units[:-1], split_sources(text, match.end(), last.end)
    # "Sources:" on a line of its own, then one short line per source up to the end.
    for i in range(len(units) - 2, max(-1, len(units) - 32), -1):
        unit = units[i]
        if _SOURCES_ALONE.match(text[unit.start:unit.end].strip()):
            tail = units[i + 1:]
            if all(len(text[u.start:u.end].split()) <= MAX_SOURCE_LINE_WORDS for u in tail):
                cited = [c for u in tail for c in split_sources(text, u.start, u.end)]
                return units[:i], cited
            break
    return units, []


def segment(text: str, title_span: tuple[int, int] | None = None,
            headings: Collection[str] | None = None) -> Segmentation:
    """Cut ``text`` into sections, paragraphs and cited sources (the title span is passed through).

    ``headings``: the texts of known headings (from HTML markup); when given, only lines saying one
    of them can be section headings, and the shape rules are relaxed.
    """
    units = _drop_title(_units(text, line_spans(text)), text, title_span)
    units, cited = _take_sources(text, units)
    hinted = {_norm(h) for h in headings} if headings is not None else None
    is_heading = [False] * len(units)
    for i, unit in enumerate(units[:-1]):
        line = text[unit.start:unit.end]
        nxt = text[units[i + 1].start:units[i + 1].end]
        if hinted is not None:
            is_heading[i] = (_norm(line) in hinted and len(line.split()) <= MAX_HINTED_HEADING_WORDS
                             and _norm(nxt) not in hinted)
        else:
            is_heading[i] = unit.own_block and looks_like_heading(line) and _is_paragraph_like(nxt, line)
    result = Segmentation(title_span=title_span, cited_sources=cited)
    current: int | None = None
    for unit, heading in zip(units, is_heading, strict=True):
        if heading:
            result.sections.append(Section(text[unit.start:unit.end], unit.start, unit.end, unit.end))
            current = len(result.sections) - 1
        else:
            result.paragraphs.append(Paragraph(unit.start, unit.end, current))
            if current is not None:
                result.sections[current].end = unit.end
    return result
