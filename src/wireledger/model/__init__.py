"""The data model. Imports nothing else of wireledger."""

from .document import CitedSource, Document, Paragraph, Section, Span, document_id, normalise_text
from .provenance import Statement, now_iso
from .reading import (
    READING_SCHEMA_VERSION,
    Claim,
    DateValue,
    Entity,
    Event,
    Location,
    Mention,
    Participant,
    Reading,
    RoleFact,
    Source,
    Support,
    Weapon,
)
from .taxonomy import EventType, Taxonomy, lint_taxonomy, load_taxonomy

__all__ = [
    "READING_SCHEMA_VERSION", "CitedSource", "Claim", "DateValue", "Document", "Entity", "Event",
    "EventType", "Location", "Mention", "Paragraph", "Participant", "Reading", "RoleFact", "Section",
    "Source", "Span", "Statement", "Support", "Taxonomy", "Weapon", "document_id", "lint_taxonomy",
    "load_taxonomy", "normalise_text", "now_iso",
]
