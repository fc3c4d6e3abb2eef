"""Main incident versus background: which happening the report is about, and which it only recalls.

The main incident is the attack the report is about: named in the headline or lead, mentioned most, dated
closest to publication. Its later mentions ("the attack", "the shooting", "the incident") are merged into
it, so a report yields ONE main event. Earlier happenings (a 2016 sanction, a 2018 attack, an award "the
following year", "the Dec. 22 car bombing") are background events with their own dates, participants and
evidence. Follow-ups of the main incident (an investigation, an arrest) stay events of their own and are
not background. Without any attack, the most prominent happening of the headline or lead is the main one.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..model import DateValue, Event, Support
from .base import ReadingDoc
from .dates import parse_published
from .events import Draft, EventContext, fill_event, types_compatible
from .events_lexicon import Lexicon, load_lexicon
from .events_responsible import PerpetratorNamer
from .events_roles import RoleTaggerHints, fillers_to_event
from .events_status import perpetrator_status
from .events_syntax import lemma
from .events_triggers import GENERIC, OUTCOME_TYPES, Trigger, category_of
from .events_unhurt import stated_none
from .events_victims import VictimNamer
from .incident_date import day_of, refine_incident_date
from .registry import StepContext, register_step

if TYPE_CHECKING:
    from spacy.tokens import Token

NAME, VERSION = "wireledger.background", "1"
_ATTACK_ROLES = ("perpetrator", "target", "victim")
_OPEN = ("hypothetical", "denied", "unknown")
_SPANS = {"day": 1, "week": 7, "month": 30}  # "a week after": days to count back
_SMALL_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "several": 0}
EXTRACTOR = f"{NAME}@{VERSION}"


_MONTH_WORD = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d|\d+/\d+", re.I)


def _relative(d: DateValue) -> bool:
    return any(w in (d.text or "").lower().split() for w in ("after", "before"))


def _written_out(d: DateValue | None) -> bool:
    """A day written with its month ("Oct. 22", "Saturday, Feb. 9, 2013", "1/4"), not counted from the
    report's own day ("Tuesday", "yesterday"): a follow-up report dates its incident so."""
    return d is not None and d.precision == "day" and bool(_MONTH_WORD.search(d.text or ""))


def _year(d: DateValue | None) -> int | None:
    if d is None or not d.value or d.value.startswith("--"):
        return None
    return int(d.value[:4])


