"""JSON Lines dumps: one JSON object per line, one Document per object.

Which keys hold the id, text, title, publication date and URL is configurable (``IngestOptions``);
a dotted name (``article.body``) reaches into nested objects. A line that is not JSON (E110), lacks
the text field (E111) or has an empty text (E112) is reported with its line number and skipped; the
other lines are read. The size limit applies to each line, not to the whole file.

A record's title is read as its headline: when the text does not already open with it (scraped bodies
seldom repeat the headline), the text becomes the title, a blank line, then the body.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import InputError, Problem
from ..model import Document
from .build import DocumentDraft, build_document
from .options import IngestOptions
from .segment import opens_with_title
from .textfile import clean_text

_MISSING = object()
MAX_EXTRA_FIELD_CHARS = 1000


def get_field(record: dict[str, Any], name: str) -> Any:
    """``record[name]``, or the nested value a dotted ``name`` points to; ``_MISSING`` when absent."""
    if name in record:
        return record[name]
    value: Any = record
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return _MISSING
        value = value[part]
    return value


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", bool: "a boolean", int: "a number",
            float: "a number"}.get(type(value), type(value).__name__)


def _as_text(value: Any, field: str, where: str) -> str:
    if value is _MISSING:
        raise InputError("E111", where, f"field {field!r} missing", "line skipped")
    if value is None:
        raise InputError("E112", where, f"field {field!r} is null", "line skipped")
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = "\n\n".join(value)
    if not isinstance(value, str):
        raise InputError("E111", where, f"field {field!r} is {_kind(value)}, not text", "line skipped")
    if not value.strip():
        raise InputError("E112", where, f"field {field!r} is empty", "line skipped")
    return value


def _optional(value: Any) -> str | None:
    if value is _MISSING or value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def record_document(record: dict[str, Any], where: str, lineno: int, name: str, options: IngestOptions,
                    default_published: str | None) -> Document:
    """The Document for one JSON object."""
    text = clean_text(_as_text(get_field(record, options.text_field), options.text_field, where))
    input_id = _optional(get_field(record, options.id_field))
    used = {options.id_field, options.text_field, options.title_field, options.published_field,
            options.url_field}
    extra = {k: v for k, v in record.items() if k not in used and (
        isinstance(v, int | float | bool) or (isinstance(v, str) and len(v) <= MAX_EXTRA_FIELD_CHARS))}
    metadata: dict[str, Any] = {"input": name, "line": lineno}
    if input_id is not None:
        metadata["input_id"] = input_id
    if extra:
        metadata["fields"] = extra
    title = _optional(get_field(record, options.title_field))
    if title is not None:
        title = " ".join(title.split())
        if not opens_with_title(text, title):
            text = f"{title}\n\n{text}"
    draft = DocumentDraft(
        text=text,
        source_id=input_id if input_id is not None else where,
        source_format="jsonl",
        input_name=where,
        title=title,
        url=_optional(get_field(record, options.url_field)),
        outlet=_optional(record.get("outlet")),
        author=_optional(record.get("author")),
        published_raw=_optional(get_field(record, options.published_field)),
        metadata=metadata,
    )
    return build_document(draft, default_published)


def read_jsonl(lines: Iterable[tuple[int, bytes] | Problem], name: str, options: IngestOptions,
               default_published: str | None) -> Iterator[Document | Problem]:
    """Documents and line problems of a JSONL stream; ``lines`` yields (line number, raw line)."""
    for item in lines:
        if isinstance(item, Problem):
            yield item
            continue
        lineno, raw = item
        where = f"{name}:{lineno}"
        if lineno == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Problem("E103", where, f"line is not valid UTF-8 (byte {exc.start})", "line skipped")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem("E110", where, f"not valid JSON ({exc.msg} at column {exc.colno})",
                          "line skipped")
            continue
        except RecursionError:
            yield Problem("E110", where, "JSON nested too deeply", "line skipped")
            continue
        if not isinstance(record, dict):
            yield Problem("E110", where, f"{_kind(record)}, not a JSON object", "line skipped")
            continue
        try:
            yield record_document(record, where, lineno, name, options, default_published)
        except InputError as exc:
            yield exc.problem
