"""Incident use cases: keep the ledger's incidents in step with its readings, list and show incidents,
timelines, the entity graph, retract a report, read stored reports again, and evaluate the clustering.

``IncidentService`` works on one ``Ledger`` (SQLite or PostgreSQL) and writes no SQL of its own.
``sync()`` merges every stored reading not merged yet (and takes out reports whose reading went away or
changed), one report per transaction, so it is incremental and can be interrupted; every query command
calls it first, so the incidents always reflect what the ledger holds.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import UsageError, WireledgerError
from ..evaluation.clusters import ClusterScores, read_gold, score_assignment
from ..ingest import IngestOptions
from ..merge.graph import Graph, GraphSource, entity_graph
from ..merge.merger import RETRACTED, IncidentMerger, MergeOutcome
from ..merge.ports import IncidentTables
from ..merge.profile import EventProfile, name_keys
from ..merge.reading_json import reading_from_dict
from ..merge.record import IncidentRecord, build_record, name_value_key
from ..merge.state import StoredMergeState
from ..merge.timeline import TimelineEntry, affiliation_key, build_timeline, person_keys, stored_person_keys
from ..model import Reading
from ..settings import Settings
from ..store import Ledger, open_ledger
from .entity_manual import current_user

_SYNCED = "synced:incidents"  # the ledger generation the incidents last caught up with

__all__ = ["IncidentService", "SyncSummary", "evaluate_clusters", "ledger_graph_source", "parse_day"]


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


def record_row(record: IncidentRecord) -> tuple[dict[str, Any], set[tuple[str, str, str, str]]]:
    """What the ledger keeps of an incident record: its columns and summary, and the people rows (name key,
    name, role, kind) that find it by a person's names or by an organisation a person belongs to."""
    people = {(key, person["name"], person["role"], person["kind"])
              for person in record.people for key in stored_person_keys(person)}
    people |= {(affiliation_key(org), person["name"], person["role"], person["kind"])
               for person in record.people for org in person.get("affiliations") or ()}
    row = {"id": record.id, "date_lo": record.date_lo, "date_hi": record.date_hi,
           "precision": record.precision, "background_only": record.background_only,
           "summary": record.summary()}
    return row, people


