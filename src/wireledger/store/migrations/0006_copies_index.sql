-- 0006 copies index: the near-duplicate copies of a document (documents.canonical_id = ?), found through
-- an index of the copies alone. In most ledgers nearly every row has canonical_id NULL, so once SQLite
-- has statistics (ANALYZE, PRAGMA optimize) it judges documents_canonical useless for "= ?" and scans the
-- whole table in id order instead: the incident page asks this once per report of the incident
-- (SQLiteStore.copies), 38 ms per report on a ledger of 10,000 documents with statistics, growing with the
-- ledger (docs/performance.md). The partial index holds only the copies, so its statistics stay right.

CREATE INDEX documents_copies ON documents(canonical_id, id) WHERE canonical_id IS NOT NULL;
