"""The use cases every interface shares (CLI now, the API later): ingest, list, show, search, stats.

Interfaces call only these; each takes the one Settings object (and optionally an open Store).
"""

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
    OUTPUT_SCHEMA_VERSION,
    DocumentView,
    document_summary,
    documents,
    example_article,
    hit_dict,
    search,
    show,
    stats,
)
from .provenance import reading_statements

__all__ = [
    "EXAMPLE", "EXIT_NOTHING", "EXIT_OK", "EXIT_SKIPPED", "OUTPUT_SCHEMA_VERSION", "DocumentView",
    "IngestOptions", "IngestSummary", "Progress", "ProgressUpdate", "Read", "document_summary", "documents",
    "example_article", "hit_dict", "ingest", "reading_statements", "search", "show", "stats",
]
