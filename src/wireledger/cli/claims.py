"""``wireledger claims --about NAME`` and ``wireledger sources``: who says what, through whom, how firmly.

Both read the given PATHs now (nothing stored) or, without PATH, use the readings stored in the ledger.
``attribution_eval_command`` is the ``wireledger eval attribution`` subcommand (registered on the ``eval``
group by cli/eval.py).
"""

from __future__ import annotations

from typing import Any

import click

from ..services import IngestOptions
from ..services.claims import (
    ClaimSet,
    claims_about,
    evaluate_attribution,
    evaluate_gva_counts,
    gather,
    source_table,
)
from ..settings import Settings
from . import cli
from .output import clean, echo_json, echo_problem, format_option, retracted_option

_TEXT_CHARS = 160


def _gather(settings: Settings, paths: tuple[str, ...], published: str | None,
            document: str | None = None, include_retracted: bool = False) -> ClaimSet:
    options = IngestOptions(published=published)
    found = gather(settings, list(paths), options, document=document, include_retracted=include_retracted)
    for problem in found.problems:
        echo_problem(problem)
    return found


def _chain(names: list[str]) -> str:
    return " -> ".join(clean(n) for n in names) or "(nobody named)"


@cli.command("claims")
@click.argument("paths", nargs=-1, metavar="[PATH...]")
@click.option("--about", "about", required=True, metavar="NAME", help="A person, organisation or place.")
@click.option("--published", metavar="YYYY-MM-DD", default=None,
              help="Publication date for inputs that carry none (only with PATH).")
@retracted_option
@format_option
@click.pass_obj
def claims_command(settings: Settings, paths: tuple[str, ...], about: str, published: str | None,
                   include_retracted: bool, fmt: str) -> None:
    """Claims about NAME: each statement, who says it (origin first, outlet last) and how firmly."""
    found = _gather(settings, paths, published, include_retracted=include_retracted)
    rows = claims_about(about, found.readings)
    if fmt != "text":
        echo_json("claims", {"about": about, "claims": rows})
    else:
        for row in rows:
            text = clean(row["text"])[:_TEXT_CHARS]
            click.echo(f"[{row['modality']}] {text}")
            what = f"{row['predicate']}: {clean(row['subject'] or '-')} / {clean(row['object'] or '-')}"
            gone = "  RETRACTED" if row.get("retracted") else ""
            click.echo(f"    {what}    by {_chain(row['attribution'])}    ({clean(row['document'])}){gone}")
        click.echo(f"{len(rows)} claims about {clean(about)} in {len(found.readings)} readings")
    if not rows:
        click.get_current_context().exit(1)


@cli.command("sources")
@click.argument("paths", nargs=-1, metavar="[PATH...]")
@click.option("--document", "document", default=None, metavar="ID",
              help="Only this document (content id or source id).")
@click.option("--published", metavar="YYYY-MM-DD", default=None,
              help="Publication date for inputs that carry none (only with PATH).")
@retracted_option
@format_option
@click.pass_obj
def sources_command(settings: Settings, paths: tuple[str, ...], document: str | None, published: str | None,
                    include_retracted: bool, fmt: str) -> None:
    """Which source says what, how often and how firmly (as origin or as relay of a chain)."""
    found = _gather(settings, paths, published, document, include_retracted)
    rows = source_table(found.readings)
    if fmt != "text":
        echo_json("sources", {"document": document, "readings": len(found.readings), "sources": rows})
    else:
        for row in rows:
            firmness = ", ".join(f"{k} {v}" for k, v in row["modality"].items())
            cited = "  [in Sources line]" if row["cited_in_sources_line"] else ""
            head = f"{clean(row['source'])} ({row['type']}): {row['claims']} claims in {row['documents']}"
            roles = f"origin {row['as_origin']}, relay {row['as_relay']}"
            click.echo(f"{head} documents, {roles}; {firmness}{cited}")
            for ex in row["examples"]:
                click.echo(f"    - {clean(ex)[:_TEXT_CHARS]}")
        click.echo(f"{len(rows)} sources in {len(found.readings)} readings")
    if not found.readings:
        click.get_current_context().exit(1)


@click.command("attribution")
@click.argument("fixtures", required=False, metavar="[FIXTURES_DIR]")
@click.option("--gva", "gva", default=None, metavar="ARTICLES.jsonl",
              help="Also measure casualty-count attribution on these GVA articles.")
@click.option("--first", default=300, show_default=True, help="GVA: the first N articles with text.")
@format_option
@click.pass_obj
def attribution_eval_command(settings: Settings, fixtures: str | None, gva: str | None, first: int,
                             fmt: str) -> None:
    """Source precision and recall, chain, modality and type accuracy on the attribution fixtures
    (default tests/fixtures/attribution); with --gva, who is said to give each killed/wounded count."""
    scores = evaluate_attribution(fixtures, settings)
    result: dict[str, Any] = {"fixtures": scores.to_dict()}
    if gva:
        result["gva"] = evaluate_gva_counts(gva, first, settings)
    if fmt != "text":
        echo_json("eval attribution", result)
        return
    d = result["fixtures"]
    click.echo(f"attribution fixtures: {d['fixtures']} ({d['expectations']} statements)")
    for key in ("source_precision", "source_recall", "chain_accuracy", "modality_accuracy", "type_accuracy"):
        click.echo(f"  {key.replace('_', ' ')}: {d[key]:.3f}")
    for f in d["per_fixture"]:
        for miss in f["misses"]:
            click.echo(f"  miss {clean(f['name'])}: {clean(miss)}")
    if gva:
        g = result["gva"]
        click.echo(f"GVA counts: {g['counts']} killed/wounded values in {g['documents']} articles")
        click.echo(f"  with a claim, chain and modality: {g['share_with_claim']:.3f}")
        click.echo(f"  from a source the text names: {g['share_named_source']:.3f}")
        click.echo(f"  the outlet's own statement: {g['share_outlet_own']:.3f}")
        click.echo(f"  modality: {g['modality']}; origin types: {g['origin_types']}")
