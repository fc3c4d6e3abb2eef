"""``export``: the incidents in a format other tools read (the same filters as ``incidents``)."""

from __future__ import annotations

import sys

import click

from ..services.exports import FORMATS, export, export_to_file
from ..settings import Settings
from . import cli
from .output import count_type


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="json", show_default=True,
              help="The export format (not text|json|jsonl as elsewhere: docs/cli.md lists them).")
@click.option("--place", default=None, help="City, region or country (name or ISO code).")
@click.option("--from", "date_from", metavar="DATE", default=None, help="On or after (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", metavar="DATE", default=None, help="On or before (YYYY[-MM[-DD]]).")
@click.option("--type", "type_", default=None, help="Event type (taxonomy slug, e.g. bombing).")
@click.option("--min-sources", type=count_type(0), default=0, show_default=True,
              help="At least this many independent sources.")
@click.option("--background/--no-background", default=True, show_default=True,
              help="Include incidents only ever mentioned as background.")
@click.option("--output", "-o", "output", metavar="PATH", default=None,
              help="Write to PATH (complete or not at all) instead of stdout.")
@click.pass_obj
def export_command(settings: Settings, fmt: str, place: str | None, date_from: str | None,
                   date_to: str | None, type_: str | None, min_sources: int, background: bool,
                   output: str | None) -> None:
    """Export the incidents (as `incidents` selects them) as json, jsonl, csv-gtd, csv-acled, ftm, geojson
    or graphml."""
    stream = export(settings, fmt, place=place, date_from=date_from, date_to=date_to, type_=type_,
                    min_sources=min_sources, background=background)
    if output:
        counts = export_to_file(stream, output)
    else:
        with stream:
            for chunk in stream:
                sys.stdout.write(chunk)
            sys.stdout.flush()
        counts = dict(stream.counts)
    left = [f"{n} {k.removeprefix('left_out_').replace('_', ' ')}" for k, n in sorted(counts.items())
            if k.startswith("left_out_") and n]
    where = f" to {output}" if output else ""
    click.echo(f"exported {counts.get('incidents', 0)} incidents as {fmt}{where}"
               + (f"; left out: {', '.join(left)}" if left else ""), err=True)
    if not counts.get("incidents"):
        raise SystemExit(1)
