"""API tokens: create (the secret is shown once), list, revoke, and check a presented secret.

A secret is ``wl_`` followed by 32 random bytes in URL-safe base64 (256 bits), so a hash without a salt or
a slow key derivation is enough: nobody can guess a preimage of SHA-256 over that much entropy. The ledger
keeps the hex SHA-256 and the first characters (the hint), never the secret. Every request is checked
against the ledger, so a revoked token stops working at once.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ..errors import UsageError, WireledgerError
from ..model import now_iso
from ..settings import Settings
from ..store import Ledger, open_ledger

PREFIX = "wl_"
ROLES = ("reader", "editor", "admin")  # in order: each may do what the one before may
_HINT = len(PREFIX) + 6
_TOUCH_EVERY = timedelta(minutes=1)  # last_used_at is written at most this often per token


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CreatedToken:
    token: dict[str, Any]
    secret: str

    def to_dict(self) -> dict[str, Any]:
        return {"token": self.token, "secret": self.secret}


def _check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 100 or any(not c.isprintable() for c in name):
        raise UsageError(f"a token name is 1 to 100 printable characters, not {name!r}", input="--name")
    if name.isdigit():
        raise UsageError(f"a token name is not a number ({name!r} would read as a token id)", input="--name")
    return name


def create_token(settings: Settings, name: str, role: str) -> CreatedToken:
    """A new token of ``role`` named ``name``; the returned secret is the only copy there will be."""
    if role not in ROLES:
        raise UsageError(f"role {role!r} is not one of {', '.join(ROLES)}", input="--role")
    name = _check_name(name)
    secret = PREFIX + secrets.token_urlsafe(32)
    with open_ledger(settings) as ledger:
        if ledger.tokens.named(name) is not None:
            raise UsageError(f"a token named {name!r} exists already (revoked tokens keep their names); "
                             "choose another name", input="--name")
        token = ledger.tokens.add(name, role, hash_secret(secret), secret[:_HINT])
    return CreatedToken(token, secret)


def list_tokens(settings: Settings) -> list[dict[str, Any]]:
    with open_ledger(settings, create=False) as ledger:
        return ledger.tokens.all()


def live_tokens(settings: Settings) -> int:
    """How many tokens are not revoked (``serve`` says how to make one when there is none)."""
    with open_ledger(settings) as ledger:
        return sum(1 for t in ledger.tokens.all() if t["revoked_at"] is None)


def revoke_token(settings: Settings, key: str) -> dict[str, Any]:
    """Revoke the token with id or name ``key`` (E100 when there is none)."""
    with open_ledger(settings, create=False) as ledger:
        found = ledger.tokens.get(int(key)) if key.isdigit() else ledger.tokens.named(key)
        if found is None:
            raise WireledgerError("E100", key, "no such API token", "list them with `wireledger tokens list`")
        revoked = ledger.tokens.revoke(found["id"])
    assert revoked is not None
    return revoked


def token_of(settings: Settings, secret: str) -> dict[str, Any] | None:
    """The live token whose secret this is (None when there is none or it is revoked), asked of the ledger
    each time: what the API does on every request."""
    if not secret.startswith(PREFIX):
        return None
    with open_ledger(settings) as ledger:
        return check_secret(ledger, secret)


def check_secret(ledger: Ledger, secret: str) -> dict[str, Any] | None:
    """The live (not revoked) token whose secret this is, or None; notes when it was last used."""
    if not secret.startswith(PREFIX):
        return None
    found = ledger.tokens.by_hash(hash_secret(secret))
    if found is None or found["revoked_at"] is not None:
        return None
    now = datetime.now(UTC)
    last = found["last_used_at"]
    if last is None or now - datetime.fromisoformat(last) >= _TOUCH_EVERY:
        stamp = now_iso()
        ledger.tokens.touch(found["id"], stamp)
        found["last_used_at"] = stamp
    return found
