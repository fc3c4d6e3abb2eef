"""``incidents``, ``incident``, ``timeline``, ``graph``, ``retract``, ``reread``: the ledger's incidents."""

from __future__ import annotations

import json
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..services.incidents import IncidentService
from ..settings import Settings
from . import cli
from .output import clean, count_type, echo_json, format_option


def _fmt_value(value: Any) -> str:
    return clean(str(value)) if value is not None else "-"


def _line(s: dict[str, Any]) -> str:
    counts = []
    if s.get("killed") is not None:
        counts.append(f"killed {s['killed']}")
    if s.get("wounded") is not None:
        counts.append(f"wounded {s['wounded']}")
    conflicts = f"  conflicts: {', '.join(s['conflicts'])}" if s.get("conflicts") else ""
    return (f"{s['id']}  {s.get('date_label') or '-':<12}  {_fmt_value(s.get('type')):<16}  "
            f"{_fmt_value(s.get('place'))}  {' '.join(counts)}  reports {s.get('reports', 0)}, "
            f"sources {s.get('sources', 0)}{conflicts}")


@cli.command("incidents")
@click.option("--place", default=None, help="City, region or country (name or ISO code).")
@click.option("--from", "date_from", metavar="DATE", default=None, help="On or after (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", metavar="DATE", default=None, help="On or before (YYYY[-MM[-DD]]).")
@click.option("--type", "type_", default=None, help="Event type (taxonomy slug, e.g. bombing).")
@click.option("--min-sources", type=count_type(0), default=0, show_default=True,
              help="At least this many independent sources.")
@click.option("--background/--no-background", default=True, show_default=True,
              help="Include incidents only ever mentioned as background.")
@click.option("--members", is_flag=True,
              help="Print one line per input source id with the incident of its report's main event.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text",
              show_default=True, help="Output for people (text) or machines (json, jsonl).")
@click.pass_obj
def incidents_command(settings: Settings, place: str | None, date_from: str | None, date_to: str | None,
                      type_: str | None, min_sources: int, background: bool, members: bool, fmt: str) -> None:
    """List incidents (oldest first), or with --members which incident each input report is in."""
    with IncidentService(settings) as service:
        if members:
            rows: list[dict[str, Any]] = service.members()
        else:
            rows = service.incidents(place=place, date_from=date_from, date_to=date_to, type_=type_,
                                     min_sources=min_sources, background=background)
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt != "text":
        echo_json("incidents", {"members" if members else "incidents": rows})
    elif members:
        for row in rows:
            click.echo(f"{clean(row['doc_id'])}\t{row['incident']}")
    else:
        for row in rows:
            click.echo(_line(row))
        if not rows:
            click.echo("no incidents match")
    if not rows:
        raise SystemExit(1)


@cli.command("incident")
@click.argument("incident_id", metavar="ID")
@format_option
@click.pass_obj
def incident_command(settings: Settings, incident_id: str, fmt: str) -> None:
    """Show one incident: every fact with its sources, and where the sources disagree."""
    with IncidentService(settings) as service:
        record, hops = service.record(incident_id)
        related = service.related(record.id) if record else []
    if fmt != "text":
        echo_json("incident", {"requested": incident_id, "redirects": hops,
                               "incident": record.to_dict() if record else None, "related": related})
        return
    for hop in hops:
        click.echo(f"{hop['from']} -> {hop['to'] or '(gone)'}: {clean(hop['reason'])}")
    if record is None:
        raise SystemExit(1)
    click.echo(_line(record.summary()))
    click.echo(f"first reported {record.first_reported or '-'}, last reported {record.last_reported or '-'}")
    for name, view in record.fields.items():
        mark = "  CONFLICT" if view.conflict else ""
        click.echo(f"{name}: {_fmt_value(view.best)}{mark}")
        for v in view.values:
            # attribution chains origin first, as `claims` prints them
            chains = sorted({" -> ".join(clean(x) for x in c) for s in v.support for c in s.chains})
            official = ", official" if v.official else ""
            via = f"  via {'; '.join(chains)}" if chains else ""
            click.echo(f"    {_fmt_value(v.value)}  ({v.sources} source{'s' if v.sources != 1 else ''}"
                       f"{official}: {', '.join(v.documents)}){via}")
    click.echo("reports:")
    for d in record.documents:
        bg = "  (background mention)" if d["background"] else ""
        copies = f"  +{len(d['copies'])} copies" if d["copies"] else ""
        click.echo(f"    {d['document']}  {d['published'] or '----------'}  {clean(d['outlet'] or '')}  "
                   f"{clean(d['title'] or '')}{bg}{copies}")
    if related:
        click.echo("told together with:")
        for s in related:
            click.echo("    " + _line(s))


