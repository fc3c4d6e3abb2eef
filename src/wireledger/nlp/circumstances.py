"""Accidental and self-inflicted shootings: two flags on an attack event, from the words of the text.

Gun Violence Archive codes accidental shootings apart; a reading types them as the attack they look like
(an armed assault) and says how they happened with ``Event.accidental`` ("accidentally shot", "a hunting
accident", "negligent discharge", "the gun went off") and ``Event.self_inflicted`` ("a self-inflicted
wound", "shot himself", "turned the gun on herself"). The cues are spaCy ``Matcher`` patterns in
``nlp/data/circumstances.yaml``, each with an example sentence.

A cue among an attack event's own words (its evidence) sets the flag to true and is recorded as the
flag's support; the report's main attack also takes the cues outside every attack event's words (a
follow-up's: "the death was ruled accidental"). A cue whose clause is denied ("was not accidental") sets
it to false; a cue after an open question in its sentence ("investigating whether ...") says nothing.
Without a cue the flag stays null.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import Event, Support, load_taxonomy
from .base import ReadingDoc, load_data
from .registry import StepContext, register_step

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import Matcher
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan

NAME, VERSION = "wireledger.circumstances", "1"
EXTRACTOR = f"{NAME}@{VERSION}"
FLAGS = ("accidental", "self_inflicted")


@dataclass(frozen=True)
class Cue:
    """One match: which flag, what it says (True; False when denied), where (character offsets)."""

    flag: str
    value: bool
    start: int
    end: int


class CircumstanceCues:
    """The compiled patterns of ``circumstances.yaml``."""

    def __init__(self, nlp: Language, data: dict[str, Any] | None = None) -> None:
        from spacy.matcher import Matcher

        data = data if data is not None else load_data("circumstances.yaml")
        self.matcher: Matcher = Matcher(nlp.vocab)
        for flag in FLAGS:
            self.matcher.add(flag, [rule["pattern"] for rule in data.get(flag) or ()])
        self.open_words = frozenset(str(w).lower() for w in data.get("open_words") or ())
        self.deniers = frozenset(str(w).lower() for w in data.get("deniers") or ())
        self.examples = [(flag, str(rule["example"])) for flag in FLAGS for rule in data.get(flag) or ()]

    def find(self, doc: SpacyDoc) -> list[Cue]:
        """Every cue of the document, in text order (overlapping matches of one flag once)."""
        cues: list[Cue] = []
        taken: set[tuple[str, int]] = set()
        for match_id, start, end in sorted(self.matcher(doc), key=lambda m: (m[1], -m[2])):
            flag = doc.vocab.strings[match_id]
            span = doc[start:end]
            if any((flag, i) in taken for i in range(start, end)) or self._open(span):
                continue
            taken.update((flag, i) for i in range(start, end))
            cues.append(Cue(flag, not self._denied(span), span.start_char, span.end_char))
        return cues

    def _open(self, span: SpacySpan) -> bool:
        """An open question earlier in the sentence: "whether", "unclear if"."""
        return any(t.lower_ in self.open_words for t in span.sent if t.i < span.start)

    def _denied(self, span: SpacySpan) -> bool:
        """"not accidental", "never an accident", "was not an accident": a denier right before the cue or
        on the verb that governs it."""
        before = span.doc[span.start - 1] if span.start > 0 else None
        if before is not None and before.lower_ in self.deniers:
            return True
        head = span.root
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        return any(c.dep_ == "neg" for c in head.children)


def _inside(cue: Cue, ev: Event) -> bool:
    return any(s <= cue.start < e for s, e in ev.evidence)


def set_flags(events: list[Event], cues: list[Cue], attacks: frozenset[str]) -> None:
    """Each attack event's flags from the cues among its evidence; the report's main attack (its first
    attack that is not background) also takes the cues that no attack event's words hold (a follow-up's:
    "ruled the shooting accidental", "charged with negligent homicide"). A true cue wins over a denied
    one."""
    attack_events = [ev for ev in events if ev.type in attacks]
    main = next((ev for ev in attack_events if not ev.background), None)
    loose = [c for c in cues if not any(_inside(c, ev) for ev in attack_events)]
    for ev in attack_events:
        for flag in FLAGS:
            mine = [c for c in cues if c.flag == flag and _inside(c, ev)]
            if ev is main:
                mine += [c for c in loose if c.flag == flag]
            if not mine:
                continue
            chosen = next((c for c in mine if c.value), mine[0])
            setattr(ev, flag, chosen.value)
            ev.support.append(Support(flag, chosen.start, chosen.end, EXTRACTOR))


class CircumstancesStep:
    """Pipeline step: the accidental and self-inflicted flags of the attack events."""

    name = NAME
    version = VERSION
    reads: tuple[str, ...] = ("spacy", "events")
    writes: tuple[str, ...] = ("events.accidental", "events.self_inflicted", "events.support")

    def __init__(self, cues: CircumstanceCues) -> None:
        self.cues = cues

    def __call__(self, doc: ReadingDoc) -> ReadingDoc:
        if doc.spacy is None or not doc.events:
            return doc
        set_flags(doc.events, self.cues.find(doc.spacy), load_taxonomy().attack_types)
        return doc


@register_step("circumstances")
def make_circumstances_step(context: StepContext) -> CircumstancesStep:
    return CircumstancesStep(context.resource("circumstances.cues", lambda: CircumstanceCues(context.nlp)))
