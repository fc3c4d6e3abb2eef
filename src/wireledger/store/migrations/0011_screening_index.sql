-- 0011 screening index: the keys every screened name of a current list version is filed under, kept in the
-- ledger so that screening one name looks up a few keys instead of reading and parsing every list (and
-- a shared PostgreSQL ledger has the index too). The keys are computed by the screening code
-- (resolve/screen.py, ``index_name``); ``screening_indexed`` says which version (with which companion
-- parts, by which key version) an index was built for, so a new list version, a companion part or new
-- key rules rebuild it. Only current versions are indexed.

CREATE TABLE screening_indexed (
    version_id INTEGER PRIMARY KEY REFERENCES sanctions_versions(version_id) ON DELETE CASCADE,
    parts TEXT NOT NULL,                     -- the companion parts included: their version ids, comma-separated
    key_version TEXT NOT NULL,               -- the key rules the index was built with
    name_count INTEGER NOT NULL,
    built_at TEXT NOT NULL
);

CREATE TABLE screening_keys (
    version_id INTEGER NOT NULL REFERENCES sanctions_versions(version_id) ON DELETE CASCADE,
    key TEXT NOT NULL,                       -- the skeleton of one name part
    person INTEGER NOT NULL,                 -- 1: a person's name; 0: an organisation's, a vessel's...
    name_rowid INTEGER NOT NULL REFERENCES sanctions_names(name_rowid) ON DELETE CASCADE
);
CREATE INDEX screening_keys_key ON screening_keys(key, person, version_id);
CREATE INDEX screening_keys_version ON screening_keys(version_id);

-- An entity's mentions: every span the readings tie to it (names, surnames, pronouns, titles), summed over
-- its members; NULL until its members are read again (ledgers of earlier versions did not keep the count).
-- ``members`` stays the number of reading entities (one per report, usually).
ALTER TABLE ledger_entities ADD COLUMN mentions INTEGER;
