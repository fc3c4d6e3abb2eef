"""Documents: the unit everything else points into.

A Document is the text of one report, cut into title, sections, paragraphs and the sources it cites,
with character offsets into ``Document.text``. Its id is derived from the normalised text, so the same
content always gets the same id whatever brought it (a file path, a JSONL id, a URL).
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

_WS = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """The form of a text that decides its identity: NFC, unified quotes, collapsed whitespace."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return _WS.sub(" ", text).strip().lower()


def document_id(text: str) -> str:
    """Stable id of a document from its normalised content."""
    digest = hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
    return "doc_" + digest[:20]


@dataclass(frozen=True)
class Span:
    """A stretch of a document's text: ``text == document.text[start:end]``."""

    document: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Section:
    """A section heading and the character range the section covers (heading included)."""

    heading: str
    start: int
    end: int
    heading_end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Paragraph:
    start: int
    end: int
    section: int | None = None  # index into Document.sections, None before the first heading

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class CitedSource:
    """One entry of a closing "Sources:" line."""

    name: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Document:
    id: str
    source_id: str
    text: str
    title: str | None = None
    title_span: tuple[int, int] | None = None  # where the title stands in ``text``, if it does
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 date (a timestamp's moment: metadata["published_utc"])
    published_original: str | None = None  # as the source wrote it (keeps a feed's own offset)
    language: str | None = None
    language_confidence: float | None = None
    source_format: str = "text"  # text | html | feed | jsonl
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    cited_sources: list[CitedSource] = field(default_factory=list)
    source_ids: list[str] = field(default_factory=list)  # every source_id that brought this content
    canonical_id: str | None = None  # set on a near-duplicate: the id of the copy that is read
    ingested_at: str | None = None
    warnings: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.source_id and self.source_id not in self.source_ids:
            self.source_ids.insert(0, self.source_id)

    def span(self, start: int, end: int) -> Span:
        return Span(self.id, start, end, self.text[start:end])

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["sections"] = [s.heading for s in self.sections]
        d["section_spans"] = [s.to_dict() for s in self.sections]
        d["cited_sources"] = [c.name for c in self.cited_sources]
        d["cited_source_spans"] = [c.to_dict() for c in self.cited_sources]
        d["title_span"] = list(self.title_span) if self.title_span else None
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        kw = dict(d)
        kw["sections"] = [Section(**s) for s in d.get("section_spans") or []]
        kw["cited_sources"] = [CitedSource(**c) for c in d.get("cited_source_spans") or []]
        kw["paragraphs"] = [Paragraph(**p) for p in d.get("paragraphs") or []]
        ts = d.get("title_span")
        kw["title_span"] = (ts[0], ts[1]) if ts else None
        kw.pop("section_spans", None)
        kw.pop("cited_source_spans", None)
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in kw.items() if k in known})


# --- near-duplicate copies: how a fingerprint is kept, and which copy of a group is read -------------

def encode_signature(signature: Sequence[int]) -> bytes:
    """A signature as bytes, for storing (8 bytes per value, big-endian)."""
    return struct.pack(f">{len(signature)}Q", *signature)


def decode_signature(data: bytes) -> tuple[int, ...]:
    if len(data) % 8:
        raise ValueError("a stored signature has a multiple of 8 bytes")
    return struct.unpack(f">{len(data) // 8}Q", data)


def canonical_key(doc_id: str, published: str | None) -> tuple[bool, str, str]:
    """Sort key of the canonical-copy rule: dated before undated, earlier date first, then smaller id."""
    return (published is None, published or "", doc_id)


def choose_canonical(candidates: Iterable[tuple[str, str | None]]) -> str:
    """The id of the copy to read among ``(document id, published)`` pairs of one near-duplicate group.

    Earliest publication date wins (a date alone counts as the start of that day; ISO strings compare
    in time order), then the smallest id; documents without a date come last.
    """
    pairs = list(candidates)
    if not pairs:
        raise ValueError("no candidates to choose from")
    return min(pairs, key=lambda p: canonical_key(p[0], p[1]))[0]
