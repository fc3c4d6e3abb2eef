"""``wireledger ingest PATH...``: store documents, with a progress bar on stderr and a summary."""

from __future__ import annotations

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text

from ..errors import UsageError
from ..services import IngestOptions, IngestSummary, ProgressUpdate, example_article, ingest
from ..services.ledger import pipeline_readers, sync_ledger
from ..settings import Settings
from . import cli
from .output import check_published, clean, echo_json, format_option, jsonl_field_options

_MAX_WARNING_LINES = 20


@cli.command("ingest")
@click.argument("paths", nargs=-1, metavar="PATH...")
@jsonl_field_options
@click.option("--published", metavar="YYYY-MM-DD", default=None,
              help="Publication date for inputs that carry none of their own.")
@click.option("--follow-links", is_flag=True, help="Feeds: fetch each item's page (off by default).")
@click.option("--format-in", type=click.Choice(["text", "html", "feed", "jsonl"]), default=None,
              help="Read every input as this format instead of guessing from its name and content.")
@click.option("--example", is_flag=True, help="Ingest the example article shipped with wireledger.")
@click.option("--read/--no-read", "read_", default=True, show_default=True,
              help="Read each new document (entities, events, claims) and store the reading with it.")
@click.option("--processes", type=click.IntRange(min=1), default=None,
              help="Reading processes (default 1, or WIRELEDGER_PROCESSES).")
@format_option
@click.pass_obj
def ingest_command(settings: Settings, paths: tuple[str, ...], id_field: str, text_field: str,
                   title_field: str, published_field: str, url_field: str, published: str | None,
                   follow_links: bool, format_in: str | None, example: bool, read_: bool,
                   processes: int | None, fmt: str) -> None:
    """Read files, folders, globs or - (stdin) into the ledger."""
    inputs = list(paths) + ([example_article()] if example else [])
    if not inputs:
        raise UsageError("give at least one PATH (or --example)", input="ingest")
    check_published(published, "ingest")
    options = IngestOptions(id_field=id_field, text_field=text_field, title_field=title_field,
                            published_field=published_field, url_field=url_field, published=published,
                            follow_links=follow_links, format=format_in)
    settings = settings.with_(processes=processes)
    if follow_links:
        settings = settings.with_(allow_fetch=True)
    console = Console(stderr=True)
    with Progress(TextColumn("ingest"), BarColumn(), ItemsColumn(), TimeElapsedColumn(),
                  TextColumn("{task.fields[counts]}"), console=console, transient=False) as bar:
        task = bar.add_task("ingest", total=None, counts="")

        def show(update: ProgressUpdate) -> None:
            s = update.summary
            bar.update(task, completed=update.done, total=update.total,
                       counts=f"stored {s.stored}  dup {s.duplicates + s.near_duplicates}  "
                              f"skipped {len(s.skipped) + len(s.known_skips)}")

        read, read_many = pipeline_readers(settings) if read_ else (None, None)
        # "-" reads sys.stdin
        summary = ingest(inputs, options, settings, progress=show, read=read, read_many=read_many)
    if read_ and summary.stored:
        sync_ledger(settings)
    if fmt != "text":
        echo_json("ingest", {"db": settings.db, **summary.to_dict()})
    else:
        _echo_summary(summary)
    raise SystemExit(summary.exit_code)


class ItemsColumn(ProgressColumn):
    """Items done out of the total (``3/8``); ``3 items`` when the total cannot be told (standard input,
    compressed files), never a made-up one."""

    def render(self, task: Task) -> Text:
        done = int(task.completed)
        if task.total is None or done > task.total:
            return Text(f"{done} item{'s' if done != 1 else ''}", style="progress.download")
        return Text(f"{done}/{int(task.total)}", style="progress.download")


def _echo_summary(s: IngestSummary) -> None:
    known = len(s.known_skips)
    lines = [
        f"read             {s.read}",
        f"stored           {s.stored}",
        f"near-duplicates  {s.near_duplicates}" + (f" ({s.relinked} relinked)" if s.relinked else ""),
        f"duplicates       {s.duplicates}"
        + (f" ({s.sources_added} new source ids)" if s.sources_added else ""),
        f"readings         {s.readings}",
        f"skipped          {len(s.skipped) + known}" + (f" ({known} already reported by an earlier run)"
                                                         if known else ""),
    ]
    for line in lines:
        click.echo(line)
    for p in [*s.skipped, *s.known_skips]:
        click.echo(clean(str(p)))
    if s.warnings:
        click.echo(f"warnings         {len(s.warnings)}"
                   + (f" ({s.step_failures} reading steps failed: W130)" if s.step_failures else ""))
        for line in s.warnings[:_MAX_WARNING_LINES]:
            click.echo(clean(line))
        more = len(s.warnings) - _MAX_WARNING_LINES
        if more > 0:
            click.echo(f"... and {more} more warnings (--format json lists all)")
