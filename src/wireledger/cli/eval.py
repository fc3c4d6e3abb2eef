"""``wireledger eval``: wireledger's readings measured against gold data (GVA, MUC-4, attribution)."""

from __future__ import annotations

import click

from ..services import evaluation as ev
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
    default=str(ev.GVA_DEFAULT_DIR),
    show_default=True,
    metavar="DIR",
    help="Folder holding articles.jsonl and incidents.jsonl.",
)
@click.option("--out", default=None, metavar="PATH", help="Also write the readings as JSONL.")
@click.option(
    "--null-as-zero",
    is_flag=True,
    help="Read a killed or wounded count the text does not give (null) as 0, as the Archive codes it "
    "(score_gva.py --null-as-zero).",
)
@format_option
@click.pass_obj
def gva_command(
    settings: Settings,
    first: int,
    offset: int,
    processes: int | None,
    data_dir: str,
    out: str | None,
    null_as_zero: bool,
    fmt: str,
) -> None:
    """Read GVA articles and score their main incident against the Gun Violence Archive records."""
    try:
        run = ev.gva(
            settings, data_dir, first=first, offset=offset, processes=processes, null_as_zero=null_as_zero
        )
    except ev.MissingData as e:
        raise click.UsageError(str(e)) from None
    ev.write_readings(out, run.readings)
    if fmt == "json":
        echo_json("eval gva", {**run.scores, "failures": run.failures, "seconds": round(run.seconds, 1)})
        return
    click.echo(ev.format_gva(run.scores))
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
    try:
        result, readings, failures = ev.muc4(
            settings,
            paths,
            gold=gold,
            max_docs=max_docs,
            processes=processes,
            lenient_optional=lenient_optional,
        )
    except ev.MissingData as e:
        raise click.UsageError(str(e)) from None
    ev.write_readings(out, readings)
    if fmt == "json":
        echo_json("eval muc4", {**result.to_dict(), "failures": failures})
        return
    click.echo(ev.format_muc(result))
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
    try:
        result = ev.html(settings, data_dir, limit=limit, baseline=baseline)
    except ev.MissingData as e:
        raise click.UsageError(str(e)) from None
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
    try:
        report = ev.sanctions(shared_dir, sample=sample, articles_limit=articles_limit)
    except ev.MissingData as e:
        raise click.UsageError(str(e)) from None
    if fmt == "json":
        echo_json("eval sanctions", report)
        return
    s = report["scores"]
    click.echo(f"founding example passed = {bool(s['founding_example'])}")
    click.echo(f"variant recall = {s['variant_recall']:.4f}")
    click.echo(f"false-alarm rate = {s['false_alarm_rate']:.5f}")