@cli.command("timeline")
@click.argument("name", required=False)
@click.option("--place", default=None, help="A place instead of a name.")
@click.option("--from", "date_from", metavar="DATE", default=None, help="On or after (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", metavar="DATE", default=None, help="On or before (YYYY[-MM[-DD]]).")
@click.option("--type", "type_", default=None, help="Event type (taxonomy slug).")
@format_option
@click.pass_obj
def timeline_command(settings: Settings, name: str | None, place: str | None, date_from: str | None,
                     date_to: str | None, type_: str | None, fmt: str) -> None:
    """The incidents of a person or organisation (NAME), or of a place (--place), in date order."""
    with IncidentService(settings) as service:
        entries = service.timeline(name, place, date_from, date_to, type_)
    if fmt != "text":
        echo_json("timeline", {"name": name, "place": place, "entries": [e.to_dict() for e in entries]})
    else:
        for e in entries:
            roles = f"  as {', '.join(e.roles)}" if e.roles else ""
            click.echo(f"{e.date:<12}  {_fmt_value(e.type):<16}  {_fmt_value(e.place)}{roles}  "
                       f"[{e.incident}, {e.sources} source{'s' if e.sources != 1 else ''}]")
        if not entries:
            click.echo("nothing found")
    if not entries:
        raise SystemExit(1)


@cli.command("graph")
@click.argument("name")
@click.option("--depth", type=click.IntRange(min=1, max=4), default=2, show_default=True,
              help="How many hops to walk out from NAME.")
@format_option
@click.pass_obj
def graph_command(settings: Settings, name: str, depth: int, fmt: str) -> None:
    """People and organisations, the incidents they took part in, affiliations and sanctions matches."""
    with IncidentService(settings) as service:
        graph = service.graph(name, depth)
    if fmt != "text":
        echo_json("graph", graph.to_dict())
        return
    labels = {n["id"]: n.get("label") or n["id"] for n in graph.nodes.values()}
    for edge in sorted(graph.edges, key=lambda e: (graph.nodes[e["source"]].get("hop", 0), e["source"])):
        source, target = clean(labels[edge["source"]]), clean(labels[edge["target"]])
        click.echo(f"{source}  --{edge['relation']}-->  {target}")
    if len(graph.nodes) <= 1:
        click.echo(f"nothing known about {clean(name)}")
        raise SystemExit(1)


@cli.command("retract")
@click.argument("document", metavar="DOC")
@click.option("--note", default=None, help="Why (kept with the retraction).")
@click.option("--by", default=None, help="Who retracts it (default: the account running wireledger).")
@format_option
@click.pass_obj
def retract_command(settings: Settings, document: str, note: str | None, by: str | None, fmt: str) -> None:
    """Remove a report's support from every incident; incidents it alone supported disappear."""
    with IncidentService(settings) as service:
        outcome = service.retract(document, note, by)
    if fmt != "text":
        echo_json("retract", {"document": document, **outcome.to_dict()})
        return
    for old, new in sorted(outcome.redirected.items()):
        click.echo(f"{old} -> {new or '(gone: no remaining support)'}")
    for inc in sorted(outcome.touched):
        click.echo(f"{inc} updated")
    if not outcome.redirected and not outcome.touched:
        click.echo("the report supported no incident")


