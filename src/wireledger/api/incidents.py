"""Incidents: the filtered list, one incident (facts, sources, chains, conflicts), timelines, the graph."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ..services.incidents import IncidentService
from .common import ERRORS, Ledgered, Limit, Offset, answer
from .models import Graph, IncidentList, IncidentPage, Timeline
from .security import Reader

router = APIRouter(tags=["incidents"], responses=ERRORS)

_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Place = Annotated[str | None, Query(max_length=200, description="City, region or country (name or ISO "
                                                                "code).")]
DateFrom = Annotated[str | None, Query(alias="from", pattern=_DATE,
                                       description="On or after (YYYY[-MM[-DD]]).")]
DateTo = Annotated[str | None, Query(alias="to", pattern=_DATE, description="On or before (YYYY[-MM[-DD]]).")]
Type = Annotated[str | None, Query(alias="type", max_length=100,
                                   description="Event type (taxonomy slug, e.g. bombing).")]


@router.get("/incidents", summary="Incidents, oldest first, with the filters of `wireledger incidents`",
            response_model=IncidentList)
def list_incidents(who: Reader, settings: Ledgered, place: Place = None, date_from: DateFrom = None,
                   date_to: DateTo = None, type_: Type = None,
                   min_sources: Annotated[int, Query(ge=0, le=1_000_000,
                                                     description="At least this many independent "
                                                                 "sources.")] = 0,
                   background: Annotated[bool, Query(description="Include incidents only ever mentioned "
                                                                 "as background.")] = True,
                   limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    with IncidentService(settings) as service:
        rows = service.incidents(place=place, date_from=date_from, date_to=date_to, type_=type_,
                                 min_sources=min_sources, background=background)
    return answer({"incidents": rows[offset:offset + limit], "total": len(rows), "limit": limit,
                   "offset": offset})


@router.get("/incidents/{incident_id}", summary="One incident: every fact with its sources and "
                                                "attribution chains, and where the sources disagree",
            response_model=IncidentPage)
def one_incident(incident_id: str, who: Reader, settings: Ledgered) -> dict[str, Any]:
    """As ``wireledger incident ID --format json``: an id merged away is followed to the incident it
    leads to (``redirects``); an incident left without support answers ``incident: null``."""
    with IncidentService(settings) as service:
        record, hops = service.record(incident_id)
        related = service.related(record.id) if record else []
    return answer({"requested": incident_id, "redirects": hops,
                   "incident": record.to_dict() if record else None, "related": related})


@router.get("/timeline", summary="The incidents of a person, organisation or place, in date order",
            response_model=Timeline)
def timeline(who: Reader, settings: Ledgered,
             name: Annotated[str | None, Query(max_length=200,
                                               description="A person or organisation.")] = None,
             place: Place = None, date_from: DateFrom = None, date_to: DateTo = None,
             type_: Type = None) -> dict[str, Any]:
    with IncidentService(settings) as service:
        entries = service.timeline(name, place, date_from, date_to, type_)
    return answer({"name": name, "place": place, "entries": [e.to_dict() for e in entries]})


@router.get("/graph", summary="The neighbourhood of a person or organisation: incidents, affiliations, "
                              "sanctions matches", response_model=Graph)
def graph(who: Reader, settings: Ledgered,
          name: Annotated[str, Query(min_length=1, max_length=200)],
          depth: Annotated[int, Query(ge=1, le=4, description="Hops to walk out from the name.")] = 2,
          ) -> dict[str, Any]:
    with IncidentService(settings) as service:
        found = service.graph(name, depth)
    return answer(found.to_dict())
