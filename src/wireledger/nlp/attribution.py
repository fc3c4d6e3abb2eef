"""The attribution step: claims, attribution chains, modality and in-report contradictions.

Runs last in the reading pipeline (after events and background). It reads the spaCy parse, the
sentences, the entities and the events, and writes:

- ``doc.claims``: statement, event, count, perpetrator-status and entity-fact claims (see ``claims.py``),
  each with its attribution chain (origin first, the publishing outlet last) and modality;
- on each event: ``attributions`` (the chains said in its evidence), ``modality`` and ``polarity`` (from
  the claim of its own clause; a denial the event step found is kept), and ``conflicts`` when the report
  gives two counts of its dead or wounded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..model import Claim, Event
from .attribution_counts import CountMention
from .attribution_frames import FrameFinder
from .attribution_lexicon import Lexicon, load_lexicon
from .attribution_sources import SourceFinder
from .base import ReadingDoc, extractor_name
from .claims import ClaimBuilder
from .modality import polarity_of
from .registry import StepContext, register_step

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan

_KEEP_EVENT_MODALITY = frozenset({"denied", "unknown", "hypothetical"})


class AttributionStep:
    name = "wireledger.attribution"
    version = "1"
    reads: tuple[str, ...] = ("document", "spacy", "sentences", "entities", "events")
    writes: tuple[str, ...] = ("claims", "events.attributions", "events.modality", "events.polarity",
                               "events.conflicts")

    def __init__(self, lexicon: Lexicon | None = None, nlp: Language | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.nlp = nlp  # used only when a document arrives without its parse

    @property
    def extractor(self) -> str:
        return extractor_name(self)

    def __call__(self, doc: ReadingDoc) -> ReadingDoc:
        sdoc = doc.spacy
        if sdoc is None:
            if self.nlp is None:
                doc.warnings.append(f"{self.extractor}: no parse; claims not read")
                return doc
            sdoc = doc.spacy = self.nlp(doc.text)
        if sdoc.text.lower() != doc.text.lower():  # (a headline may be parsed recased)
            doc.warnings.append(f"{self.extractor}: the parse does not match the text; claims not read")
            return doc
        sentences = _sentences(doc, sdoc)
        sources = SourceFinder(doc, self.lexicon)
        frames = FrameFinder(doc, self.lexicon, sources).frames(sentences)
        builder = ClaimBuilder(doc, self.lexicon, sources, self.extractor)
        builder.read(sentences, frames)
        claims = builder.statement_claims()
        for claim in claims:
            claim.event = _event_of(claim, doc.events)
        for event in doc.events:
            own = builder.event_claims(event)
            claims += own
            self._update_event(event, own, builder)
            claims += self._conflicts(event, builder)
        claims += builder.entity_claims()
        doc.claims = list(doc.claims) + _unique(claims)
        return doc

    def _update_event(self, event: Event, own: list[Claim], builder: ClaimBuilder) -> None:
        main = next((c for c in own if c.predicate == event.type), None)
        if main is not None and event.modality != "denied":
            theirs = event.modality in _KEEP_EVENT_MODALITY and main.modality in ("asserted", "reported")
            if not theirs:
                event.modality = main.modality
        event.polarity = polarity_of(event.modality)
        event.attributions = builder.event_attributions(event)

    def _conflicts(self, event: Event, builder: ClaimBuilder) -> list[Claim]:
        """Two counts of one event's dead (or wounded) in one report: keep a claim for each, flag the event.

        A conflict the event step already recorded (``values`` with their ``spans``) gets the claims and
        their chains added; otherwise the counts said in the event's sentences are compared here."""
        extra: list[Claim] = []
        mentions = builder.event_counts(event)
        for field in ("killed", "wounded"):
            found: list[tuple[int, bool, tuple[int, int]]] = []
            existing = next((c for c in event.conflicts if c.get("field") == field), None)
            if existing is not None:
                spans = existing.get("spans") or []
                for value, span in zip(existing.get("values") or [], spans):
                    if not (isinstance(value, int) and isinstance(span, (list, tuple)) and len(span) == 2):
                        continue
                    s, e = int(span[0]), int(span[1])
                    # the value read at that span, when the words there give one
                    said = next((m for m in mentions if m.field == field and s <= m.start < e), None)
                    found.append((said.value, said.at_least, (s, e)) if said else (value, False, (s, e)))
            else:
                group = [m for m in mentions if m.field == field]
                if not _disagree(group):
                    continue
                found = [(m.value, m.at_least, (m.start, m.end)) for m in group]
            records: list[dict[str, Any]] = []
            seen: set[tuple[int, bool]] = set()
            for value, at_least, (start, end) in found:
                if (value, at_least) in seen:
                    continue
                seen.add((value, at_least))
                ctx = builder.context_at(start, end)
                where = ctx.span if ctx else (start, end)
                chain = builder.full_chain(ctx.chains[0] if ctx else [])
                modality = ctx.clause.modality if ctx else "asserted"
                claim = builder.claim(builder.doc.text[where[0]:where[1]], None, field, str(value), modality,
                                      chain, where, event=event.id)
                if getattr(event, field) != value:
                    extra.append(claim)  # the event's own value has its claim already
                records.append({"value": value, "at_least": at_least, "claim": claim.id, "start": start,
                                "end": end, "modality": claim.modality,
                                "attribution": [s.name for s in chain]})
            if existing is not None:
                existing["claims"] = records
            elif len(records) > 1:
                event.conflicts.append({"field": field, "values": [r["value"] for r in records],
                                        "chosen": getattr(event, field), "claims": records,
                                        "extractor": self.extractor})
        return extra


def _disagree(group: list[CountMention]) -> bool:
    exact = {m.value for m in group if not m.at_least}
    if len(exact) > 1:
        return True
    bounds = [m.value for m in group if m.at_least]
    return bool(exact and bounds and max(bounds) > max(exact))


def _sentences(doc: ReadingDoc, sdoc: SpacyDoc) -> list[SpacySpan]:
    if not doc.sentences:
        return list(sdoc.sents)
    out: list[SpacySpan] = []
    for s, e in doc.sentences:
        span = sdoc.char_span(s, e, alignment_mode="expand")
        if span is not None and len(span):
            out.append(span)
    return out


def _event_of(claim: Claim, events: list[Event]) -> str | None:
    s, e = claim.evidence
    for ev in events:
        if ev.trigger is not None and s <= ev.trigger.start < e:
            return ev.id
    for ev in events:
        if any(a < e and s < b for a, b in ev.evidence):
            return ev.id
    return None


def _unique(claims: list[Claim]) -> list[Claim]:
    seen: set[tuple[Any, ...]] = set()
    out: list[Claim] = []
    for c in claims:
        key = (c.evidence, c.predicate, c.object, c.modality, tuple(s.name for s in c.attribution), c.event)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


@register_step("attribution")
def make_attribution_step(context: StepContext) -> AttributionStep:
    lexicon = context.resource("attribution.lexicon", load_lexicon)
    return AttributionStep(lexicon, context.nlp)
