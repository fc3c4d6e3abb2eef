-- 0006 copies index: the near-duplicate copies of a document (documents.canonical_id = $1) through an
-- index of the copies alone, as in the SQLite migration of the same number (see its comment). PostgreSQL
-- keeps statistics and knows canonical_id is mostly NULL, so here the index is only smaller, not faster.

CREATE INDEX documents_copies ON documents(canonical_id, id) WHERE canonical_id IS NOT NULL;
