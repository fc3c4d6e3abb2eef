"""Events: the happenings a report mentions, typed into the taxonomy, each with the words that support it.

The step finds triggers sentence by sentence (``events_triggers``), groups them into happenings, and fills
each happening from its own words: type (GTD rules: an attack aimed at a named official or officer is an
assassination, an attempt when the target lived), date (the date expression nearest the trigger in the
parse), place, participants, weapons, killed and wounded, the perpetrator's fate, modality. Every value
carries a ``Support`` (field, character span, extractor). Deciding which event is the report's main
incident, merging its later mentions and marking earlier happenings as background is the next step's
(``background.py``); it refills merged events with ``fill_event`` from this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import DateValue, Event, Mention, Support, load_taxonomy
from .base import ReadingDoc
from .dates import is_upper_text
from .events_counts import count_casualties
from .events_lexicon import Lexicon, load_lexicon
from .events_location import event_location
from .events_negation import modality
from .events_participants import ParticipantFinder, target_type
from .events_status import perpetrator_status, survival_cue
from .events_syntax import MentionIndex, ancestors_path, char_runs, lemma, tree_distance
from .events_triggers import GENERIC, OUTCOME_TYPES, Group, Trigger, find_triggers, group_sentence
from .events_weapons import find_weapons
from .registry import StepContext, register_step

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

NAME, VERSION = "wireledger.events", "1"
EXTRACTOR = f"{NAME}@{VERSION}"
_PROMINENT_TARGETS = {
    "government",
    "military",
    "police",
    "government_diplomatic",
    "religious",
    "journalists_media",
}
def types_compatible(a: str, b: str) -> bool:
    """Whether one happening may be read as ``a`` and as ``b`` (the taxonomy's ``compatible``); an attack
    whose type is not decided yet goes with every attack type."""
    taxonomy = load_taxonomy()
    if GENERIC in (a, b) and a != b:
        return (b if a == GENERIC else a) in taxonomy.attack_types
    return taxonomy.compatible(a, b)


_CONTEXT = "events.context"  # the EventContext kept in ReadingDoc.derived


def _basis(rdoc: ReadingDoc, lex: Lexicon) -> tuple[object, ...]:
    """What an EventContext is built from: the parse, the document, the lexicon, the sentences, and the
    entities, places and dates with their spans (objects by identity: the context holds them)."""
    return (
        id(rdoc.spacy),
        id(rdoc.document),
        id(lex),
        tuple(rdoc.sentences),
        tuple((id(e), e.id, tuple((m.start, m.end) for m in e.mentions)) for e in rdoc.entities),
        tuple((id(p), p.start, p.end) for p in rdoc.places),
        tuple((id(d), d.start, d.end) for d in rdoc.dates),
    )


class EventContext:
    """Per-document lookups the event steps share: tokens of sentences, triggers, dates, mentions."""

    @classmethod
    def of(cls, rdoc: ReadingDoc, lex: Lexicon | None = None) -> EventContext:
        """The document's context: the one an earlier step built (kept in ``rdoc.derived``) while what it
        was built from is unchanged, else a new one, kept there for the next step. The events step builds
        it; the background step reuses it rather than finding every sentence's triggers again."""
        lex = lex or load_lexicon()
        basis = _basis(rdoc, lex)
        kept = rdoc.derived.get(_CONTEXT)
        if kept is not None and kept[0] == basis and isinstance(kept[1], cls):
            return kept[1]
        ctx = cls(rdoc, lex)
        rdoc.derived[_CONTEXT] = (basis, ctx)
        return ctx

    def __init__(self, rdoc: ReadingDoc, lex: Lexicon | None = None) -> None:
        if rdoc.spacy is None:
            raise ValueError("the events step needs the spaCy parse (run the parse step first)")
        self.rdoc = rdoc
        self.doc: SpacyDoc = rdoc.spacy
        self.lex = lex or load_lexicon()
        self.index = MentionIndex(rdoc)
        self.entities = {e.id: e for e in rdoc.entities}
        spans = rdoc.sentences or [(s.start_char, s.end_char) for s in self.doc.sents]
        self.sentences: list[tuple[int, int]] = []  # token spans
        for s, e in spans:
            span = self.doc.char_span(s, e, alignment_mode="expand")
            if span is not None and len(span):
                self.sentences.append((span.start, span.end))
        self.sent_of = [0] * len(self.doc)
        for k, (s, e) in enumerate(self.sentences):
            for i in range(s, e):
                self.sent_of[i] = k
        self.dates: list[tuple[DateValue, int, int]] = []
        for d in rdoc.dates:
            if d.start is None or d.end is None:
                continue
            span = self.doc.char_span(d.start, d.end, alignment_mode="expand")
            if span is not None and len(span):
                self.dates.append((d, span.start, span.end))
        self.date_tokens = {i for _, s, e in self.dates for i in range(s, e)}
        heading_chars = [(sec.start, sec.heading_end) for sec in rdoc.document.sections]
        self.upper = is_upper_text(rdoc.text)
        seen: set[str] = set()
        self.triggers: list[list[Trigger]] = []
        for s, e in self.sentences:
            words = " ".join(t.lower_ for t in self.doc[s:e] if not t.is_space)
            repeated = len(words) > 30 and words in seen  # scraped pages repeat their lead
            seen.add(words)
            heading = any(hs <= self.doc[s].idx < he for hs, he in heading_chars)  # a heading is no happening
            self.triggers.append(
                [] if repeated or heading else find_triggers(self.doc, s, e, self.lex, self.index, self.upper)
            )

    def tokens_of(self, spans: list[tuple[int, int]]) -> set[int]:
        out: set[int] = set()
        for s, e in spans:
            span = self.doc.char_span(s, e, alignment_mode="expand")
            if span is not None:
                out.update(range(span.start, span.end))
        return out

    def triggers_in(self, tokens: set[int]) -> list[Trigger]:
        sents = sorted({self.sent_of[i] for i in tokens})
        return [t for k in sents for t in self.triggers[k] if t.head in tokens and not t.generic]

    def own_dates(self, k: int) -> dict[int, str]:
        """Trigger head -> value of a date written inside the trigger's own phrase ("the 2018 attack")."""
        heads = {t.head for t in self.triggers[k]}
        s, e = self.sentences[k]
        out: dict[int, str] = {}
        for d, ds, de in self.dates:
            if not (s <= ds < e) or d.value is None:
                continue
            for a in ancestors_path(self.doc[de - 1])[1:]:
                if a.i in heads and a.pos_ in ("NOUN", "PROPN"):
                    out[a.i] = d.value
                    break
                if a.dep_ not in (
                    "nmod",
                    "nummod",
                    "compound",
                    "amod",
                    "poss",
                    "npadvmod",
                    "case",
                    "quantmod",
                ):
                    break
        return out

    def lead_end(self, sentences: int = 3) -> int:
        """Token index where the lead ends: the first ``sentences`` sentences after the title."""
        cache: dict[int, int] = self.__dict__.setdefault("_lead_ends", {})
        if sentences not in cache:
            cache[sentences] = self._lead_end(sentences)
        return cache[sentences]

    def _lead_end(self, sentences: int) -> int:
        ts = self.rdoc.document.title_span
        body = [
            (s, e)
            for s, e in self.sentences
            if not (ts and ts[0] <= self.doc[s].idx < ts[1])
            and (e - s) > 3
            and any(t.pos_ in ("VERB", "AUX") for t in self.doc[s:e])
        ]
        if not body:
            return len(self.doc)
        return body[min(sentences, len(body)) - 1][1]

    @property
    def title_end(self) -> int:
        """Token index where the headline ends (0 when the text has none)."""
        ts = self.rdoc.document.title_span
        if not ts:
            return 0
        span = self.doc.char_span(ts[0], ts[1], alignment_mode="expand")
        return span.end if span is not None else 0

    def in_title(self, tokens: set[int]) -> bool:
        ts = self.rdoc.document.title_span
        if not ts or not tokens:
            return False
        return any(ts[0] <= self.doc[i].idx < ts[1] for i in tokens)


@dataclass
class Draft:
    """An event while it is being built: its words and triggers."""

    event: Event
    tokens: set[int] = field(default_factory=set)
    triggers: list[Trigger] = field(default_factory=list)
    category: str = "attack"


def build_drafts(ctx: EventContext) -> list[Draft]:
    """One draft per trigger group; an outcome group ("he died later") joins the attack before it."""
    drafts: list[Draft] = []
    last_attack: dict[int, Draft] = {}  # paragraph start -> latest attack draft there
    paragraphs = [(p.start, p.end) for p in ctx.rdoc.document.paragraphs]
    for k, (s, e) in enumerate(ctx.sentences):
        groups: list[Group] = group_sentence(ctx.doc, s, e, ctx.triggers[k], ctx.lex, ctx.own_dates(k))
        para = next((ps for ps, pe in paragraphs if ps <= ctx.doc[s].idx < pe), -1)
        for g in groups:
            cat = g.category(ctx.lex)
            if cat == "outcome":
                prev = last_attack.get(para) or (
                    drafts[-1]
                    if drafts and drafts[-1].category == "attack" and _near(ctx, drafts[-1], k)
                    else None
                )
                if prev is not None:
                    prev.tokens |= g.tokens
                    prev.triggers.extend(g.triggers)
                    continue
            ev = Event(id="", type=g.head.type, extractor=EXTRACTOR)
            d = Draft(ev, set(g.tokens), list(g.triggers), cat)
            drafts.append(d)
            if cat == "attack":
                last_attack[para] = d
    return drafts


def _near(ctx: EventContext, d: Draft, k: int) -> bool:
    return any(abs(ctx.sent_of[i] - k) <= 1 for i in d.tokens)


def fill_event(ctx: EventContext, d: Draft, main: bool = False) -> None:
    """(Re)compute every field of a draft's event from its words and triggers. The report's main
    incident (``main``) without a city of its own takes the report's city (dateline, most named)."""
    lex, doc, ev = ctx.lex, ctx.doc, d.event
    toks = d.tokens
    trigs = sorted(d.triggers, key=lambda t: (t.kind == "agent", t.anaphoric, t.start))
    main_trigs = [t for t in trigs if t.type not in OUTCOME_TYPES] or trigs
    ev.support = []
    first = main_trigs[0]
    ev.trigger = Mention(
        doc[first.start].idx,
        doc[first.end - 1].idx + len(doc[first.end - 1].text),
        doc[first.start : first.end].text,
        kind=first.kind,
    )
    for t in main_trigs:
        ev.support.append(_support("trigger", doc, t.start, t.end))
    ev.evidence = char_runs(doc, toks)
    is_attack = d.category == "attack"
    # participants
    finder = ParticipantFinder(doc, ctx.index, lex, toks, ctx.date_tokens, ctx.rdoc.document.title_span)
    for t in main_trigs:
        if is_attack and t.is_attack(lex):
            finder.for_attack(t)
        elif not is_attack:
            finder.for_other(t, t.type)
    cas = None
    if is_attack:
        cas = count_casualties(doc, toks, lex, ctx.index, ctx.lead_end(), ctx.title_end)
        finder.victims(cas.victims)
    ev.participants = finder.out
    for p in ev.participants:
        if p.start is not None and p.end is not None:
            ev.support.append(Support(f"participants.{p.role}", p.start, p.end, EXTRACTOR))
    # weapons
    ev.weapons = find_weapons(doc, toks, lex, ctx.index, ctx.upper) if is_attack else []
    for w in ev.weapons:
        if w.start is not None and w.end is not None:
            ev.support.append(Support("weapons", w.start, w.end, EXTRACTOR))
    # type
    ev.type = _decide_type(ctx, ev, main_trigs) if is_attack else first.type
    ev.target_type = None
    if is_attack:
        ev.target_type, _ = target_type(ev.participants, ctx.entities, lex, _place_words(ctx, main_trigs))
        if ev.type != "assassination" and _prominent_target(ctx, ev):
            ev.type = "assassination"
    ev.support.append(_support("type", doc, first.start, first.end))
    # counts, perpetrator, attempt
    ev.conflicts = []
    if cas is not None:
        ev.killed, ev.wounded = cas.killed, cas.wounded
        ev.conflicts = list(cas.conflicts)
        for f in cas.facts:
            ev.support.append(Support(f.field if f.field != "hit" else "wounded", f.start, f.end, EXTRACTOR))
        perp_spans = [
            (p.start, p.end or 0) for p in ev.participants if p.role == "perpetrator" and p.start is not None
        ]
        # the event's words inside a perpetrator's mention (most events name none: no token is looked at)
        perp_toks: set[int] = set()
        if perp_spans:
            perp_toks = {i for i in toks if any(s <= doc[i].idx < e for s, e in perp_spans)}
        ev.perpetrator_status, span = perpetrator_status(doc, toks, lex, perp_toks)
        if span:
            ev.support.append(Support("perpetrator_status", span[0], span[1], EXTRACTOR))
        if ev.perpetrator_status is None:
            ev.perpetrator_status = (
                "unknown" if any(p.role == "perpetrator" for p in ev.participants) else None
            )
        ev.attempt = _attempt(ctx, ev, toks, trigs)
    else:
        ev.killed = ev.wounded = None
        ev.perpetrator_status = None
        ev.attempt = None
    # modality
    ev.polarity, ev.modality = modality(doc[first.head], lex)
    # date and place
    ev.date = _nearest_date(ctx, toks, main_trigs)
    if ev.date is not None and ev.date.start is not None and ev.date.end is not None:
        ev.support.append(Support("date", ev.date.start, ev.date.end, EXTRACTOR))
    ev.location = event_location(ctx, toks, main_trigs, use_report_city=main)
    if ev.location is not None and ev.location.start is not None and ev.location.end is not None:
        ev.support.append(Support("location", ev.location.start, ev.location.end, EXTRACTOR))
    ev.confidence = min(
        0.95, 0.4 + 0.1 * len(main_trigs) + (0.1 if ev.date else 0) + (0.1 if ev.participants else 0)
    )
    ev.summary = _summary(ev)


_WHERE = {"at", "outside", "near", "in", "on", "inside", "into", "against"}


def _place_words(ctx: EventContext, trigs: list[Trigger]) -> str:
    """The words of where an attack struck ("outside a crowded bus terminal", "at a police checkpoint"):
    a clue to the kind of target when no target is named."""
    words = []
    for t in trigs:
        tok = ctx.doc[t.head]
        kids = [*tok.children, *[g for k in tok.children if k.dep_ == "dobj" for g in k.children]]
        for c in kids:
            if c.dep_ == "prep" and lemma(c) in _WHERE:
                words += [g.text for p in c.children if p.dep_ == "pobj" for g in p.subtree][:8]
            elif c.dep_ == "dobj" and t.kind == "verb":
                words += [g.text for g in c.subtree][:6]
    return " ".join(words)


def _support(name: str, doc: SpacyDoc, i: int, j: int) -> Support:
    return Support(name, doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text), EXTRACTOR)


