"""Attribution measured: source precision and recall on our fixtures, and casualty counts on GVA.

Fixtures (``tests/fixtures/attribution/*.yaml``, written by us) hold a report and what a careful reader
says of its statements: for each, a piece of its words (``evidence``), the attribution chain origin first
without the publishing outlet (``chain``; ``[]`` means the outlet's own statement), the source types and
the modality. A predicted claim "covers" an expectation when its evidence overlaps the expectation's words.

- source units: (expectation, source name) pairs. A predicted source is right when a covering claim's
  expectation lists it; a gold source is found when a covering claim names it. Names match when they
  are equal or every word of the shorter is in the longer ("Sgt. Omar Haddad" ~ "Omar Haddad"), after
  lower-casing and dropping punctuation and articles. Sources of claims in the headline are not counted.
- chain accuracy: a covering claim has exactly the expected chain, in order (none for ``[]``).
- modality accuracy: a covering claim with the expected chain has the expected modality.

GVA: every killed or wounded count the reading extracts must have a claim with a chain and a modality;
the share whose chain names a source in the text, and the share that is the outlet's own statement.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..ingest.build import DocumentDraft, build_document
from ..model import Claim, Document, Reading
from ..model.reading import MODALITIES
from ..model.yaml_data import load_yaml
from ..nlp.attribution_lexicon import SOURCE_TYPES
from ..nlp.attribution_sources import names_match, norm_name

Read = Callable[[Document], Reading]


@dataclass
class Expectation:
    evidence: str
    chain: list[str]
    modality: str
    types: list[str] | None = None


@dataclass
class AttributionFixture:
    name: str
    path: str
    text: str
    outlet: str | None
    published: str | None
    covers: list[str]
    expect: list[Expectation]

    def document(self) -> Document:
        draft = DocumentDraft(text=self.text.strip("\n"), source_id=self.path, source_format="text",
                              input_name=self.path, outlet=self.outlet, published_raw=self.published)
        return build_document(draft)


def load_fixture(path: str | Path) -> AttributionFixture:
    p = Path(path)
    data = load_yaml(p.read_text(encoding="utf-8"))
    problems = lint_fixture(data)
    if problems:
        raise ValueError(f"{p}: " + "; ".join(problems))
    expect = [Expectation(evidence=str(e["evidence"]), chain=[str(x) for x in e.get("chain") or []],
                          modality=str(e["modality"]),
                          types=[str(t) for t in e["types"]] if e.get("types") else None)
              for e in data["expect"]]
    return AttributionFixture(name=str(data.get("name") or p.stem), path=str(p), text=str(data["text"]),
                              outlet=data.get("outlet"), published=_opt(data.get("published")),
                              covers=[str(c) for c in data.get("covers") or []], expect=expect)


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)


def lint_fixture(data: Any) -> list[str]:
    if not isinstance(data, dict):
        return ["not a mapping"]
    problems = [f"missing {k!r}" for k in ("text", "expect") if k not in data]
    if problems:
        return problems
    text = str(data["text"])
    for i, e in enumerate(data["expect"] or []):
        ev = str(e.get("evidence", ""))
        if not ev or ev not in text:
            problems.append(f"expect[{i}]: evidence {ev!r} is not in the text")
        if e.get("modality") not in MODALITIES:
            problems.append(f"expect[{i}]: unknown modality {e.get('modality')!r}")
        types = e.get("types")
        if types is not None:
            if len(types) != len(e.get("chain") or []):
                problems.append(f"expect[{i}]: types and chain differ in length")
            problems += [f"expect[{i}]: unknown source type {t!r}" for t in types if t not in SOURCE_TYPES]
    return problems


def load_fixtures(folder: str | Path) -> list[AttributionFixture]:
    return [load_fixture(p) for p in sorted(Path(folder).glob("*.yaml"))]


# -- scoring ------------------------------------------------------------------------------------
@dataclass
class FixtureResult:
    name: str
    true_sources: int = 0
    predicted_sources: int = 0
    gold_sources: int = 0
    found_sources: int = 0
    chains_right: int = 0
    modality_right: int = 0
    types_right: int = 0
    typed: int = 0
    expectations: int = 0
    misses: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _named(claim: Claim) -> list[tuple[str, str]]:
    """(name, type) of the claim's sources, the publishing outlet left out."""
    return [(s.name, s.type) for s in claim.attribution if s.type != "outlet"]


def _span_of(text: str, evidence: str) -> tuple[int, int]:
    start = text.index(evidence)
    return start, start + len(evidence)


def _chain_equal(pred: list[str], gold: list[str]) -> bool:
    return len(pred) == len(gold) and all(names_match(p, g) for p, g in zip(pred, gold))


