"""Incident use cases: keep the ledger's incidents in step with its readings, list and show incidents,
timelines, the entity graph, retract a report, read stored reports again, and evaluate the clustering.

``IncidentService`` keeps one connection to the SQLite ledger. ``sync()`` merges every stored reading
not merged yet (and takes out reports whose reading went away or changed), one report per transaction,
so it is incremental and can be interrupted; every query command calls it first, so the incidents always
reflect what the ledger holds.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import UsageError, WireledgerError
from ..evaluation.clusters import ClusterScores, read_gold, score_assignment
from ..ingest import IngestOptions
from ..merge.graph import Graph, entity_graph
from ..merge.merger import RETRACTED, IncidentMerger, MergeOutcome
from ..merge.profile import EventProfile, name_keys
from ..merge.reading_json import reading_from_dict
from ..merge.record import IncidentRecord, build_record
from ..merge.timeline import TimelineEntry, build_timeline, person_keys
from ..model import Reading
from ..settings import Settings
from ..store import SQLiteStore
from ..store import incidents_sqlite as tables

__all__ = ["IncidentService", "SyncSummary", "evaluate_clusters", "parse_day"]


@dataclass
class SyncSummary:
    merged: int = 0  # reports merged (new or read again)
    removed: int = 0  # reports taken out (reading gone, now a copy, or retracted)
    outcome: MergeOutcome = field(default_factory=MergeOutcome)

    def to_dict(self) -> dict[str, Any]:
        return {"merged": self.merged, "removed": self.removed, **self.outcome.to_dict()}


def parse_day(text: str | None, option: str) -> int | None:
    """A ``--from``/``--to`` value (YYYY, YYYY-MM or YYYY-MM-DD) as an ordinal day; ``--to`` takes the
    last day of a month or year."""
    if not text:
        return None
    try:
        parts = [int(p) for p in text.split("-")]
        if len(parts) == 1:
            d = date(parts[0], 1, 1) if option == "--from" else date(parts[0], 12, 31)
        elif len(parts) == 2:
            d = date(parts[0], parts[1], 1)
            if option == "--to":
                d = date.fromordinal(date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1).toordinal() - 1)
        else:
            d = date(parts[0], parts[1], parts[2])
    except ValueError:
        raise UsageError(f"{option} {text!r} is not a date like 2026, 2026-02 or 2026-02-06",
                         input=option) from None
    return d.toordinal()


class IncidentService:
    """The incidents of one SQLite ledger."""

    def __init__(self, settings: Settings, conn: sqlite3.Connection | None = None) -> None:
        if settings.db.startswith(("postgresql://", "postgres://")):
            raise UsageError("incidents are kept in a SQLite ledger in this version; use a SQLite path",
                             input="--db")
        self.settings = settings
        self.conn = conn or tables.open_connection(settings.db_path)
        self.store = SQLiteStore(settings.db_path)
        self.state = tables.SQLiteMergeState(self.conn)
        self.merger = IncidentMerger(self.state)

    def __enter__(self) -> IncidentService:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()
        self.conn.close()

    # --- keeping incidents in step with readings ----------------------------------------------------
    def merge_reading(self, reading: Reading, read_at: str | None = None) -> MergeOutcome:
        """Merge one report's reading (replacing an earlier reading of it), in one transaction."""
        with tables.transaction(self.conn):
            outcome = self.merger.add_reading(reading)
            self._update_records(outcome)
            tables.mark_merged(self.conn, reading.document.id, read_at)
        return outcome

    def remove(self, document: str, reason: str) -> MergeOutcome:
        with tables.transaction(self.conn):
            outcome = self.merger.remove_document(document, reason)
            self._update_records(outcome)
            tables.unmark_merged(self.conn, document)
        return outcome

    def _update_records(self, outcome: MergeOutcome) -> None:
        for inc in sorted(outcome.touched | set(outcome.started)):
            if inc in outcome.redirected:
                continue
            profiles = list(self.state.profiles(self.state.incident_members(inc)).values())
            if profiles:
                tables.save_record(self.conn, build_record(inc, profiles))

    def pending(self) -> tuple[list[tuple[str, str]], list[str]]:
        """(reports to merge as (document id, read_at), reports to take out), in a fixed order."""
        rows = self.conn.execute(
            "SELECT r.document_id, r.read_at FROM readings r JOIN documents d ON d.id = r.document_id "
            "WHERE d.canonical_id IS NULL ORDER BY d.seq").fetchall()
        current = {r[0]: r[1] for r in rows}
        merged = tables.merged_documents(self.conn)
        retracted = tables.retracted_documents(self.conn)
        to_merge = [(d, t) for d, t in current.items() if d not in retracted and merged.get(d, "\0") != t]
        to_remove = sorted(d for d in merged if d not in current or d in retracted)
        return to_merge, to_remove

    def sync(self) -> SyncSummary:
        summary = SyncSummary()
        to_merge, to_remove = self.pending()
        for doc in to_remove:
            summary.outcome.absorb(self.remove(doc, "no remaining support after {doc} left the ledger"))
            summary.removed += 1
        for doc, read_at in to_merge:
            reading = self._stored_reading(doc)
            if reading is not None:
                summary.outcome.absorb(self.merge_reading(reading, read_at))
                summary.merged += 1
        return summary

    def _stored_reading(self, doc_id: str) -> Reading | None:
        data = self.store.get_reading(doc_id)
        document = self.store.get_document(doc_id)
        if data is None or document is None:
            return None
        return reading_from_dict(data, document)

    # --- retract and read again ---------------------------------------------------------------------
    def document_id(self, key: str) -> str:
        doc = self.store.get_document(key)
        if doc is None:
            raise WireledgerError("E100", key, "no such document in the ledger",
                                  "give a document id or source id")
        return doc.canonical_id or doc.id

    def retract(self, key: str, note: str | None = None) -> MergeOutcome:
        """Take a report's support away everywhere; incidents it alone supported are dropped (redirect
        note), the others are recomputed without it. It stays retracted when read again."""
        self.sync()
        doc = self.document_id(key)
        with tables.transaction(self.conn):
            outcome = self.merger.remove_document(doc, RETRACTED)
            self._update_records(outcome)
            tables.unmark_merged(self.conn, doc)
            tables.mark_retracted(self.conn, doc, note)
        return outcome

    def reread(self, processes: int = 1) -> dict[str, Any]:
        """Read every stored canonical report again with the current pipeline, store the new readings, and
        bring the incidents up to date."""
        from ..nlp.pipeline import Pipeline  # the reader loads spaCy: only when re-reading
        from .provenance import reading_statements

        retracted = tables.retracted_documents(self.conn)
        ids = [r[0] for r in self.conn.execute(
            "SELECT id FROM documents WHERE canonical_id IS NULL ORDER BY seq") if r[0] not in retracted]
        docs = [d for d in (self.store.get_document(i) for i in ids) if d is not None]
        pipeline = Pipeline(self.settings)
        read = failed = 0
        for result in pipeline.pipe(docs, processes=processes, batch_size=self.settings.batch_size):
            if isinstance(result, Reading):
                self.store.save_reading(result, reading_statements(result))
                read += 1
            else:
                failed += 1
        summary = self.sync()
        return {"read": read, "failed": failed, **summary.to_dict()}

    # --- questions ------------------------------------------------------------------------------------
    def incidents(self, *, place: str | None = None, date_from: str | None = None,
                  date_to: str | None = None, type_: str | None = None, min_sources: int = 0,
                  background: bool = True) -> list[dict[str, Any]]:
        self.sync()
        return tables.list_incidents(self.conn, type_=type_, date_from=parse_day(date_from, "--from"),
                                     date_to=parse_day(date_to, "--to"), place=place, min_sources=min_sources,
                                     include_background=background)

    def record(self, incident: str) -> tuple[IncidentRecord | None, list[dict[str, Any]]]:
        """The record an id leads to (following redirects) and the redirects followed."""
        self.sync()
        live, hops = tables.resolve_incident(self.conn, incident)
        if live is None:
            if not hops:
                raise WireledgerError("E100", incident, "no such incident",
                                      "list them with `wireledger incidents`")
            return None, hops
        profiles = tables.member_profiles(self.conn, live)
        copies = {p.document: self.store.copies(p.document) for p in profiles}
        return build_record(live, profiles, copies), hops

    def related(self, incident: str) -> list[dict[str, Any]]:
        """Other incidents told in the same reports (a follow-up's arrest, an attack's background)."""
        docs = {p.document for p in tables.member_profiles(self.conn, incident)}
        others: set[str] = set()
        for doc in docs:
            found = tables.incidents_of_document(self.conn, doc)
            others.update(i for _, i, _ in found if i and i != incident)
        return tables.list_incidents(self.conn, ids=others)

    def members(self) -> list[dict[str, str]]:
        """One row per source id: ``{"doc_id": source id, "incident": the incident of its report's main
        event}``. A report that was never read gets an id of its own (``unread:<document id>``)."""
        self.sync()
        primary = tables.primary_incidents(self.conn)
        rows = self.conn.execute(
            "SELECT s.source_id, s.document_id, d.canonical_id FROM source_ids s "
            "JOIN documents d ON d.id = s.document_id ORDER BY s.seq").fetchall()
        out = []
        for source_id, doc, canonical in rows:
            home = canonical or doc
            out.append({"doc_id": source_id, "incident": primary.get(home) or f"unread:{home}"})
        return out

    def timeline(self, name: str | None = None, place: str | None = None, date_from: str | None = None,
                 date_to: str | None = None, type_: str | None = None) -> list[TimelineEntry]:
        if not name and not place:
            raise UsageError("give a NAME or --place", input="timeline")
        self.sync()
        roles: dict[str, list[str]] = {}
        ids: set[str] | None = None
        if name:
            _, surname = name_keys(name)
            bare = surname if len(name.split()) == 1 else None
            found = tables.incidents_with_person(self.conn, person_keys(name), bare)
            roles = {inc: [role for _, role in people] for inc, people in found.items()}
            ids = set(found)
        summaries = tables.list_incidents(self.conn, type_=type_, place=place,
                                          date_from=parse_day(date_from, "--from"),
                                          date_to=parse_day(date_to, "--to"), ids=ids)
        return build_timeline(summaries, roles)

    def graph(self, name: str, depth: int = 2) -> Graph:
        self.sync()
        return entity_graph(name, depth, _LedgerGraph(self))

    def stats(self) -> dict[str, int]:
        return tables.ledger_counts(self.conn)