def _decide_type(ctx: EventContext, ev: Event, trigs: list[Trigger]) -> str:
    """The attack type of an event: the taxonomy's precedence among its triggers' types, a weapon's type
    where the triggers leave it open."""
    taxonomy = ctx.lex.taxonomy
    rank = [*taxonomy.attack_precedence, GENERIC]
    weapon_type = taxonomy.weapon_attack_types
    attack = [t for t in trigs if t.is_attack(ctx.lex)]
    types = [t.type for t in attack]
    if rank[0] in types:  # the first in precedence (an assassination) is decided before all else
        return rank[0]
    incidental = ctx.lex.incidental_triggers
    dropped: set[str] = set()
    for tp in {t.type for t in attack if t.key in incidental}:
        instead = {incidental[t.key] for t in attack if t.type == tp and t.key in incidental}
        only_incidental = all(t.key in incidental for t in attack if t.type == tp)
        armed = set(types) | {weapon_type.get(w.category, "") for w in ev.weapons}
        if only_incidental and len(instead) == 1 and instead <= armed:
            # "killed three people ... barricading himself inside a home": the shooting is the attack
            types = [x for x in types if x != tp]
            dropped.add(tp)
    ranked = [x for x in rank if x in types]
    best = ranked[0] if ranked else GENERIC
    if best == GENERIC or best in taxonomy.weapon_decided_types:
        for w in ev.weapons:
            wt = weapon_type.get(w.category)
            if wt and wt not in dropped and rank.index(wt) < rank.index(best):
                best = wt
    if best == GENERIC:
        best = taxonomy.default_attack_type
    return best


