"""Role fillers and incident type for terrorism wire copy, learnt from the MUC-4 development set.

``MucRoleTagger`` bundles two small trained models (built by ``python -m wireledger.training.muc_roles``
into ``nlp/data/muc_roles/``):

* a spaCy named-entity recogniser whose labels are event roles, not entity types: ``PERP_IND`` (the
  individual perpetrators: "urban terrorists", "two gunmen"), ``PERP_ORG`` (the organisation behind the
  attack), ``TARGET`` (the physical target: "the power pylon", "the embassy"), ``VICTIM`` (people hit:
  "Jesuit priests", a named mayor) and ``WEAPON`` ("a car bomb", "dynamite");
* a linear incident-type classifier over words and word pairs: ATTACK, BOMBING, KIDNAPPING, ARSON,
  ROBBERY, HIJACKING, or no relevant incident at all, mapped to our taxonomy slugs.

Upper-case copy is truecased first (``nlp.truecase``), without changing its length, so every offset
returned indexes into the caller's original text.

It was trained on 1989-92 reports about Latin-American political violence, so it is a specialist: use
it on wire copy of that kind (``looks_like_wire_copy``) or as one more signal beside the general event
rules. See docs/muc4.md for how it was measured and how it carries over to other news.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import load_taxonomy
from .truecase import Truecaser, looks_upper

if TYPE_CHECKING:
    from spacy.language import Language

    from .base import ReadingDoc

DEFAULT_MODEL = Path(__file__).resolve().parent / "data" / "muc_roles"
ROLE_LABELS = ("PERP_IND", "PERP_ORG", "TARGET", "VICTIM", "WEAPON")
NO_INCIDENT = "NONE"
# MUC-4 incident types are read as the taxonomy's ``muc`` primary types (FORCED WORK STOPPAGE has none:
# it reads as no incident).

_FEATURE_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[0-9]+")
_NORM_DROP = re.compile(r"[^\w\s]|_")
_ARTICLES = {"a", "an", "the"}
_BRACKET_FREE = re.compile(r"[^\[\]()]+")
_BRACKET_GAP = re.compile(r"^\s*[\[(]\s*$")
_NAME_PARTICLES = {"of", "for", "de", "del", "la", "and", "y", "the"}
_DATELINE = re.compile(r"^[A-Z][A-Za-z .'-]{2,40},\s+\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{2,4}\b")


def looks_like_wire_copy(text: str) -> bool:
    """All-capitals copy, or a text opening with a wire dateline ("LIMA, 12 MAR 90 -- ...")."""
    return looks_upper(text[:3000]) or bool(_DATELINE.match(text.lstrip()[:80]))


def normalise(text: str) -> str:
    """Lower case, punctuation to spaces, articles dropped, whitespace collapsed (as MUC scoring does)."""
    words = _NORM_DROP.sub(" ", text.lower()).split()
    return " ".join(w for w in words if w not in _ARTICLES)


def same_filler(a: str, b: str) -> bool:
    """Two normalised strings name the same filler: equal, or one's last word is a word of the other."""
    if not a or not b:
        return False
    if a == b:
        return True
    at, bt = a.split(), b.split()
    return at[-1] in bt or bt[-1] in at


@dataclass(frozen=True)
class RoleSpan:
    """One mention tagged with a role; ``start``/``end`` are character offsets into the original text."""

    label: str
    start: int
    end: int
    text: str
    score: float = 1.0


@dataclass
class RoleFiller:
    """One document-level filler of a role: the mentions that name the same thing."""

    label: str
    text: str  # the most complete mention
    mentions: list[RoleSpan] = field(default_factory=list)
    score: float = 0.0

    @property
    def aliases(self) -> list[str]:
        seen: list[str] = []
        for m in self.mentions:
            if m.text not in seen and m.text != self.text:
                seen.append(m.text)
        return seen


def incident_features(text: str, lead_words: int = 120) -> list[str]:
    """Bag of lower-cased words and word pairs, plus the words of the opening (where the news is)."""
    words = _FEATURE_WORD.findall(text.lower())
    feats = set(words)
    feats.update(f"{a} {b}" for a, b in itertools.pairwise(words))
    feats.update(f"^{w}" for w in words[:lead_words])
    return sorted(feats)


