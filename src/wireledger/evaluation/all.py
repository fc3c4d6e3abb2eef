"""``make eval``: run every full evaluation through the CLI and rewrite docs/quality.md.

Each measure is one ``wireledger ... --format json`` command (the same command a user runs to reproduce
it); the scores are read from its JSON and compared with the floor the issues set. Run from the project
root with ``../shared`` beside it:

    python -m wireledger.evaluation.all --write docs/quality.md [--only NAME ...]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

Getter = Callable[[dict[str, Any]], float]


@dataclass(frozen=True)
class Score:
    label: str
    get: Getter
    floor: float | None = None
    higher_is_better: bool = True

    def passes(self, value: float) -> bool:
        if self.floor is None:
            return True
        return value >= self.floor if self.higher_is_better else value <= self.floor


@dataclass(frozen=True)
class Measure:
    name: str
    title: str
    command: str  # shell words after `wireledger`; {shared} and {tmp} are filled in
    scores: tuple[Score, ...]
    shell: bool = False  # the command is a shell pipeline rather than one wireledger call


def _k(*path: str) -> Getter:
    def get(d: dict[str, Any]) -> float:
        cur: Any = d
        for p in path:
            cur = cur[p]
        return float(cur)

    return get


SEED = "{shared}/seed/alekseev.txt"

MEASURES: tuple[Measure, ...] = (
    Measure("seed", "Founding example (reference check: shared/eval/check_seed.py)",
            f"wireledger read {SEED} --published 2026-02-06 --format json > {{tmp}}/seed.json && "
            "python3 {shared}/eval/check_seed.py {tmp}/seed.json --group reading && "
            "python3 {shared}/eval/check_seed.py {tmp}/seed.json --group attribution",
            (Score("seed checks passed (reading + attribution)", _k("passed_share"), 1.0),), shell=True),
    Measure("html", "HTML main text (181 pages, bag-of-words F1 vs ground truth)",
            "wireledger eval html --data {shared}/data/html --baseline --format json",
            (Score("mean F1 (ours)", _k("mean_f1"), 0.94), Score("mean F1 (trafilatura default)",
                                                                  _k("baseline_mean_f1")))),
    Measure("gva", "GVA main incident, first 1,000 articles with text and a known incident",
            "wireledger eval gva --first 1000 --null-as-zero --data {shared}/data/gva --format json",
            (Score("mean of date, city, killed, wounded", _k("mean_accuracy"), 0.75),
             Score("date", _k("date")), Score("city", _k("city")), Score("state", _k("state")),
             Score("killed", _k("killed")), Score("wounded", _k("wounded")),
             Score("victim-name recall", _k("victim_name_recall")))),
    Measure("muc4", "MUC-4 role fillers, tst1 + tst2 (never used for tuning)",
            "wireledger eval muc4 {shared}/data/muc4/tst1.jsonl {shared}/data/muc4/tst2.jsonl --format json",
            (Score("overall role-filler F1", _k("roles", "overall", "F1"), 0.40),
             Score("incident-type accuracy", _k("incident_type", "accuracy"), 0.70))),
    Measure("attribution", "Attribution fixtures (ours) and GVA count attribution",
            "wireledger eval attribution --gva {shared}/data/gva/articles.jsonl --first 300 --format json",
            (Score("source precision", _k("fixtures", "source_precision"), 0.90),
             Score("source recall", _k("fixtures", "source_recall"), 0.90))),
    Measure("gvc_dev", "Incident merging: GVC dev (B-cubed F1 of documents to incidents)",
            "wireledger eval clusters {shared}/data/gvc/dev.jsonl --gold-field incident_id --id-field doc_id "
            "--text-field content --published-field dct --format json",
            (Score("B-cubed F1", _k("B3", "F1"), 0.95), Score("pairwise F1", _k("pairwise", "F1")))),
    Measure("gvc_train", "Incident merging: GVC train",
            "wireledger eval clusters {shared}/data/gvc/train.jsonl --gold-field incident_id "
            "--id-field doc_id "
            "--text-field content --published-field dct --format json",
            (Score("B-cubed F1", _k("B3", "F1"), 0.95), Score("pairwise F1", _k("pairwise", "F1")))),
    Measure("gva_clusters", "Incident merging: all GVA articles with text",
            "wireledger eval clusters {shared}/data/gva/articles.jsonl --gold-field incident_id "
            "--id-field doc_id --text-field content --published-field dct --processes 2 --format json",
            (Score("B-cubed F1", _k("B3", "F1"), 0.93), Score("pairwise F1", _k("pairwise", "F1")))),
    Measure("ecbplus", "Incident merging: ECB+ security topics (text only)",
            "wireledger eval clusters {shared}/data/ecbplus/ecbplus_docs.jsonl --gold-field gold_doc_cluster "
            "--id-field doc_name --only topic=3,8,12,14,16,18,19,21,22,24,26,32,33,35,36,41,45 --format json",
            (Score("B-cubed F1", _k("B3", "F1"), 0.93), Score("pairwise F1", _k("pairwise", "F1")))),
    Measure("sanctions", "Sanctions screening (all lists in shared/data/sanctions)",
            "wireledger eval sanctions --shared {shared} --format json",
            (Score("founding example", _k("scores", "founding_example"), 1.0),
             Score("variant recall (400 OFAC individuals)", _k("scores", "variant_recall"), 0.95),
             Score("false-alarm rate (GVA person names)", _k("scores", "false_alarm_rate"), 0.001,
                   higher_is_better=False))),
)


def _seed_share(output: str) -> dict[str, Any]:
    passed = total = 0
    for line in output.splitlines():
        if line.startswith("seed ") and "checks:" in line:
            a, b = line.rsplit(" ", 1)[-1].split("/")
            passed, total = passed + int(a), total + int(b)
    return {"passed": passed, "total": total, "passed_share": passed / total if total else 0.0}


def run_measure(m: Measure, shared: Path, bin_dir: Path) -> tuple[dict[str, Any] | None, str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        cmd = m.command.format(shared=shared, tmp=tmp)
        env_path = f"{bin_dir}:{Path(sys.executable).parent}"
        started = time.perf_counter()
        proc = subprocess.run(["bash", "-c", f"export PATH={env_path}:$PATH; {cmd}"],
                              capture_output=True, text=True)
        seconds = time.perf_counter() - started
    if m.shell:
        return _seed_share(proc.stdout), proc.stderr[-2000:], seconds
    try:
        start = proc.stdout.index("{")
        return json.loads(proc.stdout[start:]), proc.stderr[-2000:], seconds
    except ValueError:
        return None, (proc.stdout + proc.stderr)[-2000:], seconds


def render(results: list[tuple[Measure, dict[str, Any] | None, float]], shared_label: str) -> str:
    now = datetime.now(UTC).strftime("%Y-%m-%d")
    lines = [
        "# Quality",
        "",
        f"Current scores on the real data in `../shared/data`, measured {now} by `make eval`",
        "(`python -m wireledger.evaluation.all --write docs/quality.md`), which runs each command below from",
        f"the project root with `{shared_label}` as the shared folder. A floor is the minimum the issues",
        "set; the test suite checks the same measures on bounded samples against pinned floors.",
        "",
    ]
    for m, data, seconds in results:
        lines += [f"## {m.title}", "", "```sh", m.command.format(shared="../shared", tmp="/tmp"), "```", ""]
        if data is None:
            lines += ["**Failed to run** (see `make eval` output).", ""]
            continue
        lines += ["| measure | score | floor | |", "|---|---|---|---|"]
        for s in m.scores:
            try:
                v = s.get(data)
            except (KeyError, TypeError, ValueError):
                lines.append(f"| {s.label} | n/a | {s.floor if s.floor is not None else ''} | |")
                continue
            floor = "" if s.floor is None else (f"≥ {s.floor}" if s.higher_is_better else f"≤ {s.floor}")
            mark = "" if s.floor is None else ("met" if s.passes(v) else "**below floor**")
            lines.append(f"| {s.label} | {v:.4f} | {floor} | {mark} |")
        lines += ["", f"({seconds:.0f} s on the 2-core reference machine)", ""]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--write", type=Path, default=None, help="rewrite this Markdown file with the results")
    ap.add_argument("--only", nargs="*", default=None, help="run only these measures")
    a = ap.parse_args(argv)
    if not (a.shared / "data").is_dir():
        print(f"E100 {a.shared}: no data folder here; give the shared folder with --shared", file=sys.stderr)
        return 2
    wl = shutil.which("wireledger") or str(Path(sys.executable).parent / "wireledger")
    bin_dir = Path(wl).parent
    results = []
    failed = 0
    for m in MEASURES:
        if a.only and m.name not in a.only:
            continue
        data, err, seconds = run_measure(m, a.shared.resolve(), bin_dir)
        results.append((m, data, seconds))
        if data is None:
            failed += 1
            print(f"{m.name}: FAILED\n{err}", file=sys.stderr)
            continue
        for s in m.scores:
            try:
                v = s.get(data)
            except (KeyError, TypeError, ValueError):
                print(f"{m.name}: {s.label}: missing in output", file=sys.stderr)
                continue
            flag = "" if s.passes(v) else "  BELOW FLOOR"
            print(f"{m.name}: {s.label} = {v:.4f}{flag}")
    if a.write:
        a.write.write_text(render(results, "../shared"), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