def _prominent_target(ctx: EventContext, ev: Event) -> bool:
    """GTD: an attack aimed at a named, prominent person (an official, an officer) is an assassination."""
    for p in ev.participants:
        if p.role != "target" or p.entity is None:
            continue
        ent = ctx.entities.get(p.entity)
        if ent is None or ent.type != "person":
            continue
        if ent.titles or ent.roles:
            return True
        if ev.target_type in _PROMINENT_TARGETS and ent.descriptions:
            return True
    return False


def _attempt(ctx: EventContext, ev: Event, toks: set[int], trigs: list[Trigger]) -> bool | None:
    if any(t.key in ("attempt", "assassination attempt") for t in trigs):
        return True
    if ev.type != "assassination":
        return None
    targets = {p.entity for p in ev.participants if p.role == "target" and p.entity}
    if ev.killed and ev.killed > 0:
        return False
    if ev.wounded and ev.wounded > 0 and targets:
        return True
    if survival_cue(ctx.doc, toks, ctx.lex) is not None:
        return True
    return None


def _nearest_date(ctx: EventContext, toks: set[int], trigs: list[Trigger]) -> DateValue | None:
    """The date expression nearest a trigger in the parse; one that dates a saying ("police said
    Tuesday") only when no other is there. A month or year is refined by a day of the report that
    falls within it ("earlier this month" ... "On Nov. 2" -> Nov. 2)."""
    best: tuple[tuple[int, int, int, int], DateValue] | None = None
    rank = {"day": 0, "month": 1, "year": 2, "unknown": 3}
    heads = [t for t in trigs if not t.anaphoric] or trigs
    for d, ds, de in ctx.dates:
        if ds not in toks or d.value is None:
            continue
        gov = ctx.doc[de - 1]
        while (
            gov.dep_ in ("compound", "nummod", "npadvmod", "pobj", "prep", "nmod", "amod")
            and gov.head.i != gov.i
        ):
            gov = gov.head
        saying = lemma(gov) in ctx.lex.reporting
        # an anaphor dates the incident too ("The incident took place late Thursday"), a step further off
        dist = min(
            tree_distance(ctx.doc[de - 1], ctx.doc[t.head]) + (t.anaphoric and t not in heads)
            for t in (trigs if heads is not trigs else heads)
        )
        key = (int(saying), dist, rank.get(d.precision, 3), ds)
        if best is None or key < best[0]:
            best = (key, d)
    if best is None:
        return None
    chosen = best[1]
    if chosen.precision in ("month", "year") and chosen.value:
        for d, _, _ in ctx.dates:
            if d.precision == "day" and d.value and d.value.startswith(chosen.value):
                return d
    return chosen


def _summary(ev: Event) -> str:
    who = ", ".join(f"{p.role} {p.name}" for p in ev.participants[:3])
    when = ev.date.value if ev.date and ev.date.value else "undated"
    where = ev.location.name if ev.location else "unplaced"
    return f"{ev.type} ({when}, {where}){': ' + who if who else ''}"


def lemma_set(ctx: EventContext, toks: set[int]) -> set[str]:
    return {lemma(ctx.doc[i]) for i in toks}


class EventsStep:
    """Pipeline step: the events a report mentions, each filled from its own words."""

    name = NAME
    version = VERSION
    reads = ("spacy", "sentences", "entities", "dates", "places")
    writes = ("events",)

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: ReadingDoc) -> ReadingDoc:
        if doc.spacy is None:
            return doc
        ctx = EventContext.of(doc, self.lexicon)
        drafts = build_drafts(ctx)
        for d in drafts:
            fill_event(ctx, d)
        for n, d in enumerate(drafts, 1):
            d.event.id = f"ev{n}"
        doc.events = [d.event for d in drafts]
        return doc


@register_step("events")
def make_events_step(context: StepContext) -> EventsStep:
    return EventsStep()
