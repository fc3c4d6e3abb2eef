"""Sentences that respect the layout of a report.

Before spaCy parses a document, ``layout_doc`` marks where a sentence must start: after the headline,
at and after each section heading, at each paragraph, at the closing "Sources:" line, after a blank
line, and after a line that ends a sentence or is too short to be part of a wrapped paragraph. It also
marks where one must not start: after a title or month abbreviation ("Lt. Gen.", "Feb. 6") or an
initial. The parser honours these marks, so its trees never span a heading and the sentences the other
steps see (``ReadingDoc.sentences``, character offsets) are the parser's own.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from ..model import Document
from .base import ReadingDoc, load_data
from .registry import StepContext, register_step
from .truecase import Truecaser

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as SpacyDoc

# Abbreviations that never end a sentence when a name or a number follows them.
_TITLE_ABBREVS = frozenset((
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Rev.", "Fr.", "Sr.", "Lt.", "Gen.", "Col.", "Maj.", "Capt.",
    "Cpt.", "Sgt.", "Cpl.", "Pvt.", "Adm.", "Cmdr.", "Cdr.", "Brig.", "Lt.-Gen.", "Gov.", "Sen.", "Rep.",
    "Hon.", "Insp.", "Det.", "Supt.", "Const.", "Pres.", "Amb.", "Atty.", "Mt.", "St.", "Ft.", "Gens.",
    "Messrs.", "No.", "Nos.", "Vol.", "Art.", "Sec.",
))
_MONTH_ABBREVS = frozenset(("Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.",
                            "Nov.", "Dec."))
# Abbreviations that may end a sentence: they hold it together only before a lower-case word or a digit.
_AMBIGUOUS_ABBREVS = frozenset((
    "U.S.", "U.K.", "U.N.", "E.U.", "D.C.", "Inc.", "Co.", "Corp.", "Ltd.", "Jr.", "Bros.", "a.m.", "p.m.",
    "etc.", "vs.", "approx.", "Ave.", "Blvd.", "Rd.",
))
_INITIAL = re.compile(r"^[A-Z]\.$")

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_BREAK = re.compile(r"\n")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"'”’)\]]\s*$")
_SOURCES_LINE = re.compile(r"^[ \t]*(?:Sources?|SOURCES?)\s*:", re.MULTILINE)
SHORT_LINE = 50  # a line shorter than this is not part of a hard-wrapped paragraph


def keep_abbreviations(nlp: Language) -> None:
    """Make the tokenizer keep title and month abbreviations whole ("Maj.", "Sgt.", "Sept."), as it
    already does for "Gen." and "Feb.": split ones end sentences and break names apart."""
    from spacy.symbols import ORTH
    from spacy.tokenizer import Tokenizer

    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return  # a custom tokenizer of another pipeline: left as it is
    titles = load_data("titles.yaml").get("abbreviations") or {}
    words = {w for written in titles for w in written.split() if w.endswith(".")}
    for abbreviation in sorted(words | _TITLE_ABBREVS | _MONTH_ABBREVS):
        if len(tokenizer(abbreviation)) > 1:
            tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])


def hard_breaks(document: Document) -> list[int]:
    """Character offsets where a sentence must start, from the document's layout and line breaks."""
    text = document.text
    breaks: set[int] = set()
    if document.title_span:
        breaks.add(document.title_span[1])
    for section in document.sections:
        breaks.add(section.start)
        breaks.add(section.heading_end)
    for paragraph in document.paragraphs:
        breaks.add(paragraph.start)
    for cited in document.cited_sources[:1]:
        breaks.add(text.rfind("\n", 0, cited.start) + 1)
    for m in _SOURCES_LINE.finditer(text):
        breaks.add(m.start())
    for m in _BLANK_LINE.finditer(text):
        breaks.add(m.end())
    for m in _LINE_BREAK.finditer(text):
        pos = m.start()
        line_start = text.rfind("\n", 0, pos) + 1
        line = text[line_start:pos]
        if line.strip() and (len(line.strip()) < SHORT_LINE or _ENDS_SENTENCE.search(line)):
            breaks.add(pos + 1)
    return sorted(b for b in breaks if 0 < b < len(text))


_HEAD_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,] )[A-Z][a-z]+")
_CAPITAL_PAIR = re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z]+)\b")


@lru_cache(maxsize=1)
def _truecaser() -> Truecaser:
    return Truecaser.load()


