"""The token store on both engines: only the hash is kept, revocation, last use, names are unique, and a
ledger moved to the other engine keeps its tokens (so its clients keep working)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wireledger.errors import UsageError, WireledgerError
from wireledger.services.ledger import migrate_ledger
from wireledger.services.tokens import (
    PREFIX,
    check_secret,
    create_token,
    hash_secret,
    list_tokens,
    revoke_token,
    token_of,
)
from wireledger.settings import Settings
from wireledger.store import open_ledger


def test_create_check_revoke(db_url: str) -> None:
    settings = Settings(db=db_url)
    made = create_token(settings, "analyst", "editor")
    assert made.secret.startswith(PREFIX) and len(made.secret) > 40
    assert made.token["hint"] == made.secret[: len(made.token["hint"])]
    found = token_of(settings, made.secret)
    assert found is not None and found["name"] == "analyst" and found["role"] == "editor"
    assert found["last_used_at"] is not None
    assert token_of(settings, made.secret + "x") is None
    assert token_of(settings, "no-prefix") is None
    with pytest.raises(UsageError):
        create_token(settings, "analyst", "reader")  # names are unique
    with pytest.raises(UsageError):
        create_token(settings, "other", "owner")  # no such role
    revoked = revoke_token(settings, str(made.token["id"]))
    assert revoked["revoked_at"] is not None
    assert token_of(settings, made.secret) is None
    assert revoke_token(settings, "analyst")["revoked_at"] == revoked["revoked_at"]  # revoked once
    with pytest.raises(WireledgerError) as missing:
        revoke_token(settings, "nobody")
    assert missing.value.code == "E100"
    with open_ledger(settings) as ledger:
        row = ledger.db.execute("SELECT secret_hash FROM api_tokens WHERE name = ?", ("analyst",)).fetchone()
        assert row[0] == hash_secret(made.secret)
        assert check_secret(ledger, made.secret) is None
    assert [t["name"] for t in list_tokens(settings)] == ["analyst"]


def test_a_moved_ledger_keeps_its_tokens(tmp_path: Path, db_url: str) -> None:
    source = str(tmp_path / "source.db")
    made = create_token(Settings(db=source), "kept", "reader")
    migrate_ledger(source, db_url)
    found = token_of(Settings(db=db_url), made.secret)
    assert found is not None and found["name"] == "kept"
    later = create_token(Settings(db=db_url), "later", "reader")  # ids go on after the copied ones
    assert later.token["id"] > made.token["id"]
