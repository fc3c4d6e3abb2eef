"""Truecasing: give all-capitals wire copy the casing a reader would expect.

Old wire and radio transcripts (the MUC-3/4 collection, many telex feeds) are written entirely in
capitals, which blinds a statistical tagger trained on ordinary text: every word looks like an acronym.
``Truecaser.restore(text)`` rewrites the letters of such text - lower case for ordinary words, a capital
for names, all capitals for acronyms - and never changes the length of the text, so every character
offset into the restored text is also an offset into the original.

The casing of a word comes from statistics learnt from cased English news (see
``wireledger.training.truecase``): for each lower-cased word, its usual written form when it is not the
first word of a sentence. Words the statistics do not know are, in such copy, mostly proper names (people,
towns, organisations): they take an initial capital, or all capitals when they look like an acronym (no
vowel, or written in brackets such as ``[FMLN]``).
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_STATS = Path(__file__).resolve().parent / "data" / "muc_truecase.json.gz"

_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_SENTENCE_END = re.compile(r"[.!?:]\s*$|\n\s*\n|--\s*$")
_QUOTES_BRACKETS = re.compile(r"[\"'\[\]()]")
_VOWELS = set("aeiouy")
_SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers", "ly", "ies", "ied", "ion", "ions", "ment", "ments")
_FORM_CODES = {"l": "lower", "t": "title", "u": "upper"}


def looks_upper(text: str, threshold: float = 0.8) -> bool:
    """True when at least ``threshold`` of the text's letters (of 20 or more) are capitals."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 20:
        return False
    return sum(c.isupper() for c in letters) / len(letters) >= threshold


def _same_length_case(word: str, form: str) -> str:
    """``word`` with each letter set to the case of ``form``'s letter, only where that keeps length."""
    out = []
    for c, f in zip(word, form):
        repl = c.upper() if f.isupper() else c.lower()
        out.append(repl if len(repl) == 1 else c)
    return "".join(out)


@dataclass
class Truecaser:
    """Casing statistics: lower-cased word -> usual form ("lower", "title", "upper" or a mixed form)."""

    forms: dict[str, str] = field(default_factory=dict)
    version: str = "1"

    @classmethod
    def load(cls, path: str | Path | None = None) -> Truecaser:
        """Load statistics written by ``wireledger.training.truecase`` (gzipped JSON)."""
        p = Path(path) if path is not None else DEFAULT_STATS
        with gzip.open(p, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        forms: dict[str, str] = {}
        for code, name in _FORM_CODES.items():
            for word in data.get(code, []):
                forms[word] = name
        forms.update(data.get("mixed", {}))
        return cls(forms=forms, version=str(data.get("version", "1")))

    def to_file(self, path: str | Path) -> None:
        """Write the statistics compactly: one sorted word list per form, mixed forms spelled out."""
        lists: dict[str, list[str]] = {code: [] for code in _FORM_CODES}
        mixed: dict[str, str] = {}
        names = {v: k for k, v in _FORM_CODES.items()}
        for word, form in sorted(self.forms.items()):
            if form in names:
                lists[names[form]].append(word)
            else:
                mixed[word] = form
        payload = {"version": self.version, **lists, "mixed": mixed}
        with gzip.open(Path(path), "wt", encoding="utf-8", compresslevel=9) as fh:
            json.dump(payload, fh, separators=(",", ":"))

    def form_of(self, word: str, bracketed: bool = False) -> str:
        """The usual written form of ``word`` (any case) when it is not sentence-initial."""
        low = word.lower()
        known = self.forms.get(low)
        if known == "lower":
            return low
        if known == "title":
            return low[:1].upper() + low[1:]
        if known == "upper":
            return low.upper()
        if known is not None:
            return known
        # An inflected form of a known ordinary word ("subversives", "defined") is ordinary too.
        for suffix in _SUFFIXES:
            stem = low[: -len(suffix)]
            if low.endswith(suffix) and len(stem) > 2 and (
                self.forms.get(stem) == "lower" or self.forms.get(stem + "e") == "lower"
            ):
                return low
        # Unknown to the statistics: in all-capitals copy these are mostly names and acronyms.
        if bracketed or (len(low) > 1 and not (set(low) & _VOWELS)):
            return low.upper()
        return low[:1].upper() + low[1:]

    def restore(self, text: str) -> str:
        """Truecased copy of ``text``, the same length, letter for letter."""
        out = list(text)
        prev_end = 0
        sentence_start = True
        for m in _WORD.finditer(text):
            start, end = m.span()
            gap = text[prev_end:start]
            if prev_end and _SENTENCE_END.search(_QUOTES_BRACKETS.sub("", gap)):
                sentence_start = True
            bracketed = start > 0 and text[start - 1] == "[" and text[end:end + 1] == "]"
            form = self.form_of(m.group(), bracketed=bracketed)
            if sentence_start and form[:1].islower():
                form = form[:1].upper() + form[1:]
            out[start:end] = _same_length_case(m.group(), form)
            sentence_start = False
            prev_end = end
        restored = "".join(out)
        return restored if len(restored) == len(text) else text

    def restore_if_upper(self, text: str) -> str:
        """``restore(text)`` when the text is all-capitals copy, else the text unchanged."""
        return self.restore(text) if looks_upper(text) else text
