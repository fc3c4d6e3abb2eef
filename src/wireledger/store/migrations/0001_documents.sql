-- 0001 documents: content-addressed documents, the source ids that brought them, full-text search,
-- near-duplicate band keys, and the inputs that were skipped.

CREATE TABLE documents (
    seq INTEGER PRIMARY KEY,                 -- arrival order; the rowid of the search index
    id TEXT NOT NULL UNIQUE,                 -- content id (model.document_id)
    source_id TEXT NOT NULL,                 -- the source id of the copy whose fields are kept
    title TEXT,
    text TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    author TEXT,
    published TEXT,                          -- ISO date or UTC datetime
    published_original TEXT,
    language TEXT,
    language_confidence REAL,
    source_format TEXT NOT NULL,
    canonical_id TEXT REFERENCES documents(id),  -- set on a near-duplicate: its canonical copy
    signature BLOB,                          -- MinHash signature (ingest.dedup.encode_signature)
    data TEXT NOT NULL,                      -- JSON: title_span, sections, paragraphs, cited sources, warnings, metadata
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_canonical ON documents(canonical_id);
CREATE INDEX documents_published ON documents(published);

CREATE TABLE source_ids (
    seq INTEGER PRIMARY KEY,
    source_id TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    UNIQUE (document_id, source_id)
);
CREATE INDEX source_ids_source ON source_ids(source_id);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text,
    content='documents', content_rowid='seq',
    tokenize='porter unicode61 remove_diacritics 2'
);

CREATE TABLE band_keys (
    band_key TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band_key, document_id)
) WITHOUT ROWID;
CREATE INDEX band_keys_document ON band_keys(document_id);

CREATE TABLE skipped_inputs (
    input TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    PRIMARY KEY (input, code)
);