class _LedgerGraph:
    """``GraphSource`` over the ledger (sanctions matches when lists are loaded)."""

    def __init__(self, service: IncidentService) -> None:
        self.service = service
        self._screening: Any = None

    def incidents_of(self, name: str) -> list[tuple[str, str, str]]:
        _, surname = name_keys(name)
        bare = surname if len(name.split()) == 1 else None
        found = tables.incidents_with_person(self.service.conn, person_keys(name), bare)
        return [(inc, n, role) for inc, people in sorted(found.items()) for n, role in people]

    def people_of(self, incident: str) -> list[dict[str, str]]:
        return tables.people_of_incident(self.service.conn, incident)

    def incident_label(self, incident: str) -> dict[str, Any]:
        rows = tables.list_incidents(self.service.conn, ids=[incident])
        s = rows[0] if rows else {}
        label = f"{s.get('type') or 'incident'} {s.get('date_label') or ''} {s.get('place') or ''}"
        return {"label": label.strip(),
                "type": s.get("type"), "date": s.get("date_label"), "place": s.get("place")}

    def affiliations(self, name: str) -> list[str]:
        found = self.incidents_of(name)
        orgs: set[str] = set()
        for inc, _, _ in found:
            for p in tables.member_profiles(self.service.conn, inc):
                orgs.update(a for person in _matching(p, name) for a in person.affiliations)
        return sorted(orgs)

    def members(self, name: str) -> list[str]:
        return tables.members_of_organisation(self.service.conn, name)

    def sanctions(self, name: str) -> list[dict[str, Any]]:
        if len(name.split()) < 2:
            return []
        try:
            from .screening import ScreeningService

            if self._screening is None:
                self._screening = ScreeningService(self.service.settings, self.service.conn)
            result = self._screening.screen(name)
        except WireledgerError:
            return []  # no lists loaded
        return [{"list": m["list"], "entry": m["entry_id"], "label": m["name"], "score": m["score"]}
                for m in (x.to_dict() for x in result.matches) if not m.get("different_person")]