def _headline_like(line: str) -> bool:
    """Title Case: three or more longer words, nearly all of them capitalised."""
    words = [w for w in _HEAD_WORD.findall(line) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def recased_text(document: Document) -> str:
    """The text with its headline and section headings in sentence case when they are written in Title
    Case ("Man Shoots Wife In Jackson Home" -> "Man shoots wife in Jackson home"): same
    length, letter for letter, so every offset still points into ``document.text``.

    A tagger reads capitalised words as names, so a headline's verbs and nouns go unread. A word takes
    lower case when cased English usually writes it so (``Truecaser``) and this report never writes it
    capitalised inside a sentence unless it also writes it in lower case (a name such as "Hunter" or
    "Rose" stays as the body writes it). The first word of a line keeps its capital."""
    text = document.text
    spans = [document.title_span] if document.title_span else []
    spans += [(s.start, s.heading_end) for s in document.sections]
    spans = [(a, b) for a, b in spans if b > a and _headline_like(text[a:b])]
    if not spans:
        return text
    body = list(text)
    for a, b in spans:
        body[a:b] = " " * (b - a)
    rest = "".join(body)
    capitalised = {m.group().lower() for m in _MID_SENTENCE_CAPITAL.finditer(rest)}
    lower = set(re.findall(r"\b[a-z]+\b", rest)) & capitalised
    names = {(m[1].lower(), m[2].lower()) for m in _CAPITAL_PAIR.finditer(rest)}
    caser = _truecaser()
    out = list(text)
    for a, b in spans:
        words = list(_HEAD_WORD.finditer(text, a, b))
        # per word: does it take lower case? (not a line's first word, nor a name the body writes)
        lowered: list[bool] = []
        for m in words:
            low = m.group().lower()
            line = max(a, text.rfind("\n", a, m.start()) + 1)
            first = not text[line:m.start()].strip()
            named = first or (low in capitalised and low not in lower)
            titled = len(low) > 1 and m.group()[0].isupper() and m.group()[1:].islower()  # not "D.C.", "FBI"
            lowered.append(titled and not named and caser.form_of(m.group()) == low)
        for k, m in enumerate(words):
            kept = [0 <= j < len(words) and not lowered[j] and words[j].group()[0].isupper()
                    for j in (k - 1, k + 1)]
            pairs = [(words[j].group().lower(), words[j + 1].group().lower()) for j in (k - 1, k)
                     if 0 <= j < len(words) - 1]
            # "Otter Tail County": a word between two names is one too; "New Haven": so is one the body
            # writes capitalised beside the same neighbour
            if lowered[k] and not all(kept) and not names.intersection(pairs):
                out[m.start():m.end()] = m.group().lower()
    recased = "".join(out)
    return recased if len(recased) == len(text) else text


def layout_doc(nlp: Language, document: Document) -> SpacyDoc:
    """The tokenised document with sentence starts preset from layout and abbreviations. A headline or
    heading in Title Case is tokenised in sentence case (``recased_text``)."""
    doc = nlp.make_doc(recased_text(document))
    if len(doc) < 2:
        return doc
    starts = [t.idx for t in doc]
    for offset in hard_breaks(document):
        i = bisect_left(starts, offset)
        while i < len(doc) and doc[i].is_space:
            i += 1
        if 0 < i < len(doc):
            doc[i].is_sent_start = True
    for i in range(len(doc) - 1):
        tok = doc[i]
        text = tok.text
        if not text.endswith(".") or "\n" in tok.whitespace_:
            continue
        nxt = doc[i + 1]
        if nxt.is_sent_start:
            continue
        first = nxt.text[:1]
        if text in _MONTH_ABBREVS:
            glue = first.isdigit()
        elif text in _TITLE_ABBREVS or _INITIAL.match(text):
            glue = first.isupper() or first.isdigit()
        elif text in _AMBIGUOUS_ABBREVS:
            glue = first.islower() or first.isdigit()
        else:
            glue = False
        if glue:
            nxt.is_sent_start = False
    return doc


def sentence_spans(doc: SpacyDoc, document: Document) -> list[tuple[int, int]]:
    """Character spans of the sentences, whitespace trimmed; layout breaks alone without a parser."""
    text = document.text
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        raw = [(s.start_char, s.end_char) for s in doc.sents]
    else:
        cuts = [0, *hard_breaks(document), len(text)]
        raw = list(pairwise(cuts))
    spans = []
    for start, end in raw:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


class SentencesStep:
    name = "wireledger.sentences"
    version = "1"
    reads: tuple[str, ...] = ("document", "spacy")
    writes: tuple[str, ...] = ("sentences",)

    def __call__(self, doc: ReadingDoc) -> ReadingDoc:
        if doc.spacy is not None:
            doc.sentences = sentence_spans(doc.spacy, doc.document)
        return doc


@register_step("sentences")
def make_sentences_step(context: StepContext) -> SentencesStep:
    return SentencesStep()
