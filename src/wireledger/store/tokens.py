"""API tokens in a SQL ledger (table of migration 0010): name, role, the hash of the secret, when it was
created, revoked and last used. The secret itself never reaches the store."""

from __future__ import annotations

from typing import Any

from ..model import now_iso
from .sql import Database

_COLUMNS = "token_id, name, role, hint, created_at, revoked_at, last_used_at"


class SQLTokenStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, name: str, role: str, secret_hash: str, hint: str) -> dict[str, Any]:
        with self.db.transaction():
            row = self.db.execute(
                f"INSERT INTO api_tokens (name, role, secret_hash, hint, created_at) VALUES (?, ?, ?, ?, ?) "
                f"RETURNING {_COLUMNS}", (name, role, secret_hash, hint, now_iso())).fetchone()
        return _token(row)

    def named(self, name: str) -> dict[str, Any] | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM api_tokens WHERE name = ?", (name,)).fetchone()
        return None if row is None else _token(row)

    def get(self, token_id: int) -> dict[str, Any] | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM api_tokens WHERE token_id = ?", (token_id,)).fetchone()
        return None if row is None else _token(row)

    def all(self) -> list[dict[str, Any]]:
        return [_token(r) for r in self.db.execute(f"SELECT {_COLUMNS} FROM api_tokens ORDER BY token_id")]

    def by_hash(self, secret_hash: str) -> dict[str, Any] | None:
        """The token whose secret hashes to ``secret_hash`` (revoked or not)."""
        row = self.db.execute(f"SELECT {_COLUMNS} FROM api_tokens WHERE secret_hash = ?",
                              (secret_hash,)).fetchone()
        return None if row is None else _token(row)

    def revoke(self, token_id: int) -> dict[str, Any] | None:
        """Revoke a token (a token revoked already keeps its first revocation time)."""
        with self.db.transaction():
            self.db.execute("UPDATE api_tokens SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL",
                            (now_iso(), token_id))
        return self.get(token_id)

    def touch(self, token_id: int, at: str) -> None:
        with self.db.transaction():
            self.db.execute("UPDATE api_tokens SET last_used_at = ? WHERE token_id = ?", (at, token_id))


def _token(row: Any) -> dict[str, Any]:
    return {"id": int(row[0]), "name": row[1], "role": row[2], "hint": row[3], "created_at": row[4],
            "revoked_at": row[5], "last_used_at": row[6]}
