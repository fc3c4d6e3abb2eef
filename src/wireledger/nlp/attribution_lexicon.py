"""The attribution lexicon: reporting verbs, relay phrases, source types and modality cues, as data.

Everything here is read from ``nlp/data/attribution.yaml`` and, for the reporting verbs, from the one list
of them (``nlp/data/reporting_verbs.yaml``); ``lint_lexicon`` checks the file's shape (a test runs it).
Code never lists a cue word of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..model.yaml_data import load_yaml
from .reporting_verbs import load_reporting_verbs

SOURCE_TYPES = ("media", "official", "anonymous", "document", "outlet", "person", "organization", "other")
_TYPED_SECTIONS = ("anonymous", "document", "media", "official", "organization", "person")
_HEAD_ORDER = ("document", "media", "official", "organization", "person")
_MODALITY_SECTIONS = ("alleged", "hypothetical", "unknown", "denied")


@dataclass(frozen=True)
class Lexicon:
    reporting_verbs: dict[str, str]  # lemma -> modality its content gets
    citing_verbs: frozenset[str]
    according_phrases: tuple[tuple[str, ...], ...]  # each a sequence of lower-case words
    telling_verbs: frozenset[str]
    generic_listeners: frozenset[str]
    declarative_acts: frozenset[str]
    anonymous_phrases: tuple[str, ...]
    type_heads: dict[str, frozenset[str]]  # source type -> head words (document, media, official, person)
    media_name_words: frozenset[str]
    official_names: frozenset[str]
    anaphoric_sources: frozenset[str]
    alleged_adverbs: frozenset[str]
    alleged_phrases: tuple[str, ...]
    hypothetical_modals: frozenset[str]
    hypothetical_phrases: tuple[str, ...]
    unknown_words: frozenset[str]
    unknown_negated_verbs: frozenset[str]
    unknown_phrases: tuple[str, ...]
    denied_phrases: tuple[str, ...]
    negative_subjects: frozenset[str]
    casualty_words: dict[str, str]  # word or lemma -> "killed" | "wounded"
    lower_bounds: tuple[str, ...]
    numbers: dict[str, int]

    def head_type(self, word: str) -> str | None:
        """The source type a head word announces ("police" -> official), checked in a fixed order."""
        w = word.lower()
        for kind in _HEAD_ORDER:
            if w in self.type_heads.get(kind, frozenset()):
                return kind
        return None

    def phrase_type(self, words: list[str]) -> str | None:
        """The type a phrase's words announce: a several-word head first ("news agency"), then the last
        word ("police officer"), then any media or official word in it ("state-run television network")."""
        text = " " + " ".join(words) + " "
        for kind in _HEAD_ORDER:
            for head in self.type_heads.get(kind, frozenset()):
                if " " in head and f" {head} " in text:
                    return kind
        if words:
            last = self.head_type(words[-1])
            if last is not None:
                return last
        kinds = {self.head_type(w) for w in words}
        for kind in ("media", "official"):
            if kind in kinds:
                return kind
        return None


def _words(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or [])


def _phrases(values: Any) -> tuple[str, ...]:
    # longest first so that "has not been linked" is tried before "not been linked"
    return tuple(sorted({str(v).lower() for v in values or []}, key=lambda s: (-len(s), s)))


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Read the lexicon (the packaged file unless ``path`` is given)."""
    if path is None:
        raw = resources.files("wireledger.nlp").joinpath("data/attribution.yaml").read_text("utf-8")
    else:
        raw = Path(path).read_text(encoding="utf-8")
    data = load_yaml(raw)
    problems = lint_lexicon(data)
    if problems:
        raise ValueError("attribution lexicon is invalid: " + "; ".join(problems))
    types = data["source_types"]
    mod = data["modality"]
    return Lexicon(
        reporting_verbs=dict(load_reporting_verbs().modalities),
        citing_verbs=_words(data["citing_verbs"]),
        according_phrases=tuple(tuple(p.lower().split()) for p in _phrases(data["according_phrases"])),
        telling_verbs=_words(data["telling_verbs"]),
        generic_listeners=_words(data.get("generic_listeners")),
        declarative_acts=_words(data["declarative_acts"]),
        anonymous_phrases=_phrases(types["anonymous"]["phrases"]),
        type_heads={k: _words(types[k].get("heads")) for k in _TYPED_SECTIONS if k != "anonymous"},
        media_name_words=_words(types["media"].get("name_words")),
        official_names=_words(types["official"].get("names")),
        anaphoric_sources=_words(data["anaphoric_sources"]),
        alleged_adverbs=_words(mod["alleged"]["adverbs"]),
        alleged_phrases=_phrases(mod["alleged"]["phrases"]),
        hypothetical_modals=_words(mod["hypothetical"]["modals"]),
        hypothetical_phrases=_phrases(mod["hypothetical"]["phrases"]),
        unknown_words=_words(mod["unknown"]["words"]),
        unknown_negated_verbs=_words(mod["unknown"]["negated_verbs"]),
        unknown_phrases=_phrases(mod["unknown"]["phrases"]),
        denied_phrases=_phrases(mod["denied"]["phrases"]),
        negative_subjects=_words(mod["denied"].get("negative_subjects")),
        casualty_words={str(w).lower(): f for f in ("killed", "wounded")
                        for w in data["casualties"][f]},
        lower_bounds=_phrases(data["casualties"]["lower_bounds"]),
        numbers={str(k).lower(): int(v) for k, v in data["casualties"]["numbers"].items()},
    )


def lint_lexicon(data: Any) -> list[str]:
    """Problems with the lexicon's shape; empty when it is usable."""
    if not isinstance(data, dict):
        return ["the file does not hold a mapping"]
    problems: list[str] = []
    for key in ("citing_verbs", "according_phrases", "telling_verbs", "declarative_acts",
                "source_types", "anaphoric_sources", "modality", "casualties"):
        if key not in data:
            problems.append(f"missing section {key!r}")
    if problems:
        return problems
    if "reporting_verbs" in data:
        problems.append("reporting verbs belong in reporting_verbs.yaml, the one list of them")
    for kind in data["source_types"]:
        if kind not in SOURCE_TYPES:
            problems.append(f"unknown source type {kind!r}")
    for kind in _TYPED_SECTIONS:
        if kind not in data["source_types"]:
            problems.append(f"source_types lacks {kind!r}")
    if "anonymous" in data["source_types"] and not data["source_types"]["anonymous"].get("phrases"):
        problems.append("source_types.anonymous needs phrases")
    for kind in _MODALITY_SECTIONS:
        if kind not in data["modality"]:
            problems.append(f"modality lacks {kind!r}")
    for f in ("killed", "wounded", "lower_bounds", "numbers"):
        if not (data["casualties"] or {}).get(f):
            problems.append(f"casualties lacks {f!r}")
    seen: dict[str, str] = {}
    for kind in _HEAD_ORDER:
        for head in (data["source_types"].get(kind) or {}).get("heads") or []:
            h = str(head).lower()
            if h in seen and seen[h] != kind:
                problems.append(f"head {h!r} is listed as both {seen[h]} and {kind}")
            seen.setdefault(h, kind)
    return problems
