-- 0008 generations: a counter of the changes the derived layers follow (a reading stored, replaced or
-- dropped, a document turned into a copy, a report retracted), and the value each derived layer last
-- caught up with. A query command whose layer is at the current generation has nothing to catch up on,
-- whatever the size of the ledger.

CREATE TABLE ledger_state (
    key TEXT PRIMARY KEY,                    -- generation | synced:incidents | synced:entities | screened:lists
    value TEXT NOT NULL
);
INSERT INTO ledger_state (key, value) VALUES ('generation', '1');
