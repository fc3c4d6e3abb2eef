"""``documents``, ``show``, ``search``, ``stats``: looking at what the ledger holds."""

from __future__ import annotations

from typing import Any

import click

from ..services import DocumentView, document_summary, documents, search_results, show, stats
from ..services.library import retractions
from ..settings import Settings
from . import cli
from .output import clean, count_type, echo_json, format_option, retracted_option


@cli.command("documents")
@click.option("--limit", type=count_type(0), default=None, help="Show at most this many.")
@click.option("--offset", type=count_type(0), default=0, show_default=True,
              help="Skip this many first.")
@retracted_option
@format_option
@click.pass_obj
def documents_command(settings: Settings, limit: int | None, offset: int, include_retracted: bool,
                      fmt: str) -> None:
    """List stored documents in order of arrival (retracted reports only with --include-retracted)."""
    gone = retractions(settings) if include_retracted else {}
    docs = [document_summary(d, gone) for d in documents(settings, limit=limit, offset=offset,
                                                          include_retracted=include_retracted)]
    if fmt != "text":
        echo_json("documents", {"documents": docs})
        return
    for d in docs:
        extra = f"  (+{len(d['source_ids']) - 1} source ids)" if len(d["source_ids"]) > 1 else ""
        copy = f"  copy of {d['canonical_id']}" if d["canonical_id"] else ""
        mark = ""
        if d.get("retracted"):
            why = d["retracted"].get("note")
            mark = f"  RETRACTED {d['retracted']['at'][:10]} by {clean(d['retracted']['by'])}"
            mark += f" ({clean(why)})" if why else ""
        click.echo(f"{d['id']}  {d['published'] or '----------'}  {d['language'] or '??'}  "
                   f"{clean(d['title'])}{extra}{copy}{mark}")


@cli.command("show")
@click.argument("key", metavar="DOC_ID|SOURCE_ID|PATH")
@click.option("--no-text", is_flag=True, help="Text format: leave out the text.")
@format_option
@click.pass_obj
def show_command(settings: Settings, key: str, no_text: bool, fmt: str) -> None:
    """Show one document: title, section headings, cited sources, then the text."""
    view = show(key, settings)
    if fmt != "text":
        echo_json("show", view.to_dict())
    else:
        _echo_document(view, text=not no_text)


def _echo_document(view: DocumentView, text: bool = True) -> None:
    d = view.document
    click.echo(clean(d.title) or "(untitled)")
    facts = [("id", d.id), ("published", d.published), ("language", d.language), ("url", d.url),
             ("outlet", d.outlet), ("copy of", d.canonical_id)]
    click.echo("  ".join(f"{k}: {clean(v)}" for k, v in facts if v))
    click.echo("source ids: " + ", ".join(clean(s) for s in d.source_ids))
    if view.copies:
        click.echo("near-duplicates: " + ", ".join(view.copies))
    click.echo("")
    if d.sections:
        click.echo("Sections:")
        for s in d.sections:
            click.echo(f"  {clean(s.heading)}")
    if d.cited_sources:
        click.echo("Sources:")
        for c in d.cited_sources:
            click.echo(f"  {clean(c.name)}")
    if view.reading is not None:
        r = view.reading
        click.echo(f"Reading: {len(r.get('entities', []))} entities, {len(r.get('events', []))} events, "
                   f"{len(r.get('claims', []))} claims")
    if text:
        click.echo("")
        click.echo(clean(d.text).replace("\r", ""))


@cli.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", type=count_type(1), default=20, show_default=True, help="Most hits to show.")
@click.option("--copies", is_flag=True, help="Include near-duplicate copies, not only canonical ones.")
@retracted_option
@format_option
@click.pass_obj
def search_command(settings: Settings, query: tuple[str, ...], limit: int, copies: bool,
                   include_retracted: bool, fmt: str) -> None:
    """Full-text search: words, "quoted phrases", prefix*; every term must occur."""
    text = " ".join(query)
    rows = search_results(text, settings, limit=limit, include_copies=copies,
                          include_retracted=include_retracted)
    if fmt != "text":
        echo_json("search", {"query": text, "hits": rows})
        return
    if not rows:
        click.echo("no matches")
    for r in rows:
        mark = "  RETRACTED" if "retracted" in r else ""
        relevance = "   -" if r["relevance"] is None else f"{r['relevance']:3.0f}%"
        click.echo(f"{r['rank']:3d}. {relevance}  {r['document_id']}  {r['published'] or '----------'}  "
                   f"{clean(r['title'])}{mark}")
        click.echo(f"            {clean(r['snippet']).replace(chr(10), ' ')}")


@cli.command("stats")
@format_option
@click.pass_obj
def stats_command(settings: Settings, fmt: str) -> None:
    """Counts of what the ledger holds."""
    data = stats(settings)
    if fmt != "text":
        echo_json("stats", {"stats": data})
        return
    for key, value in data.items():
        click.echo(f"{key:<16} {_plain(value)}")


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items()) or "-"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "-"
    return str(value)
