"""Attribution frames: in each sentence, who says what, and through whom it reached the page.

A frame is a reporting cue (a reporting verb, "according to"), the chains of sources that say its content
(one chain per speaker: "The U.K. and the EU accused him" has two) and the tokens of that content.

The order rule of a chain, applied everywhere (docs/attribution.md): ORIGIN FIRST, then each source that
passed the statement on, in the order it passed it on. So "X reported, citing Y" gives [Y, X] (Y told X);
"W reported ..., according to Z" gives [W, Z] (Z tells us what W reported); "X told The Associated Press"
gives [X, The Associated Press]; "Y quoted X as saying" gives [X, Y]. The publishing outlet is appended
last by the claims step.

Frames reach past their sentence in three ways: a quotation that runs over several sentences takes the
frame of the sentence that closes (or opens) it; a sentence that ends with a colon after a frame hands it
to the next sentence; an anaphoric speaker ("according to those reports", "they said") takes the chains
of the most recent frame before it.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Source
from .attribution_lexicon import Lexicon
from .attribution_sources import SourceFinder, plain
from .base import ReadingDoc

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

_CONTENT_DEPS = frozenset({"ccomp", "parataxis"})
_OBJECT_CONTENT = frozenset({"deny", "reject", "dismiss", "refute", "confirm", "announce", "report", "claim",
                             "reveal", "disclose", "acknowledge", "estimate"})
_ACCUSING = frozenset({"accuse", "blame", "charge", "suspect"})
_ACCUSING_PREPS = frozenset({"of", "for", "with", "in"})
_NEEDS_DOCUMENT_SPEAKER = frozenset({"show", "indicate"})
_ANONYMITY = ("condition of anonymity", "speaking anonymously", "not authorized to", "asked not to be named",
              "declined to be named", "not authorised to")
_CLAUSE_TAKING = frozenset({"say", "tell", "add", "state", "claim", "report", "confirm", "announce", "warn",
                            "insist", "believe", "allege", "estimate", "write", "explain", "acknowledge"})
_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“"}


@dataclass
class Frame:
    sentence: tuple[int, int]
    cue: str
    cue_span: tuple[int, int]
    modality: str  # the modality the cue gives its content: reported | alleged | denied | unknown
    chains: list[list[Source]]  # one per speaker, origin first; the outlet is not in them yet
    content: set[int] = field(default_factory=set)  # token indices of what is said
    frame_tokens: set[int] = field(default_factory=set)  # token indices of the attribution itself
    subject: int | None = None  # token that is the subject of the content ("accused HIM of ...")
    inherited: bool = False  # carried over from another sentence
    anaphoric: bool = False  # its speaker is "those reports", "they" ...: resolved from earlier frames
    cue_token: int | None = None  # token index of the cue word


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (curly pairs, or straight quotes taken in turns).

    A quotation never runs past its paragraph: one left open (the convention for a quotation that goes
    on in the next paragraph, or a stray mark) ends where its paragraph ends."""
    regions: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        close = _QUOTE_PAIRS.get(ch) or ('"' if ch == '"' else None)
        if close is None:
            i += 1
            continue
        para_end = text.find("\n\n", i)
        para_end = n if para_end == -1 else para_end
        j = text.find(close, i + 1, para_end)
        end = j + 1 if j != -1 else para_end
        if end - i > 1:
            regions.append((i, end))
        i = max(end, i + 1)
    return regions


def _in_regions(offset: int, regions: list[tuple[int, int]]) -> bool:
    return any(s < offset < e for s, e in regions)


