-- 0004 incidents: the events of stored readings merged into incidents across reports (merge/): each
-- event's profile and blocking keys, the scored pairs between events, the incidents with their headline
-- values, the redirects of incident ids that were merged away or lost their support, and which reports
-- are merged or retracted.

CREATE TABLE incident_mentions (
    key TEXT PRIMARY KEY,                    -- <document id>#<event id>
    document_id TEXT NOT NULL,
    incident_id TEXT,
    is_primary INTEGER NOT NULL DEFAULT 0,   -- 1: the event that stands for its report
    profile TEXT NOT NULL                    -- JSON of merge.profile.EventProfile
);
CREATE INDEX incident_mentions_document ON incident_mentions(document_id);
CREATE INDEX incident_mentions_incident ON incident_mentions(incident_id);

CREATE TABLE incident_block_keys (
    block_key TEXT NOT NULL,
    mention TEXT NOT NULL,
    PRIMARY KEY (block_key, mention)
);
CREATE INDEX incident_block_keys_mention ON incident_block_keys(mention);

CREATE TABLE incident_edges (
    a TEXT NOT NULL,                         -- a < b
    b TEXT NOT NULL,
    score DOUBLE PRECISION NOT NULL,                     -- negative: a veto
    PRIMARY KEY (a, b)
);
CREATE INDEX incident_edges_b ON incident_edges(b);

CREATE TABLE incidents (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    type TEXT,
    date_lo INTEGER,                         -- proleptic ordinal of the first possible day
    date_hi INTEGER,
    precision TEXT,
    city TEXT,
    region TEXT,
    country TEXT,
    place TEXT,
    reports INTEGER NOT NULL DEFAULT 0,
    sources INTEGER NOT NULL DEFAULT 0,      -- independent sources
    first_reported TEXT,
    last_reported TEXT,
    background_only INTEGER NOT NULL DEFAULT 0,
    summary TEXT                             -- JSON: IncidentRecord.summary()
);
CREATE INDEX incidents_date ON incidents(date_lo);
CREATE INDEX incidents_type ON incidents(type);

CREATE TABLE incident_people (
    incident_id TEXT NOT NULL,
    name_key TEXT NOT NULL,                  -- full-name key, surname key or folded name
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (incident_id, name_key, role)
);
CREATE INDEX incident_people_key ON incident_people(name_key);

CREATE TABLE incident_redirects (
    old_id TEXT PRIMARY KEY,
    new_id TEXT,                             -- NULL: the incident is gone
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);

CREATE TABLE incident_documents (
    document_id TEXT PRIMARY KEY,            -- a report whose reading is merged
    read_at TEXT,                            -- readings.read_at of the reading that was merged
    merged_at TEXT NOT NULL
);

CREATE TABLE incident_retractions (
    document_id TEXT PRIMARY KEY,            -- a report retracted: its support is gone everywhere
    at TEXT NOT NULL,
    note TEXT
);