class IncidentService:
    """The incidents of one ledger."""

    def __init__(self, settings: Settings, ledger: Ledger | None = None) -> None:
        self.settings = settings
        self._owned = ledger is None
        self.ledger = ledger if ledger is not None else open_ledger(settings)
        self.tables: IncidentTables = self.ledger.incidents
        self.store = self.ledger.documents
        self.state = StoredMergeState(self.tables)
        self._members: tuple[str, list[EventProfile]] | None = None
        self.merger = IncidentMerger(self.state)

    def __enter__(self) -> IncidentService:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._owned:
            self.ledger.close()

    # --- keeping incidents in step with readings ----------------------------------------------------
    def merge_reading(self, reading: Reading, read_at: str | None = None) -> MergeOutcome:
        """Merge one report's reading (replacing an earlier reading of it), in one transaction."""
        with self._transaction():
            outcome = self.merger.add_reading(reading)
            self._update_records(outcome)
            self.tables.mark_merged(reading.document.id, read_at)
        return outcome

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One transaction that holds the incidents lock (concurrent mergers take turns)."""
        self._members = None
        try:
            with self.ledger.transaction():
                self.ledger.lock("incidents")
                yield
        except BaseException:
            self.state.forget()  # cached profiles may hold what was rolled back
            raise

    def remove(self, document: str, reason: str) -> MergeOutcome:
        with self._transaction():
            outcome = self.merger.remove_document(document, reason)
            self._update_records(outcome)
            self.tables.unmark_merged(document)
        return outcome

    def _update_records(self, outcome: MergeOutcome) -> None:
        for inc in sorted(outcome.touched | set(outcome.started)):
            if inc in outcome.redirected:
                continue
            profiles = list(self.state.profiles(self.state.incident_members(inc)).values())
            if profiles:
                self.tables.save_record(*record_row(build_record(inc, profiles)))

    def pending(self) -> tuple[list[tuple[str, str]], list[str]]:
        """(reports to merge as (document id, read_at), reports to take out), in a fixed order."""
        current = self.store.current_readings()
        merged = self.tables.merged_documents()
        retracted = self.tables.retracted_documents()
        to_merge = [(d, t) for d, t in current.items() if d not in retracted and merged.get(d, "\0") != t]
        to_remove = sorted(d for d in merged if d not in current or d in retracted)
        return to_merge, to_remove

    def sync(self) -> SyncSummary:
        """Catch up with the readings; at once when the ledger's generation has not moved since."""
        summary = SyncSummary()
        now = self.ledger.state.values("generation", _SYNCED)
        generation = now.get("generation", "0")
        if now.get(_SYNCED) == generation:
            return summary
        self._members = None
        to_merge, to_remove = self.pending()
        for doc in to_remove:
            summary.outcome.absorb(self.remove(doc, "no remaining support after {doc} left the ledger"))
            summary.removed += 1
        for doc, read_at in to_merge:
            reading = self._stored_reading(doc)
            if reading is not None:
                outcome = self._merge_pending(reading, read_at)
                if outcome is not None:
                    summary.outcome.absorb(outcome)
                    summary.merged += 1
        with self.ledger.transaction():
            self.ledger.state.put(_SYNCED, generation)
        return summary

    def _merge_pending(self, reading: Reading, read_at: str | None) -> MergeOutcome | None:
        """Merge a reading unless another process merged this very reading since ``pending()`` looked."""
        with self._transaction():
            doc = reading.document.id
            if self.tables.is_retracted(doc) or self.tables.merged_reading(doc) == (True, read_at):
                return None
            return self.merge_reading(reading, read_at)

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

    def retract(self, key: str, note: str | None = None, by: str | None = None) -> MergeOutcome:
        """Take a report's support away everywhere; incidents it alone supported are dropped (redirect
        note), the others are recomputed without it. It stays retracted when read again."""
        self.sync()
        doc = self.document_id(key)
        with self._transaction():
            outcome = self.merger.remove_document(doc, RETRACTED)
            self._update_records(outcome)
            self.tables.unmark_merged(doc)
            self.tables.mark_retracted(doc, note, by or current_user())
        return outcome

    def reread(self, processes: int = 1,
               progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
        """Read every stored canonical report again with the current pipeline and bring the incidents up to
        date. A reading that comes out as it was stored is not stored again, so a reread with an unchanged
        reader changes nothing (same readings, same incidents, same ids); ``changed`` counts the reports
        whose reading moved. ``progress(done, total)`` is called as reports are read."""
        from ..nlp.pipeline import Pipeline  # the reader loads spaCy: only when re-reading
        from .provenance import reading_statements

        retracted = self.tables.retracted_documents()
        ids = [i for i in self.store.canonical_ids() if i not in retracted]
        docs = [d for d in (self.store.get_document(i) for i in ids) if d is not None]
        pipeline = Pipeline(self.settings)
        read = failed = changed = 0
        for result in pipeline.pipe(docs, processes=processes, batch_size=self.settings.batch_size):
            if isinstance(result, Reading):
                read += 1
                if self.store.get_reading(result.document.id) != result.to_dict():
                    self.store.save_reading(result, reading_statements(result))
                    changed += 1
            else:
                failed += 1
            if progress:
                progress(read + failed, len(docs))
        summary = self.sync()
        return {"read": read, "failed": failed, "changed": changed, "unchanged": read - changed,
                **summary.to_dict()}

    # --- questions ------------------------------------------------------------------------------------
    def incidents(self, *, place: str | None = None, date_from: str | None = None,
                  date_to: str | None = None, type_: str | None = None, min_sources: int = 0,
                  background: bool = True) -> list[dict[str, Any]]:
        self.sync()
        return self.tables.list_incidents(type_=type_, date_from=parse_day(date_from, "--from"),
                                     date_to=parse_day(date_to, "--to"), place=place, min_sources=min_sources,
                                     include_background=background)

    def record(self, incident: str) -> tuple[IncidentRecord | None, list[dict[str, Any]]]:
        """The record an id leads to (following redirects) and the redirects followed."""
        self.sync()
        live, hops = self.tables.resolve_incident(incident)
        if live is None and not hops:  # not an id: perhaps the start of one
            live, hops = self.tables.resolve_incident(self.incident_id(incident))
        if live is None:
            if not hops:
                raise WireledgerError("E100", incident, "no such incident",
                                      "list them with `wireledger incidents`")
            return None, hops
        profiles = self._member_profiles(live)
        copies = self.store.copies_of({p.document for p in profiles})
        return build_record(live, profiles, copies), hops

    def incident_id(self, key: str) -> str:
        """The incident id ``key`` names: the id itself, or a prefix (``inc_26e2``) that only it has."""
        if self.tables.known_incident(key) or len(key) < 6:
            return key
        found = self.tables.incident_ids_with_prefix(key)
        if len(found) > 1:
            raise UsageError(f"{key} is the start of several incident ids: {', '.join(found[:3])}...",
                             input=key)
        return found[0] if found else key

    def related(self, incident: str) -> list[dict[str, Any]]:
        """Other incidents told in the same reports (a follow-up's arrest, an attack's background)."""
        docs = {p.document for p in self._member_profiles(incident)}
        others = {i for i in self.tables.incidents_of_documents(docs) if i != incident}
        return self.tables.list_incidents(ids=others) if others else []

    def members(self) -> list[dict[str, str]]:
        """One row per source id: ``{"doc_id": source id, "incident": the incident of its report's main
        event}``. A report that was never read gets an id of its own (``unread:<document id>``)."""
        self.sync()
        primary = self.tables.primary_incidents()
        out = []
        for source_id, home in self.store.source_rows():
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
            found = self.tables.incidents_with_person(person_keys(name), bare)
            roles = {inc: [role for _, role in people] for inc, people in found.items()}
            ids = set(found)
        summaries = self.tables.list_incidents(type_=type_, place=place,
                                          date_from=parse_day(date_from, "--from"),
                                          date_to=parse_day(date_to, "--to"), ids=ids)
        return build_timeline(summaries, roles)

    def graph(self, name: str, depth: int = 2) -> Graph:
        self.sync()
        return entity_graph(name, depth, _LedgerGraph(self))

    def stats(self) -> dict[str, int]:
        return self.tables.ledger_counts()

    def _member_profiles(self, incident: str) -> list[EventProfile]:
        """The member events of an incident (the last incident's are kept until a sync changes something:
        an incident page asks for them twice)."""
        if self._members is not None and self._members[0] == incident:
            return self._members[1]
        profiles = [EventProfile.from_dict(d) for d in self.tables.member_profile_data(incident)]
        self._members = (incident, profiles)
        return profiles


def ledger_graph_source(service: IncidentService) -> GraphSource:
    """The ``GraphSource`` the ``graph`` command walks (the exports draw their graph from it too)."""
    return _LedgerGraph(service)


class _LedgerGraph:
    """``GraphSource`` over the ledger (sanctions matches when lists are loaded)."""

    def __init__(self, service: IncidentService) -> None:
        self.service = service
        self._entities: Any = None
        self._sanctioned: dict[str, list[str]] = {}
        self._people: dict[str, list[tuple[str | None, str | None, tuple[str, ...]]]] = {}

    def incidents_of(self, name: str) -> list[tuple[str, str, str]]:
        _, surname = name_keys(name)
        bare = surname if len(name.split()) == 1 else None
        found = self.service.tables.incidents_with_person(person_keys(name), bare)
        return [(inc, n, role) for inc, people in sorted(found.items()) for n, role in people]

    def people_of(self, incident: str) -> list[dict[str, str]]:
        return self.service.tables.people_of_incident(incident)

    def incident_label(self, incident: str) -> dict[str, Any]:
        rows = self.service.tables.list_incidents(ids=[incident])
        s = rows[0] if rows else {}
        label = f"{s.get('type') or 'incident'} {s.get('date_label') or ''} {s.get('place') or ''}"
        return {"label": label.strip(),
                "type": s.get("type"), "date": s.get("date_label"), "place": s.get("place")}

    def affiliations(self, name: str) -> list[str]:
        full, surname = name_keys(name)
        orgs: set[str] = set()
        for inc, _, _ in self.incidents_of(name):
            for person_full, person_surname, affiliations in self._affiliations_in(inc):
                if (full and person_full == full) or (not full and person_surname == surname):
                    orgs.update(affiliations)
        return sorted(orgs)

    def _affiliations_in(self, incident: str) -> list[tuple[str | None, str | None, tuple[str, ...]]]:
        """(full key, surname key, affiliations) of the people of an incident's member events, kept for the
        walk: a walk meets an incident once for each of its people."""
        if incident not in self._people:
            self._people[incident] = [
                (person.full_key, person.surname_key, tuple(person.affiliations))
                for p in self.service._member_profiles(incident) for person in p.people
                if person.affiliations]
        return self._people[incident]

    def members(self, name: str) -> list[str]:
        return self.service.tables.members_of_organisation(affiliation_key(name))

    def sanctions(self, name: str) -> list[dict[str, Any]]:
        """The matches the ledger's screening kept for the entity of that name (set-aside ones never)."""
        from .entities import EntityService

        if self._entities is None:
            self._entities = EntityService(self.service.settings, self.service.ledger)
            self._entities.sync()
            # the entities with a kept match, by name (asked once: a walk asks for every name it meets)
            self._sanctioned = {}
            for row in self._entities.tables.list_entities(sanctioned=True):
                self._sanctioned.setdefault(name_value_key(row["name"]), []).append(row["id"])
        out: list[dict[str, Any]] = []
        for entity in self._sanctioned.get(name_value_key(name), []):
            for m in self._entities.screening_tables.current_screening(entity):
                if m["status"] == "match" and not m["different_person"]:
                    out.append({"list": m["list"], "entry": m["entry_id"], "label": m["name"],
                                "score": m["score"]})
        return out

    def incidents_at(self, place: str) -> list[str]:
        return [s["id"] for s in self.service.tables.list_incidents(place=place)]


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
