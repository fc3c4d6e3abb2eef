"""Reading a batch job's Parquet back, a few rows at a time (with pyarrow, no Spark needed).

The readings dataset holds one row per document read (``records.READING_COLUMNS``); its ``reading``
column is the whole reading as JSON. The error table (``records.ERROR_COLUMNS``) holds one row per line
that gave no reading. Both come back in the order the job wrote them: by input name, then line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import Problem, UsageError
from ..merge.reading_json import reading_from_dict
from ..model import Document, Reading

_BATCH_ROWS = 256


def _rows(path: str | Path, columns: list[str]) -> Iterator[dict[str, Any]]:
    try:
        import pyarrow.dataset as ds
    except ImportError:
        raise UsageError("pyarrow is not installed; install the extra: pip install 'wireledger[spark]'",
                         input=str(path)) from None
    if not Path(path).exists():
        raise UsageError(f"{path} does not exist (the output of wireledger batch)", input=str(path))
    try:
        dataset = ds.dataset(str(path), format="parquet")
        missing = [c for c in columns if c not in dataset.schema.names]
        if missing:
            raise UsageError(f"not the output of wireledger batch: no column {', '.join(missing)}",
                             input=str(path))
        for batch in dataset.to_batches(columns=columns, batch_size=_BATCH_ROWS):
            yield from batch.to_pylist()
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise UsageError(f"cannot be read as Parquet ({exc})", input=str(path)) from None


def stored_reading(data: dict[str, Any]) -> Reading:
    """The Reading (with its Document, under its content id) of one ``reading`` JSON object."""
    doc = dict(data.get("document") or {})
    if doc.get("content_id"):
        doc["id"] = doc["content_id"]  # "id" is the input's own id in the JSON; the ledger keys by content
    return reading_from_dict(data, document=Document.from_dict(doc))


def batch_readings(path: str | Path) -> Iterator[Reading]:
    """The readings of a batch job's readings dataset, in input order."""
    for row in _rows(path, ["reading"]):
        yield stored_reading(json.loads(row["reading"]))


def batch_problems(path: str | Path) -> Iterator[Problem]:
    """The coded problems of a batch job's error table, in input order."""
    for row in _rows(path, ["input", "code", "cause", "consequence"]):
        yield Problem(row["code"], row["input"], row["cause"], row["consequence"])
