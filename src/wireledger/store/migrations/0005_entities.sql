-- 0005 entities: the people and organisations of stored readings resolved into ledger entities across
-- reports (resolve/identity.py): each entity's members (one reading entity of one report), the blocking
-- keys, every merge decision with its score and reasons, manual merges and splits with their provenance
-- (who, when, why) and the pins that make later automatic runs respect them, the redirects of ids that
-- were merged away, and the sanctions screening of each entity with the list version of every match.

CREATE TABLE ledger_entities (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,                      -- person | organization
    type TEXT NOT NULL,                      -- person | organization | media | group (most members)
    name TEXT NOT NULL,                      -- display name
    profile TEXT NOT NULL,                   -- JSON: resolve.identity.EntityProfile.to_dict()
    members INTEGER NOT NULL,
    documents INTEGER NOT NULL,
    name_keys INTEGER NOT NULL,              -- how many name keys it is filed under (blocking)
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    screen_stale INTEGER NOT NULL DEFAULT 1, -- 1: its profile changed since it was last screened
    screened_lists TEXT,                     -- signature of the list versions it was last screened against
    screen_query TEXT                        -- signature of the names and qualifiers it was screened with
);
CREATE INDEX ledger_entities_kind ON ledger_entities(kind, type);
CREATE INDEX ledger_entities_screen ON ledger_entities(screen_stale, screened_lists);

CREATE TABLE entity_members (
    key TEXT PRIMARY KEY,                    -- <document id>#<reading entity id>
    document_id TEXT NOT NULL,
    reading_entity_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,                 -- ledger_entities.id
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    name_key TEXT NOT NULL,                  -- order/script-free key of the name (pins match on it)
    how TEXT NOT NULL,                       -- new | auto | pinned | manual_merge | manual_split
    score REAL,                              -- of the decision that put it here (auto)
    member TEXT NOT NULL,                    -- JSON: resolve.identity_members.Member.to_dict()
    added_at TEXT NOT NULL
);
CREATE INDEX entity_members_entity ON entity_members(entity_id);
CREATE INDEX entity_members_document ON entity_members(document_id);

CREATE TABLE entity_keys (
    key TEXT NOT NULL,                       -- n:<name part skeleton> | w:<word> | o:<organisation> | a:<acronym>
    entity_id TEXT NOT NULL,
    PRIMARY KEY (key, entity_id)
) WITHOUT ROWID;
CREATE INDEX entity_keys_entity ON entity_keys(entity_id);

CREATE TABLE entity_decisions (
    decision_id INTEGER PRIMARY KEY,
    member TEXT NOT NULL,                    -- entity_members.key
    candidate TEXT NOT NULL,                 -- the ledger entity compared with
    verdict TEXT NOT NULL,                   -- join | below | conflict | same_report | ambiguous | pinned | manual
    chosen INTEGER NOT NULL,                 -- 1: the member was put in this entity by this decision
    score REAL NOT NULL,
    name_score REAL NOT NULL,
    reasons TEXT NOT NULL,                   -- JSON list of reasons
    decided_at TEXT NOT NULL
);
CREATE INDEX entity_decisions_member ON entity_decisions(member);
CREATE INDEX entity_decisions_candidate ON entity_decisions(candidate);

CREATE TABLE entity_statements (             -- manual decisions, as provenance statements
    statement_id INTEGER PRIMARY KEY,
    subject TEXT NOT NULL,                   -- the ledger entity decided about
    prop TEXT NOT NULL,                      -- merged | split
    value TEXT NOT NULL,                     -- JSON: the other entity, the members moved
    document_id TEXT,                        -- split by document: the report
    extractor TEXT NOT NULL,                 -- manual:<who>
    note TEXT,                               -- why
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
CREATE INDEX entity_statements_subject ON entity_statements(subject);

CREATE TABLE entity_pins (                   -- a report's member goes where a manual decision put it
    document_id TEXT NOT NULL,
    name_key TEXT NOT NULL,
    reading_entity_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,                 -- where it goes (follow redirects)
    away_from TEXT,                          -- split: the entity it must not go back to
    statement_id INTEGER NOT NULL REFERENCES entity_statements(statement_id),
    PRIMARY KEY (document_id, name_key, reading_entity_id)
);

CREATE TABLE entity_redirects (
    old_id TEXT PRIMARY KEY,
    new_id TEXT,                             -- NULL: gone (its reports were read again or removed)
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);

CREATE TABLE entity_documents (
    document_id TEXT PRIMARY KEY,            -- a report whose reading is resolved
    read_at TEXT,                            -- readings.read_at of the reading resolved
    resolved_at TEXT NOT NULL
);

CREATE TABLE entity_screening (
    row_id INTEGER PRIMARY KEY,
    entity_id TEXT NOT NULL,
    status TEXT NOT NULL,                    -- match | set_aside
    current INTEGER NOT NULL DEFAULT 1,      -- 0: replaced by a later screening
    query TEXT NOT NULL,                     -- the name screened
    qualifiers TEXT NOT NULL,                -- JSON: the context used
    list_id TEXT NOT NULL,
    version_id INTEGER NOT NULL REFERENCES sanctions_versions(version_id),
    version_date TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    entry_name TEXT NOT NULL,
    score REAL NOT NULL,
    name_score REAL NOT NULL,
    different_person INTEGER NOT NULL,
    explanation TEXT NOT NULL,               -- JSON: Match.to_dict()
    screened_at TEXT NOT NULL,
    replaced_at TEXT
);
CREATE INDEX entity_screening_entity ON entity_screening(entity_id, current);
