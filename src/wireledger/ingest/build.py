"""From what a reader found to a Document: id, dates, language, segmentation, warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError, Problem
from ..model import Document, document_id, now_iso
from .dates import parse_published
from .language import detect_language, is_flagged_foreign
from .segment import locate_title, segment

MAX_TITLE_CHARS = 500


@dataclass
class DocumentDraft:
    """One report as a reader found it, before it becomes a Document."""

    text: str
    source_id: str
    source_format: str  # text | html | feed | jsonl
    input_name: str  # how problems name the input: a path, ``path:line`` or ``path item N``
    title: str | None = None
    title_span: tuple[int, int] | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published_raw: str | None = None
    headings: list[str] | None = None  # known section headings (HTML markup); None: find them
    warnings: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)


def _clean_field(value: Any, limit: int = MAX_TITLE_CHARS) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text[:limit] if text else None


def build_document(draft: DocumentDraft, default_published: str | None = None) -> Document:
    """The Document for a draft; raises InputError E112 when there is no text."""
    text = draft.text
    if not text.strip():
        raise InputError("E112", draft.input_name, "no text", "skipped")
    warnings = list(draft.warnings)
    metadata = dict(draft.metadata)

    published: str | None = None
    original = _clean_field(draft.published_raw, 200)
    if original:
        published, moment = parse_published(original)
        if moment is not None:
            metadata["published_utc"] = moment  # the moment; ``published`` is the day
        if published is None:
            warnings.append(str(Problem("W004", draft.input_name,
                                        f"publication date {original!r} not understood")))
    if published is None and default_published:
        published = default_published
        metadata["published_from"] = "option"
    elif published is None and not original:
        warnings.append(str(Problem("W004", draft.input_name, "no publication date",
                                    "relative dates keep their year unknown")))

    language, confidence = detect_language(text)
    if is_flagged_foreign(language, confidence):
        warnings.append(str(Problem("W001", draft.input_name,
                                    f"language is {language} (confidence {confidence:.2f}), not English",
                                    "stored but not read")))

    title = _clean_field(draft.title)
    title_span = draft.title_span if draft.title_span is not None else locate_title(text, title)
    if title is None and title_span is not None:
        title = _clean_field(text[title_span[0]:title_span[1]])
    seg = segment(text, title_span, draft.headings)
    return Document(
        id=document_id(text),
        source_id=draft.source_id,
        text=text,
        title=title,
        title_span=title_span,
        url=_clean_field(draft.url, 2000),
        outlet=_clean_field(draft.outlet),
        author=_clean_field(draft.author),
        published=published,
        published_original=original,
        language=language,
        language_confidence=confidence,
        source_format=draft.source_format,
        sections=seg.sections,
        paragraphs=seg.paragraphs,
        cited_sources=seg.cited_sources,
        ingested_at=now_iso(),
        warnings=warnings,
        metadata=metadata,
    )
