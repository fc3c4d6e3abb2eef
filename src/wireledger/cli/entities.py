"""``entities``, ``entity``, ``entities merge|split``: people and organisations across reports."""

from __future__ import annotations

from typing import Any

import click

from ..services.entities import EntityService
from ..settings import Settings
from . import cli
from .output import clean, count_type, echo_json, format_option

ENTITY_TYPES = ("person", "organization", "media", "group")


@cli.group("entities", invoke_without_command=True)
@click.option("--type", "type_", type=click.Choice(ENTITY_TYPES), default=None, help="Only this type.")
@click.option("--name", default=None, help="Part of a name (any name a report gives it).")
@click.option("--sanctioned", is_flag=True, help="Only entities matched to a sanctions list entry.")
@click.option("--limit", type=count_type(1), default=None, help="At most this many.")
@format_option
@click.pass_context
def entities_group(ctx: click.Context, type_: str | None, name: str | None, sanctioned: bool,
                   limit: int | None, fmt: str) -> None:
    """List the ledger's people and organisations (most reports first), or merge and split them by hand."""
    if ctx.invoked_subcommand is not None:
        return
    settings: Settings = ctx.obj
    with EntityService(settings) as service:
        rows = service.entities(type_=type_, name=name, sanctioned=sanctioned, limit=limit)
    if fmt != "text":
        echo_json("entities", {"entities": rows})
    else:
        for r in rows:
            flag = f"  SANCTIONS MATCHES {r['sanctions_matches']}" if r["sanctions_matches"] else ""
            click.echo(f"{r['id']}  {r['type']:<12}  {clean(r['name'])}  reports {r['documents']}, "
                       f"mentions {_count(r['mentions'])}{flag}")
        if not rows:
            click.echo("no entities match")
    ctx.exit(0 if rows else 1)


@entities_group.command("merge")
@click.argument("ids", nargs=-1, required=True, metavar="ID ID...")
@click.option("--note", default=None, help="Why they are one (kept with the decision).")
@click.option("--by", default=None, help="Who decides (default: the account running wireledger).")
@format_option
@click.pass_obj
def merge_command(settings: Settings, ids: tuple[str, ...], note: str | None, by: str | None,
                  fmt: str) -> None:
    """Merge entities by hand into the first ID; later automatic runs never undo it."""
    with EntityService(settings) as service:
        out = service.merge(list(ids), note, by)
    if fmt != "text":
        echo_json("entities merge", out)
    else:
        click.echo(f"merged {', '.join(out['merged'])} into {out['into']} "
                   f"(decision #{', #'.join(str(s) for s in out['statements'])} by {clean(out['by'])})")


@entities_group.command("split")
@click.argument("entity_id", metavar="ID")
@click.option("--document", default=None, metavar="DOC",
              help="Move the mentions of this report (document id, source id or id prefix) out.")
@click.option("--member", default=None, metavar="KEY",
              help="Move this one mention (<document id>#<entity id>).")
@click.option("--note", default=None, help="Why they are different (kept with the decision).")
@click.option("--by", default=None, help="Who decides (default: the account running wireledger).")
@format_option
@click.pass_obj
def split_command(settings: Settings, entity_id: str, document: str | None, member: str | None,
                  note: str | None, by: str | None, fmt: str) -> None:
    """Split a report's mentions (or one mention) out of an entity into a new one, kept apart from it."""
    with EntityService(settings) as service:
        out = service.split(entity_id, document, member, note, by)
    if fmt != "text":
        echo_json("entities split", out)
    else:
        click.echo(f"split {len(out['members'])} mention(s) of {out['from']} into {out['new']} "
                   f"(decision #{out['statement']} by {clean(out['by'])})")


@cli.command("entity")
@click.argument("entity_id", metavar="ID")
@format_option
@click.pass_obj
def entity_command(settings: Settings, entity_id: str, fmt: str) -> None:
    """Show one entity: names, titles, roles, reports, why each mention is in it, sanctions matches."""
    with EntityService(settings) as service:
        view = service.entity(entity_id)
    if fmt != "text":
        echo_json("entity", view)
        return
    for hop in view["redirects"]:
        click.echo(f"{hop['from']} -> {hop['to'] or '(gone)'}: {clean(hop['reason'])}")
    e = view["entity"]
    if e is None:
        raise SystemExit(1)
    _print_entity(e)


