"""Pages about incidents and articles: the home page (search and the incident list with filters), one
incident with every fact and its sources, one article with the supporting words highlighted."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..api.security import Reader
from ..errors import UsageError
from ..services import search_results, show
from ..services.incidents import IncidentService
from .evidence import chain_label, fact_spans, pieces
from .render import page, settings_of, with_error_page

router = APIRouter(include_in_schema=False)


def incident_filters(request: Request) -> dict[str, Any]:
    """The list filters of a query string (the options of ``wireledger incidents``)."""
    q = request.query_params
    raw = (q.get("min_sources") or "0").strip()
    if not raw.isdigit():
        raise UsageError(f"min sources {raw!r} is not a whole number", input="min_sources")
    return {"place": q.get("place") or None, "date_from": q.get("from") or None,
            "date_to": q.get("to") or None, "type_": q.get("type") or None, "min_sources": int(raw)}


@router.get("/", response_class=HTMLResponse)
@with_error_page
def home(request: Request, who: Reader) -> Response:
    query = (request.query_params.get("q") or "").strip()
    settings = settings_of(request)
    hits = search_results(query, settings, limit=50) if query else []
    filters = incident_filters(request)
    with IncidentService(settings) as service:
        rows = service.incidents(**filters)
        types = sorted({t for r in service.incidents() if (t := r.get("type"))})
    return page(request, "home.html", query=query, hits=hits, incidents=rows, types=types,
                filters=request.query_params)


@router.get("/incident/{incident_id}", response_class=HTMLResponse)
@with_error_page
def incident(request: Request, incident_id: str, who: Reader) -> Response:
    with IncidentService(settings_of(request)) as service:
        record, hops = service.record(incident_id)
        related = service.related(record.id) if record else []
    if record is not None and record.id != incident_id:  # an old id, or the start of one
        return RedirectResponse(f"/incident/{record.id}", status_code=303)
    return page(request, "incident.html", requested=incident_id, hops=hops, related=related,
                record=record.to_dict() if record else None, chain_label=chain_label)


def _int(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    if not raw.isdigit():
        raise UsageError(f"{name} {raw!r} is not a character offset", input=name)
    return int(raw)


@router.get("/document/{key:path}", response_class=HTMLResponse)
@with_error_page
def document(request: Request, key: str, who: Reader) -> Response:
    """An article; ``?start=&end=`` highlights those characters (the words one value rests on), else
    ``?fact=INCIDENT.FIELD`` every span in this article that supports that fact of that incident."""
    settings = settings_of(request)
    view = show(key, settings)
    doc = view.document
    spans: list[tuple[int, int]] = []
    start, end = _int(request, "start"), _int(request, "end")
    if start is not None and end is not None:
        if not start < end <= len(doc.text):
            raise UsageError(f"characters {start}..{end} are not inside the article ({len(doc.text)} "
                             "characters)", input="start")
        spans.append((start, end))
    fact = request.query_params.get("fact")
    if fact and not spans:
        incident_id, _, field = fact.rpartition(".")
        with IncidentService(settings) as service:
            record, _ = service.record(incident_id or fact)
        if record is not None:
            spans += fact_spans(record.to_dict(), field, doc.canonical_id or doc.id)
    reading = view.reading or {}
    events = [e for e in reading.get("events") or [] if e.get("summary")]
    return page(request, "document.html", doc=doc.to_dict(), copies=view.copies,
                pieces=pieces(doc.text, spans), marked=bool(spans), fact=fact, events=events)
