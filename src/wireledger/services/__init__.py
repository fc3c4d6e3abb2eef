"""The use cases every interface shares (CLI now, the API later): ingest, list, show, search, stats.

Interfaces call only these; each takes the one Settings object (and optionally an open Store). The names
below are imported on first use (PEP 562), so a command that needs one use case (``screen``) does not
load the others (the reading pipeline, spaCy).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..ingest import IngestOptions
    from .ingestion import (
        EXIT_NOTHING,
        EXIT_OK,
        EXIT_SKIPPED,
        IngestSummary,
        Progress,
        ProgressUpdate,
        Read,
        ingest,
    )
    from .library import (
        EXAMPLE,
        DocumentView,
        document_summary,
        documents,
        example_article,
        hit_dict,
        ranked,
        search,
        search_results,
        show,
        stats,
    )
    from .provenance import reading_statements

OUTPUT_SCHEMA_VERSION = "1.0"  # of every JSON object the CLI (and later the API) prints

_WHERE = {
    "IngestOptions": "..ingest",
    **dict.fromkeys(("EXIT_NOTHING", "EXIT_OK", "EXIT_SKIPPED", "IngestSummary", "Progress", "ProgressUpdate",
                     "Read", "ingest"), ".ingestion"),
    **dict.fromkeys(("EXAMPLE", "DocumentView", "document_summary", "documents",
                     "example_article", "hit_dict", "ranked", "search", "search_results", "show", "stats"),
                    ".library"),
    "reading_statements": ".provenance",
}

__all__ = [
    "EXAMPLE", "EXIT_NOTHING", "EXIT_OK", "EXIT_SKIPPED", "OUTPUT_SCHEMA_VERSION", "DocumentView",
    "IngestOptions", "IngestSummary", "Progress", "ProgressUpdate", "Read", "document_summary", "documents",
    "example_article", "hit_dict", "ingest", "ranked", "reading_statements", "search", "search_results",
    "show", "stats",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value