@dataclass
class IncidentClassifier:
    """Multinomial logistic regression over ``incident_features`` (weights learnt with numpy)."""

    classes: list[str]
    vocab: dict[str, int]
    weights: list[list[float]]  # one row per feature, one column per class
    bias: list[float]

    @classmethod
    def load(cls, path: Path) -> IncidentClassifier:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(classes=data["classes"], vocab={w: i for i, w in enumerate(data["features"])},
                   weights=data["weights"], bias=data["bias"])

    def to_file(self, path: Path) -> None:
        feats = sorted(self.vocab, key=self.vocab.__getitem__)
        payload = {"classes": self.classes, "features": feats, "bias": [round(b, 4) for b in self.bias],
                   "weights": [[round(w, 4) for w in row] for row in self.weights]}
        path.write_text(json.dumps(payload, separators=(",", ":")), encoding="utf-8")

    def probabilities(self, text: str) -> dict[str, float]:
        idx = [self.vocab[f] for f in incident_features(text) if f in self.vocab]
        scale = 1.0 / math.sqrt(len(idx)) if idx else 0.0
        logits = list(self.bias)
        for i in idx:
            row = self.weights[i]
            for k in range(len(logits)):
                logits[k] += row[k] * scale
        top = max(logits)
        exps = [math.exp(v - top) for v in logits]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps)}


@dataclass
class FillerPolicy:
    """How mentions become document-level fillers (tuned on held-out development documents)."""

    relevance_threshold: float = 0.5  # P(some incident) at or above this: an incident is reported
    # ... or at or above this lower one when the tagger also finds fillers for ``support_roles`` roles.
    support_threshold: float = 1.0
    support_roles: int = 2
    max_fillers: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ROLE_LABELS, 3))
    min_score: float = 0.0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FillerPolicy:
        policy = cls()
        for name in ("relevance_threshold", "support_threshold", "min_score"):
            setattr(policy, name, float(data.get(name, getattr(policy, name))))
        policy.support_roles = int(data.get("support_roles", policy.support_roles))
        policy.max_fillers.update({k: int(v) for k, v in data.get("max_fillers", {}).items()})
        return policy

    def to_dict(self) -> dict[str, Any]:
        return {"relevance_threshold": self.relevance_threshold, "support_threshold": self.support_threshold,
                "support_roles": self.support_roles, "max_fillers": dict(self.max_fillers),
                "min_score": self.min_score}

    def is_relevant(self, p_incident: float, spans: list[RoleSpan] | None) -> bool:
        if p_incident >= self.relevance_threshold:
            return True
        if spans is None or p_incident < self.support_threshold:
            return False
        return len({s.label for s in spans}) >= self.support_roles


def group_fillers(spans: Iterable[RoleSpan], text: str) -> dict[str, list[RoleFiller]]:
    """Group a document's role mentions into fillers, best first.

    Mentions of one role are one filler when they share a head word ("the bomb", "a powerful car
    bomb"), when one is the initials of the other, or when one follows the other in brackets
    ("National Liberation Army [ELN]"). A filler's score favours repeated and early mentions.
    """
    out: dict[str, list[RoleFiller]] = {label: [] for label in ROLE_LABELS}
    last: dict[str, tuple[RoleSpan, RoleFiller]] = {}
    for span in sorted(spans, key=lambda s: s.start):
        norm = normalise(span.text)
        if not norm:
            continue
        fillers = out.setdefault(span.label, [])
        home = None
        previous = last.get(span.label)
        if previous and _BRACKET_GAP.match(text[previous[0].end:span.start]):
            home = previous[1]
        home = home or next((f for f in fillers if any(_same_or_acronym(norm, normalise(m.text))
                                                       for m in f.mentions)), None)
        if home is None:
            home = RoleFiller(label=span.label, text=span.text)
            fillers.append(home)
        home.mentions.append(span)
        if len(span.text) > len(home.text):
            home.text = span.text
        last[span.label] = (span, home)
    for fillers in out.values():
        for f in fillers:
            first = min(m.start for m in f.mentions) / max(len(text), 1)
            f.score = sum(m.score for m in f.mentions) + (1.0 - first)
        fillers.sort(key=lambda f: -f.score)
    return out


def _same_or_acronym(a: str, b: str) -> bool:
    return same_filler(a, b) or _acronym_of(a, b)


def _acronym_of(a: str, b: str) -> bool:
    """One normalised string is made of the initials of the other, in any order ("fmln" and
    "farabundo marti national liberation front": translated names keep the original's acronym)."""
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    words = [w for w in long_.split() if w not in _NAME_PARTICLES]
    if " " in short or len(short) < 2 or len(words) < 2 or not short.isalpha():
        return False
    initials = [w[0] for w in words]
    return len(short) >= len(initials) - 1 and all(short.count(c) <= initials.count(c) for c in set(short))


