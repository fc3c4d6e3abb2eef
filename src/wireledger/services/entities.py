"""Ledger entities: people and organisations across reports, kept in step with the readings and screened
against the loaded sanctions lists.

``EntityService(settings).sync()`` resolves every stored reading not resolved yet (and takes out reports
whose reading went away or changed), one report per transaction, so it is incremental and resumable;
then it screens the entities that are new or changed, and every entity when the lists changed (their
current versions are compared with the ones each entity was screened against). ``wireledger ingest``
(through ``services.ledger.sync_ledger``) and ``wireledger lists load`` call it; so does every query.
Manual merges and splits (:mod:`wireledger.services.entity_manual`) are recorded as statements with who,
when and why, and pinned so later automatic runs respect them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from ..errors import WireledgerError
from ..model import Entity, Mention, RoleFact
from ..resolve.entity_screening import doubt_about_organisation, screening_query
from ..resolve.identity import Decision, EntityProfile, choose, score
from ..resolve.identity_members import (
    PERSON,
    Member,
    blocking_keys,
    is_candidate,
    members_of,
    name_key,
    parsed_names,
)
from ..resolve.organisations import OrganisationIndex
from ..resolve.ports import EntityTables, ScreeningTables
from ..resolve.screen import Match, Screener
from ..resolve.screen_index import StoredScreener
from ..settings import Settings
from ..store import Ledger, open_ledger

__all__ = ["EntityService", "EntitySyncSummary", "rescreen_entities", "screening_query"]

_SYNCED = "synced:entities"  # the ledger generation the entities last caught up with
_SCREENED = "screened:lists"  # the list versions (signature) they were last all screened against
_KEEP_DECISIONS = 3  # rejected candidates kept per member, besides the chosen one
_MANY_TO_SCREEN = 1000  # entities due: above this, the lists are read into memory (a few seconds once)
_SCREEN_BATCH = 200  # entities per transaction when screening


@dataclass
class EntitySyncSummary:
    documents: int = 0  # reports resolved (new or read again)
    removed: int = 0  # reports taken out
    members: int = 0
    new_entities: int = 0
    joined: int = 0  # members that joined an existing entity
    pinned: int = 0  # members placed by a manual decision
    screened: int = 0
    changed_screening: int = 0
    lists: str = ""  # signature of the list versions screened against ("" when none are loaded)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class _Pending:
    emptied: set[str] = field(default_factory=set)


def _entity_from_dict(d: dict[str, Any]) -> Entity:
    return Entity(
        id=str(d.get("id") or ""),
        name=str(d.get("name") or ""),
        type=str(d.get("type") or "other"),
        titles=list(d.get("titles") or []),
        aliases=list(d.get("aliases") or []),
        descriptions=list(d.get("descriptions") or []),
        country=d.get("country"),
        roles=[
            RoleFact(text=str(r.get("text") or ""), title=r.get("title"), organization=r.get("organization"),
                     since=r.get("since"))
            for r in d.get("role_details") or []
        ],
        mentions=[
            Mention(
                int(m.get("start") or 0),
                int(m.get("end") or 0),
                str(m.get("text") or ""),
                str(m.get("kind") or "name"),
            )
            for m in d.get("mentions") or []
        ],
    )


class EntityService:
    """The ledger entities of one SQLite ledger."""

    def __init__(self, settings: Settings, ledger: Ledger | None = None) -> None:
        self.settings = settings
        self._owned = ledger is None
        self.ledger = ledger if ledger is not None else open_ledger(settings)
        self.tables: EntityTables = self.ledger.entities
        self.screening_tables: ScreeningTables = self.ledger.screening
        self.orgs = OrganisationIndex.default()
        self._profiles: dict[str, EntityProfile] = {}
        self._screener: Screener | StoredScreener | None = None

    def __enter__(self) -> EntityService:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._owned:
            self.ledger.close()

    # --- keeping entities in step with readings ------------------------------------------------------
    def sync(self, screen: bool = True) -> EntitySyncSummary:
        """Resolve every reading not resolved yet (one report per transaction), then screen."""
        summary = EntitySyncSummary()
        generation = str(self.ledger.state.generation())
        lists = self.screening_tables.lists_signature()
        caught_up = self.ledger.state.get(_SYNCED) == generation
        if caught_up and (not screen or self.ledger.state.get(_SCREENED) == lists):
            summary.lists = lists
            return summary  # nothing changed since the last sync: no reading, no list
        # a retracted report's people leave the ledger's entities with it (those only it named go)
        retracted = self.ledger.documents.retractions()
        current = {d: t for d, t in self.ledger.documents.current_readings().items() if d not in retracted}
        done = self.tables.resolved_documents()
        to_resolve = [(d, t) for d, t in current.items() if done.get(d, "\0") != t]
        to_remove = sorted(d for d in done if d not in current)
        for doc in to_remove:
            with self._transaction():
                self._remove_document(doc)
            summary.removed += 1
        for doc, read_at in to_resolve:
            with self._transaction():
                self._resolve_document(doc, read_at, summary)
            summary.documents += 1
        if screen:
            self.screen(summary)
        with self.ledger.transaction():
            self.ledger.state.put(_SYNCED, generation)
            if screen:
                self.ledger.state.put(_SCREENED, lists)
        return summary

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        try:
            with self.ledger.transaction():
                self.ledger.lock("entities")  # concurrent resolvers take turns
                yield
        except BaseException:
            self._profiles.clear()  # cached profiles may hold what was rolled back
            raise

    def _remove_document(self, doc: str) -> None:
        pending = _Pending()
        self._take_out(doc, pending)
        self._finish(pending)
        self.tables.unmark_resolved(doc)

    def _take_out(self, doc: str, pending: _Pending) -> None:
        found = self.tables.member_keys_of_document(doc)
        if not found:
            return
        self.tables.delete_members([k for k, _ in found])
        for entity in sorted({e for _, e in found}):
            if self.rebuild(entity) is None:
                self.tables.delete_entity(entity)  # gone unless one of the report's members comes back
                pending.emptied.add(entity)

    def _finish(self, pending: _Pending) -> None:
        for entity in sorted(pending.emptied):
            self.tables.redirect(entity, None, "its reports were read again or left the ledger")

    def _target(self, entity: str, pending: _Pending) -> str | None:
        """Where a pin leads: the live entity, or one emptied by this report's own re-reading."""
        live = self._live(entity)
        return entity if live is None and entity in pending.emptied else live

    def _resolve_document(self, doc: str, read_at: str | None, summary: EntitySyncSummary) -> None:
        if self.tables.resolved_reading(doc) == (True, read_at):
            return  # another process resolved this very reading since sync() looked
        pending = _Pending()
        self._take_out(doc, pending)
        raw = self.ledger.documents.reading_entities(doc)
        members = members_of(doc, [_entity_from_dict(e) for e in raw or []], self.orgs)
        # full names first, so a surname alone meets the report's own full names' entities
        members.sort(
            key=lambda m: (
                m.kind != PERSON,
                -max((len(p.significant) for p in parsed_names(m.names)), default=0),
                m.entity,
            )
        )
        pins = self.tables.pins_of_document(doc)
        for m in members:
            self._place(m, pins, pending, summary)
            summary.members += 1
        self._finish(pending)
        self.tables.mark_resolved(doc, read_at)

    def _place(
        self, m: Member, pins: list[dict[str, Any]], pending: _Pending, summary: EntitySyncSummary
    ) -> None:
        key = name_key(m)
        pin = next((p for p in pins if p["name_key"] == key or p["entity"] == m.entity), None)
        target = self._target(pin["to"], pending) if pin else None
        if pin is not None and target is not None and self._kind(target, m.kind) == m.kind:
            made = self.tables.statement(int(pin["statement"])) or {}
            note = f"manual {made.get('prop', 'decision')} #{pin['statement']} by {made.get('by', '?')}"
            if made.get("note"):
                note += f": {made['note']}"
            decision = Decision(target, 1.0, 1.0, "pinned", notes=[note])
            self._join(m, target, "pinned", None, [decision], pending)
            summary.pinned += 1
            return
        keys = blocking_keys(m)
        decisions: list[Decision] = []
        for entity, (shared, n_keys) in self.tables.candidates(keys[0] | keys[1]).items():
            if is_candidate(keys, shared, n_keys):
                decisions.append(score(m, self.profile(entity), self.orgs))
        chosen = choose(decisions)
        if chosen is not None:
            away = next(
                (p for p in pins if p["away_from"] and self._live(p["away_from"]) == chosen.entity), None
            )
            target = self._target(away["to"], pending) if away else None
            if away is not None and target is not None:
                note = f"manual split #{away['statement']}: this report was split away from {chosen.entity}"
                redirected = Decision(target, chosen.score, chosen.name_score, "pinned", notes=[note])
                decisions.append(redirected)
                chosen = redirected
        if chosen is None:
            entity = self._new_id(f"{m.key}|{name_key(m)}")
            self._join(m, entity, "new", None, decisions[:_KEEP_DECISIONS], pending)
            summary.new_entities += 1
            return
        kept = [*[d for d in decisions if d is not chosen][:_KEEP_DECISIONS], chosen]
        self._join(
            m, chosen.entity, "auto" if chosen.verdict != "pinned" else "pinned", chosen.score, kept, pending
        )
        summary.joined += 1

    def _kind(self, entity: str, default: str) -> str:
        stored = self._profiles.get(entity) or self.tables.profile(entity)
        if stored is None:
            return default
        return stored.kind if isinstance(stored, EntityProfile) else str(stored["kind"])

    def _join(
        self,
        m: Member,
        entity: str,
        how: str,
        score_: float | None,
        decisions: list[Decision],
        pending: _Pending,
    ) -> None:
        pending.emptied.discard(entity)
        self.tables.put_member(m.to_dict(), entity, name_key(m), how, score_)
        self.tables.put_decisions(m.key, [d.to_dict() for d in decisions], entity)
        profile = self._profiles.get(entity)
        if profile is None:
            stored = self.tables.profile(entity)
            profile = EntityProfile.from_dict(stored) if stored else EntityProfile(entity, m.kind)
        profile.add(m)
        self._profiles[entity] = profile
        self._save(profile, keys_of=[m])

    def _save(self, profile: EntityProfile, keys_of: list[Member] | None = None) -> None:
        """Store a profile; its blocking keys are the union of its members' keys (``keys_of``: only these
        members are new, the stored keys are kept)."""
        if keys_of is None:
            members = [Member.from_dict(s.member) for s in self.tables.members_of(profile.id)]
            old: set[str] = set()
        else:
            members = keys_of
            old = self.tables.keys_of(profile.id)
        keys = set(old)
        for m in members:
            strong, names = blocking_keys(m)
            keys |= strong | names
        n_names = len([k for k in keys if k[:2] in ("n:", "w:")])
        count = sum(profile.documents.values())
        self.tables.save_entity(profile.to_dict(), count, keys, n_names)

    def rebuild(self, entity: str) -> EntityProfile | None:
        """Rebuild an entity's profile and keys from its stored members (None, and dropped from the cache,
        when it has none left)."""
        stored = self.tables.members_of(entity)
        if not stored:
            self._profiles.pop(entity, None)
            return None
        profile = EntityProfile.of(entity, [Member.from_dict(s.member) for s in stored])
        self._profiles[entity] = profile
        self._save(profile)
        return profile

    def profile(self, entity: str) -> EntityProfile:
        found = self._profiles.get(entity)
        if found is None:
            stored = self.tables.profile(entity)
            if stored is None:
                raise WireledgerError(
                    "E100", entity, "no such ledger entity", "list them with `wireledger entities`"
                )
            found = self._profiles[entity] = EntityProfile.from_dict(stored)
        return found

    def _live(self, entity: str) -> str | None:
        return self.tables.resolve_id(entity)[0]

    def _new_id(self, seed: str) -> str:
        n = 0
        while True:
            raw = seed if n == 0 else f"{seed}#{n}"
            candidate = "ent_" + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:12]
            live, redirected, to = self.tables.id_state(candidate)
            if not live and to is None:
                if redirected:
                    self.tables.drop_redirect(candidate)  # the same report's entity is back
                return candidate
            n += 1

    # --- screening -------------------------------------------------------------------------------------
    def screener(self, many: bool = False) -> Screener | StoredScreener:
        """The ledger's stored screening index; with ``many`` (names to screen), the lists read into
        memory, which costs a few seconds once and then screens faster."""
        if self._screener is None or (many and not isinstance(self._screener, Screener)):
            from .screening import ScreeningService

            service = ScreeningService(self.settings, self.ledger)
            self._screener = service.memory_screener() if many else service.screener()
        return self._screener

    def screen(self, summary: EntitySyncSummary | None = None, everything: bool = False) -> EntitySyncSummary:
        """Screen the entities that are new or changed since their last screening, or were screened against
        other list versions (all of them with ``everything``)."""
        summary = summary or EntitySyncSummary()
        lists = self.screening_tables.lists_signature()
        summary.lists = lists
        if not lists:
            return summary
        due = self.screening_tables.to_screen(lists, everything)
        if len(due) > _MANY_TO_SCREEN:
            self.screener(many=True)
        for i in range(0, len(due), _SCREEN_BATCH):
            with self._transaction():
                for entity, stored, last_query in due[i : i + _SCREEN_BATCH]:
                    self._screen_one(
                        entity, EntityProfile.from_dict(stored), lists, last_query, everything, summary
                    )
        return summary

    def _screen_one(
        self,
        entity: str,
        profile: EntityProfile,
        lists: str,
        last_query: str | None,
        everything: bool,
        summary: EntitySyncSummary,
    ) -> None:
        names, q = screening_query(profile)
        threshold = self.settings.screening_threshold
        signature = hashlib.sha256(
            json.dumps([names, q.to_dict(), threshold, lists], sort_keys=True).encode("utf-8")
        ).hexdigest()[:16]
        if signature == last_query and not everything:
            self.screening_tables.mark_screened(entity, lists, signature)
            return
        best: dict[tuple[str, str], tuple[str, Match, str | None]] = {}
        screener = self.screener()
        for name in names:
            result = screener.screen(name, q, threshold)
            for status, found in (("match", result.matches), ("set_aside", result.set_aside)):
                for m in found:
                    doubt = None
                    if status == "match" and profile.kind != PERSON:
                        doubt = doubt_about_organisation(profile, m, self.orgs)
                    kept = "set_aside" if doubt else status
                    key = (m.source.list_id, m.entry.entry_id)
                    prev = best.get(key)
                    if prev is None or (kept == "match", m.score) > (prev[0] == "match", prev[1].score):
                        best[key] = (kept, m, doubt)
        rows = []
        order = sorted(best.values(), key=lambda x: (x[0] != "match", -x[1].score, x[1].source.list_id,
                                                     x[1].entry.entry_id))
        for kept, m, doubt in order:
            row = m.to_dict()
            if doubt:
                row["set_aside_reason"] = doubt
            rows.append((kept, row))
        query = names[0] if names else profile.display_name()
        if self.screening_tables.replace_screening(entity, query, q.to_dict(), rows):
            summary.changed_screening += 1
        self.screening_tables.mark_screened(entity, lists, signature)
        summary.screened += 1

    # --- questions and manual decisions ------------------------------------------------------------------
    def entities(
        self,
        *,
        type_: str | None = None,
        name: str | None = None,
        sanctioned: bool = False,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        self.sync()
        kind = None
        if type_ in ("people", "person"):
            kind, type_ = PERSON, None
        return self.tables.list_entities(
            kind=kind, type_=type_, name_like=name, sanctioned=sanctioned, limit=limit
        )

    def entity(self, entity_id: str) -> dict[str, Any]:
        from .entity_manual import entity_view

        self.sync()
        return entity_view(self, entity_id)

    def merge(self, ids: list[str], note: str | None = None, by: str | None = None) -> dict[str, Any]:
        from .entity_manual import merge_entities

        self.sync(screen=False)
        out = merge_entities(self, ids, note, by)
        self.screen()
        return out

    def split(
        self,
        entity_id: str,
        document: str | None = None,
        member: str | None = None,
        note: str | None = None,
        by: str | None = None,
    ) -> dict[str, Any]:
        from .entity_manual import split_entity

        self.sync(screen=False)
        out = split_entity(self, entity_id, document, member, note, by)
        self.screen()
        return out

    def stats(self) -> dict[str, int]:
        return self.tables.counts()


def rescreen_entities(settings: Settings, statuses: list[str]) -> dict[str, Any] | None:
    """After ``lists load``: when a list version became current or a part was added (``statuses`` of the
    load), bring the ledger's entities up to date and screen them against the new versions."""
    if not {"loaded", "added"} & set(statuses):
        return None
    with EntityService(settings) as service:
        return service.sync().to_dict()
