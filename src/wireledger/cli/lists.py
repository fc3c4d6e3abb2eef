"""``wireledger lists load|show`` and ``wireledger screen NAME``: sanctions lists and ad hoc screening."""

from __future__ import annotations

from typing import Any

import click

from ..services.screening import LoadSummary, Qualifiers, ScreeningService
from ..settings import Settings
from . import cli
from .output import clean, echo_json, echo_problem, format_option

LIST_FORMATS = ("auto", "ofac", "uk-ofsi", "uk-fcdo", "eu", "canada", "ftm")


@cli.group("lists")
def lists_group() -> None:
    """Sanctions lists: load them into the ledger, show what is loaded."""


@lists_group.command("load")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--list-format",
    "list_format",
    type=click.Choice(LIST_FORMATS),
    default="auto",
    show_default=True,
    help="The lists' format; auto tells them apart by content.",
)
@click.option(
    "--as-of",
    metavar="YYYY-MM-DD",
    default=None,
    help="Version date for files that do not print one (OFAC, EU, Canada).",
)
@format_option
@click.pass_obj
def load_command(
    settings: Settings, paths: tuple[str, ...], list_format: str, as_of: str | None, fmt: str
) -> None:
    """Load sanctions list files or folders (OFAC sdn.csv with add.csv/alt.csv, OFSI xlsx/csv, FCDO ods,
    EU journal CSV, Canada SEMA XML, FollowTheMoney JSON lines)."""
    with ScreeningService(settings) as service:
        summary = service.load(list(paths), list_format, as_of)
    from ..services.entities import rescreen_entities  # identity resolution: only when loading

    rescreened = rescreen_entities(settings, [r.status for r in summary.reports])  # the ledger's entities
    if fmt != "text":
        echo_json("lists load", {**summary.to_dict(), "entities": rescreened})
    else:
        _print_load(summary)
        if rescreened and rescreened["screened"]:
            click.echo(f"ledger entities screened again: {rescreened['screened']} "
                       f"({rescreened['changed_screening']} with changed results)")
    for problem in summary.problems:
        echo_problem(problem)
    click.get_current_context().exit(summary.exit_code)


def _print_load(summary: LoadSummary) -> None:
    verbs = {
        "loaded": "loaded (current)",
        "history": "stored as an older version",
        "added": "added to the current version",
        "already_loaded": "already loaded",
    }
    for r in summary.reports:
        line = f"{r.list_id} {r.version_date}: {verbs.get(r.status, r.status)}, "
        line += f"{r.entries} entries, {r.names} names"
        if r.replaced_version_id:
            line += f" (replaces version {r.replaced_version_id})"
        if r.unmatched:
            line += f"; {r.unmatched} rows name entries the current version does not hold"
        click.echo(line)


@lists_group.command("show")
@click.argument("list_id", required=False)
@click.option("--history", is_flag=True, help="Also show older versions and companion parts.")
@click.option(
    "--matches",
    "show_matches",
    is_flag=True,
    help="Show recorded matches with the list version each was made against.",
)
@format_option
@click.pass_obj
def show_command(
    settings: Settings, list_id: str | None, history: bool, show_matches: bool, fmt: str
) -> None:
    """Show the loaded lists (current versions), or one list's versions."""
    with ScreeningService(settings) as service:
        versions = service.versions(list_id)
        recorded = service.recorded_matches() if show_matches else []
    if not history and not list_id:
        versions = [v for v in versions if v.current]
    if fmt != "text":
        payload: dict[str, Any] = {"lists": [v.to_dict() for v in versions]}
        if show_matches:
            payload["matches"] = recorded
        echo_json("lists show", payload)
    else:
        if not versions and list_id:
            click.echo(f"no list {clean(list_id)} is loaded; `wireledger lists show` names the loaded ones")
        elif not versions:
            click.echo("no sanctions lists loaded; run `wireledger lists load PATH...`")
        for v in versions:
            state = "current" if v.current else (v.kind if v.kind == "companion" else "superseded")
            click.echo(
                f"{v.list_id}  {v.version_date} ({v.version_date_source})  {state}  "
                f"{v.entries} entries, {v.names} names  [version {v.version_id}]  {v.title}"
            )
        for m in recorded:
            now = "current" if m["version_is_current"] else "older"
            click.echo(
                f"match {m['match_id']}: {clean(m['query'])!r} -> {m['list']} {m['entry_id']} "
                f"{clean(m['name'])} {m['score']:.2f} "
                f"(version {m['version_id']} of {m['version_date']}, {now})"
            )
    click.get_current_context().exit(0 if versions else 1)


@cli.command("screen")
@click.argument("name")
@click.option("--country", default=None, help="Country (name or ISO code) the person is linked to.")
@click.option("--birth-year", type=click.IntRange(1850, 2100), default=None, help="Year of birth.")
@click.option(
    "--position",
    "positions",
    multiple=True,
    metavar="TEXT",
    help="A position or title, e.g. 'first deputy head of the GRU' (repeatable).",
)
@click.option(
    "--affiliation",
    "affiliations",
    multiple=True,
    metavar="ORG",
    help="An organisation the person belongs to, e.g. GRU (repeatable).",
)
@click.option("--rank", "ranks", multiple=True, metavar="RANK", help="A rank, e.g. 'Lieutenant General'.")
@click.option(
    "--kind",
    type=click.Choice(["person", "organization"]),
    default=None,
    help="Screen against people or organisations only (default: both).",
)
@click.option(
    "--threshold",
    type=float,
    default=None,
    help="Score at or above which an entry is reported (default: the screening_threshold setting).",
)
@click.option("--record", is_flag=True, help="Keep the matches in the ledger, with the list versions used.")
@format_option
@click.pass_obj
def screen_command(
    settings: Settings,
    name: str,
    country: str | None,
    birth_year: int | None,
    positions: tuple[str, ...],
    affiliations: tuple[str, ...],
    ranks: tuple[str, ...],
    kind: str | None,
    threshold: float | None,
    record: bool,
    fmt: str,
) -> None:
    """Screen NAME against the loaded sanctions lists; context options raise or lower scores."""
    qualifiers = Qualifiers(
        country=country,
        birth_year=birth_year,
        positions=positions,
        affiliations=affiliations,
        ranks=ranks,
        kind=kind,
    )
    with ScreeningService(settings) as service:
        result = service.screen(name, qualifiers, threshold, record=record)
    if fmt != "text":
        echo_json("screen", result.to_dict())
    else:
        if not result.matches:
            click.echo(f"no match at or above {result.threshold:.2f} for {clean(name)!r}")
        for m in result.matches:
            _print_match("MATCH", m.to_dict())
        for m in result.set_aside:
            _print_match("set aside", m.to_dict())
    click.get_current_context().exit(0 if result.matches else 1)


def _print_match(label: str, m: dict[str, Any]) -> None:
    person = "  DIFFERENT PERSON" if m["different_person"] else ""
    click.echo(
        f"{label} {m['score']:.2f}  {m['list']} {m['entry_id']}  {clean(m['name'])}  "
        f"[{', '.join(clean(p) for p in m['programs'])}] (list of {m['list_version']}){person}"
    )
    exp = m["explanation"]
    click.echo(
        f"    name {exp['name']['score']:.2f}: {clean(exp['name']['explanation'])} "
        f"(as listed: {clean(m['matched_name'])})"
    )
    for q in exp["qualifiers"]:
        click.echo(
            f"    {q['qualifier']} {q['change']}: {clean(q['reason'])} "
            f"(query '{clean(q['query'])}'; entry '{clean(q['entry'])}')"
        )
