"""Pydantic response models: the fields the OpenAPI spec names. Each allows the further fields the
services add, so an API answer holds exactly what the CLI's ``--format json`` prints for the same question."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..services import OUTPUT_SCHEMA_VERSION


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Answer(Open):
    schema_version: str = OUTPUT_SCHEMA_VERSION


class Page(Answer):
    limit: int = Field(description="Most results in this page.")
    offset: int = Field(description="Results skipped before this page.")


class Health(Answer):
    status: str
    version: str
    principal: str
    role: str


class DocumentSummary(Open):
    id: str
    source_ids: list[str]
    title: str | None
    published: str | None
    language: str | None
    canonical_id: str | None
    characters: int


class DocumentList(Page):
    documents: list[DocumentSummary]


class DocumentView(Answer):
    document: dict[str, Any] = Field(description="The document: text, title, sections, paragraphs, cited "
                                                 "sources, each with character offsets into the text.")
    copies: list[str]
    reading: dict[str, Any] | None = Field(description="Entities, events and claims read from the text.")


class Reading(Answer):
    document: str
    reading: dict[str, Any]


class Upload(Answer):
    read: int
    stored: int
    duplicates: int
    near_duplicates: int
    readings: int
    skipped: int
    problems: list[dict[str, Any]]
    documents: list[DocumentSummary]


class SearchHits(Answer):
    query: str
    hits: list[dict[str, Any]]


class IncidentSummary(Open):
    id: str
    type: str | None
    date_label: str | None
    place: str | None
    reports: int
    sources: int
    conflicts: list[str]


class IncidentList(Page):
    total: int = Field(description="Incidents matching the filters, in every page.")
    incidents: list[IncidentSummary]


class IncidentPage(Answer):
    requested: str
    redirects: list[dict[str, Any]] = Field(description="Redirects followed from the requested id.")
    incident: dict[str, Any] | None = Field(description="Every fact with its values, sources and "
                                                        "attribution chains, conflicts; null when gone.")
    related: list[IncidentSummary]


class Timeline(Answer):
    name: str | None
    place: str | None
    entries: list[dict[str, Any]]


class Graph(Answer):
    root: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]


class EntityRow(Open):
    id: str
    type: str
    name: str
    members: int
    documents: int
    sanctions_matches: int


class EntityList(Page):
    entities: list[EntityRow]


class EntityPage(Answer):
    requested: str
    redirects: list[dict[str, Any]]
    entity: dict[str, Any] | None


class Claims(Answer):
    about: str
    claims: list[dict[str, Any]]


class Sources(Answer):
    document: str | None
    readings: int
    sources: list[dict[str, Any]]


class Stats(Answer):
    stats: dict[str, Any]


class Lists(Answer):
    lists: list[dict[str, Any]]


class Retraction(Answer):
    document: str


class Decision(Answer):
    by: str
