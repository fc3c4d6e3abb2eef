"""The incidents as JSON (``json``: one object; ``jsonl``: one incident a line).

Each incident is the object ``wireledger incident ID --format json`` shows (every field with its values
and their support, the reports, the people) plus ``entities``: the ledger entity each person or
organisation of the incident resolved to (its id, as ``entity ID`` takes it; null when none).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

from ...merge.record import IncidentRecord
from .. import OUTPUT_SCHEMA_VERSION
from .source import ExportSource


def incident_object(source: ExportSource, record: IncidentRecord) -> dict[str, Any]:
    data = record.to_dict()
    data["entities"] = [{"name": p["name"], "role": p["role"], "kind": p["kind"],
                         "entity": source.entity_of(p)} for p in record.people]
    return data


def write_json(source: ExportSource, counts: Counter[str]) -> Iterator[str]:
    # the head every JSON output of the CLI carries (schema_version, command), then the filters
    head = {"schema_version": OUTPUT_SCHEMA_VERSION, "command": "export", "filters": source.filters.to_dict()}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "incidents": ['
    for _, record in source.records():
        yield ("," if counts["incidents"] else "") + "\n" + json.dumps(incident_object(source, record),
                                                                       ensure_ascii=False)
        counts["incidents"] += 1
    yield f'\n], "count": {counts["incidents"]}}}\n'


def write_jsonl(source: ExportSource, counts: Counter[str]) -> Iterator[str]:
    for _, record in source.records():
        counts["incidents"] += 1
        yield json.dumps(incident_object(source, record), ensure_ascii=False) + "\n"
