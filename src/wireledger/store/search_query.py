"""Turn a user's search text into a safe FTS5 query: words, "quoted phrases" and word* prefixes.

User text is never passed through as query syntax: every term becomes a quoted FTS5 string, so
operators (AND, OR, NEAR, column filters) and stray quotes in the input are searched as words.
"""

from __future__ import annotations

import re

from ..errors import UsageError

# ranking, on both engines: a query word in a document's title counts this many times one in its text
TITLE_WEIGHT = 2.5

_TERM = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w")


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def search_terms(query: str) -> list[tuple[str, bool]]:
    """(term, is_prefix) pairs of a query; terms without a letter or digit are dropped."""
    terms: list[tuple[str, bool]] = []
    # a NUL ends an FTS5 string early and PostgreSQL refuses it in text: it is a space here (no text has one)
    for m in _TERM.finditer(query.replace("\x00", " ")):
        phrase, word = m.group(1), m.group(2)
        if phrase is not None:
            term, prefix = phrase.strip(), False
        else:
            prefix = word.endswith("*")
            term = word.rstrip("*").replace('"', "")
        if _WORD.search(term):
            terms.append((term, prefix))
    return terms


def fts_query(query: str) -> str:
    """FTS5 MATCH expression for a user query: all terms must occur (implicit AND)."""
    terms = search_terms(query)
    if not terms:
        raise UsageError(f"search query {query!r} has no words to look for", input="search")
    return " ".join(_quoted(t) + (" *" if prefix else "") for t, prefix in terms)