def score_fixture(fixture: AttributionFixture, reading: Reading) -> FixtureResult:
    doc = reading.document
    res = FixtureResult(name=fixture.name, expectations=len(fixture.expect))
    title = doc.title_span or (0, 0)
    claims = [c for c in reading.claims if not (title[0] <= c.evidence[0] < title[1])]
    spans = [_span_of(doc.text, e.evidence) for e in fixture.expect]

    def covering(k: int) -> list[Claim]:
        s, e = spans[k]
        return [c for c in claims if c.evidence[0] < e and s < c.evidence[1]]

    predicted: set[tuple[Any, str]] = set()
    true: set[tuple[Any, str]] = set()
    for c in claims:
        for name, _ in _named(c):
            hits = [k for k in range(len(spans)) if c in covering(k)
                    and any(names_match(name, g) for g in fixture.expect[k].chain)]
            key: tuple[Any, str] = ((hits[0],) if hits else ("at", c.evidence[0]), norm_name(name))
            predicted.add(key)
            if hits:
                true.add(key)
    res.predicted_sources, res.true_sources = len(predicted), len(true)
    for k, exp in enumerate(fixture.expect):
        cover = covering(k)
        chains = [[n for n, _ in _named(c)] for c in cover]
        for g in exp.chain:
            res.gold_sources += 1
            if any(names_match(n, g) for ch in chains for n in ch):
                res.found_sources += 1
        if exp.chain:
            right = [c for c in cover if _chain_equal([n for n, _ in _named(c)], exp.chain)]
            chain_ok = bool(right)
        else:
            right = cover
            chain_ok = not any(_named(c) for c in cover)
        modality_ok = (any(c.modality == exp.modality for c in right) if right
                       else exp.modality == "asserted" and not exp.chain)
        res.chains_right += chain_ok
        res.modality_right += modality_ok
        if exp.types is not None:
            res.typed += 1
            if any([t for _, t in _named(c)] == exp.types for c in right):
                res.types_right += 1
            else:
                got_types = sorted({tuple(t for _, t in _named(c)) for c in right})
                res.misses.append(f"{exp.evidence[:50]!r}: want types {exp.types}, got {got_types}")
        if not (chain_ok and modality_ok):
            got = sorted({(tuple(n for n, _ in _named(c)), c.modality) for c in cover})
            res.misses.append(f"{exp.evidence[:50]!r}: want {exp.chain} {exp.modality}, got {got}")
    return res


@dataclass
class AttributionScores:
    fixtures: list[FixtureResult]

    def _sum(self, attr: str) -> int:
        return sum(getattr(f, attr) for f in self.fixtures)

    @property
    def source_precision(self) -> float:
        return _ratio(self._sum("true_sources"), self._sum("predicted_sources"))

    @property
    def source_recall(self) -> float:
        return _ratio(self._sum("found_sources"), self._sum("gold_sources"))

    @property
    def chain_accuracy(self) -> float:
        return _ratio(self._sum("chains_right"), self._sum("expectations"))

    @property
    def modality_accuracy(self) -> float:
        return _ratio(self._sum("modality_right"), self._sum("expectations"))

    @property
    def type_accuracy(self) -> float:
        return _ratio(self._sum("types_right"), self._sum("typed"))

    def to_dict(self) -> dict[str, Any]:
        return {"fixtures": len(self.fixtures), "expectations": self._sum("expectations"),
                "source_precision": round(self.source_precision, 4),
                "source_recall": round(self.source_recall, 4),
                "chain_accuracy": round(self.chain_accuracy, 4),
                "modality_accuracy": round(self.modality_accuracy, 4),
                "type_accuracy": round(self.type_accuracy, 4),
                "per_fixture": [f.to_dict() for f in self.fixtures]}


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def evaluate_fixtures(fixtures: Iterable[AttributionFixture], read: Read) -> AttributionScores:
    return AttributionScores([score_fixture(f, read(f.document())) for f in fixtures])


# -- GVA casualty counts ------------------------------------------------------------------------
def gva_documents(articles_path: str | Path, first: int = 300) -> Iterator[Document]:
    """The first ``first`` GVA articles that have text, as Documents (outlet = the article's domain)."""
    n = 0
    with open(articles_path, encoding="utf-8") as fh:
        for line in fh:
            if n >= first:
                return
            rec = json.loads(line)
            if not (rec.get("content") or "").strip():
                continue
            n += 1
            draft = DocumentDraft(text=rec["content"], source_id=str(rec.get("doc_id")),
                                  source_format="jsonl", input_name=f"{articles_path}:{rec.get('doc_id')}",
                                  title=rec.get("title"),
                                  outlet=rec.get("outlet_domain") or None, published_raw=rec.get("dct"))
            yield build_document(draft)


def count_attribution(readings: Iterable[Reading]) -> dict[str, Any]:
    """For every killed/wounded count of every event: is there a claim, with a chain and a modality,
    and is its chain a named source or the outlet's own statement."""
    counts = 0
    with_claim = 0
    named = 0
    own = 0
    modality: Counter[str] = Counter()
    origin_types: Counter[str] = Counter()
    documents = 0
    for reading in readings:
        documents += 1
        for ev in reading.events:
            for fld in ("killed", "wounded"):
                value = getattr(ev, fld)
                if value is None:
                    continue
                counts += 1
                mine = [c for c in reading.claims if c.event == ev.id and c.predicate == fld
                        and c.object == str(value) and c.attribution and c.modality in MODALITIES]
                if not mine:
                    continue
                with_claim += 1
                c = mine[0]
                modality[c.modality] += 1
                if any(s.type != "outlet" for s in c.attribution):
                    named += 1
                    origin_types[c.attribution[0].type] += 1
                else:
                    own += 1
    return {"documents": documents, "counts": counts, "with_claim": with_claim,
            "share_with_claim": round(_ratio(with_claim, counts), 4),
            "named_source": named, "share_named_source": round(_ratio(named, counts), 4),
            "outlet_own": own, "share_outlet_own": round(_ratio(own, counts), 4),
            "modality": dict(modality.most_common()), "origin_types": dict(origin_types.most_common())}
