"""MUC-4: document-level role-filler extraction and incident typing, measured against the answer keys.

The measure is the one of Du et al. (2021): per document and role, the gold fillers of all the
document's templates are merged into entities (an entity is a set of alternative strings) and matched
against the fillers of the reading's non-background attack events.

Gold roles: PerpInd (PERP: INDIVIDUAL ID), PerpOrg (PERP: ORGANIZATION ID), Target (PHYS TGT: ID),
Victim (HUM TGT: NAME and DESCRIPTION; a description written ``"TITLE": "NAME"`` joins that name's
entity), Weapon (INCIDENT: INSTRUMENT ID). "-" and "*" are no filler; "/" separates alternatives; a
leading "?" marks an optional filler (counted like the others unless ``lenient_optional``). Entities of a
role whose alternatives overlap are merged across templates.

Predicted fillers: participants of the non-background attack events (perpetrator -> PerpOrg when its
entity is an organisation or group, else PerpInd; target -> Target when its entity is a facility,
location, organisation or other thing, else Victim; victim -> Victim) and weapon texts -> Weapon; one
filler per entity id or normalised name and role.

Matching: strings are lower-cased, punctuation becomes space, articles a/an/the go; a prediction matches
a gold entity when some pair of strings is equal or the last word of one is a word of the other. Each
gold entity and each prediction is used once (maximum bipartite matching). Micro precision, recall and
F1 per role and overall; incident-type accuracy over documents whose templates agree on one type
(the first non-background attack event's type, mapped to MUC types); relevant-document P/R/F1.

This is wireledger's own implementation of the measures of the reference scorer kept beside the data
(``score_muc.py``); a test checks that both agree.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..ingest.options import IngestOptions
from ..model import load_taxonomy

ROLES = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
SLOTS = {
    "PerpInd": "PERP: INDIVIDUAL ID",
    "PerpOrg": "PERP: ORGANIZATION ID",
    "Target": "PHYS TGT: ID",
    "Weapon": "INCIDENT: INSTRUMENT ID",
}
ORGANISATION_TYPES = frozenset({"organization", "group"})
THING_TYPES = frozenset({"facility", "location", "organization", "other"})
_ARTICLES = {"a", "an", "the"}
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def normalise(text: str | None) -> str:
    words = re.sub(r"[^\w\s]|_", " ", (text or "").lower()).split()
    return " ".join(w for w in words if w not in _ARTICLES)


def strings_match(p: str, g: str, exact: bool = False) -> bool:
    if not p or not g:
        return False
    if p == g:
        return True
    if exact:
        return False
    pw, gw = p.split(), g.split()
    return pw[-1] in gw or gw[-1] in pw


# ------------------------------------------------------------------------------------------ gold


@dataclass
class GoldEntity:
    alternatives: set[str]
    optional: bool = False


@dataclass
class GoldDoc:
    roles: dict[str, list[GoldEntity]]
    types: list[frozenset[str]]

    @property
    def relevant(self) -> bool:
        return bool(self.types)


def _colon_outside_quotes(item: str) -> tuple[str, str | None]:
    quoted = False
    i = 0
    while i < len(item):
        ch = item[i]
        if ch == "\\":
            i += 2
            continue
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return item[:i], item[i + 1 :]
        i += 1
    return item, None


def _alternatives(text: str) -> list[str]:
    found = [re.sub(r"\\(.)", r"\1", q) for q in _QUOTED.findall(text)]
    if not found:
        bare = text.strip().strip('?"()[] ').strip()
        found = [] if bare in ("", "-", "*") else [bare]
    return [a for a in (normalise(x) for x in found) if a]


def _items(value: Any) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _parse(item: str) -> tuple[list[str], bool, list[str]]:
    item = item.strip()
    optional = item.startswith("?")
    if optional:
        item = item[1:].strip()
    left, right = _colon_outside_quotes(item)
    return _alternatives(left), optional, (_alternatives(right) if right is not None else [])


def template_entities(template: dict[str, Any]) -> dict[str, list[GoldEntity]]:
    out: dict[str, list[GoldEntity]] = {r: [] for r in ROLES}
    for role, slot in SLOTS.items():
        for item in _items(template.get(slot)):
            alts, optional, _ = _parse(item)
            if alts:
                out[role].append(GoldEntity(set(alts), optional))
    victims = out["Victim"]
    for item in _items(template.get("HUM TGT: NAME")):
        alts, optional, _ = _parse(item)
        if alts:
            victims.append(GoldEntity(set(alts), optional))
    for item in _items(template.get("HUM TGT: DESCRIPTION")):
        alts, optional, named = _parse(item)
        if named:  # "MAYOR": "PEDRO LOPEZ" - the title joins the person
            owner = next((v for v in victims if v.alternatives & set(named)), None)
            if owner is None:
                victims.append(GoldEntity(set(alts) | set(named), optional))
            else:
                owner.alternatives |= set(alts)
        elif alts:
            victims.append(GoldEntity(set(alts), optional))
    return out


def merge_overlapping(entities: list[GoldEntity]) -> list[GoldEntity]:
    merged: list[GoldEntity] = []
    for e in entities:
        cur = GoldEntity(set(e.alternatives), e.optional)
        rest = []
        for m in merged:
            if m.alternatives & cur.alternatives:
                cur.alternatives |= m.alternatives
                cur.optional = cur.optional and m.optional
            else:
                rest.append(m)
        merged = [*rest, cur]
    return merged


def gold_doc(record: dict[str, Any]) -> GoldDoc:
    per_role: dict[str, list[GoldEntity]] = defaultdict(list)
    types: list[frozenset[str]] = []
    for template in record.get("templates") or []:
        raw = (template.get("INCIDENT: TYPE") or "*").strip()
        if raw == "*":
            continue
        types.append(frozenset(x.strip() for x in raw.split("/") if x.strip()))
        for role, ents in template_entities(template).items():
            per_role[role].extend(ents)
    return GoldDoc({r: merge_overlapping(per_role[r]) for r in ROLES}, types)


def read_jsonl(paths: Iterable[Path]) -> Iterator[dict[str, Any]]:
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)


def load_gold(paths: Iterable[Path]) -> dict[str, GoldDoc]:
    return {str(r["docid"]): gold_doc(r) for r in read_jsonl(paths)}


# ------------------------------------------------------------------------------------ prediction


def attack_events(reading: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        e
        for e in reading.get("events") or []
        if e.get("background") is not True and e.get("type") in load_taxonomy().attack_types
    ]


def predicted_fillers(reading: dict[str, Any]) -> dict[str, list[set[str]]]:
    entities = {e.get("id"): e for e in reading.get("entities") or []}
    out: dict[str, list[set[str]]] = {r: [] for r in ROLES}
    index: dict[str, dict[Any, int]] = {r: {} for r in ROLES}

    def add(role: str, key: Any, strings: Iterable[str | None]) -> None:
        normed = {n for n in (normalise(s) for s in strings) if n}
        if not normed:
            return
        keys = [key, *normed]
        at = next((index[role][k] for k in keys if k in index[role]), None)
        if at is None:
            at = len(out[role])
            out[role].append(set())
        out[role][at] |= normed
        for k in keys:
            index[role][k] = at

    for ev in attack_events(reading):
        for p in ev.get("participants") or []:
            ent = entities.get(p.get("entity")) if p.get("entity") else None
            etype = (ent or {}).get("type")
            role = p.get("role")
            if role == "perpetrator":
                slot = "PerpOrg" if etype in ORGANISATION_TYPES else "PerpInd"
            elif role == "target":
                slot = "Target" if etype in THING_TYPES else "Victim"
            elif role == "victim":
                slot = "Victim"
            else:
                continue
            key = ("entity", p["entity"]) if ent else ("name", normalise(p.get("name")))
            add(slot, key, [p.get("name"), (ent or {}).get("name")])
        for w in ev.get("weapons") or []:
            add("Weapon", ("name", normalise(w.get("text"))), [w.get("text")])
    return out


# --------------------------------------------------------------------------------------- scoring


def matching(preds: list[set[str]], golds: list[GoldEntity], exact: bool) -> tuple[int, set[int]]:
    """Size of a maximum bipartite matching and the matched gold indices."""
    edges = [
        [
            j
            for j, g in enumerate(golds)
            if any(strings_match(p, a, exact) for p in ps for a in g.alternatives)
        ]
        for ps in preds
    ]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(preds)):
        augment(i, set())
    return len(owner), set(owner)


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class _Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0


@dataclass
class MucScore:
    docs: int = 0
    docs_without_reading: int = 0
    readings_not_in_gold: int = 0
    roles: dict[str, dict[str, float]] = field(default_factory=dict)
    type_docs: int = 0
    type_correct: int = 0
    relevant: dict[str, float] = field(default_factory=dict)

    @property
    def f1(self) -> float:
        return self.roles["overall"]["F1"]

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.type_docs if self.type_docs else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "docs": self.docs,
            "docs_without_prediction": self.docs_without_reading,
            "predicted_docs_not_in_gold": self.readings_not_in_gold,
            "roles": self.roles,
            "incident_type": {
                "docs": self.type_docs,
                "correct": self.type_correct,
                "accuracy": self.type_accuracy,
            },
            "relevant_docs": self.relevant,
        }


def score(
    readings: dict[str, dict[str, Any]], gold: dict[str, GoldDoc], lenient_optional: bool = False
) -> MucScore:
    counts = {mode: {r: _Counts() for r in ROLES} for mode in ("head", "exact")}
    res = MucScore(
        docs=len(gold),
        docs_without_reading=sum(d not in readings for d in gold),
        readings_not_in_gold=sum(d not in gold for d in readings),
    )
    rel = _Counts()
    for docid, g in gold.items():
        reading = readings.get(docid, {})
        fillers = predicted_fillers(reading)
        for mode in ("head", "exact"):
            for role in ROLES:
                tp, matched = matching(fillers[role], g.roles[role], mode == "exact")
                c = counts[mode][role]
                c.tp += tp
                c.pred += len(fillers[role])
                c.gold += sum(
                    1
                    for j, e in enumerate(g.roles[role])
                    if j in matched or not (lenient_optional and e.optional)
                )
        events = attack_events(reading)
        if len(set(g.types)) == 1:
            res.type_docs += 1
            if events and load_taxonomy().muc_types.get(events[0].get("type") or "") in g.types[0]:
                res.type_correct += 1
        rel.tp += bool(events) and g.relevant
        rel.pred += bool(events)
        rel.gold += g.relevant
    for mode in ("head", "exact"):
        total = _Counts(
            sum(c.tp for c in counts[mode].values()),
            sum(c.pred for c in counts[mode].values()),
            sum(c.gold for c in counts[mode].values()),
        )
        for role in (*ROLES, "overall"):
            c = total if role == "overall" else counts[mode][role]
            p, r, f = _prf(c.tp, c.pred, c.gold)
            entry = res.roles.setdefault(role, {})
            if mode == "head":
                entry.update(tp=c.tp, pred=c.pred, gold=c.gold, P=p, R=r, F1=f)
            else:
                entry.update(exact_tp=c.tp, exact_F1=f)
    p, r, f = _prf(rel.tp, rel.pred, rel.gold)
    res.relevant = {"gold": rel.gold, "pred": rel.pred, "tp": rel.tp, "P": p, "R": r, "F1": f}
    return res


def format_score(res: MucScore) -> str:
    lines = [
        f"MUC-4 role fillers: {res.docs} gold docs, {res.docs_without_reading} without a reading, "
        f"{res.readings_not_in_gold} readings not in gold",
        f"{'role':<8} {'gold':>5} {'pred':>5} {'match':>5}   {'P':>5}  {'R':>5}  {'F1':>5} | exact F1",
    ]
    for role in (*ROLES, "overall"):
        e = res.roles[role]
        lines.append(
            f"{role:<8} {e['gold']:>5} {e['pred']:>5} {e['tp']:>5}   {e['P']:.3f}  {e['R']:.3f}  "
            f"{e['F1']:.3f} | {e['exact_F1']:.3f}"
        )
    lines.append(
        f"incident type accuracy: {res.type_accuracy:.3f} ({res.type_correct}/{res.type_docs} "
        f"single-type docs)"
    )
    r = res.relevant
    lines.append(
        f"relevant docs: P {r['P']:.3f} R {r['R']:.3f} F1 {r['F1']:.3f} "
        f"(gold {r['gold']}, predicted {r['pred']})"
    )
    lines.append(f"MUC overall F1 = {res.f1:.3f}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------- reading

# How a MUC-4 message is read, by ``wireledger read --id-field docid --text-field text`` and by
# ``wireledger eval muc4`` alike (services.evaluation reads it through services.reading.read_paths).
MUC_OPTIONS = IngestOptions(id_field="docid", text_field="text")
