"""Moving a ledger between engines: every table copied, in an order its references allow, into an empty
ledger of the other (or the same) kind, in one transaction. Ids, timestamps, manual decisions and
redirects come along unchanged, so every view of the copy gives the same answers as the original.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import UsageError
from .ledger import Ledger

BATCH = 1000

# (table, its key columns for ordering, columns written after every row is in: they point at rows of the
# same or a later table)
TABLES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("documents", "seq", ("canonical_id",)),
    ("source_ids", "seq", ()),
    ("band_keys", "band_key, document_id", ()),
    ("skipped_inputs", "input, code", ()),
    ("readings", "document_id", ()),
    ("statements", "key", ()),
    ("sanctions_lists", "list_id", ("current_version_id",)),
    ("sanctions_versions", "version_id", ()),
    ("sanctions_entries", "entry_rowid", ()),
    ("sanctions_names", "name_rowid", ()),
    ("sanctions_matches", "match_id", ()),
    ("screening_indexed", "version_id", ()),
    ("screening_keys", "version_id, name_rowid, key", ()),
    ("incident_mentions", "key", ()),
    ("incident_block_keys", "block_key, mention", ()),
    ("incident_edges", "a, b", ()),
    ("incidents", "id", ()),
    ("incident_people", "incident_id, name_key, role", ()),
    ("incident_documents", "document_id", ()),
    ("judgements", "judgement_id", ()),
    ("redirects", "area, old_id", ()),
    ("ledger_entities", "id", ()),
    ("entity_members", "key", ()),
    ("entity_keys", "key, entity_id", ()),
    ("entity_decisions", "decision_id", ()),
    ("entity_pins", "document_id, name_key, reading_entity_id", ()),
    ("entity_documents", "document_id", ()),
    ("entity_screening", "row_id", ()),
    ("api_tokens", "token_id", ()),
)
# identity columns whose counters must follow the copied ids
IDENTITIES = {
    "documents": "seq",
    "source_ids": "seq",
    "sanctions_versions": "version_id",
    "sanctions_entries": "entry_rowid",
    "sanctions_names": "name_rowid",
    "sanctions_matches": "match_id",
    "entity_decisions": "decision_id",
    "judgements": "judgement_id",
    "entity_screening": "row_id",
    "api_tokens": "token_id",
}
# columns the engine computes itself (PostgreSQL's search vector)
COMPUTED = {"search"}


@dataclass
class CopyReport:
    source: str
    target: str
    rows: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "rows": dict(self.rows),
            "total": sum(self.rows.values()),
        }


def _columns(ledger: Ledger, table: str) -> list[str]:
    cursor: Any = ledger.db.execute(f"SELECT * FROM {table} LIMIT 0")
    return [d[0] for d in cursor.description]


def copy_ledger(
    source: Ledger, target: Ledger, progress: Callable[[str, int], None] | None = None
) -> CopyReport:
    """Copy every row of ``source`` into ``target``, which must hold no documents, lists or entities."""
    if any(
        target.db.one(f"SELECT count(*) FROM {t}")
        for t in ("documents", "sanctions_lists", "ledger_entities")
    ):
        raise UsageError(f"the target ledger {target.location} is not empty; give a new one", input="--to")
    report = CopyReport(source.location, target.location)
    updates: list[tuple[str, list[tuple[Any, ...]]]] = []  # references written once every row is in
    with target.transaction():
        for table, order, later in TABLES:
            wanted = set(_columns(target, table)) - COMPUTED
            cols = [c for c in _columns(source, table) if c in wanted]
            key_cols = [c.strip() for c in order.split(",")]
            now_cols = [c for c in cols if c not in later]
            insert = f"INSERT INTO {table} ({', '.join(now_cols)}) VALUES ({', '.join('?' * len(now_cols))})"
            deferred: list[tuple[Any, ...]] = []
            n = 0
            rows: Any = source.db.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {order}")
            batch: list[tuple[Any, ...]] = []
            for row in rows:
                values = dict(zip(cols, row, strict=True))
                batch.append(tuple(_portable(values[c]) for c in now_cols))
                if later and any(values[c] is not None for c in later):
                    deferred.append((*(values[c] for c in later), *(values[k] for k in key_cols)))
                if len(batch) >= BATCH:
                    target.db.executemany(insert, batch)
                    n += len(batch)
                    batch = []
            if batch:
                target.db.executemany(insert, batch)
                n += len(batch)
            if deferred:
                sets = ", ".join(f"{c} = ?" for c in later)
                where = " AND ".join(f"{k} = ?" for k in key_cols)
                updates.append((f"UPDATE {table} SET {sets} WHERE {where}", deferred))
            report.rows[table] = n
            if progress:
                progress(table, n)
        for sql, rows_ in updates:
            target.db.executemany(sql, rows_)
        _follow_identities(target)
        target.db.reindex_documents()
    return report


def _portable(value: Any) -> Any:
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, bool):
        return int(value)
    return value


def _follow_identities(target: Ledger) -> None:
    """Set the identity counters past the copied ids."""
    for table, column in IDENTITIES.items():
        target.db.follow_identity(table, column)
