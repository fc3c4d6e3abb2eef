-- 0003 sanctions: loaded sanctions lists, every version kept, and the matches made against them.
-- A list (us_ofac_sdn, uk_ofsi_consolidated, eu_32018R1542, ...) has versions; its current version is
-- the one screening uses. Loading a newer version makes it current and keeps the older ones, so a
-- recorded match still names the version (and the entry as that version printed it) it was made
-- against. A companion part (OFAC's alt.csv or add.csv alone, an EU amendment) adds to the version
-- that was current when it was loaded.

CREATE TABLE sanctions_lists (
    list_id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    publisher TEXT NOT NULL,
    format TEXT NOT NULL,
    current_version_id INTEGER REFERENCES sanctions_versions(version_id)
);

CREATE TABLE sanctions_versions (
    version_id INTEGER PRIMARY KEY,
    list_id TEXT NOT NULL REFERENCES sanctions_lists(list_id),
    version_date TEXT NOT NULL,              -- ISO date
    version_date_source TEXT NOT NULL,       -- file | as_of | file_name | file_modified
    kind TEXT NOT NULL,                      -- full | companion
    base_version_id INTEGER REFERENCES sanctions_versions(version_id),  -- companion: the version it adds to
    files TEXT NOT NULL,                     -- JSON: [{path, sha256, size}]
    entry_count INTEGER NOT NULL,
    name_count INTEGER NOT NULL,
    loaded_at TEXT NOT NULL,
    superseded_at TEXT                       -- when a newer version replaced it
);
CREATE INDEX sanctions_versions_list ON sanctions_versions(list_id, version_date);

CREATE TABLE sanctions_entries (
    entry_rowid INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES sanctions_versions(version_id) ON DELETE CASCADE,
    entry_id TEXT NOT NULL,                  -- the list's own id: OFAC ent_num, OFSI Group ID, ...
    schema TEXT NOT NULL,                    -- person | organization | vessel | aircraft | other
    caption TEXT NOT NULL,
    data TEXT NOT NULL,                      -- JSON: programs, birth dates, nationalities, positions, remarks...
    UNIQUE (version_id, entry_id)
);

CREATE TABLE sanctions_names (
    name_rowid INTEGER PRIMARY KEY,
    entry_rowid INTEGER NOT NULL REFERENCES sanctions_entries(entry_rowid) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,                      -- primary | alias | weak_alias | previous | non_latin
    family TEXT,
    given TEXT,
    added_by_version_id INTEGER NOT NULL REFERENCES sanctions_versions(version_id)
);
CREATE INDEX sanctions_names_entry ON sanctions_names(entry_rowid);

CREATE TABLE sanctions_matches (
    match_id INTEGER PRIMARY KEY,
    screened_at TEXT NOT NULL,
    query TEXT NOT NULL,
    qualifiers TEXT NOT NULL,                -- JSON
    subject_id TEXT,                         -- the ledger entity screened, when there is one
    list_id TEXT NOT NULL,
    version_id INTEGER NOT NULL REFERENCES sanctions_versions(version_id),
    entry_id TEXT NOT NULL,
    entry_name TEXT NOT NULL,
    score REAL NOT NULL,
    different_person INTEGER NOT NULL,
    explanation TEXT NOT NULL                -- JSON: the match as shown (name parts, qualifiers, reasons)
);
CREATE INDEX sanctions_matches_subject ON sanctions_matches(subject_id);
CREATE INDEX sanctions_matches_version ON sanctions_matches(version_id);
