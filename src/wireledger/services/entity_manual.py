"""Manual control of ledger entities: merge and split by hand, and the full view of one entity.

A manual decision is stored as a statement (subject, ``merged`` or ``split``, the entities and members
involved, ``manual:<who>``, the note saying why, when) and *pins* the members it moved: when one of their
reports is read again, its member goes where the decision put it, and a report split away from an entity
never goes back to it. Automatic runs only ever add members, so a manual merge is never undone.
"""

from __future__ import annotations

import os
import pwd
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..errors import UsageError, WireledgerError

if TYPE_CHECKING:
    from ..model.records import StoredMember
    from ..resolve.organisations import OrganisationIndex
    from .entities import EntityService


def current_user() -> str:
    """Who made a manual decision when ``--by`` is not given: the account running wireledger."""
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except (KeyError, OSError):
        return "unknown"


def _live(service: EntityService, entity_id: str) -> str:
    live, hops = service.tables.resolve_id(entity_id)
    if live is None:
        why = f"; it is gone ({hops[-1]['reason']})" if hops else ""
        raise WireledgerError(
            "E100", entity_id, "no such ledger entity" + why, "list them with `wireledger entities`"
        )
    return live


def merge_entities(
    service: EntityService, ids: list[str], note: str | None, by: str | None
) -> dict[str, Any]:
    """Merge the entities ``ids`` into the first one; the others redirect to it."""
    if len(ids) < 2:
        raise UsageError("give two or more entity ids to merge", input="entities merge")
    live = list(dict.fromkeys(_live(service, i) for i in ids))
    if len(live) < 2:
        raise UsageError(f"{', '.join(ids)} are already one entity ({live[0]})", input="entities merge")
    target, others = live[0], live[1:]
    kind = service.profile(target).kind
    for other in others:
        if service.profile(other).kind != kind:
            raise UsageError(
                f"{other} is not a {kind}: people and organisations are not merged", input="entities merge"
            )
    who = by or current_user()
    statements = []
    with service._transaction():
        for other in others:
            members = service.tables.members_of(other)
            keys = [m.key for m in members]
            sid = service.tables.add_statement(
                target, "merged", {"other": other, "members": keys}, None, who, note
            )
            service.tables.move_members(keys, target, "manual_merge")
            why = f"manual merge #{sid} by {who}" + (f": {note}" if note else "")
            service.tables.record_manual(keys, target, "manual", why)
            for m in members:
                name_key = service.tables.member_name_key(m.key) or ""
                service.tables.add_pin(m.member, name_key, target, None, sid)
            service.tables.delete_entity(other)
            service.tables.redirect(other,
                target,
                f"merged by hand into {target} by {who} (#{sid})" + (f": {note}" if note else ""),
            )
            service._profiles.pop(other, None)
            statements.append(sid)
        service.rebuild(target)
    return {"into": target, "merged": others, "statements": statements, "by": who, "note": note}


def split_entity(
    service: EntityService,
    entity_id: str,
    document: str | None,
    member: str | None,
    note: str | None,
    by: str | None,
) -> dict[str, Any]:
    """Move the members of one report (``document``: a document id, source id or id prefix) or one member
    (``member``: its key) out of an entity into a new one, kept apart from it from now on."""
    if bool(document) == bool(member):
        raise UsageError("give --document DOC or --member KEY", input="entities split")
    entity = _live(service, entity_id)
    members = service.tables.members_of(entity)
    if document:
        docs = set(service.ledger.documents.document_ids(document))
        moving = [m for m in members if m.document_id in docs]
        what = f"no member of {entity} comes from document {document}"
    else:
        moving = [m for m in members if m.key == member]
        what = f"{entity} has no member {member}"
    if not moving:
        raise UsageError(what + " (see `wireledger entity " + entity + "`)", input="entities split")
    if len(moving) == len(members):
        raise UsageError(
            f"every member of {entity} would move: nothing would remain to split from", input="entities split"
        )
    who = by or current_user()
    keys = [m.key for m in moving]
    with service._transaction():
        new = service._new_id("split:" + entity + ":" + ",".join(keys))
        sid = service.tables.add_statement(entity,
            "split",
            {"new": new, "members": keys},
            moving[0].document_id if document else None,
            who,
            note,
        )
        service.tables.move_members(keys, new, "manual_split")
        why = f"manual split #{sid} from {entity} by {who}" + (f": {note}" if note else "")
        service.tables.record_manual(keys, new, "manual", why)
        for m in moving:
            name_key = service.tables.member_name_key(m.key) or ""
            service.tables.add_pin(m.member, name_key, new, entity, sid)
        service.rebuild(entity)
        service.rebuild(new)
    return {"from": entity, "new": new, "members": keys, "statement": sid, "by": who, "note": note}


