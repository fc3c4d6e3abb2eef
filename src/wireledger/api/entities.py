"""Entities (list, one, merge and split by hand), and claims and sources from the stored readings."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from ..services import IngestOptions
from ..services.entities import EntityService
from .common import ERRORS, Ledgered, Limit, Offset, answer, by
from .models import Claims, Decision, EntityList, EntityPage, Sources
from .security import Editor, Reader

router = APIRouter(tags=["entities"], responses=ERRORS)
Retracted = Annotated[bool, Query(description="Also the readings of retracted reports, marked.")]


@router.get("/entities", summary="People and organisations, most reports first", response_model=EntityList)
def list_entities(who: Reader, settings: Ledgered,
                  type_: Annotated[Literal["person", "organization", "media", "group"] | None,
                                   Query(alias="type", description="Only this type.")] = None,
                  name: Annotated[str | None, Query(
                      max_length=200, description="Part of any name a report gives it.")] = None,
                  sanctioned: Annotated[bool, Query(description="Only entities matched to a sanctions "
                                                                "list entry.")] = False,
                  limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    with EntityService(settings) as service:
        rows = service.entities(type_=type_, name=name, sanctioned=sanctioned, limit=offset + limit)
    return answer({"entities": rows[offset:], "limit": limit, "offset": offset})


@router.get("/entities/{entity_id}", summary="One entity: names, titles, roles, reports, why each mention "
                                             "is in it, sanctions matches with their explanation",
            response_model=EntityPage)
def one_entity(entity_id: str, who: Reader, settings: Ledgered) -> dict[str, Any]:
    with EntityService(settings) as service:
        return answer(service.entity(entity_id))


class MergeBody(BaseModel):
    ids: list[Annotated[str, Field(min_length=1, max_length=100)]] = Field(
        min_length=2, max_length=100, description="The entities; the others are merged into the first.")
    note: str | None = Field(default=None, max_length=2000, description="Why they are one.")


@router.post("/entities/merge", summary="Merge entities by hand into the first", response_model=Decision)
def merge(who: Editor, settings: Ledgered, body: MergeBody) -> dict[str, Any]:
    """As ``wireledger entities merge``; later automatic runs never undo it."""
    with EntityService(settings) as service:
        return answer(service.merge(list(body.ids), body.note, by(who)))


class SplitBody(BaseModel):
    document: str | None = Field(default=None, max_length=200,
                                 description="Move the mentions of this report out (give this or member).")
    member: str | None = Field(default=None, max_length=300,
                               description="Move this one mention (<document id>#<entity id>).")
    note: str | None = Field(default=None, max_length=2000, description="Why they are different.")


@router.post("/entities/{entity_id}/split", summary="Split a report's mentions out of an entity",
             response_model=Decision)
def split(entity_id: str, who: Editor, settings: Ledgered, body: SplitBody) -> dict[str, Any]:
    with EntityService(settings) as service:
        return answer(service.split(entity_id, body.document, body.member, body.note, by(who)))


@router.get("/claims", summary="Claims about a name: who says it (origin first) and how firmly",
            response_model=Claims, tags=["claims"])
def claims(who: Reader, settings: Ledgered,
           about: Annotated[str, Query(min_length=1, max_length=200,
                                       description="A person, organisation or place.")],
           include_retracted: Retracted = False) -> dict[str, Any]:
    from ..services.claims import claims_about, gather

    found = gather(settings, [], IngestOptions(), include_retracted=include_retracted)
    return answer({"about": about, "claims": claims_about(about, found.readings)})


@router.get("/sources", summary="Which source says what, how often and how firmly", response_model=Sources,
            tags=["claims"])
def sources(who: Reader, settings: Ledgered,
            document: Annotated[str | None, Query(max_length=200,
                                                  description="Only this document (content or source "
                                                              "id).")] = None,
            include_retracted: Retracted = False) -> dict[str, Any]:
    from ..services.claims import gather, source_table

    found = gather(settings, [], IngestOptions(), document=document, include_retracted=include_retracted)
    return answer({"document": document, "readings": len(found.readings),
                   "sources": source_table(found.readings)})
