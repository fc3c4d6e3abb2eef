"""Train the MUC-4 role tagger and incident classifier shipped in ``nlp/data/muc_roles``.

    python -m wireledger.training.muc_roles --dev ../shared/data/muc4/dev.jsonl \
        --out src/wireledger/nlp/data/muc_roles --scorer ../shared/eval/score_muc.py

Only ``dev.jsonl`` is read. A fixed share of it (``--holdout``, by a hash of the document id) is kept
out of training and used to choose the filler policy and to report a held-out score with the reference
scorer. Steps: truecase the texts; weak-label every occurrence of the gold filler strings; train a small
spaCy NER (its own hashed-embedding CNN, no pretrained weights) on the relevant documents; fit a
logistic-regression incident classifier with numpy; tune the policy; write the models.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from ..nlp.muc_roles import (
    ROLE_LABELS,
    FillerPolicy,
    IncidentClassifier,
    MucRoleTagger,
    incident_features,
)
from ..nlp.truecase import Truecaser
from . import muc_eval
from .muc_data import MucDoc, load_dev, split, summary, weak_labels

NER_CONFIG = """
[model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 64
maxout_pieces = 2
use_upper = true
nO = null

[model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = {width}
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
rows = [5000, 1000, 2500, 1000]
include_static_vectors = false

[model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {width}
depth = {depth}
window_size = {window}
maxout_pieces = 3
"""


# ------------------------------------------------------------------------------------------ classifier

def train_classifier(docs: list[MucDoc], truecaser: Truecaser, min_df: int = 3, l2: float = 1e-4,
                     epochs: int = 150, lr: float = 0.01) -> IncidentClassifier:
    """Multinomial logistic regression, full-batch Adam on L2-normalised binary features (numpy)."""
    feats = [incident_features(truecaser.restore_if_upper(d.text)) for d in docs]
    df: dict[str, int] = {}
    for fs in feats:
        for f in fs:
            df[f] = df.get(f, 0) + 1
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in df.items() if n >= min_df))}
    classes = sorted({d.incident_type for d in docs})
    x = np.zeros((len(docs), len(vocab)), dtype=np.float32)
    for r, fs in enumerate(feats):
        idx = [vocab[f] for f in fs if f in vocab]
        if idx:
            x[r, idx] = 1.0 / np.sqrt(len(idx))
    y = np.array([classes.index(d.incident_type) for d in docs])
    onehot = np.eye(len(classes), dtype=np.float32)[y]
    params = [np.zeros((len(vocab), len(classes)), dtype=np.float32),
              np.log(onehot.mean(axis=0) + 1e-3).astype(np.float32)]
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    for step in range(1, epochs + 1):
        w, b = params
        logits = x @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        prob = np.exp(logits)
        prob /= prob.sum(axis=1, keepdims=True)
        err = prob - onehot
        grads = [x.T @ err / len(docs) + l2 * w, err.mean(axis=0)]
        for p, g, (m, v) in zip(params, grads, moments):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
            p -= lr * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    w, b = params
    # Drop features whose weights are all negligible, to keep the file small.
    keep = np.abs(w).max(axis=1) >= 1e-3
    kept = [f for f, i in sorted(vocab.items(), key=lambda kv: kv[1]) if keep[i]]
    return IncidentClassifier(classes=classes, vocab={f: i for i, f in enumerate(kept)},
                              weights=w[keep].astype(float).tolist(), bias=b.astype(float).tolist())


# ------------------------------------------------------------------------------------------------ NER

def make_examples(nlp: Any, docs: list[MucDoc], truecaser: Truecaser) -> list[Any]:
    from spacy.training import Example
    from spacy.util import filter_spans

    examples = []
    for d in docs:
        pred = nlp.make_doc(truecaser.restore_if_upper(d.text))
        spans = [pred.char_span(s, e, label=lab, alignment_mode="expand") for s, e, lab in weak_labels(d)]
        ref = pred.copy()
        ref.ents = filter_spans([s for s in spans if s is not None])
        examples.append(Example(pred, ref))
    return examples


def _batches(items: list[Any], sizes: Iterator[int]) -> Iterator[list[Any]]:
    """Consecutive batches of ``items`` whose sizes follow ``sizes`` (as spaCy's minibatch)."""
    start = 0
    while start < len(items):
        size = max(1, next(sizes))
        yield items[start:start + size]
        start += size


def train_ner(train_docs: list[MucDoc], truecaser: Truecaser, epochs: int, seed: int, width: int = 128,
              depth: int = 4, window: int = 2, max_minutes: float = 60.0, log: Any = print) -> Any:
    import spacy
    from spacy.util import load_config_from_str
    from thinc.api import compounding, fix_random_seed

    fix_random_seed(seed)
    nlp = spacy.blank("en")
    cfg = load_config_from_str(NER_CONFIG.format(width=width, depth=depth, window=window))
    ner: Any = nlp.add_pipe("ner", config={"model": cfg["model"]})
    for label in ROLE_LABELS:
        ner.add_label(label)
    examples = make_examples(nlp, train_docs, truecaser)
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    t0 = time.perf_counter()
    for epoch in range(epochs):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        sizes = compounding(4.0, 16.0, 1.05)
        for batch in _batches(examples, (int(n) for n in sizes)):
            nlp.update(batch, drop=0.2, sgd=optimizer, losses=losses)
        minutes = (time.perf_counter() - t0) / 60
        log(f"epoch {epoch + 1}: loss {losses.get('ner', 0.0):.0f} ({minutes:.1f} min)")
        if minutes * (epoch + 2) / (epoch + 1) > max_minutes:
            log("stopping: the next epoch would pass the time budget")
            break
    return nlp


# --------------------------------------------------------------------------------------------- policy

def tune_policy(tagger: MucRoleTagger, held: list[MucDoc], scorer: Any, gold_path: Path,
                log: Any = print) -> FillerPolicy:
    """Pick the relevance threshold and per-role filler limits that maximise held-out F1."""
    gold = scorer.load_gold([str(gold_path)])
    texts = [(d.docid, d.text) for d in held]
    spans = tagger.tag_many([t for _, t in texts])

    def overall(policy: FillerPolicy, with_type: bool = False) -> float:
        tagger.policy = policy
        readings = {}
        for (docid, text), sp in zip(texts, spans):
            slug, prob = tagger.classify(text, sp)
            fillers = tagger.fillers(text, spans=sp, gate=False) if slug else {}
            readings[docid] = muc_eval.reading_for(docid, text, slug, fillers, prob)
        result = scorer.score(readings, gold)
        f1 = float(result["roles"]["overall"]["F1"])
        return f1 + float(result["incident_type"]["accuracy"]) if with_type else f1

    # Which documents report an incident decides both the fillers and the incident type: chosen for
    # role-filler F1 plus type accuracy. The filler limits only change F1.
    best = FillerPolicy()
    best_f = overall(best, with_type=True)
    for thr in (0.2, 0.3, 0.4, 0.5, 0.6):
        for support in (1.0, 0.1, 0.2):
            for roles in (2, 3):
                cand = FillerPolicy.from_dict({**best.to_dict(), "relevance_threshold": thr,
                                               "support_threshold": support, "support_roles": roles})
                f = overall(cand, with_type=True)
                if f > best_f + 1e-9:
                    best, best_f = cand, f
    best_f = overall(best)
    for label in ROLE_LABELS:
        for k in (1, 2, 3, 4, 6):
            cand = FillerPolicy.from_dict(best.to_dict())
            cand.max_fillers[label] = k
            f = overall(cand)
            if f > best_f:
                best, best_f = cand, f
    log(f"policy {best.to_dict()} held-out F1 {best_f:.3f}")
    tagger.policy = best
    return best


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--dev", required=True, type=Path, help="MUC-4 dev.jsonl")
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--scorer", type=Path, help="reference score_muc.py, for tuning and the held-out score")
    ap.add_argument("--truecase", type=Path, default=None, help="truecasing statistics (default: shipped)")
    ap.add_argument("--holdout", type=float, default=0.15)
    ap.add_argument("--epochs", type=int, default=13)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--width", type=int, default=128)
    ap.add_argument("--depth", type=int, default=4)
    ap.add_argument("--window", type=int, default=2)
    ap.add_argument("--max-minutes", type=float, default=60.0,
                    help="safety cap on NER training time (a run cut short is not the shipped model)")
    ap.add_argument("--all-docs", action="store_true", help="train the NER on irrelevant documents too")
    ap.add_argument("--final", action="store_true", help="after tuning, retrain on all of dev")
    a = ap.parse_args(argv)

    t0 = time.perf_counter()
    truecaser = Truecaser.load(a.truecase)
    docs = load_dev(a.dev)
    train, held = split(docs, a.holdout)
    for line in summary(train):
        print("train:", line)
    print(f"held out: {len(held)} docs")
    classifier = train_classifier(train, truecaser)
    ner_docs = train if a.all_docs else [d for d in train if d.fillers]
    nlp = train_ner(ner_docs, truecaser, a.epochs, a.seed, a.width, a.depth, a.window, a.max_minutes)
    tagger = MucRoleTagger(nlp, classifier, truecaser)
    policy = FillerPolicy()
    if a.scorer:
        scorer = muc_eval.load_scorer(a.scorer)
        held_path = a.out.parent / f".{a.out.name}.holdout.jsonl"
        a.out.parent.mkdir(parents=True, exist_ok=True)
        with open(held_path, "w", encoding="utf-8") as fh:
            for d in held:
                fh.write(json.dumps({"docid": d.docid, "templates": d.templates}) + "\n")
        try:
            policy = tune_policy(tagger, held, scorer, held_path)
            pairs = [(d.docid, d.text) for d in held]
            readings = {r["document"]["id"]: r for r in muc_eval.predict(tagger, pairs)}
            scorer.print_table(scorer.score(readings, scorer.load_gold([str(held_path)])))
        finally:
            held_path.unlink()
    if a.final:
        classifier = train_classifier(docs, truecaser)
        ner_docs = docs if a.all_docs else [d for d in docs if d.fillers]
        nlp = train_ner(ner_docs, truecaser, a.epochs, a.seed, a.width, a.depth, a.window, a.max_minutes)
    a.out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(a.out / "ner")
    classifier.to_file(a.out / "incident.json")
    (a.out / "policy.json").write_text(json.dumps(policy.to_dict(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {a.out} in {(time.perf_counter() - t0) / 60:.1f} min")


if __name__ == "__main__":
    main()
