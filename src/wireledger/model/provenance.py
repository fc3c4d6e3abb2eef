"""Provenance: every stored value says which words of which document support it, and who read it there.

A Statement is one fact: (subject id, property, value) plus the document and character span that support
it, the extractor (``name@version``) that wrote it, and when it was first and last seen.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass
class Statement:
    subject: str  # an entity, event, claim or document id
    prop: str
    value: Any
    document: str
    start: int | None
    end: int | None
    extractor: str  # e.g. "wireledger.dates@1"
    first_seen: str
    last_seen: str

    @classmethod
    def new(
        cls,
        subject: str,
        prop: str,
        value: Any,
        document: str,
        start: int | None,
        end: int | None,
        extractor: str,
        seen: str | None = None,
    ) -> Statement:
        t = seen or now_iso()
        return cls(subject, prop, value, document, start, end, extractor, t, t)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
