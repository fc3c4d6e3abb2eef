"""Claims: who asserts each statement of a report, through whom, and how firmly.

Every clause of the report gets a context (its attribution chains and modality, see ``modality.py`` and
``attribution_frames.py``). From the contexts come:

- statement claims: each clause that is attributed to someone, or is not a plain assertion (denied,
  unknown, hypothetical, alleged), one claim per chain ("the U.K. and the EU accused him" gives two);
- event claims: one per event, read in the clause of its trigger;
- count claims: one per killed/wounded value of an event, read where the number stands;
- entity facts: each role and title of an entity, read where the text gives it;
- perpetrator status claims.

Every chain ends with the publishing outlet when it is known; a statement the text attributes to no one
is the outlet's own (a chain of the outlet alone). A single entry of a closing Sources line is the origin
of every statement the text attributes to no one else.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Claim, Event, Source
from .attribution_counts import CountMention, count_mentions
from .attribution_frames import Frame
from .attribution_lexicon import Lexicon
from .attribution_sources import SourceFinder, names_match
from .base import ReadingDoc
from .modality import Clause, clause_modality, clauses, polarity_of

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

MAX_OBJECT_CHARS = 160


@dataclass
class Context:
    """One clause, who says it and how firmly."""

    clause: Clause
    span: tuple[int, int]
    sentence: int  # index into the sentence list
    chains: list[list[Source]]  # origin first; [] inside means nobody is named
    frame: Frame | None
    statement: bool  # becomes a statement claim of its own


class ClaimBuilder:
    def __init__(self, doc: ReadingDoc, lexicon: Lexicon, sources: SourceFinder, extractor: str) -> None:
        self.doc = doc
        self.lex = lexicon
        self.sources = sources
        self.extractor = extractor
        self.contexts: list[Context] = []
        self.sentences: list[SpacySpan] = []
        self.counts: list[list[CountMention]] = []
        self._ids: set[str] = set()
        self._cues: list[tuple[tuple[int, int], Context]] = []  # a frame's cue word -> its first clause
        self._default_origin = self._closing_line_origin()

    # -- contexts ---------------------------------------------------------------------------------
    def read(self, sentences: list[SpacySpan], frames: list[list[Frame]]) -> None:
        self.sentences = sentences
        _nest(frames)
        for k, (sent, sframes) in enumerate(zip(sentences, frames)):
            toks = list(sent)
            taken: set[int] = set()
            framed: set[int] = set()
            for f in sframes:
                framed |= f.frame_tokens
            # the smallest content first: a frame inside another frame's content keeps its own clauses
            for f in sorted(sframes, key=lambda f: len(f.content)):
                content = f.content - taken - framed
                taken |= content
                first = len(self.contexts)
                for cl in clauses(toks, content):
                    if f.subject is not None and sent.doc[cl.head].head.i not in content:
                        cl.subject = cl.subject if cl.subject is not None else f.subject
                    clause_modality(cl, sent, self.lex, f.modality)
                    chains = f.chains or [[]]
                    self._add(cl, k, chains, f, statement=True)
                if len(self.contexts) > first and not f.inherited:
                    self._cues.append((f.cue_span, self.contexts[first]))
            rest = {t.i for t in sent} - taken - framed
            for cl in clauses(toks, rest):
                clause_modality(cl, sent, self.lex, None)
                own: list[list[Source]] = [[]]
                actor = self._declaring_actor(cl, sent)
                if actor is not None and cl.modality == "asserted":
                    own = [[actor]]
                self._add(cl, k, own, None, statement=True)
            self.counts.append(count_mentions(sent, self.lex))

    def _add(self, cl: Clause, k: int, chains: list[list[Source]], frame: Frame | None,
             statement: bool) -> None:
        doc = self.sentences[k].doc
        span = cl.span(doc)
        words = [doc[i] for i in cl.tokens if doc[i].pos_ in ("VERB", "AUX", "NOUN", "PROPN", "ADJ", "NUM")]
        statement = statement and bool(words) and not self._in_layout(span)
        self.contexts.append(Context(cl, span, k, chains, frame, statement))

    def _in_layout(self, span: tuple[int, int]) -> bool:
        """Headline, section headings and the Sources line are layout, not statements."""
        d = self.doc.document
        zones = [d.title_span] if d.title_span else []
        zones += [(s.start, s.heading_end) for s in d.sections]
        if d.cited_sources:
            line_start = self.doc.text.rfind("\n", 0, d.cited_sources[0].start) + 1
            zones.append((line_start, d.cited_sources[-1].end))
        return any(z[0] <= span[0] < z[1] for z in zones)

    def _declaring_actor(self, cl: Clause, sent: SpacySpan) -> Source | None:
        """"The United States sanctioned him": the state that sanctions asserts the sanction."""
        head = sent.doc[cl.head]
        if head.lemma_.lower() not in self.lex.declarative_acts or cl.subject is None:
            return None
        subj = sent.doc[cl.subject]
        if subj.dep_ != "nsubj" or (subj.pos_ == "PRON" and subj.lower_ not in ("who", "which", "that")):
            return None
        src = self.sources.source(subj, sent)
        return src if src.type in ("official", "organization", "media") else None

    def _closing_line_origin(self) -> Source | None:
        cited = self.doc.document.cited_sources
        return self.sources.cited(0) if len(cited) == 1 else None

    def context_at(self, start: int, end: int | None = None) -> Context | None:
        end = start + 1 if end is None else end
        best: Context | None = None
        for c in self.contexts:
            inside = (c.span[0] <= start and end <= c.span[1]) or (c.span[0] <= start < c.span[1])
            if inside and (best is None or (c.span[1] - c.span[0]) < (best.span[1] - best.span[0])):
                best = c
        if best is None:
            # "accused him of ...": the cue word itself stands for what it attributes
            best = next((c for (s, e), c in self._cues if s <= start < e), None)
        return best

    def _sentence_index(self, offset: int) -> int | None:
        for k, s in enumerate(self.sentences):
            if s.start_char <= offset < s.end_char:
                return k
        return None

    # -- chains ---------------------------------------------------------------------------------------
    def full_chain(self, chain: list[Source]) -> list[Source]:
        """The chain as a claim carries it: a default origin when nobody is named, the outlet last."""
        out = [copy.copy(s) for s in chain]
        if not out and self._default_origin is not None:
            out = [copy.copy(self._default_origin)]
        outlet = self.sources.outlet()
        if self.doc.document.outlet:
            if not out or not names_match(out[-1].name, outlet.name):
                out.append(copy.copy(outlet))
        elif not out:
            out.append(copy.copy(outlet))  # the outlet's own statement, the outlet unnamed
        return out

    # -- claims ---------------------------------------------------------------------------------------
    def claim(self, text: str, subject: str | None, predicate: str, obj: str | None, modality: str,
              chain: list[Source], evidence: tuple[int, int], event: str | None = None,
              entity: str | None = None) -> Claim:
        names = "|".join(s.name for s in chain)
        key = f"{self.doc.document.id}|{evidence[0]}|{evidence[1]}|{predicate}|{obj}|{names}"
        cid = "clm_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
        n = 1
        while cid in self._ids:
            n += 1
            cid = "clm_" + hashlib.sha1(f"{key}|{n}".encode()).hexdigest()[:16]
        self._ids.add(cid)
        return Claim(id=cid, text=text, subject=subject, predicate=predicate, object=obj, modality=modality,
                     polarity=polarity_of(modality), attribution=chain, evidence=evidence, event=event,
                     entity=entity, extractor=self.extractor)

    def statement_claims(self) -> list[Claim]:
        out: list[Claim] = []
        for c in self.contexts:
            if not c.statement:
                continue
            doc = self.sentences[c.sentence].doc
            head = doc[c.clause.head]
            subject, entity = self._subject(c)
            negated = c.clause.polarity == "negative" and (c.clause.cue or "").startswith("not ")
            predicate = ("not " if negated else "") + head.lemma_.lower()
            obj_toks = [doc[i] for i in sorted(c.clause.tokens) if i > head.i]
            obj = " ".join(t.text for t in obj_toks).strip()[:MAX_OBJECT_CHARS] or None
            text = self.doc.text[c.span[0]:c.span[1]]
            for chain in c.chains:
                out.append(self.claim(text, subject, predicate, obj, c.clause.modality,
                                      self.full_chain(chain), c.span, entity=entity))
        return out

    def _subject(self, c: Context) -> tuple[str | None, str | None]:
        if c.clause.subject is None:
            return None, None
        doc = self.sentences[c.sentence].doc
        tok = doc[c.clause.subject]
        hit = self.sources.entity_at(tok.idx, tok.idx + len(tok))
        if hit is not None:
            return hit[0].name, hit[0].id
        for ap in (x for x in tok.children if x.dep_ == "appos"):
            # "the guard, Paul Odum, had asked ...": the apposition names the subject
            hit = self.sources.entity_at(ap.idx, ap.idx + len(ap))
            if hit is not None and hit[0].type == "person":
                return hit[0].name, hit[0].id
        dropped = {t.i for x in tok.children if x.dep_ in ("relcl", "appos") for t in x.subtree}
        words = [t for t in tok.subtree if t.i not in dropped and not t.is_punct]
        if not words:  # the parser took a bracket or a dash for the subject: nobody is named
            return None, None
        lo, hi = words[0].idx, words[-1].idx + len(words[-1])
        return self.doc.text[lo:hi], None

    def event_claims(self, event: Event) -> list[Claim]:
        """The claim that carries the event itself, and those that carry its counts and perpetrator status."""
        out: list[Claim] = []
        anchor = _anchor(event)
        ctx = self.context_at(*anchor) if anchor else None
        modality = "asserted"
        chains: list[list[Source]] = [[]]
        span = anchor or (0, 0)
        if ctx is not None:
            chains, span = ctx.chains, ctx.span
            if anchor and not ctx.span[0] <= anchor[0] < ctx.span[1] and ctx.frame is not None:
                # the event is the saying itself ("accusing him of ..."): as firm as its cue
                modality = ctx.frame.modality
            else:
                modality = ctx.clause.modality if self._is_core(ctx, anchor) else _frame_modality(ctx)
        perp = ", ".join(p.name for p in event.participants if p.role == "perpetrator") or None
        target = ", ".join(p.name for p in event.participants if p.role in ("target", "victim")) or None
        actor = perp or ", ".join(p.name for p in event.participants if p.role == "actor") or None
        text = self.doc.text[span[0]:span[1]]
        for chain in chains:
            out.append(self.claim(text, actor, event.type, target, modality, self.full_chain(chain), span,
                                  event=event.id))
        for field in ("killed", "wounded"):
            value = getattr(event, field)
            if value is not None:
                out += self._count_claims(event, field, value, target)
        if event.perpetrator_status:
            sup = next((s for s in event.support if s.field == "perpetrator_status"), None)
            where = (sup.start, sup.end) if sup else span
            pctx = self.context_at(*where) or ctx
            mod = pctx.clause.modality if pctx else "asserted"
            for chain in (pctx.chains if pctx else [[]]):
                out.append(self.claim(self.doc.text[where[0]:where[1]], perp, "perpetrator_status",
                                      event.perpetrator_status, mod, self.full_chain(chain), where,
                                      event=event.id))
        return out

    def _count_claims(self, event: Event, field: str, value: int, target: str | None) -> list[Claim]:
        where = self.count_evidence(event, field, value)
        ctx = self.context_at(*where) if where else None
        if ctx is not None:
            where = ctx.span  # the statement that gives the number, not the number alone
        if where is None:
            anchor = _anchor(event)
            ctx = self.context_at(*anchor) if anchor else None
            where = ctx.span if ctx else (anchor or (0, 0))
        modality = ctx.clause.modality if ctx else "asserted"
        if value == 0 and modality == "denied":
            modality = _frame_modality(ctx) if ctx else "asserted"  # "was not hurt": a count of none
        chains = ctx.chains if ctx else [[]]
        if not any(chains):
            chains = self._count_sources(event, field, value) or chains
        out = []
        for chain in chains:
            out.append(self.claim(self.doc.text[where[0]:where[1]], target, field, str(value), modality,
                                  self.full_chain(chain), where, event=event.id))
        return out

    def _count_sources(self, event: Event, field: str, value: int) -> list[list[Source]]:
        """Who gives a count the statement it was read from does not credit.

        A headline or an unattributed clause often repeats a figure the body credits ("Bomb kills 12";
        "the blast killed 12 people, police said"): the same count said with a named source elsewhere
        in the report, else the named source of the event's own statement, is who gave it."""
        for mentions in self.counts:
            for m in mentions:
                if m.field != field or m.value != value:
                    continue
                ctx = self.context_at(m.start)
                if ctx is not None and ctx.frame is not None and any(ctx.chains):
                    return [c for c in ctx.chains if c]
        anchor = _anchor(event)
        own = self.context_at(*anchor) if anchor else None
        if own is not None and own.frame is not None and any(own.chains):
            return [c for c in own.chains if c]
        return []

    def count_evidence(self, event: Event, field: str, value: int) -> tuple[int, int] | None:
        """Where the text states this count: the event step's support, else a matching count nearby."""
        sup = next((s for s in event.support if s.field == field), None)
        if sup is not None:
            return (sup.start, sup.end)
        for m in self.event_counts(event):
            if m.field == field and m.value == value:
                ctx = self.context_at(m.start)
                return ctx.span if ctx else (m.start, m.end)
        return None

    def event_sentences(self, event: Event) -> list[int]:
        spans = list(event.evidence) + [(s.start, s.end) for s in event.support]
        if event.trigger is not None:
            spans.append((event.trigger.start, event.trigger.end))
        out: set[int] = set()
        for s, e in spans:
            for k, sent in enumerate(self.sentences):
                if sent.start_char < e and s < sent.end_char:
                    out.add(k)
        return sorted(out)

    def event_counts(self, event: Event) -> list[CountMention]:
        return [m for k in self.event_sentences(event) for m in self.counts[k]]

    def event_attributions(self, event: Event) -> list[list[str]]:
        """Every chain said in the event's evidence, as names, in order of first appearance."""
        anchor = _anchor(event)
        own = self.context_at(*anchor) if anchor else None
        chains: list[list[str]] = []
        ks = set(self.event_sentences(event))
        for c in self.contexts:
            if c.sentence not in ks:
                continue
            if c.clause.modality in ("denied", "unknown") and c is not own:
                continue  # "Ukraine has not been linked to the shooting" says nothing of who reports it
            for chain in c.chains:
                names = [s.name for s in self.full_chain(chain)]
                if names not in chains:
                    chains.append(names)
        named = [c for c in chains if not (len(c) == 1 and c[0] == self.sources.outlet().name)]
        return named + [c for c in chains if c not in named]

    def _is_core(self, ctx: Context, anchor: tuple[int, int] | None) -> bool:
        """Is the event word the clause's predicate or one of its core arguments?"""
        if anchor is None:
            return False
        doc = self.sentences[ctx.sentence].doc
        head = doc[ctx.clause.head]
        for t in (doc[i] for i in ctx.clause.tokens):
            if t.idx <= anchor[0] < t.idx + len(t):
                # an event named as an object ("accused him of orchestrating the attack") is presupposed
                return t.i == head.i or (t.head.i == head.i and t.dep_ in ("nsubj", "nsubjpass", "attr"))
        return False

    def entity_claims(self) -> list[Claim]:
        out: list[Claim] = []
        for ent in self.doc.entities:
            for role in ent.roles:
                if role.start is None or role.end is None:
                    continue
                ctx = self.context_at(role.start, role.end)
                mod = ctx.clause.modality if ctx else "asserted"
                for chain in (ctx.chains if ctx else [[]]):
                    out.append(self.claim(self.doc.text[role.start:role.end], ent.name, "role", role.text,
                                          mod, self.full_chain(chain), (role.start, role.end), entity=ent.id))
            for title in ent.titles:
                where = self._title_span(ent, title)
                if where is None:
                    continue
                ctx = self.context_at(*where)
                mod = ctx.clause.modality if ctx else "asserted"
                for chain in (ctx.chains if ctx else [[]]):
                    out.append(self.claim(self.doc.text[where[0]:where[1]], ent.name, "title", title, mod,
                                          self.full_chain(chain), where, entity=ent.id))
        return out

    def _title_span(self, ent: object, title: str) -> tuple[int, int] | None:
        mentions = sorted(getattr(ent, "mentions", []), key=lambda m: m.start)
        text = self.doc.text
        low = title.lower()
        for m in mentions:
            lo = max(0, m.start - len(title) - 40)
            pos = text.lower().find(low, lo, m.end + len(title) + 5)
            if pos != -1:
                return (pos, pos + len(title))
        return None


def _anchor(event: Event) -> tuple[int, int] | None:
    if event.trigger is not None:
        return (event.trigger.start, event.trigger.end)
    if event.evidence:
        return event.evidence[0]
    return None


def _frame_modality(ctx: Context) -> str:
    if ctx.frame is None:
        return "asserted"
    return "reported"  # someone tells of it; what is alleged or denied is another part of the clause


def _nest(frames: list[list[Frame]]) -> None:
    """"Police said the man denied it": the man said it, the police passed it on -> [the man, police]."""
    for sframes in frames:
        for inner in sframes:
            outer = [o for o in sframes if o is not inner and o.chains and inner.cue_span != o.cue_span
                     and _verb_index(inner) in o.content]
            if not outer or not inner.chains:
                continue
            o = min(outer, key=lambda f: len(f.content))
            inner.chains = [i + copy.deepcopy(c) for i in inner.chains for c in o.chains]


def _verb_index(frame: Frame) -> int:
    return frame.cue_token if frame.cue_token is not None else -1