def _split_brackets(label: str, start: int, text: str) -> list[RoleSpan]:
    """A mention that runs across brackets ("National Liberation Army [ELN") is two mentions."""
    out = []
    for m in _BRACKET_FREE.finditer(text):
        piece = m.group().strip(" \t\n,;:-")
        if piece:
            offset = start + m.start() + m.group().index(piece)
            out.append(RoleSpan(label, offset, offset + len(piece), piece))
    return out


class MucRoleTagger:
    """Role-filler spans and incident type for a text; build with ``MucRoleTagger.load()``."""

    name = "wireledger.muc_roles"
    version = "1"

    def __init__(self, ner: Language, classifier: IncidentClassifier, truecaser: Truecaser,
                 policy: FillerPolicy | None = None) -> None:
        self.ner = ner
        self.classifier = classifier
        self.truecaser = truecaser
        self.policy = policy or FillerPolicy()

    @classmethod
    def load(cls, path: str | Path | None = None, truecase_path: str | Path | None = None) -> MucRoleTagger:
        """Load the models written by ``wireledger.training.muc_roles`` (default: the shipped ones)."""
        import spacy

        root = Path(path) if path is not None else DEFAULT_MODEL
        ner = spacy.load(root / "ner")
        classifier = IncidentClassifier.load(root / "incident.json")
        policy_file = root / "policy.json"
        policy = (FillerPolicy.from_dict(json.loads(policy_file.read_text(encoding="utf-8")))
                  if policy_file.exists() else None)
        return cls(ner, classifier, Truecaser.load(truecase_path), policy)

    def prepare(self, text: str) -> str:
        """The text the models see: truecased when it is all capitals; always the same length."""
        return self.truecaser.restore_if_upper(text)

    def tag(self, doc: str | ReadingDoc | Any) -> list[RoleSpan]:
        """Role mentions in a text, a ReadingDoc or a spaCy Doc (its ``.text``), in text order."""
        text = doc if isinstance(doc, str) else doc.text
        return self.tag_many([text])[0]

    def tag_many(self, texts: Iterable[str], batch_size: int = 16) -> list[list[RoleSpan]]:
        originals = list(texts)
        prepared = [self.prepare(t) for t in originals]
        results: list[list[RoleSpan]] = []
        for original, parsed in zip(originals, self.ner.pipe(prepared, batch_size=batch_size)):
            spans: list[RoleSpan] = []
            for ent in parsed.ents:
                if ent.label_ in ROLE_LABELS:
                    mention = original[ent.start_char:ent.end_char]
                    spans.extend(_split_brackets(ent.label_, ent.start_char, mention))
            results.append(spans)
        return results

    def incident_probabilities(self, text: str) -> dict[str, float]:
        """P(class) for each MUC-4 incident type and ``NONE`` (no relevant incident)."""
        return self.classifier.probabilities(self.prepare(text))

    def classify(self, text: str, spans: list[RoleSpan] | None = None) -> tuple[str | None, float]:
        """(taxonomy slug of the most likely incident type, or None when no incident; its probability).

        Given the text's role mentions (``tag``), a less certain incident is kept when the tagger finds
        fillers for several roles (see ``FillerPolicy``).
        """
        probs = self.incident_probabilities(text)
        if not self.policy.is_relevant(1.0 - probs.get(NO_INCIDENT, 0.0), spans):
            return None, probs.get(NO_INCIDENT, 0.0)
        return self.incident_type(text, probs)

    def incident_type(self, text: str, probs: dict[str, float] | None = None) -> tuple[str | None, float]:
        """The most likely incident type supposing the text does report one (for a caller whose own
        rules found the incident): (slug, probability among the incident types)."""
        probs = probs or self.incident_probabilities(text)
        types = {c: p for c, p in probs.items() if c != NO_INCIDENT}
        total = sum(types.values()) or 1.0
        best = max(types, key=types.__getitem__)
        return load_taxonomy().muc_type_slugs.get(best), types[best] / total

    def fillers(self, text: str, spans: list[RoleSpan] | None = None,
                gate: bool = True) -> dict[str, list[RoleFiller]]:
        """Document-level fillers per role, best first, cut to the policy's limits.

        With ``gate`` (the default) a text the classifier finds about no incident gets no fillers.
        """
        spans = self.tag(text) if spans is None else spans
        if gate and self.classify(text, spans)[0] is None:
            return {label: [] for label in ROLE_LABELS}
        grouped = group_fillers(spans, text)
        limits = self.policy.max_fillers
        return {label: [f for f in fs if f.score >= self.policy.min_score][: limits.get(label, 3)]
                for label, fs in grouped.items()}
