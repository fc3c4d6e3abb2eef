"""MUC-4 development data for training: gold fillers, weak span labels, a fixed hold-out split.

A MUC-4 answer key lists each role's fillers as strings copied from the text ("FARABUNDO MARTI NATIONAL
LIBERATION FRONT" / "FMLN"), not as positions. Weak labels come from finding every occurrence of every
alternative string in the text (whole words, any run of white space between words); where occurrences
overlap the longer one wins. A victim written as a title with a name (``"MAYOR": "PEDRO LOPEZ"``) is
labelled on the name.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SLOTS = {
    "PERP: INDIVIDUAL ID": "PERP_IND",
    "PERP: ORGANIZATION ID": "PERP_ORG",
    "PHYS TGT: ID": "TARGET",
    "HUM TGT: NAME": "VICTIM",
    "HUM TGT: DESCRIPTION": "VICTIM",
    "INCIDENT: INSTRUMENT ID": "WEAPON",
}
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


@dataclass
class MucDoc:
    docid: str
    text: str
    templates: list[dict[str, Any]]
    fillers: dict[str, list[list[str]]] = field(default_factory=dict)  # label -> [alternatives]
    incident_type: str = "NONE"


def _items(value: Any) -> list[str]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _top_colon(item: str) -> int:
    inside = False
    for i, c in enumerate(item):
        if c == '"':
            inside = not inside
        elif c == ":" and not inside:
            return i
    return -1


def filler_alternatives(item: str) -> list[str]:
    """The quoted alternative strings of one slot item; for ``"TITLE": "NAME"`` those of the name."""
    item = item.strip().lstrip("?").strip()
    colon = _top_colon(item)
    if colon >= 0:
        item = item[colon + 1:]
    return [re.sub(r"\\(.)", r"\1", q).strip() for q in _QUOTED.findall(item) if q.strip()]


def incident_type_of(templates: list[dict[str, Any]]) -> str:
    """The document's class: its first relevant template's (first) type, or NONE."""
    for t in templates:
        ty = (t.get("INCIDENT: TYPE") or "*").strip()
        if ty != "*":
            return ty.split("/")[0].strip()
    return "NONE"


def load_dev(path: str | Path) -> list[MucDoc]:
    docs: list[MucDoc] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            raw = json.loads(line)
            doc = MucDoc(raw["docid"], raw["text"], raw.get("templates", []))
            for t in doc.templates:
                if (t.get("INCIDENT: TYPE") or "*").strip() == "*":
                    continue
                for slot, label in SLOTS.items():
                    for item in _items(t.get(slot)):
                        alts = filler_alternatives(item)
                        if alts:
                            doc.fillers.setdefault(label, []).append(alts)
            doc.incident_type = incident_type_of(doc.templates)
            docs.append(doc)
    return docs


def is_holdout(docid: str, fraction: float) -> bool:
    """A fixed pseudo-random share of documents, decided by a hash of the document id."""
    h = int(hashlib.sha1(docid.encode("utf-8")).hexdigest()[:8], 16)
    return h / 0xFFFFFFFF < fraction


def split(docs: list[MucDoc], fraction: float) -> tuple[list[MucDoc], list[MucDoc]]:
    train = [d for d in docs if not is_holdout(d.docid, fraction)]
    held = [d for d in docs if is_holdout(d.docid, fraction)]
    return train, held


def _pattern(s: str) -> re.Pattern[str]:
    words = s.upper().split()
    return re.compile(r"(?<![A-Z0-9])" + r"\s+".join(re.escape(w) for w in words) + r"(?![A-Z0-9])")


def weak_labels(doc: MucDoc) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, label) spans: every occurrence of every gold filler string."""
    upper = doc.text.upper()
    found: list[tuple[int, int, str]] = []
    for label, entities in doc.fillers.items():
        for alts in entities:
            for alt in alts:
                if not alt.split():
                    continue
                found.extend((m.start(), m.end(), label) for m in _pattern(alt).finditer(upper))
    found.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    taken: list[tuple[int, int, str]] = []
    for s in found:
        if all(s[1] <= t[0] or s[0] >= t[1] for t in taken):
            taken.append(s)
    return sorted(taken)


def summary(docs: list[MucDoc]) -> Iterator[str]:
    types = Counter(d.incident_type for d in docs)
    labels = Counter(lab for d in docs for _, _, lab in weak_labels(d))
    yield f"{len(docs)} docs; types {dict(types)}; weak labels {dict(labels)}"