@cli.command("reread")
@click.option("--processes", type=click.IntRange(min=1), default=None,
              help="Worker processes (default 1, or WIRELEDGER_PROCESSES).")
@format_option
@click.pass_obj
def reread_command(settings: Settings, processes: int | None, fmt: str) -> None:
    """Read every stored report again (after an extractor upgrade) and update facts and incidents."""
    console = Console(stderr=True)
    with IncidentService(settings) as service, Progress(
            TextColumn("reread"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console,
            transient=False) as bar:
        task = bar.add_task("reread", total=None)
        result = service.reread(processes or settings.processes,
                                progress=lambda done, total: bar.update(task, completed=done, total=total))
    if fmt != "text":
        echo_json("reread", result)
        return
    click.echo(f"read {result['read']}  failed {result['failed']}  changed {result['changed']}  "
               f"merged {result['merged']}  "
               f"removed {result['removed']}  new incidents {len(result['started'])}  "
               f"redirected {len(result['redirected'])}")


@click.command("clusters")
@click.argument("path", metavar="PATH.jsonl")
@click.option("--gold-field", default="incident_id", show_default=True,
              help="Field holding the gold incident (cluster) of each line.")
@click.option("--id-field", default="id", show_default=True, help="Field holding the document id.")
@click.option("--text-field", default="text", show_default=True, help="Field holding the text.")
@click.option("--title-field", default="title", show_default=True, help="Field holding the title.")
@click.option("--published-field", default="published", show_default=True,
              help="Field holding the publication date.")
@click.option("--only", "only", multiple=True, metavar="FIELD=V1,V2",
              help="Keep only lines whose FIELD is one of the values (repeatable).")
@click.option("--processes", type=click.IntRange(min=1), default=None,
              help="Reading processes (default: the processes setting).")
@click.option("--readings", default=None, metavar="FILE.jsonl",
              help="Take the readings of reports from this JSONL file when it holds them; the reports read "
                   "are added to it (measure the merging again without reading; delete it when the reader "
                   "changes).")
@click.option("--assignment", default=None, metavar="FILE.jsonl",
              help="Also write each scored document's predicted incident and gold cluster, one JSON line "
                   "each ({\"doc_id\", \"incident\", \"gold\"}), to study the errors.")
@format_option
@click.pass_obj
def clusters_eval_command(settings: Settings, path: str, gold_field: str, id_field: str, text_field: str,
                          title_field: str, published_field: str, only: tuple[str, ...],
                          processes: int | None, readings: str | None, assignment: str | None,
                          fmt: str) -> None:
    """Ingest PATH into a temporary ledger and score which reports were merged into one incident
    (B-cubed, MUC and pairwise precision, recall and F1 against the gold field)."""
    from ..errors import UsageError
    from ..services.incidents import evaluate_clusters

    selected: dict[str, set[str]] = {}
    for item in only:
        field, _, values = item.partition("=")
        if not field or not values:
            raise UsageError(f"--only {item!r} is not FIELD=V1,V2", input="--only")
        selected[field] = {v.strip() for v in values.split(",") if v.strip()}
    scores, info = evaluate_clusters(path, settings, gold_field=gold_field, id_field=id_field,
                                     text_field=text_field, title_field=title_field,
                                     published_field=published_field, only=selected or None,
                                     processes=processes or settings.processes, readings=readings,
                                     assignment=assignment)
    if fmt != "text":
        echo_json("eval clusters", {**scores.to_dict(), "run": info})
        return
    if info["not_ingested"]:
        click.echo(f"{info['not_ingested']} of {info['lines']} gold lines were not ingested (no text) and "
                   "are not scored")
    for line in scores.lines():
        click.echo(line)
