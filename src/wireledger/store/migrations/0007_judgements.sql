-- 0007 judgements: one mechanism for every human judgement on the ledger. A judgement is a provenance
-- statement made by a person (manual:<who>, when, why): an entity merged into another or split, a report
-- retracted; the redirects that merges, splits and lost support leave behind are one table for every
-- area. Entity decisions and pins keep pointing at their judgement. The tables of 0004 and 0005 that held
-- these apart (entity_statements, entity_redirects, incident_redirects, incident_retractions) move here.

CREATE TABLE judgements (
    judgement_id INTEGER PRIMARY KEY,
    area TEXT NOT NULL,                      -- entity | incident | document
    subject TEXT NOT NULL,                   -- the entity, incident or document judged
    verdict TEXT NOT NULL,                   -- merged | split | retracted
    value TEXT NOT NULL,                     -- JSON: the other entity, the members moved...
    document_id TEXT,                        -- the report concerned, when there is one
    extractor TEXT NOT NULL,                 -- manual:<who>
    note TEXT,                               -- why
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
CREATE INDEX judgements_subject ON judgements(area, subject, verdict);

CREATE TABLE redirects (
    area TEXT NOT NULL,                      -- entity | incident
    old_id TEXT NOT NULL,
    new_id TEXT,                             -- NULL: gone
    reason TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (area, old_id)
);
CREATE INDEX redirects_new ON redirects(area, new_id);

INSERT INTO judgements (judgement_id, area, subject, verdict, value, document_id, extractor, note,
                        first_seen, last_seen)
    SELECT statement_id, 'entity', subject, prop, value, document_id, extractor, note, first_seen, last_seen
    FROM entity_statements ORDER BY statement_id;
INSERT INTO judgements (area, subject, verdict, value, document_id, extractor, note, first_seen, last_seen)
    SELECT 'document', document_id, 'retracted', '{}', document_id, 'manual:unknown', note, at, at
    FROM incident_retractions ORDER BY at, document_id;
INSERT INTO redirects (area, old_id, new_id, reason, at)
    SELECT 'entity', old_id, new_id, reason, at FROM entity_redirects;
INSERT INTO redirects (area, old_id, new_id, reason, at)
    SELECT 'incident', old_id, new_id, reason, at FROM incident_redirects;

CREATE TABLE entity_pins_0007 (
    document_id TEXT NOT NULL,
    name_key TEXT NOT NULL,
    reading_entity_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    away_from TEXT,
    statement_id INTEGER NOT NULL REFERENCES judgements(judgement_id),
    PRIMARY KEY (document_id, name_key, reading_entity_id)
);
INSERT INTO entity_pins_0007 SELECT document_id, name_key, reading_entity_id, entity_id, away_from, statement_id
    FROM entity_pins;
DROP TABLE entity_pins;
ALTER TABLE entity_pins_0007 RENAME TO entity_pins;
DROP TABLE entity_statements;
DROP TABLE entity_redirects;
DROP TABLE incident_redirects;
DROP TABLE incident_retractions;
