"""Pages about people, organisations and places: the entity list and page (names, titles and roles,
reports, sanctions matches with their explanation, timeline), the timeline view, the map and the graph."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..api.security import Reader
from ..services.entities import EntityService
from ..services.incidents import IncidentService
from .pages import incident_filters
from .render import page, settings_of, with_error_page

router = APIRouter(include_in_schema=False)
MAP_LIMIT = 500  # incidents drawn on one map (the list page has them all)
ENTITY_TYPES = ("person", "organization", "media", "group")


@router.get("/entities", response_class=HTMLResponse)
@with_error_page
def entities(request: Request, who: Reader) -> Response:
    """The entity list; ``?name=X&exact=1`` goes straight to the one entity called X when there is one."""
    q = request.query_params
    name = (q.get("name") or "").strip() or None
    type_ = q.get("type") if q.get("type") in ENTITY_TYPES else None
    with EntityService(settings_of(request)) as service:
        rows = service.entities(type_=type_, name=name, sanctioned=bool(q.get("sanctioned")), limit=500)
    if name and q.get("exact"):
        same = [r for r in rows if r["name"].casefold() == name.casefold()]
        if len(same) == 1:
            return RedirectResponse(f"/entity/{same[0]['id']}", status_code=303)
    return page(request, "entities.html", rows=rows, name=name or "", type_=type_ or "",
                types=ENTITY_TYPES, sanctioned=bool(q.get("sanctioned")))


@router.get("/entity/{entity_id}", response_class=HTMLResponse)
@with_error_page
def entity(request: Request, entity_id: str, who: Reader) -> Response:
    settings = settings_of(request)
    with EntityService(settings) as service:
        view = service.entity(entity_id)
    shown = view["entity"]
    if shown is not None and shown["id"] != entity_id:
        return RedirectResponse(f"/entity/{shown['id']}", status_code=303)
    timeline: list[dict[str, Any]] = []
    if shown is not None:
        with IncidentService(settings) as incidents:
            timeline = [e.to_dict() for e in incidents.timeline(shown["name"])]
    return page(request, "entity.html", view=view, e=shown, timeline=timeline)


@router.get("/timeline", response_class=HTMLResponse)
@with_error_page
def timeline(request: Request, who: Reader) -> Response:
    q = request.query_params
    name, place = (q.get("name") or "").strip() or None, (q.get("place") or "").strip() or None
    entries: list[dict[str, Any]] = []
    if name or place:
        with IncidentService(settings_of(request)) as service:
            entries = [e.to_dict() for e in service.timeline(name, place, q.get("from") or None,
                                                               q.get("to") or None, q.get("type") or None)]
    return page(request, "timeline.html", entries=entries, name=name or "", place=place or "",
                filters=q, asked=bool(name or place))


@router.get("/map", response_class=HTMLResponse)
@with_error_page
def incident_map(request: Request, who: Reader) -> Response:
    """The listed incidents at their coordinates (the place the best-supported place value names)."""
    markers = []
    unplaced = 0
    with IncidentService(settings_of(request)) as service:
        rows = service.incidents(**incident_filters(request))
        for row in rows[:MAP_LIMIT]:
            record, _ = service.record(row["id"])
            place = record.place if record else {}
            if place.get("lat") is None or place.get("lon") is None:
                unplaced += 1
                continue
            markers.append({"id": row["id"], "lat": place["lat"], "lon": place["lon"],
                            "label": f"{row.get('date_label') or ''} {row.get('type') or ''} "
                                     f"{row.get('place') or ''}".strip()})
    return page(request, "map.html", markers=markers, unplaced=unplaced, total=len(rows),
                limit=MAP_LIMIT, filters=request.query_params)


@router.get("/graph", response_class=HTMLResponse)
@with_error_page
def graph(request: Request, who: Reader) -> Response:
    """The neighbourhood of a person, an organisation or a place (``wireledger graph``)."""
    q = request.query_params
    name = (q.get("name") or "").strip()
    depth = int(q["depth"]) if (q.get("depth") or "").isdigit() and 1 <= int(q["depth"]) <= 4 else 2
    data: dict[str, Any] | None = None
    if name:
        with IncidentService(settings_of(request)) as service:
            data = service.graph(name, depth).to_dict()
    return page(request, "graph.html", name=name, depth=depth, graph=data)