def _count(n: int | None) -> str:
    """A mention count; ``?`` when the ledger has not kept it (entities resolved before it did: reread)."""
    return "?" if n is None else str(n)


def _joined(values: list[str]) -> str:
    return "; ".join(clean(v) for v in values) if values else "-"


def _print_entity(e: dict[str, Any]) -> None:
    click.echo(f"{e['id']}  {e['type']}  {clean(e['name'])}  ({len(e['documents'])} reports, "
               f"{_count(e['mentions'])} mentions)")
    click.echo("names: " + _joined([f"{n['name']} ({n['members']})" for n in e["names"]]))
    click.echo("titles: " + _joined([f"{t['title']} (as of {t['as_of'] or '?'})"
                                     for t in e["titles_over_time"]]))
    click.echo("roles (in time order):" if e["roles"] else "roles: -")
    for r in e["roles"]:
        when = f"since {r['since']}" if r.get("since") else f"as of {r.get('as_of') or '?'}"
        org = f" ({clean(r['organization'])})" if r.get("organization") else ""
        said = ", ".join(f"{d['document']} {d.get('published') or '----------'}" for d in r["reports"])
        click.echo(f"    {when:<18} {clean(r['text'])}{org}  reports: {said}")
    if e["descriptions"]:
        click.echo("described as: " + _joined(e["descriptions"]))
    click.echo("organisations: " + _joined([f"{o['label']} ({', '.join(o['documents'])})"
                                            for o in e["organisations"]]))
    if e["countries"]:
        click.echo("countries: " + ", ".join(e["countries"]))
    click.echo("reports:")
    for d in e["documents"]:
        click.echo(f"    {d['document']}  {d.get('published') or '----------'}  {clean(d.get('title') or '')}"
                   f"  as: {_joined(d['names'])}")
    click.echo("each report's entity (its mentions), and why it is here:")
    for m in e["members"]:
        score = f" {m['score']:.2f}" if m["score"] is not None else ""
        click.echo(f"    {m['key']}  '{clean(m['name'])}' ({_count(m['mentions'])} mentions)  "
                   f"{m['how']}{score}")
        for reason in m["reasons"]:
            click.echo(f"        {clean(reason)}")
    for r in e["merged_from"]:
        click.echo(f"merged from {r['from']}: {clean(r['reason'])}")
    for s in e["manual_decisions"]:
        note = f": {clean(s['note'])}" if s["note"] else ""
        click.echo(f"manual decision #{s['statement']}: {s['subject']} {s['prop']} {_value(s['value'])} "
                   f"by {clean(s['by'])} at {s['at']}{note}")
    sanctions = e["sanctions"]
    if not sanctions["matches"] and not sanctions["set_aside"]:
        loaded = sanctions.get("lists_loaded")
        click.echo("sanctions: no match in the loaded lists" if loaded else
                   "sanctions: no lists loaded (`wireledger lists load PATH...`)")
    for label, rows in (("MATCH", sanctions["matches"]), ("set aside", sanctions["set_aside"])):
        for m in rows:
            person = "  DIFFERENT PERSON" if m["different_person"] else ""
            click.echo(f"{label} {m['score']:.2f}  {m['list']} {m['entry_id']}  {clean(m['name'])}  "
                       f"[{', '.join(clean(p) for p in m['programs'])}] (list of {m['list_version']}, "
                       f"version {m['version_id']}){person}")
            if m.get("set_aside_reason"):
                click.echo(f"    not believed: {clean(m['set_aside_reason'])}")
            exp = m["explanation"]
            name = exp.get("name") or {}
            click.echo(f"    name {m['name_score']:.2f}: {clean(name.get('explanation', ''))} "
                       f"(as listed: {clean(m['matched_name'])})")
            for q in exp.get("qualifiers") or []:
                click.echo(f"    {q['qualifier']} {q['change']}: {clean(q['reason'])} "
                           f"(ledger '{clean(q['query'])}'; entry '{clean(q['entry'])}')")


def _value(value: dict[str, Any]) -> str:
    other = value.get("other") or value.get("new") or ""
    return f"{other} ({len(value.get('members') or [])} mentions)"
