"""``wireledger eval``: wireledger's readings measured against gold data (GVA, MUC-4, attribution)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..evaluation import gva as gva_eval
from ..evaluation import muc4 as muc_eval
from ..settings import Settings
from . import cli
from .claims import attribution_eval_command
from .incidents import clusters_eval_command
from .output import echo_json, format_option


@cli.group("eval")
def eval_group() -> None:
    """Measure the readings against gold data: GVA, MUC-4, attribution fixtures."""


eval_group.add_command(attribution_eval_command)
eval_group.add_command(clusters_eval_command)


def _write_readings(path: str | None, readings: dict[str, dict[str, Any]]) -> None:
    if not path:
        return
    with open(path, "w", encoding="utf-8") as f:
        for r in readings.values():
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


@eval_group.command("gva")
@click.option(
    "--first",
    default=1000,
    show_default=True,
    help="Score the first N articles with text and a known incident.",
)
@click.option(
    "--offset",
    default=0,
    show_default=True,
    help="Skip this many such articles first (development slices beyond the scored ones).",
)
@click.option(
    "--processes", type=int, default=None, help="Reading processes (default: the processes setting)."
)
@click.option(
    "--data",
    "data_dir",
    default=str(gva_eval.DEFAULT_DIR),
    show_default=True,
    metavar="DIR",
    help="Folder holding articles.jsonl and incidents.jsonl.",
)
@click.option("--out", default=None, metavar="PATH", help="Also write the readings as JSONL.")
@format_option
@click.pass_obj
def gva_command(
    settings: Settings,
    first: int,
    offset: int,
    processes: int | None,
    data_dir: str,
    out: str | None,
    fmt: str,
) -> None:
    """Read GVA articles and score their main incident against the Gun Violence Archive records."""
    data = Path(data_dir)
    if not (data / "articles.jsonl").exists():
        raise click.UsageError(f"{data}: no articles.jsonl here (give the GVA folder with --data)")
    run = gva_eval.run_gva(
        settings,
        data,
        first=first,
        offset=offset,
        processes=processes or settings.processes,
        batch_size=settings.batch_size,
    )
    _write_readings(out, run.readings)
    if fmt == "json":
        echo_json("eval gva", {**run.scores, "failures": run.failures, "seconds": round(run.seconds, 1)})
        return
    click.echo(gva_eval.format_result(run.scores))
    click.echo(f"{len(run.failures)} articles could not be read; {run.seconds:.0f} s")


@eval_group.command("muc4")
@click.argument("paths", nargs=-1, required=True, metavar="PATH.jsonl...")
@click.option(
    "--gold",
    "gold",
    multiple=True,
    metavar="GOLD.jsonl",
    help="Score PATH (readings, JSONL) against these answer keys instead of reading PATH.",
)
@click.option("--max-docs", type=int, default=None, help="Read only the first N messages.")
@click.option(
    "--processes", type=int, default=None, help="Reading processes (default: the processes setting)."
)
@click.option(
    "--lenient-optional", is_flag=True, help="Do not count unmatched optional gold fillers as misses."
)
@click.option("--out", default=None, metavar="PATH", help="Also write the readings as JSONL.")
@format_option
@click.pass_obj
def muc4_command(
    settings: Settings,
    paths: tuple[str, ...],
    gold: tuple[str, ...],
    max_docs: int | None,
    processes: int | None,
    lenient_optional: bool,
    out: str | None,
    fmt: str,
) -> None:
    """Read MUC-4 messages (JSONL with templates) and score role fillers and incident types; with
    --gold, score readings already made."""
    for p in (*paths, *gold):
        if not Path(p).exists():
            raise click.UsageError(f"{p}: no such file")
    failures: list[str] = []
    if gold:
        readings = {
            str((r.get("document") or {}).get("id")): r for r in muc_eval.read_jsonl(map(Path, paths))
        }
        result = muc_eval.score(readings, muc_eval.load_gold(map(Path, gold)), lenient_optional)
    else:
        run = muc_eval.run_muc4(
            settings,
            [Path(p) for p in paths],
            max_docs=max_docs,
            processes=processes or settings.processes,
            batch_size=settings.batch_size,
            lenient_optional=lenient_optional,
        )
        result, readings, failures = run.score, run.readings, run.failures
    _write_readings(out, readings)
    if fmt == "json":
        echo_json("eval muc4", {**result.to_dict(), "failures": failures})
        return
    click.echo(muc_eval.format_score(result))
    if failures:
        click.echo(f"{len(failures)} messages could not be read")


@eval_group.command("html")
@click.option(
    "--data",
    "data_dir",
    default="../shared/data/html",
    show_default=True,
    metavar="DIR",
    help="Folder holding html/*.html.gz and ground-truth.json.",
)
@click.option("--limit", type=int, default=None, help="Score only the first N pages (sorted by name).")
@click.option("--baseline", is_flag=True, help="Also score trafilatura's default extraction.")
@format_option
@click.pass_obj
def html_command(settings: Settings, data_dir: str, limit: int | None, baseline: bool, fmt: str) -> None:
    """Main-text extraction from saved pages: mean bag-of-words F1 against the gold article bodies."""
    from ..evaluation.html import evaluate_html

    data = Path(data_dir)
    if not (data / "ground-truth.json").exists():
        raise click.UsageError(f"{data}: no ground-truth.json here (give the folder with --data)")
    result = evaluate_html(
        data / "html", data / "ground-truth.json", limit=limit, with_baseline=baseline, settings=settings
    )
    if fmt == "json":
        echo_json("eval html", {k: v for k, v in result.items() if k != "per_page"})
        return
    click.echo(f"pages {result['pages']}  failed {len(result['failed'])}")
    if baseline:
        click.echo(f"trafilatura default mean F1 = {result['baseline_mean_f1']:.4f}")
    click.echo(f"HTML mean bag-of-words F1 = {result['mean_f1']:.4f}")


@eval_group.command("sanctions")
@click.option(
    "--shared",
    "shared_dir",
    default="../shared",
    show_default=True,
    metavar="DIR",
    help="The shared data folder (holds data/sanctions and data/gva).",
)
@click.option("--sample", default=400, show_default=True, help="OFAC individuals for variant recall.")
@click.option("--articles-limit", type=int, default=None, help="Read only the first N GVA articles.")
@format_option
def sanctions_command(shared_dir: str, sample: int, articles_limit: int | None, fmt: str) -> None:
    """Sanctions screening: the founding example, variant recall, false alarms on US local news."""
    from ..evaluation.sanctions import evaluate

    shared = Path(shared_dir)
    if not (shared / "data" / "sanctions").is_dir():
        raise click.UsageError(f"{shared}: no data/sanctions here (give the folder with --shared)")
    report = evaluate(shared, sample, articles_limit)
    if fmt == "json":
        echo_json("eval sanctions", report)
        return
    s = report["scores"]
    click.echo(f"founding example passed = {bool(s['founding_example'])}")
    click.echo(f"variant recall = {s['variant_recall']:.4f}")
    click.echo(f"false-alarm rate = {s['false_alarm_rate']:.5f}")
