"""Near-duplicate detection for ingest: MinHash fingerprints and the similarity decision.

The store finds candidates by shared band keys; the decision (estimated similarity at or above
``Settings.near_duplicate_threshold``) is made here, with ``ingest.dedup``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..ingest import dedup
from ..model import Document
from ..settings import Settings
from ..store import Candidate, Fingerprint


def fingerprint(doc: Document) -> Fingerprint:
    signature = dedup.minhash(doc.text)
    return Fingerprint(signature=signature, band_keys=tuple(dedup.lsh_keys(signature)))


def similar_documents(fp: Fingerprint, candidates: Iterable[Candidate],
                      settings: Settings) -> list[tuple[str, float]]:
    """(document id, estimated similarity) of the candidates that are near-duplicates, by id."""
    found = []
    for c in candidates:
        if len(c.signature) != len(fp.signature):
            continue  # a signature from another MinHash version cannot be compared
        similarity = dedup.estimate_similarity(fp.signature, c.signature)
        if similarity >= settings.near_duplicate_threshold:
            found.append((c.document_id, similarity))
    return sorted(found)