def entity_view(service: EntityService, entity_id: str) -> dict[str, Any]:
    """Everything the ledger knows about one entity, with where each thing comes from."""
    live, hops = service.tables.resolve_id(entity_id)
    if live is None:
        if not hops:
            raise WireledgerError(
                "E100", entity_id, "no such ledger entity", "list them with `wireledger entities`"
            )
        return {"requested": entity_id, "redirects": hops, "entity": None}
    profile = service.tables.profile(live) or {}
    stored = service.tables.members_of(live)
    decisions = service.tables.decisions_of_members([m.key for m in stored])
    labels = service.ledger.documents.document_labels([m.document_id for m in stored])
    documents: dict[str, dict[str, Any]] = {}
    members = []
    for m in stored:
        doc = documents.setdefault(
            m.document_id, {**labels.get(m.document_id, {"document": m.document_id}), "names": []}
        )
        if m.member["name"] not in doc["names"]:
            doc["names"].append(m.member["name"])
        chosen = [d for d in decisions.get(m.key, []) if d["chosen"]]
        others = [d for d in decisions.get(m.key, []) if not d["chosen"]]
        members.append(
            {
                "key": m.key,
                "document": m.document_id,
                "name": m.member["name"],
                "type": m.member["type"],
                "how": m.how,
                "mentions": m.member.get("mentions"),
                "score": m.score,
                "reasons": chosen[0]["reasons"] if chosen else [],
                "rejected": [
                    {
                        "entity": d["candidate"],
                        "verdict": d["verdict"],
                        "score": d["score"],
                        "reasons": d["reasons"],
                    }
                    for d in others
                ],
            }
        )
    merged_from = service.tables.redirected_here(live)
    screening = service.screening_tables.current_screening(live)
    name = profile.get("name", live)
    orgs = service.orgs
    return {
        "requested": entity_id,
        "redirects": hops,
        "entity": {
            "id": live,
            "kind": profile.get("kind"),
            "type": profile.get("type"),
            "name": name,
            "names": [{"name": n, "members": c} for n, c in (profile.get("names") or {}).items()],
            "aliases": [n for n in (profile.get("names") or {}) if n != name],
            "titles": list(profile.get("titles") or {}),
            "titles_over_time": titles_over_time(stored, labels),
            "roles": roles_over_time(stored, labels),
            "descriptions": list(profile.get("descriptions") or {}),
            "organisations": _organisations(profile, stored, orgs),
            "countries": list(profile.get("countries") or {}),
            "named_with": [{"key": k, **v} for k, v in list((profile.get("context") or {}).items())[:20]],
            "documents": list(documents.values()),
            "mentions": profile.get("mentions"),
            "members": members,
            "merged_from": merged_from,
            "manual_decisions": service.tables.statements_about([live, *(r["from"] for r in merged_from)]),
            "sanctions": {
                "lists_loaded": bool(service.screening_tables.lists_signature()),
                "matches": [_screened(s) for s in screening if s["status"] == "match"],
                "set_aside": [_screened(s) for s in screening if s["status"] == "set_aside"],
            },
        },
    }


def roles_over_time(stored: list[StoredMember], labels: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The roles the reports give the entity, each with its start (``since``, null when no report gives
    one) and the reports that say so (with their dates), in time order: by start, else by the earliest
    report giving it (``as_of``); the same role with two different starts is two rows."""
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    for m in stored:
        for r in m.member.get("roles") or []:
            key = (r.get("text"), r.get("title"), r.get("organization"), r.get("since"))
            row = rows.setdefault(key, {"text": r.get("text"), "title": r.get("title"),
                                        "organization": r.get("organization"), "since": r.get("since"),
                                        "as_of": None, "reports": []})
            _reported(row, m.document_id, labels)
    return _in_time_order(rows.values(), "text")


def titles_over_time(stored: list[StoredMember], labels: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The titles and ranks the reports give the entity ("Colonel", later "General"), each with the
    reports that give it and the earliest of their dates (``as_of``), in that order (reports give no
    start for a title)."""
    rows: dict[str, dict[str, Any]] = {}
    for m in stored:
        for title in m.member.get("titles") or []:
            row = rows.setdefault(title, {"title": title, "since": None, "as_of": None, "reports": []})
            _reported(row, m.document_id, labels)
    return _in_time_order(rows.values(), "title")


def _reported(row: dict[str, Any], document: str, labels: dict[str, dict[str, Any]]) -> None:
    """Add a report (with its publication date) to a row of :func:`roles_over_time` and the like."""
    published = labels.get(document, {}).get("published")
    if all(d["document"] != document for d in row["reports"]):
        row["reports"].append({"document": document, "published": published})
    if published and (row["as_of"] is None or published < row["as_of"]):
        row["as_of"] = published


def _in_time_order(rows: Iterable[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    """Rows by their start (``since``), else their earliest report (``as_of``), undated ones last; each
    row's reports oldest first."""
    rows = list(rows)
    for row in rows:
        row["reports"].sort(key=lambda d: (d["published"] is None, d["published"] or "", d["document"]))

    def when(row: dict[str, Any]) -> tuple[bool, str, str]:
        start = row["since"] or row["as_of"]
        return (start is None, str(start or ""), str(row[name]))

    return sorted(rows, key=when)


def _organisations(
    profile: dict[str, Any], stored: list[StoredMember], orgs: OrganisationIndex
) -> list[dict[str, Any]]:
    """The organisations the reports tie the entity to, in the reports' own words, each with the reports
    that say so (``id`` is the known organisation it was recognised as, ``known_as`` that one's label)."""
    out = []
    for oid, words in (profile.get("orgs") or {}).items():
        documents = sorted({m.document_id for m in stored if oid in (m.member.get("orgs") or {})})
        said = sorted({m.member["orgs"][oid] for m in stored if oid in (m.member.get("orgs") or {})})
        out.append({
            "id": oid,
            "label": words,
            "words": said or [words],
            "known_as": None if oid.startswith("name:") else orgs.label(oid),
            "documents": documents,
        })
    return out


def _screened(row: dict[str, Any]) -> dict[str, Any]:
    m = row["match"]
    return {
        "list": row["list"],
        "list_title": m.get("list_title"),
        "list_version": row["version_date"],
        "version_id": row["version_id"],
        "entry_id": row["entry_id"],
        "name": row["name"],
        "matched_name": m.get("matched_name"),
        "programs": m.get("programs") or [],
        "score": row["score"],
        "name_score": row["name_score"],
        "different_person": row["different_person"],
        "query": row["query"],
        "qualifiers": row["qualifiers"],
        "explanation": m.get("explanation") or {},
        "set_aside_reason": m.get("set_aside_reason"),
        "screened_at": row["screened_at"],
    }
