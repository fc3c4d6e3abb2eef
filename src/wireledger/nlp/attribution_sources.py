"""Sources: who a phrase names as saying something, what kind of source it is, and what it links to.

``SourceFinder.source(token)`` turns the head word of a speaker phrase ("the Russian media channel SHOT",
"a police spokesman", "officials familiar with the matter") into a ``Source``: a short name, a type
(media, official, anonymous, document, person, organization, other; "outlet" is the publisher itself),
the entity it is (by the entities step's mentions) and the entry of the closing Sources line it matches.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Entity, Source
from .attribution_lexicon import Lexicon
from .base import ReadingDoc

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

OUTLET_UNKNOWN = "(outlet)"
# dependents that describe a speaker but are not part of its name
_NOT_NAME = frozenset({"relcl", "appos", "conj", "cc", "punct", "advcl", "acl", "prep"})
_KEEP_PREP_AFTER = frozenset({"familiar", "close", "knowledge"})  # "a source familiar with the matter"
_NAMED_LABELS = frozenset({"ORG", "PERSON", "GPE", "NORP", "FAC", "LOC"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_STOP = frozenset({"the", "a", "an", "of", "and", "s", "'s"})
_NORM = re.compile(r"[^a-z0-9 ]")


def norm_name(name: str) -> str:
    """Lower case, no punctuation, no leading article: the form names are compared in."""
    s = _NORM.sub("", name.lower().replace("’", "'").replace("'s", "").replace("-", " "))
    words = s.split()
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def _name_tokens(name: str) -> set[str]:
    return {w for w in norm_name(name).split() if w not in _STOP}


def names_match(a: str, b: str) -> bool:
    """Same source: equal names, or every word of the shorter one in the longer one."""
    na, nb = norm_name(a), norm_name(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    ta, tb = _name_tokens(a), _name_tokens(b)
    small, large = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return bool(small) and small <= large


def contains_phrase(text: str, phrase: str) -> bool:
    return f" {phrase} " in f" {text} "


def plain(text: str) -> str:
    """Lower-case words separated by single spaces, for phrase look-ups."""
    return " ".join(re.findall(r"[a-z0-9']+", text.lower().replace("’", "'")))


class SourceFinder:
    """Builds Sources for one document."""

    def __init__(self, doc: ReadingDoc, lexicon: Lexicon) -> None:
        self.doc = doc
        self.lex = lexicon
        self._mentions: list[tuple[int, int, Entity, str]] = sorted(
            ((m.start, m.end, e, m.kind) for e in doc.entities for m in e.mentions), key=lambda x: x[0])
        self._outlet: Source | None = None
        # spaCy's named entities, read once: (first token, end token, label)
        self._ents: list[tuple[int, int, str]] | None = None

    # -- entities ------------------------------------------------------------------------------
    def entity_at(self, start: int, end: int) -> tuple[Entity, str, int, int] | None:
        """The entity with a mention overlapping [start, end), the longest such mention first."""
        best: tuple[Entity, str, int, int] | None = None
        for s, e, ent, kind in self._mentions:
            if s >= end:
                break
            if e > start and (best is None or (e - s) > (best[3] - best[2])):
                best = (ent, kind, s, e)
        return best

    def entity_named(self, name: str) -> Entity | None:
        key = norm_name(name)
        for ent in self.doc.entities:
            if norm_name(ent.name) == key or any(norm_name(a) == key for a in ent.aliases):
                return ent
        return None

    def cited_index(self, name: str) -> int | None:
        for i, cited in enumerate(self.doc.document.cited_sources):
            if names_match(name, cited.name):
                return i
        return None

    # -- the outlet ---------------------------------------------------------------------------
    def outlet(self) -> Source:
        if self._outlet is None:
            self._outlet = self._make_outlet()
        return self._outlet

    def _make_outlet(self) -> Source:
        name = self.doc.document.outlet or OUTLET_UNKNOWN
        src = Source(name=name, type="outlet")
        if self.doc.document.outlet:
            src.cited_source = self.cited_index(name)
            ent = self.entity_named(name)
            src.entity = ent.id if ent else None
        return src

    def cited(self, index: int) -> Source:
        c = self.doc.document.cited_sources[index]
        src = Source(name=c.name, type=self.type_of_name(c.name), cited_source=index, start=c.start,
                     end=c.end)
        ent = self.entity_named(c.name)
        if ent is not None:
            src.entity = ent.id
            src.type = self._type_from_entity(ent, src.type)
        return src

    # -- speakers -----------------------------------------------------------------------------
    def is_anaphoric(self, token: Token) -> bool:
        if token.pos_ == "PRON" and token.lower_ not in _RELATIVE:
            return True
        phrase = plain(" ".join(t.text for t in self._name_span(token)))
        return phrase in self.lex.anaphoric_sources

    def resolve_relative(self, token: Token) -> Token:
        """"governments that have accused him": the speaker of "accused" is "governments"."""
        if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
            return token.head.head
        return token

    def source(self, token: Token, sentence: SpacySpan) -> Source:
        """The Source a speaker phrase headed by ``token`` names."""
        token = self.resolve_relative(token)
        tokens = self._name_span(token, sentence)
        full = self._full_phrase(token, sentence)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        name = self.doc.text[start:end]
        named = self._named_part(token, tokens)
        descriptor = ""
        if named is not None:
            descriptor = self.doc.text[start:named[0]]
            start, end = named
            name = self.doc.text[start:end]
        appos = [c for c in token.children if c.dep_ == "appos"]
        if named is None and appos and appos[0].pos_ == "PROPN":
            # "a police spokesman, Sgt. Ana Ruiz, said": the proper name names the source
            ap = self._name_span(appos[0], sentence)
            descriptor = name
            start, end = ap[0].idx, ap[-1].idx + len(ap[-1])
            name = self.doc.text[start:end]
        descriptor += " " + self._left_descriptor(start, sentence)
        src = Source(name=name.strip(" ,;:\"'“”‘’"), type="other", start=start, end=end)
        hit = self.entity_at(start, end)
        ent = hit[0] if hit else self.entity_named(name)
        if hit is not None and hit[1] not in ("name", "alias") and token.pos_ == "PRON":
            src.name = hit[0].name  # "he said": the person the pronoun refers to
        src.entity = ent.id if ent is not None else None
        src.type = self._type(token, name, descriptor, full, ent)
        if src.type != "anonymous" and src.name == self.doc.text[start:end].strip(" ,;:\"'“”‘’"):
            # "the police", "A hospital official": the article is not part of the name; an anonymous
            # source keeps it ("a source familiar with the matter")
            bare = _strip_article(src.name, sentence_initial=(start == sentence.start_char))
            src.start = end - len(bare) if bare != src.name else src.start
            src.name = bare
        if self.doc.document.outlet and names_match(src.name, self.doc.document.outlet):
            src.type = "outlet"  # "told the Valley Herald", in the Valley Herald: the publisher itself
        src.cited_source = self.cited_index(src.name)
        return src

    def type_of_name(self, name: str) -> str:
        words = plain(name).split()
        if not words:
            return "other"
        if any(contains_phrase(plain(name), p) for p in self.lex.anonymous_phrases):
            return "anonymous"
        if words[-1] in self.lex.media_name_words or words[0] in self.lex.media_name_words:
            return "media"
        if norm_name(name) in self.lex.official_names:
            return "official"
        kind = self.lex.phrase_type(words)
        if kind is not None:
            return kind
        bare = _strip_article(name, sentence_initial=True)
        return "organization" if bare[:1].isupper() and bare.lower() != bare else "other"

    def _left_descriptor(self, start: int, sentence: SpacySpan) -> str:
        """Words before a name that describe it, when the parser left them apart: "A spokesman for the
        city police, Sgt. Omar Haddad, told ..." (no verb between the sentence start and the name)."""
        before = [t for t in sentence if t.idx < start]
        if not before or any(t.pos_ in ("VERB", "AUX") for t in before):
            return ""
        return " ".join(t.text for t in before)

    # -- helpers ------------------------------------------------------------------------------
    def _name_span(self, token: Token, sentence: SpacySpan | None = None) -> list[Token]:
        lo, hi = (sentence.start, sentence.end) if sentence is not None else (0, len(token.doc))
        keep: set[int] = set()

        def walk(t: Token) -> None:
            keep.add(t.i)
            for c in t.children:
                if not (lo <= c.i < hi):
                    continue
                # a common noun keeps its prepositional phrase ("a spokesman for the city police",
                # "two sources in the security services"); a proper name does not need one
                keep_prep = c.dep_ == "prep" and (t.lower_ in _KEEP_PREP_AFTER or t.pos_ == "NOUN")
                if c.dep_ in _NOT_NAME and not keep_prep:
                    continue
                walk(c)

        walk(token)
        # the contiguous run of kept tokens around the head
        i, j = token.i, token.i
        while i - 1 in keep:
            i -= 1
        while j + 1 in keep:
            j += 1
        i = self._glue_left(token.doc[i], lo).i  # "Sorvik-TV": the hyphen is part of the name
        span = [token.doc[k] for k in range(i, j + 1)]
        while len(span) > 1 and (span[0].is_punct or span[0].dep_ in ("cc", "preconj")):
            span = span[1:]
        while len(span) > 1 and (span[-1].is_punct or span[-1].dep_ == "case"):
            span = span[:-1]
        return span

    def _full_phrase(self, token: Token, sentence: SpacySpan) -> str:
        """The speaker phrase with its clauses ("officials, who spoke on condition of anonymity"), less
        whom it cites ("Meduza, citing two sources" is not itself anonymous)."""
        skip: set[int] = set()
        for c in token.children:
            if c.dep_ == "conj" or (c.dep_ in ("acl", "relcl") and c.lemma_.lower() in self.lex.citing_verbs):
                skip |= {t.i for t in c.subtree}
        words = [t.text for t in token.subtree if sentence.start <= t.i < sentence.end and t.i not in skip]
        return plain(" ".join(words))

    def _named_part(self, token: Token, tokens: list[Token]) -> tuple[int, int] | None:
        """The proper name inside a speaker phrase: "the Russian media channel SHOT" -> "SHOT"."""
        lo, hi = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        if self._ents is None:
            self._ents = [(e.start, e.end, e.label_) for e in token.doc.ents if e.label_ in _NAMED_LABELS]
        for start, end, label in self._ents:
            if start <= token.i < end:
                if label == "NORP" and token.pos_ != "PROPN":
                    return None  # "Russian media": an adjective, not a name
                first = self._glue_left(token.doc[start], tokens[0].i)
                last = token.doc[end - 1]
                return (max(first.idx, lo), min(last.idx + len(last), hi))
        if token.pos_ == "PROPN" or _looks_like_name(token):
            run = [token]
            k = token.i - 1
            while k >= tokens[0].i and token.doc[k].pos_ == "PROPN" and token.doc[k].dep_ == "compound":
                run.insert(0, token.doc[k])
                k -= 1
            first = self._glue_left(run[0], tokens[0].i)
            run = [token.doc[k] for k in range(first.i, run[0].i)] + run
            head_type = [self.lex.head_type(t.lower_) for t in run]
            media_words = self.lex.media_name_words
            while len(run) > 1 and head_type[0] is not None and run[0].lower_ not in media_words:
                run, head_type = run[1:], head_type[1:]  # "Police Chief Ana Ruiz": the title is a descriptor
            return (run[0].idx, run[-1].idx + len(run[-1]))
        return None

    def _glue_left(self, tok: Token, lo: int) -> Token:
        """"Sorvik-TV", "Tarsk-24": the first token of a name written without spaces."""
        k = tok.i - 1
        while k >= lo and not tok.doc[k].whitespace_ and not tok.doc[k].is_space:
            k -= 1
        return tok.doc[k + 1]

    def _type(self, token: Token, name: str, descriptor: str, full: str, ent: Entity | None) -> str:
        lex = self.lex
        if any(contains_phrase(full, p) for p in lex.anonymous_phrases):
            return "anonymous"
        if ent is not None and ent.type == "media":
            return "media"
        if token.pos_ not in ("PROPN", "PRON") and not _looks_like_name(token) and not token.ent_type_:
            # a common noun names the source by what it is: "Interfax news agency", "a police report"
            if token.lower_ == "report":
                return "document"
            kind = lex.phrase_type(plain(name).split())
            if kind is not None:
                return kind
        by_name = self.type_of_name(name)
        if by_name in ("media", "anonymous"):
            return by_name
        appos_words: list[str] = []
        for c in token.children:
            if c.dep_ == "appos":
                appos_words += [t.lower_ for t in c.subtree]
        for words in (plain(descriptor).split(), appos_words):
            kind = lex.phrase_type(words)
            if kind in ("media", "official", "person", "organization"):
                return kind
        if by_name in ("document", "official", "person"):
            return by_name
        if token.ent_type_ == "GPE" or (ent is not None and ent.type == "location"):
            return "official"  # a state acting or speaking: its government
        if ent is not None:
            return self._type_from_entity(ent, "other")
        if token.ent_type_ == "PERSON":
            return "person"
        if token.ent_type_ in ("ORG", "FAC") or token.pos_ == "PROPN":
            return "organization"
        return by_name if by_name != "organization" or name[:1].isupper() else "other"

    def _type_from_entity(self, ent: Entity, fallback: str) -> str:
        if ent.type == "media":
            return "media"
        if ent.type == "person":
            return "official" if fallback == "official" else "person"
        if ent.type == "location":
            return "official"
        if ent.type in ("organization", "group"):
            return fallback if fallback in ("official", "media") else "organization"
        return fallback


def _looks_like_name(token: Token) -> bool:
    """A capitalised word inside a sentence that the tagger took for a common noun ("channel SHOT")."""
    return (token.pos_ == "NOUN" and not token.is_sent_start and len(token.text) > 1
            and (token.is_upper or token.is_title))


def _strip_article(name: str, sentence_initial: bool = False) -> str:
    """"the police" -> "police"; a capital "The" only at a sentence start ("The Kyiv Independent" keeps
    it)."""
    name = name.strip(" ,;:\"'“”‘’")
    arts = ("the ", "a ", "an ") + (("The ", "A ", "An ") if sentence_initial else ())
    for art in arts:
        if name.startswith(art) and len(name) > len(art):
            return name[len(art):]
    return name
