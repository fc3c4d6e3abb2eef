"""What the ledger keeps of its derived layers, as plain records (shared by the stores and the domain)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class StoredMember:
    key: str
    entity_id: str
    document_id: str
    how: str
    score: float | None
    member: dict[str, Any]