class BackgroundStep:
    """Pipeline step: choose the main incident, merge its mentions, mark background events."""

    name = NAME
    version = VERSION
    reads = ("spacy", "sentences", "events", "dates", "places")
    writes = ("events",)

    def __init__(self, lexicon: Lexicon | None = None, hints: RoleTaggerHints | None = None) -> None:
        """``hints``: the wire-copy role tagger (see events_roles); None reads with the rules alone."""
        self.lexicon = lexicon
        self.hints = hints

    def __call__(self, doc: ReadingDoc) -> ReadingDoc:
        if doc.spacy is None or not doc.events:
            return doc
        lex = self.lexicon or load_lexicon()
        ctx = EventContext.of(doc, lex)  # the events step's, reused while the document is unchanged
        drafts = [self._draft(ctx, e) for e in doc.events]
        published = parse_published(doc.document.published)
        attacks = [d for d in drafts if d.category == "attack"]
        distinct = {id(d): self._distinct(ctx, d, published) for d in drafts}
        real = [
            d
            for d in attacks
            if d.event.polarity == "positive" and d.event.modality not in ("hypothetical", "denied")
        ]
        main = self._choose_main(
            ctx, real or [d for d in drafts if d.category != "attack"] or drafts, distinct, published
        )
        main_date = self._main_date(ctx, main, attacks, distinct, published) if main else None
        merged, incident_date = (
            self._merge(ctx, drafts, main, distinct, main_date) if main else (drafts, None)
        )
        for d in merged:
            fill_event(ctx, d, main=d is main)
        if main is not None and incident_date is not None:
            main.event.date = incident_date
            if incident_date.start is not None and incident_date.end is not None:
                main.event.support.append(Support("date", incident_date.start, incident_date.end, EXTRACTOR))
        if main is not None and main.category == "attack":
            self._date_of_incident(ctx, main, merged, distinct, published)
        dominant = self._dominant_date(ctx, main, published)
        undated_other = [
            d
            for d in merged
            if d.category != "attack" and d.event.date is None and not distinct[id(d)] and d is not main
        ]
        for d in merged:
            if d not in undated_other:
                d.event.background = self._is_background(ctx, d, main, merged, distinct, published)
        for d in undated_other:
            d.event.background = self._is_background(ctx, d, main, merged, distinct, published)
        main_day = main.event.date if main is not None else None
        for d in merged:
            ev = d.event
            if ev.background and main_day is not None and (ev.date is None or _relative(ev.date)):
                # "two days after" is said of the main incident's day, not of the report's
                ev.date = self._came_after_date(ctx, d, main_day) or ev.date
            if ev.date is None and not ev.background and dominant is not None:
                ev.date = DateValue(
                    dominant.value,
                    dominant.precision,
                    dominant.text,
                    dominant.start,
                    dominant.end,
                    dominant.note or "the report's main date",
                )
                if dominant.start is not None and dominant.end is not None:
                    ev.support.append(Support("date", dominant.start, dominant.end, EXTRACTOR))
            if d is main and d.category == "attack":
                self._stated_none(ctx, ev, merged)
                if ev.perpetrator_status in (None, "unknown"):
                    self._status_in_report(ctx, ev, merged)
                if ev.perpetrator_status in (None, "unknown", "escaped"):
                    self._arrest_follow_up(ctx, ev, merged)
                past = {ctx.sent_of[i] for x in merged if x.event.background for i in x.tokens}
                VictimNamer(ctx).add_to(ev, past)
                PerpetratorNamer(ctx).add_to(ev, past)
        if self.hints is not None and RoleTaggerHints.applies(doc.text):
            main = self._apply_tagger(ctx, merged, main, dominant) or main
        order = sorted(merged, key=lambda d: (d is not main, d.event.background, min(d.tokens, default=0)))
        for n, d in enumerate(order, 1):
            d.event.id = f"ev{n}"
        doc.events = [d.event for d in order]
        return doc

    def _status_in_report(self, ctx: EventContext, ev: Event, drafts: list[Draft]) -> None:
        """What became of the perpetrator, said anywhere in the report outside its background
        ("The car sped away and no arrests have been made")."""
        past = {ctx.sent_of[i] for d in drafts if d.event.background for i in d.tokens}
        toks = {i for k, (s, e) in enumerate(ctx.sentences) if k not in past for i in range(s, e)}
        status, span = perpetrator_status(ctx.doc, toks, ctx.lex, set())
        if status is not None and span is not None:
            ev.perpetrator_status = status
            ev.support.append(Support("perpetrator_status", span[0], span[1], EXTRACTOR))

    def _stated_none(self, ctx: EventContext, ev: Event, drafts: list[Draft]) -> None:
        """A count of the main incident is 0 only where the report says so, anywhere outside its
        background ("No one else was injured", "the diplomat was freed and is in good health"); a count
        it does not give stays unknown."""
        if ev.killed is not None and ev.wounded is not None:
            return
        past = {ctx.sent_of[i] for d in drafts if d.event.background for i in d.tokens}
        toks = {i for k, (s, e) in enumerate(ctx.sentences) if k not in past for i in range(s, e)}
        told = {s.field for s in ev.support if s.field in ("killed", "wounded")}
        said = stated_none(ctx.doc, toks, ctx.lex, ev.type, told)
        for name, span in (("killed", said.killed), ("wounded", said.wounded)):
            if span is not None and getattr(ev, name) is None:
                setattr(ev, name, 0)
                ev.support.append(Support(name, span[0], span[1], EXTRACTOR))

    def _arrest_follow_up(self, ctx: EventContext, ev: Event, drafts: list[Draft]) -> None:
        """A follow-up arrest or charge the report states ("a 34-year-old man was arrested on Monday")
        says what became of the main incident's perpetrator."""
        for d in drafts:
            f = d.event
            if (
                f.type in ("arrest", "charge")
                and not f.background
                and f.polarity == "positive"
                and f.modality in ("asserted", "reported")
                and f.trigger is not None
            ):
                ev.perpetrator_status = "arrested"
                ev.support.append(Support("perpetrator_status", f.trigger.start, f.trigger.end, EXTRACTOR))
                return

    # -------------------------------------------------------------- wire copy
    def _apply_tagger(
        self, ctx: EventContext, drafts: list[Draft], main: Draft | None, dominant: DateValue | None
    ) -> Draft | None:
        """The trained tagger's fillers into the main attack (made from them when the rules found none
        and the classifier is confident of an incident). Returns the main draft."""
        assert self.hints is not None
        tagger = self.hints.tagger()
        if tagger is None:
            return main
        text = ctx.rdoc.text
        spans = tagger.tag(text)
        slug, prob = tagger.classify(text, spans)
        attacks = [d for d in drafts if d.category == "attack" and not d.event.background]
        if slug is None:  # the specialist finds no incident: the rules' participants are not trusted here
            for d in attacks:
                d.event.participants = [p for p in d.event.participants if p.role not in _ATTACK_ROLES]
                d.event.weapons = []
            return main
        target = main if main is not None and main in attacks else (attacks[0] if attacks else None)
        if target is None:
            if slug is None or not spans:
                return main
            first = min(spans, key=lambda s: s.start)
            ev = Event(
                id="",
                type=slug,
                extractor=EXTRACTOR,
                date=dominant,
                confidence=0.5,
                evidence=[(first.start, first.end)],
            )
            ev.support.append(Support("type", first.start, first.end, EXTRACTOR))
            target = Draft(ev, ctx.tokens_of([(first.start, first.end)]), [], "attack")
            drafts.append(target)
        elif slug is not None and _classifier_wins(target.event.type, slug, prob):
            target.event.type = slug  # the method the specialist reads (a bomb, a kidnapping)
        fillers = tagger.fillers(text, spans=spans, gate=False)
        fillers_to_event(ctx.rdoc, target.event, fillers, ctx.lex)
        for d in attacks:
            if d is not target:  # the fillers are the report's: one set, on the main attack
                d.event.participants = [p for p in d.event.participants if p.role not in _ATTACK_ROLES]
                d.event.weapons = []
        return target

    # ------------------------------------------------------------------ drafts
    @staticmethod
    def _date_of_incident(
        ctx: EventContext, main: Draft, merged: list[Draft], distinct: dict[int, bool], published: date | None
    ) -> None:
        """Replace a main-incident date said of a follow-up or a statement by one said of the incident."""
        excluded = {i for d in merged if d is not main and distinct[id(d)] for i in d.tokens}
        better = refine_incident_date(ctx, main, excluded, published)
        if better is None:
            return
        ev = main.event
        ev.date = better
        ev.support = [s for s in ev.support if s.field != "date"]
        if better.start is not None and better.end is not None:
            ev.support.append(Support("date", better.start, better.end, EXTRACTOR))

    def _draft(self, ctx: EventContext, ev: Event) -> Draft:
        toks = ctx.tokens_of(ev.evidence)
        trigs = ctx.triggers_in(toks)
        cat = category_of(trigs, ctx.lex) if trigs else ev.type
        return Draft(ev, toks, trigs, cat)

    def _distinct(self, ctx: EventContext, d: Draft, published: date | None) -> bool:
        """Words that make this a different, earlier happening: "another", "previous", "follows"."""
        lex = ctx.lex
        for t in d.triggers:
            tok = ctx.doc[t.head]
            if self._came_after(ctx, tok) is not None:
                return True
            if t.kind == "verb":
                if any(lemma(c) in lex.earlier_adverbs for c in tok.children if c.dep_ == "advmod"):
                    return True
                continue
            mods = [c for c in tok.children if c.dep_ in ("amod", "det", "poss", "nmod", "compound")]
            if any(lemma(c) in lex.distinct_modifiers for c in mods):
                return True
            child, gov = tok, tok.head
            for _ in range(4):
                if gov.i == child.i:
                    break
                if lemma(gov) in lex.earlier_object_verbs and gov.pos_ == "VERB" and gov.dep_ != "prep":
                    if child.dep_ in ("dobj", "attr", "prep"):
                        return True
                    break
                child, gov = gov, gov.head
        return False

    def _came_after(self, ctx: EventContext, tok: Token) -> Token | None:
        """"The attack came a week after militants overran a camp", "It comes as a car bomb was set off":
        the happening of the clause after "after" or "as" is another one than the report's subject.
        Returns the word that links the clause ("after" or the clause's verb), else None."""
        lex = ctx.lex
        child, gov = tok, tok.head
        for _ in range(4):
            if gov.i == child.i:
                return None
            if lemma(gov) in lex.came_verbs and gov.pos_ in ("VERB", "AUX"):
                subj = next((c for c in gov.children if c.dep_ == "nsubj"), None)
                said = lex.triggers.get(lemma(subj)) if subj is not None else None
                if said is None or not (said == GENERIC or said in lex.taxonomy.attack_types):
                    return None  # "The arrest came after a shooting": the shooting is the report's own
                if child.dep_ == "advcl" and any(
                    c.dep_ == "mark" and c.lower_ in lex.came_marks for c in child.children
                ):
                    return child
                if child.dep_ == "prep" and child.lower_ in lex.came_marks:
                    return child
                return None
            child, gov = gov, gov.head
        return None

    def _came_after_date(self, ctx: EventContext, d: Draft, main: DateValue) -> DateValue | None:
        """"came two days after a car bomb killed four": the other incident's day, counted back from the
        main incident's ("a week after": its month)."""
        if main.precision != "day" or not main.value:
            return None
        try:
            day = date.fromisoformat(main.value)
        except ValueError:
            return None
        for t in d.triggers:
            link = self._came_after(ctx, ctx.doc[t.head])
            if link is None:
                continue
            words = [link, *[c for c in link.children if c.dep_ == "mark"]]
            span = next((c for w in words for c in w.children if c.dep_ == "npadvmod"
                         and lemma(c) in _SPANS), None)
            if span is None:
                return None
            num = next((c for c in span.children if c.dep_ == "nummod"), None)
            n = 1 if num is None else _SMALL_NUMBERS.get(
                num.lower_, int(num.text) if num.text.isdigit() else 0)
            if not n:
                return None
            then = day - timedelta(days=n * _SPANS[lemma(span)])
            exact = lemma(span) == "day"
            value = then.isoformat() if exact else then.isoformat()[:7]
            text = ctx.doc[span.left_edge.i : link.i + 1].text
            return DateValue(value, "day" if exact else "month", text,
                             note="counted back from the main incident")
        return None

    def _choose_main(
        self, ctx: EventContext, cands: list[Draft], distinct: dict[int, bool], published: date | None
    ) -> Draft | None:
        if not cands:
            return None
        w = ctx.lex.main_weights
        lead_end = ctx.lead_end(2)
        best: tuple[float, int, Draft] | None = None
        for d in cands:
            if d.event.polarity == "negative" or d.event.modality in ("hypothetical", "denied"):
                continue
            score = w.get("per_mention", 1.0) * len([t for t in d.triggers if t.type not in OUTCOME_TYPES])
            if ctx.in_title(d.tokens):
                score += w.get("in_title", 4.0)
            if min(d.tokens, default=10**9) < lead_end:
                score += w.get("in_lead", 3.0)
            if distinct[id(d)]:
                score += w.get("distinct", -6.0)
            day = day_of(d.event.date)
            if published is not None:
                if day is not None and published - timedelta(days=7) <= day <= published:
                    score += w.get("near_publication", 2.0)
                yr = _year(d.event.date)
                old = (day is not None and day < published - timedelta(days=ctx.lex.days_before_main)) or (
                    day is None and yr is not None and yr < published.year
                )
                if old:
                    score += w.get("old_date", -6.0)
            key = (score, -min(d.tokens, default=0))
            if best is None or key > best[:2]:
                best = (key[0], key[1], d)
        return best[2] if best else None

    # ----------------------------------------------------------------- merging
    def _specific(self, ctx: EventContext, d: Draft) -> set[str]:
        return {
            t.type for t in d.triggers if t.is_attack(ctx.lex) and t.type != GENERIC and t.kind != "agent"
        }

    def _compatible(self, ctx: EventContext, a: Draft, b: Draft) -> bool:
        sa, sb = self._specific(ctx, a), self._specific(ctx, b)
        if not sa or not sb:
            return True
        return any(types_compatible(x, y) for x in sa for y in sb)

    def _same_time(self, a: Draft, b: Draft, da: DateValue | None = None) -> bool:
        da, db = da or a.event.date, b.event.date
        if da is None or db is None or da.value is None or db.value is None:
            return True
        if da.precision == "day" and db.precision == "day":
            return da.value == db.value
        return da.value[:4] == db.value[:4]

    def _main_date(
        self,
        ctx: EventContext,
        main: Draft,
        attacks: list[Draft],
        distinct: dict[int, bool],
        published: date | None,
    ) -> DateValue | None:
        """The main incident's date before merging: its own, else the first date near publication that a
        compatible mention of an attack carries."""
        if main.event.date is not None and main.event.date.value:
            return main.event.date
        for d in sorted(attacks, key=lambda x: min(x.tokens, default=0)):
            dv = d.event.date
            if (
                d is main
                or distinct[id(d)]
                or dv is None
                or not dv.value
                or not self._compatible(ctx, main, d)
            ):
                continue
            day = day_of(dv)
            if published is None:
                if dv.precision == "day":
                    return dv
            elif day is not None and published - timedelta(days=ctx.lex.days_before_main) <= day <= published:
                return dv
        return None

    def _merge(
        self,
        ctx: EventContext,
        drafts: list[Draft],
        main: Draft,
        distinct: dict[int, bool],
        main_date: DateValue | None,
    ) -> tuple[list[Draft], DateValue | None]:
        """The drafts after merging the main incident's mentions, and the incident's day when an earlier
        mention of its victim shows the report to be a follow-up."""
        out: list[Draft] = []
        incident_date: DateValue | None = None
        for d in sorted(drafts, key=lambda x: min(x.tokens, default=0)):
            if d is main:
                out.append(d)
                continue
            target = None
            # a mention that denies or only plans an attack is never merged into a real one
            like_main = main.category == "attack" and (d.event.polarity, d.event.modality in _OPEN) == (
                main.event.polarity,
                main.event.modality in _OPEN,
            )
            if (
                d.category == "attack"
                and like_main
                and not distinct[id(d)]
                and self._later_news(ctx, d, main_date)
            ):
                target = main  # "three of the wounded were in critical condition on Sunday"
            elif d.category == "attack" and not distinct[id(d)]:
                undated = d.event.date is None
                prev = [
                    x
                    for x in out
                    if x.category == "attack"
                    and x is not main
                    and self._compatible(ctx, x, d)
                    and self._same_paragraph(ctx, x, d)
                ]
                with_main = like_main and self._compatible(ctx, main, d)
                if undated and prev and not with_main:
                    target = prev[-1]
                elif with_main and self._same_time(main, d, main_date):
                    target = main
                elif (
                    with_main
                    and self._earlier(d, main_date)
                    and (
                        self._same_victims(ctx, main, d)
                        or (_written_out(d.event.date) and not _written_out(main_date))
                    )
                ):
                    # the same victim attacked on an earlier day: the report is a follow-up and its
                    # incident happened then ("the boy found last month ... shot on Oct. 10")
                    target = main
                    incident_date = main_date = d.event.date
                elif undated and prev:
                    target = prev[-1]
            elif d.category == "outcome" and main.category == "attack":
                target = main
            elif d.category != "attack":
                follow_up = d.category in ctx.lex.follow_up_types
                target = next(
                    (
                        x
                        for x in out
                        if x.category == d.category
                        and self._same_time(x, d)
                        and x.event.polarity == d.event.polarity
                        and (follow_up or self._shares_participants(x, d))
                    ),
                    None,
                )
            if target is not None:
                target.tokens |= d.tokens
                target.triggers.extend(d.triggers)
            else:
                out.append(d)
        return out, incident_date

    @staticmethod
    def _earlier(d: Draft, main_date: DateValue | None) -> bool:
        day, ref = day_of(d.event.date), day_of(main_date)
        return day is not None and (ref is None or day < ref)

    def _same_victims(self, ctx: EventContext, a: Draft, b: Draft) -> bool:
        """Both name one victim: the same entity or surname, or the same age and word ("8-year-old boy")."""

        def keys(d: Draft) -> set[str]:
            out: set[str] = set()
            for p in d.event.participants:
                if p.role not in ("target", "victim"):
                    continue
                ent = ctx.entities.get(p.entity or "")
                if ent is not None and ent.type == "person":
                    out.add("name:" + ent.name.split()[-1].lower())
                words = p.name.lower().replace("-", " ").split()
                ages = [w for w in words if w.isdigit()]
                if ages and words:
                    out.add(f"age:{ages[0]}:{words[-1]}")
            return out

        return bool(keys(a) & keys(b))

    def _later_news(self, ctx: EventContext, d: Draft, main_date: DateValue | None) -> bool:
        """Only words of harm ("wounded", "killed", "died"), dated on or shortly after the main incident:
        news about its victims, not another attack."""
        if any(t.type not in (GENERIC, *OUTCOME_TYPES) or t.kind == "agent" for t in d.triggers):
            return False
        day, ref = day_of(d.event.date), day_of(main_date)
        return (
            day is not None
            and ref is not None
            and ref <= day <= ref + timedelta(days=ctx.lex.days_before_main)
        )

    def _same_paragraph(self, ctx: EventContext, a: Draft, b: Draft) -> bool:
        paras = [(p.start, p.end) for p in ctx.rdoc.document.paragraphs]
        if not paras:
            return abs(min(a.tokens) - min(b.tokens)) < 80
        pa = next((k for k, (s, e) in enumerate(paras) if s <= ctx.doc[min(a.tokens)].idx < e), -1)
        pb = next((k for k, (s, e) in enumerate(paras) if s <= ctx.doc[min(b.tokens)].idx < e), -2)
        return pa == pb

    def _shares_participants(self, a: Draft, b: Draft) -> bool:
        """Same actors (when both name one), else any participant in common (or none named)."""

        def keys(d: Draft, roles: set[str] | None) -> set[str]:
            return {
                (p.entity or p.name.lower()) for p in d.event.participants if roles is None or p.role in roles
            }

        acting = {"actor", "investigator"}
        ka, kb = keys(a, acting), keys(b, acting)
        if ka and kb:
            return bool(ka & kb)
        ka, kb = keys(a, None), keys(b, None)
        return not ka or not kb or bool(ka & kb)

    # --------------------------------------------------------------- deciding
    def _is_background(
        self,
        ctx: EventContext,
        d: Draft,
        main: Draft | None,
        drafts: list[Draft],
        distinct: dict[int, bool],
        published: date | None,
    ) -> bool:
        if d is main:
            return False
        ref = day_of(main.event.date) if main else None
        ref = ref or published
        ref_year = (
            _year(main.event.date) if main and main.event.date else (published.year if published else None)
        )
        ev = d.event
        if distinct[id(d)]:
            return True  # "another attack", "the second attack on a police post this month"
        day = day_of(ev.date)
        if day is not None and ref is not None:
            return day < ref - timedelta(days=ctx.lex.days_before_main)
        yr = _year(ev.date)
        if yr is not None and ref_year is not None and (ev.date and ev.date.precision != "day"):
            return yr < ref_year
        if d.category == "attack" or d.category in ctx.lex.follow_up_types:
            return False  # undated follow-ups (an investigation, an arrest) stay with the story
        # other undated happenings: context when said of the past ("governments that have accused
        # him") or beside a background happening in one sentence; else part of the story
        mine = {ctx.sent_of[i] for i in d.tokens}
        if any(
            x is not d and x.event.background and {ctx.sent_of[i] for i in x.tokens} & mine for x in drafts
        ):
            return True
        return any(self._perfect(ctx.doc[t.head]) for t in d.triggers)

    @staticmethod
    def _perfect(tok: Token) -> bool:
        """The trigger's clause is in the perfect ("have accused", "has served"): a past state."""
        verb = tok
        for _ in range(3):
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)

    def _dominant_date(
        self, ctx: EventContext, main: Draft | None, published: date | None
    ) -> DateValue | None:
        if main is not None and main.event.date is not None and main.event.date.value:
            return main.event.date
        days: Counter[str] = Counter()
        first: dict[str, DateValue] = {}
        for d, _, _ in ctx.dates:
            day = day_of(d)
            if day is None:
                continue
            if published is not None and not (published - timedelta(days=7) <= day <= published):
                continue
            days[d.value or ""] += 1
            first.setdefault(d.value or "", d)
        if days:
            top = max(days.values())
            return first[min(v for v, n in days.items() if n == top)]  # a tie: the earliest day
        if published is not None:
            return DateValue(
                published.isoformat(),
                "day",
                "",
                None,
                None,
                "publication date: the text gives no date of its own",
            )
        return None


def trigger_keys(trigs: list[Trigger]) -> list[str]:
    return [t.key for t in trigs]


def _classifier_wins(rule_type: str, classified: str, probability: float) -> bool:
    """The specialist types a wire report's incident unless the rules read a specific method it does not
    confirm with confidence ("dynamited a pylon" stays a bombing); an assassination stays one when the
    specialist only says "attack"."""
    if classified == "armed_assault" and rule_type == "assassination":
        return False
    if rule_type in ("armed_assault", "unarmed_assault"):
        return True
    return probability >= 0.8


@register_step("background")
def make_background_step(context: StepContext) -> BackgroundStep:
    def load_tagger() -> object:
        from .muc_roles import MucRoleTagger

        return context.resource("muc_roles.tagger", MucRoleTagger.load)

    return BackgroundStep(hints=RoleTaggerHints(load_tagger))
