-- 0002 readings: the reading of each canonical document (Reading.to_dict() JSON, without the document's
-- own fields, which live in documents) and the provenance statements drawn from it.

CREATE TABLE readings (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    schema_version TEXT NOT NULL,
    steps TEXT NOT NULL,                     -- JSON list of name@version
    reading TEXT NOT NULL,                   -- JSON
    read_at TEXT NOT NULL
);

CREATE TABLE statements (
    key TEXT PRIMARY KEY,                    -- sha256 of (subject, prop, value, document, span, extractor)
    subject TEXT NOT NULL,                   -- entity, event, claim or document id
    prop TEXT NOT NULL,
    value TEXT NOT NULL,                     -- JSON
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    span_start INTEGER,
    span_end INTEGER,
    extractor TEXT NOT NULL,                 -- name@version
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
CREATE INDEX statements_document ON statements(document_id);
CREATE INDEX statements_subject ON statements(subject, prop);