def _matching(profile: EventProfile, name: str) -> Iterable[Any]:
    full, surname = name_keys(name)
    for person in profile.people:
        if (full and person.full_key == full) or (not full and person.surname_key == surname):
            yield person


# --- evaluation -------------------------------------------------------------------------------------------

def evaluate_clusters(path: str, settings: Settings, *, gold_field: str = "incident_id", id_field: str = "id",
                      text_field: str = "text", title_field: str = "title",
                      published_field: str = "published", only: dict[str, set[str]] | None = None,
                      processes: int = 1, readings: str | None = None,
                      assignment: str | None = None) -> tuple[ClusterScores, dict[str, Any]]:
    """Ingest a JSONL file into a temporary ledger (reading every report), merge, and score the
    document-to-incident assignment against the gold field. ``only`` keeps the lines whose field has one
    of the given values (e.g. the security topics of ECB+). Lines without text are not scored.
    ``readings`` is a JSONL file of stored readings: a report found there is not read again, and the
    readings made are added to it (see ``stored_readers``). ``assignment``: a JSONL file to write each
    scored document's predicted incident and gold cluster to (``{"doc_id", "incident", "gold"}``)."""
    from .ingestion import ingest
    from .ledger import pipeline_readers, stored_readers

    options = IngestOptions(id_field=id_field, text_field=text_field, title_field=title_field,
                            published_field=published_field)
    with tempfile.TemporaryDirectory(prefix="wireledger-eval-") as tmp:
        source = Path(path)
        if only:
            source = Path(tmp) / "selected.jsonl"
            with open(path, encoding="utf-8") as src, source.open("w", encoding="utf-8") as dst:
                for line in src:
                    row = json.loads(line) if line.strip() else None
                    if row is not None and all(str(row.get(f)) in v for f, v in only.items()):
                        dst.write(line)
        gold = read_gold(source, gold_field, id_field)
        temp = settings.with_(db=str(Path(tmp) / "ledger.db"), processes=processes)
        read, read_many = pipeline_readers(temp)
        if readings:
            read, read_many = stored_readers(readings, read, read_many)
        summary = ingest([str(source)], options, temp, read=read, read_many=read_many)
        with IncidentService(temp) as service:
            rows = service.members()
            counts = service.stats()
    predicted = {r["doc_id"]: r["incident"] for r in rows}
    scored = {d: g for d, g in gold.items() if d in predicted}
    info = {"lines": len(gold), "not_ingested": len(gold) - len(scored), "ingest": summary.to_dict(),
            **counts}
    if assignment:
        with open(assignment, "w", encoding="utf-8") as out:
            for doc_id, gold_cluster in sorted(scored.items()):
                row = {"doc_id": doc_id, "incident": predicted[doc_id], "gold": gold_cluster}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return score_assignment(predicted, scored), info