class FrameFinder:
    """Finds the attribution frames of one document."""

    def __init__(self, doc: ReadingDoc, lexicon: Lexicon, sources: SourceFinder) -> None:
        self.doc = doc
        self.lex = lexicon
        self.sources = sources
        self.quotes = quote_regions(doc.text)

    # -- the whole document ---------------------------------------------------------------------
    def frames(self, sentences: list[SpacySpan]) -> list[list[Frame]]:
        """Frames per sentence (same order as ``sentences``), with cross-sentence links resolved."""
        per_sentence = [self.sentence_frames(s) for s in sentences]
        self._carry_back(sentences, per_sentence)
        self._carry_colons(sentences, per_sentence)
        self._carry_quotes(sentences, per_sentence)
        self._carry_continuing_quotes(sentences, per_sentence)
        self._resolve_anaphora(per_sentence)
        return per_sentence

    def sentence_frames(self, sent: SpacySpan) -> list[Frame]:
        frames: list[Frame] = []
        used_according: set[int] = set()
        according = self._according(sent)
        for tok in sent:
            if not self._is_cue(tok):
                continue
            frame = self._verb_frame(tok, sent)
            if frame is None:
                continue
            for acc_tok, obj in according:
                if obj is not None and obj.i not in frame.frame_tokens and self._governs(tok, acc_tok, sent):
                    relay = self._origin_chain(obj, sent, frame.frame_tokens)
                    frame.frame_tokens |= {acc_tok.i} | {t.i for t in acc_tok.subtree}
                    frame.content -= {t.i for t in acc_tok.subtree}
                    frame.chains = [c + relay for c in frame.chains] if frame.chains else [relay]
                    used_according.add(acc_tok.i)
            frames.append(frame)
        if len(frames) == 1 and frames[0].chains:
            self._stray_citing(frames[0], sent)
        for acc_tok, obj in according:
            if acc_tok.i in used_according or obj is None:
                continue
            if len(frames) == 1 and frames[0].chains and not self._inside_any_content(acc_tok, frames):
                # one reporting frame and an "according to" outside its content: the relay of that frame
                f = frames[0]
                relay = self._origin_chain(obj, sent, f.frame_tokens)
                f.chains = [c + relay for c in f.chains]
                f.frame_tokens |= {t.i for t in acc_tok.subtree}
                continue
            phrase = {t.i for t in acc_tok.subtree}
            speakers = self._conjuncts(obj, sent)
            chains = [self._origin_chain(s, sent, phrase) for s in speakers]
            content = {t.i for t in sent if t.i not in phrase and not t.is_punct}
            frame = Frame(sentence=(sent.start_char, sent.end_char), cue="according to",
                          cue_span=(acc_tok.idx, obj.idx), modality="reported", chains=chains,
                          content=content, frame_tokens=phrase, cue_token=acc_tok.i)
            frame.anaphoric = any(self.sources.is_anaphoric(s) for s in speakers)
            frames.append(frame)
        return frames

    def _stray_citing(self, frame: Frame, sent: SpacySpan) -> None:
        """"State media said that forces had killed five militants, citing the interior ministry": a citing
        the parser hung inside what is said belongs to the only frame of the sentence."""
        for tok in sent:
            if (tok.lemma_.lower() not in self.lex.citing_verbs or tok.tag_ != "VBG"
                    or tok.i not in frame.content or tok.i == frame.cue_token):
                continue
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is None or tok.i == 0 or sent.doc[tok.i - 1].text != ",":
                continue
            cited = self._cited_chain(obj, sent, frame.frame_tokens)
            frame.chains = [cited + c for c in frame.chains]
            moved = {t.i for t in tok.subtree}
            frame.content -= moved
            frame.frame_tokens |= moved

    # -- cues --------------------------------------------------------------------------------------
    def _is_cue(self, tok: Token) -> bool:
        lemma = tok.lemma_.lower()
        if tok.pos_ not in ("VERB", "AUX"):
            return False
        if lemma in self.lex.citing_verbs:
            # "Y quoted X as saying ...": a main verb; "citing Y" (a modifier) is not a frame of its own
            if tok.dep_ not in ("ROOT", "ccomp", "conj", "parataxis") or tok.tag_ == "VBG":
                return False
        elif lemma not in self.lex.reporting_verbs:
            return False
        governor = tok.head.head.lemma_.lower()
        if tok.dep_ == "pcomp" and tok.head.lower_ == "as" and governor in self.lex.citing_verbs:
            return False  # the "saying" of "quoted X as saying" belongs to "quoted"
        if tok.dep_ in ("amod", "compound", "nmod", "acl") and tok.tag_ in ("VBN", "JJ"):
            return False  # "the reported attack", "the suspected gunman"
        return not _in_regions(tok.idx, self.quotes)  # a quoted speaker's own verbs are part of the quote

    def _verb_frame(self, verb: Token, sent: SpacySpan) -> Frame | None:
        lex = self.lex
        lemma = verb.lemma_.lower()
        in_sent = range(sent.start, sent.end)
        speaker, relays = self._speaker(verb, sent)
        content: set[int] = set()
        subject: int | None = None
        children = [c for c in verb.children if c.i in in_sent]
        if any(c.dep_ == "neg" for c in children):
            return None  # "Authorities have not confirmed it": they are no source; the clause says so
        for c in children:
            if c.dep_ == "parataxis" and self._is_cue(c):
                continue  # "The gunman, police said, had posted ...": the inner verb is the frame
            if c.dep_ in _CONTENT_DEPS or (c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)):
                content |= {t.i for t in c.subtree if t.i in in_sent}
        if not content and verb.dep_ == "parataxis" and verb.head.i in in_sent:
            # "The man, police said, was shot": the verb is inside what it attributes
            inner = {t.i for t in verb.subtree}
            content = {t.i for t in verb.head.subtree if t.i in in_sent and t.i not in inner}
        dobj = next((c for c in children if c.dep_ in ("dobj", "dative")), None)
        if lemma in _ACCUSING and dobj is not None:
            prep = next((c for c in children if c.dep_ == "prep" and c.lower_ in _ACCUSING_PREPS), None)
            if prep is None:  # "accused the group of planning ...", the "of" hung on the object
                prep = next((c for c in dobj.children
                             if c.dep_ == "prep" and c.lower_ in _ACCUSING_PREPS), None)
            subject = dobj.i
            if prep is not None:
                content |= {t.i for t in prep.subtree if t.i != prep.i and t.i in in_sent}
                content -= {t.i for t in dobj.subtree if t.i not in {x.i for x in prep.subtree}}
            elif not content:
                content |= {t.i for t in dobj.subtree if t.i in in_sent}
        elif lemma in _ACCUSING and verb.tag_ == "VBN" and not content:
            # "he is accused of ...", "was charged with ..." (passive, perhaps without an agent)
            prep = next((c for c in children if c.dep_ == "prep" and c.lower_ in _ACCUSING_PREPS), None)
            if prep is not None:
                content |= {t.i for t in prep.subtree if t.i != prep.i and t.i in in_sent}
                subj = next((c for c in children if c.dep_ in ("nsubjpass", "nsubj")), None)
                subject = subj.i if subj is not None else None
        if not content and dobj is not None and lemma in _OBJECT_CONTENT:
            content |= {t.i for t in dobj.subtree if t.i in in_sent}
        if lemma in lex.citing_verbs and dobj is not None:
            # "Y quoted X as saying ...": X is the speaker, Y passed it on
            saying = next((t for t in verb.subtree if t.lemma_.lower() in lex.reporting_verbs
                           and t.i != verb.i and t.tag_ == "VBG"), None)
            if saying is None:
                return None
            content = {t.i for c in saying.children if c.dep_ in _CONTENT_DEPS for t in c.subtree}
            relays = [speaker] if speaker is not None else []
            speaker = dobj
        if not content:
            for rel in relays:
                # "Reuters reported, citing state TV, that three soldiers died": the that-clause hangs
                # under "citing" in the parse
                for c in rel.head.children if rel.dep_ == "dobj" else []:
                    if c.dep_ in _CONTENT_DEPS:
                        content |= {t.i for t in c.subtree if t.i in in_sent}
        if not content:
            content = self._quoted_tokens(sent)
        if not content and speaker is not None:
            content = self._before_trailing_speaker(verb, speaker, sent)
        if not content and lemma in _CLAUSE_TAKING and speaker is not None:
            content = self._clause_after(verb, sent)
        if not content and not (sent.text.rstrip().endswith(":") or self._only_speaker(verb, speaker, sent)):
            return None  # (a frame ending in a colon says the next sentence; a bare "X said." the one before)
        if speaker is not None and (speaker.lower_ in lex.negative_subjects or
                                    any(c.dep_ == "det" and c.lower_ == "no" for c in speaker.children)):
            return None  # "No group has claimed responsibility": nobody said it; the clause is a denial
        if lemma in _NEEDS_DOCUMENT_SPEAKER and (speaker is None or
                                                 self.sources.source(speaker, sent).type != "document"):
            return None
        # the attribution itself: the verb with everything it governs that is not what is said
        # ("Police said Tuesday in a statement that ...")
        frame_tokens = {t.i for t in verb.subtree if t.i in in_sent} - content
        for c in children:
            if c.dep_ == "conj" or (c.dep_ in ("advcl", "parataxis") and self._is_cue(c)):
                # "rejected the claim and said ...": the next verb has its own frame
                frame_tokens -= {t.i for t in c.subtree}
        chains: list[list[Source]] = []
        anaphoric = False
        if speaker is not None:
            speakers = self._conjuncts(self.sources.resolve_relative(speaker), sent)
            own = speaker.head.i == verb.i or (speaker.head.dep_ == "agent" and speaker.head.head.i == verb.i)
            for sp in speakers:
                if own:  # a speaker borrowed from the governing verb stays in that verb's clause
                    frame_tokens |= {t.i for t in sp.subtree if t.i in in_sent and t.i not in content}
                anaphoric = anaphoric or self.sources.is_anaphoric(sp)
            relay_chains = [self._cited_chain(r, sent, frame_tokens) for r in relays if r.dep_ == "dobj"]
            for r in relays:
                if r.dep_ == "dobj" and r.head.i != verb.i:  # "citing investigators" is attribution
                    frame_tokens |= {t.i for t in r.head.subtree if t.i in in_sent and t.i not in content}
            for sp in speakers:
                chain = self._origin_chain(sp, sent, frame_tokens)
                for rc in relay_chains:
                    chain = rc + chain  # "X reported, citing Y": Y first
                chains.append(chain)
            for r in relays:
                if r.dep_ != "dobj":  # "Y quoted X": Y passed X's words on
                    chains = [[*c, self.sources.source(r, sent)] for c in chains]
            listener = self._media_listener(verb, sent)
            if listener is not None:
                frame_tokens |= {t.i for t in listener.subtree}
                chains = [[*c, self.sources.source(listener, sent)] for c in chains]
        modality = lex.reporting_verbs.get(lemma, "reported")
        how = sorted(frame_tokens - {speaker.i if speaker else -1})
        said_how = plain(" ".join(sent.doc[i].text for i in how))
        if chains and any(p in said_how for p in _ANONYMITY):
            for chain in chains:  # "told The Times on condition of anonymity": the speaker is anonymous
                chain[0].type = "anonymous"
        content -= frame_tokens
        content = {i for i in content
                   if not sent.doc[i].is_punct or _in_regions(sent.doc[i].idx, self.quotes)}
        frame = Frame(sentence=(sent.start_char, sent.end_char), cue=lemma,
                      cue_span=(verb.idx, verb.idx + len(verb)), modality=modality, chains=chains,
                      content=content, frame_tokens=frame_tokens, subject=subject, anaphoric=anaphoric,
                      cue_token=verb.i)
        return frame

    def _only_speaker(self, verb: Token, speaker: Token | None, sent: SpacySpan) -> bool:
        """A sentence that is nothing but "Frank Preciado said." (cut from its statement by a full stop)."""
        if speaker is None:
            return False
        words = [t for t in sent if not t.is_punct and not t.is_space]
        return all(t.i in {x.i for x in verb.subtree} for t in words) and len(words) <= 10

    def _clause_after(self, verb: Token, sent: SpacySpan) -> set[int]:
        """"The bank said it had informed regulators", parsed with "regulators" as the object of "said":
        the words after a clause-taking verb, when they hold a verb of their own, are what it says."""
        after = [t for t in sent if t.i > verb.i and not (t.is_punct and t.i == sent.end - 1)]
        listener = self._media_listener(verb, sent)
        if listener is not None:
            after = [t for t in after if t.i not in {x.i for x in listener.subtree}]
        if after and after[0].dep_ in ("dative",):
            after = [t for t in after if t.i not in {x.i for x in after[0].subtree}]
        if any(t.pos_ in ("VERB", "AUX") for t in after) and not any(t.is_sent_start for t in after):
            return {t.i for t in after if not t.is_punct}
        return set()

    def _before_trailing_speaker(self, verb: Token, speaker: Token, sent: SpacySpan) -> set[int]:
        """"..., wounding three, the channel Tarsk-24 reported": a speaker and verb after a comma at the end
        of the sentence say everything before that comma, however the parser attached them."""
        first = min(min(t.i for t in speaker.subtree), verb.i)
        last_word = max(t.i for t in sent if not t.is_punct) if any(not t.is_punct for t in sent) else verb.i
        tail = [t for t in verb.subtree if t.i >= first]
        if first <= sent.start or sent.doc[first - 1].text != "," or max(t.i for t in tail) < last_word:
            return set()
        return {t.i for t in sent if t.i < first - 1 and not t.is_punct}

    def _speaker(self, verb: Token, sent: SpacySpan) -> tuple[Token | None, list[Token]]:
        """The speaker token of a reporting verb and the tokens of its relaying modifiers ("citing Y")."""
        in_sent = range(sent.start, sent.end)
        speaker: Token | None = None
        node = verb
        for _ in range(4):
            subjects = [c for c in node.children if c.dep_ == "nsubj" and c.i in in_sent]
            # of two subjects ("KILLINGLY (AP) — State Police say", "The newspaper Kommersant quoted"),
            # the one next to the verb
            subj = max(subjects, key=lambda c: c.i if c.i < node.i else -c.i) if subjects else None
            if subj is None and any(c.dep_ in ("auxpass", "nsubjpass") for c in node.children):
                agent = next((c for c in node.children if c.dep_ == "agent"), None)
                pobj = (next((c for c in agent.children if c.dep_ == "pobj"), None)
                        if agent is not None else None)
                if pobj is not None:
                    subj = pobj
                elif node is verb:
                    break  # a passive without an agent: nobody is named
            if subj is not None:
                speaker = subj
                break
            if node.dep_ in ("advcl", "conj", "xcomp") and node.head.i in in_sent and node.head.i != node.i:
                node = node.head  # "sanctioned him, accusing him of ...": the subject of "sanctioned"
                continue
            if node.dep_ == "relcl":
                speaker = node.head
            break
        relays: list[Token] = []
        for tok in sent:
            if tok.lemma_.lower() not in self.lex.citing_verbs or tok.i == verb.i:
                continue
            # ("X, citing Y, reported": a citing that hangs on the speaker is read with the speaker)
            if tok.head.i == verb.i:
                relays += [c for c in tok.children if c.dep_ == "dobj" and c not in relays]
        if verb.lemma_.lower() in self.lex.citing_verbs and speaker is not None:
            relays = []
        return speaker, relays

    def _origin_chain(self, tok: Token, sent: SpacySpan, taken: set[int]) -> list[Source]:
        """The chain that ends with the source ``tok``, starting at whoever it cites ("Y, which cited Z")."""
        return self._cited_chain(tok, sent, taken)

    def _cited_chain(self, tok: Token, sent: SpacySpan, taken: set[int], depth: int = 0) -> list[Source]:
        target = tok
        is_document = self.lex.head_type(tok.lower_) == "document"
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("from", "by", "of") and is_document:
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if pobj is not None:
                    target = pobj  # "citing a statement from the ministry": the ministry said it
        chain = [self.sources.source(target, sent)]
        if depth >= 4:
            return chain
        for c in target.children:
            verb = None
            if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in self.lex.citing_verbs:
                verb = c
            if verb is None:
                continue
            for obj in verb.children:
                if obj.dep_ == "dobj":
                    chain = self._cited_chain(obj, sent, taken, depth + 1) + chain
                    break
        return chain

    def _media_listener(self, verb: Token, sent: SpacySpan) -> Token | None:
        """"told The Associated Press", "said in a statement to Reuters", "in an interview with CNN"."""
        cands: list[Token] = []
        if verb.lemma_.lower() in self.lex.telling_verbs:
            cands += [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        for prep in (c for c in verb.subtree if c.dep_ == "prep" and c.lower_ in ("to", "with")):
            if prep.head.i == verb.i or prep.head.lemma_.lower() in ("statement", "interview", "comment"):
                cands += [p for p in prep.children if p.dep_ == "pobj"]
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            for doc_noun in (p for p in prep.children if p.dep_ == "pobj"):
                if self.lex.head_type(doc_noun.lower_) != "document":
                    continue
                # "said in the statement, which was carried by the state news agency"
                for rel in (r for r in doc_noun.children if r.dep_ in ("relcl", "acl")):
                    agent = next((a for a in rel.children if a.dep_ == "agent"), None)
                    if agent is not None:
                        cands += [p for p in agent.children if p.dep_ == "pobj"]
        for c in cands:
            if not sent.start <= c.i < sent.end:
                continue
            src = self.sources.source(c, sent)
            if plain(src.name) in self.lex.generic_listeners:
                continue  # "told reporters" says nothing of who passed it on
            if src.type in ("media", "outlet"):
                return c
        return None

    def _conjuncts(self, tok: Token, sent: SpacySpan) -> list[Token]:
        out = [tok]
        for c in tok.children:
            if c.dep_ == "conj" and sent.start <= c.i < sent.end:
                out += self._conjuncts(c, sent)
        return out

    def _according(self, sent: SpacySpan) -> list[tuple[Token, Token | None]]:
        """("according" token, its object) for each relay phrase of the sentence."""
        out: list[tuple[Token, Token | None]] = []
        words = [t.lower_ for t in sent]
        for phrase in self.lex.according_phrases:
            n = len(phrase)
            for k in range(len(words) - n + 1):
                if tuple(words[k:k + n]) != phrase:
                    continue
                first, last = sent[k], sent[k + n - 1]
                if any(first.i == a.i for a, _ in out) or _in_regions(first.idx, self.quotes):
                    continue
                obj = next((c for c in last.children if c.dep_ == "pobj"), None)
                if obj is None and k + n < len(sent):
                    obj = next((t for t in sent[k + n:] if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
                if phrase == ("per",) and (obj is None or obj.like_num or
                                           self.sources.source(obj, sent).type in ("other", "person")):
                    continue
                out.append((first, obj))
        return out

    def _governs(self, verb: Token, acc: Token, sent: SpacySpan) -> bool:
        return acc.head.i == verb.i or (verb.i in {a.i for a in acc.ancestors} and acc.head.dep_ != "pobj")

    def _inside_any_content(self, tok: Token, frames: list[Frame]) -> bool:
        return any(tok.i in f.content and not f.inherited and f.cue != "according to" and
                   tok.head.i in f.content for f in frames)

    def _quoted_tokens(self, sent: SpacySpan) -> set[int]:
        return {t.i for t in sent if _in_regions(t.idx, self.quotes) and not t.is_punct}

    # -- across sentences -----------------------------------------------------------------------
    def _carry_quotes(self, sents: list[SpacySpan], frames: list[list[Frame]]) -> None:
        """A quotation over several sentences is said by the frame of the sentence that closes or opens it."""
        for qs, qe in self.quotes:
            idx = [k for k, s in enumerate(sents) if s.end_char > qs and s.start_char < qe]
            if len(idx) < 2:
                continue
            closing = next((f for f in frames[idx[-1]] if f.chains and not f.inherited), None)
            opening = next((f for f in frames[idx[0]] if f.chains), None)
            source = closing or opening
            if source is None:
                continue
            for k in idx:
                if not any(not f.inherited for f in frames[k]):
                    frames[k].append(self._inherit(source, sents[k]))

    def _carry_continuing_quotes(self, sents: list[SpacySpan], frames: list[list[Frame]]) -> None:
        """“We heard it,” said X. “Then everyone ran.”: a quotation that follows a quoted statement in the
        same paragraph, with no speaker of its own, goes on in the same voice."""
        for k in range(1, len(sents)):
            if frames[k] or not self._opens_with_quote(sents[k]):
                continue
            prev = next((f for f in frames[k - 1] if f.chains and self._quoted_tokens(sents[k - 1])), None)
            gap = self.doc.text[sents[k - 1].end_char:sents[k].start_char]
            if prev is not None and "\n\n" not in gap:
                frames[k].append(self._inherit(prev, sents[k]))

    def _opens_with_quote(self, sent: SpacySpan) -> bool:
        start = sent.start_char
        while start < sent.end_char and self.doc.text[start].isspace():
            start += 1
        return any(s == start for s, _ in self.quotes)

    def _carry_back(self, sents: list[SpacySpan], frames: list[list[Frame]]) -> None:
        """"... in San Fernando, Los Angeles Police Department Sgt. | Frank Preciado said.": a bare speaker
        sentence says the sentence before it in the same paragraph."""
        for k in range(1, len(sents)):
            bare = next((f for f in frames[k] if not f.content and f.chains and
                         not sents[k].text.rstrip().endswith(":")), None)
            gap = self.doc.text[sents[k - 1].end_char:sents[k].start_char]
            if bare is not None and not frames[k - 1] and "\n" not in gap:
                frames[k - 1].append(self._inherit(bare, sents[k - 1]))

    def _carry_colons(self, sents: list[SpacySpan], frames: list[list[Frame]]) -> None:
        for k in range(len(sents) - 1):
            text = sents[k].text.rstrip()
            if not text.endswith(":") or not frames[k] or frames[k + 1]:
                continue
            src = next((f for f in frames[k] if f.chains), None)
            if src is not None:
                frames[k + 1].append(self._inherit(src, sents[k + 1]))

    def _inherit(self, frame: Frame, sent: SpacySpan) -> Frame:
        return Frame(sentence=(sent.start_char, sent.end_char), cue=frame.cue, cue_span=frame.cue_span,
                     modality=frame.modality, chains=copy.deepcopy(frame.chains),
                     content={t.i for t in sent if not t.is_punct or _in_regions(t.idx, self.quotes)},
                     inherited=True)

    def _resolve_anaphora(self, frames: list[list[Frame]]) -> None:
        """"according to those reports", "they said": the chains of the latest frame before."""
        previous: Frame | None = None
        known: dict[str, str] = {}  # entity id -> type of a source seen before ("police spokesman Varga")
        for sentence_frames in frames:
            for f in sentence_frames:
                for chain in f.chains:
                    for src in chain:
                        if src.entity and not (f.anaphoric and src is chain[-1]):
                            known.setdefault(src.entity, src.type)
                if f.anaphoric:
                    resolved: list[list[Source]] = []
                    for chain in f.chains:
                        last = chain[-1] if chain else None
                        if last is not None and last.entity and _is_pronoun_name(last):
                            last.type = known.get(last.entity, last.type)
                            resolved.append(chain)
                        elif previous is not None and previous.chains:
                            resolved += [copy.deepcopy(c) for c in previous.chains]
                        else:
                            resolved.append(chain)
                    f.chains = _dedupe(resolved)
                if f.chains and any(c for c in f.chains):
                    previous = f


def _is_pronoun_name(src: Source) -> bool:
    """A pronoun speaker the entities step resolved to a person keeps that person."""
    return bool(re.search(r"[A-Z]", src.name)) and plain(src.name) not in ("he", "she", "they", "it")


def _dedupe(chains: list[list[Source]]) -> list[list[Source]]:
    seen: set[tuple[str, ...]] = set()
    out: list[list[Source]] = []
    for c in chains:
        key = tuple(s.name for s in c)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
