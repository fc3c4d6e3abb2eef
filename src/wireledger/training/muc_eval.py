"""Measure the MUC-4 role tagger on its own, with the reference scorer.

    python -m wireledger.training.muc_eval --gold ../shared/data/muc4/tst1.jsonl \
        --gold ../shared/data/muc4/tst2.jsonl --scorer ../shared/eval/score_muc.py --out /tmp/muc_pred.jsonl

Builds minimal contract readings from the tagger alone (one non-background event per relevant
document, typed by the classifier; participants and weapons from the fillers) and scores them with the
reference scorer, loaded from the path given. The full reading pipeline combines the same tagger with
the general event rules; this driver measures the tagger by itself.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from ..nlp.muc_roles import MucRoleTagger, RoleFiller

# role label -> (participant role, entity type); WEAPON fillers go to weapons[].
PARTICIPANT_OF = {"PERP_IND": ("perpetrator", "person"), "PERP_ORG": ("perpetrator", "organization"),
                  "TARGET": ("target", "facility"), "VICTIM": ("victim", "person")}


def reading_for(docid: str, text: str, slug: str | None, fillers: dict[str, list[RoleFiller]],
                confidence: float = 0.5) -> dict[str, Any]:
    """A contract-format reading with at most one main event (none when ``slug`` is None)."""
    entities: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    if slug is not None:
        participants = []
        weapons = []
        for label, fs in fillers.items():
            for f in fs:
                alias = next(iter(f.aliases), f.text)
                if label == "WEAPON":
                    weapons.append({"text": f.text, "category": None})
                    continue
                role, etype = PARTICIPANT_OF[label]
                eid = f"e{len(entities) + 1}"
                entities.append({"id": eid, "name": f.text, "type": etype,
                                 "mentions": [{"start": m.start, "end": m.end} for m in f.mentions]})
                participants.append({"entity": eid, "name": alias, "role": role})
        events.append({"id": "ev1", "type": slug, "background": False, "confidence": round(confidence, 3),
                       "participants": participants, "weapons": weapons})
    return {"document": {"id": docid, "text": text}, "entities": entities, "events": events}


def predict(tagger: MucRoleTagger, docs: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Readings for (docid, text) pairs."""
    texts = [t for _, t in docs]
    all_spans = tagger.tag_many(texts)
    out = []
    for (docid, text), spans in zip(docs, all_spans):
        slug, prob = tagger.classify(text, spans)
        fillers = tagger.fillers(text, spans=spans, gate=False) if slug else {}
        out.append(reading_for(docid, text, slug, fillers, prob))
    return out


def load_scorer(path: str | Path) -> ModuleType:
    """The reference scorer module, loaded from its file."""
    spec = importlib.util.spec_from_file_location("score_muc_reference", str(path))
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--model", type=Path, default=None, help="model folder (default: the shipped one)")
    ap.add_argument("--gold", action="append", required=True, help="MUC-4 JSONL with templates (repeatable)")
    ap.add_argument("--scorer", required=True, help="path of the reference score_muc.py")
    ap.add_argument("--out", type=Path, help="write the readings here (JSONL)")
    a = ap.parse_args(argv)
    tagger = MucRoleTagger.load(a.model)
    docs: list[tuple[str, str]] = []
    for path in a.gold:
        with open(path, encoding="utf-8") as fh:
            docs.extend((d["docid"], d["text"]) for d in map(json.loads, fh) if d)
    t0 = time.perf_counter()
    readings = predict(tagger, docs)
    elapsed = time.perf_counter() - t0
    if a.out:
        with open(a.out, "w", encoding="utf-8") as fh:
            for r in readings:
                fh.write(json.dumps(r) + "\n")
    scorer = load_scorer(a.scorer)
    result = scorer.score({r["document"]["id"]: r for r in readings}, scorer.load_gold(a.gold))
    scorer.print_table(result)
    print(f"{len(docs)} docs tagged in {elapsed:.1f}s")


if __name__ == "__main__":
    main()
