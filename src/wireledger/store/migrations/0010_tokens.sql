-- 0010 tokens: the API tokens of `wireledger tokens create|list|revoke`. Only a hash of each secret is
-- kept (SHA-256 of the high-entropy secret, hex); the secret itself is printed once and never stored.
-- A revoked token keeps its row (who had access, until when); the server checks revoked_at on every request.

CREATE TABLE api_tokens (
    token_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,                      -- reader | editor | admin
    secret_hash TEXT NOT NULL UNIQUE,        -- hex SHA-256 of the secret
    hint TEXT NOT NULL,                      -- the secret's first characters, to tell tokens apart
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    last_used_at TEXT
);
