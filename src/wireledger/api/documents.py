"""Documents: list, one document, its reading, upload for ingest, search, stats, retract a report."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from pydantic import BaseModel, Field

from ..errors import WireledgerError
from ..services import document_summary, documents, search_results, show, stats
from ..services.incidents import IncidentService
from ..services.library import retractions
from ..services.uploads import Uploader
from .common import ERRORS, Ledgered, Limit, Offset, answer, by
from .models import DocumentList, DocumentView, Reading, Retraction, SearchHits, Stats, Upload
from .security import Editor, Principal, Reader, Role

router = APIRouter(tags=["documents"], responses=ERRORS)
_UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {413: ERRORS[400] | {
    "description": "The upload is larger than the max_bytes setting (E107)."}}
Retracted = Annotated[bool, Query(description="Also retracted reports, marked with their retraction.")]
Published = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$")]


@router.get("/documents", summary="Stored documents in order of arrival", response_model=DocumentList)
def list_documents(who: Reader, settings: Ledgered, limit: Limit = 100, offset: Offset = 0,
                   include_retracted: Retracted = False) -> dict[str, Any]:
    gone = retractions(settings) if include_retracted else {}
    docs = [document_summary(d, gone) for d in documents(settings, limit=limit, offset=offset,
                                                          include_retracted=include_retracted)]
    return answer({"documents": docs, "limit": limit, "offset": offset})


@router.get("/documents/{key}", summary="One document: text, title, sections, cited sources, reading",
            response_model=DocumentView)
def one_document(key: str, who: Reader, settings: Ledgered) -> dict[str, Any]:
    """``key``: the content id or a source id that brought the document (as ``wireledger show``; the
    server's files are never looked at)."""
    return answer(show(key, settings, paths=False).to_dict())


@router.get("/documents/{key}/reading", summary="The reading of one document: entities, events, claims",
            response_model=Reading)
def document_reading(key: str, who: Reader, settings: Ledgered) -> dict[str, Any]:
    view = show(key, settings, paths=False).to_dict()
    if view["reading"] is None:
        raise WireledgerError("E100", key, "the document has no stored reading",
                              "it is not in English, a near-duplicate, or was ingested with --no-read")
    return answer({"document": view["document"]["id"], "reading": view["reading"]})


def _uploader(request: Request) -> Uploader:
    state = request.app.state
    if getattr(state, "uploader", None) is None:
        state.uploader = Uploader(state.settings)
    uploader: Uploader = state.uploader
    return uploader


def _admins_only(who: Principal, found: dict[str, Any], key: str) -> dict[str, Any]:
    """``found`` without ``key`` (where the ledger is: a file path or a server address) unless ``who`` is
    an admin: the server's layout is not a reader's or an editor's business."""
    if who.role < Role.admin:
        found.pop(key, None)
    return found


def _ingested(request: Request, who: Principal, data: bytes, name: str, published: str | None,
              format: str | None) -> dict[str, Any]:
    settings = request.app.state.settings
    if len(data) > settings.max_bytes:
        raise WireledgerError("E107", name, f"the upload is {len(data)} bytes, more than the limit of "
                              f"{settings.max_bytes}",
                              "nothing was stored; the max_bytes setting sets the limit")
    out = _uploader(request).upload(data, name, published, format)
    if out["read"] == 0 and out["problems"]:
        first = out["problems"][0]
        raise WireledgerError(first["code"], first["input"], first["cause"], first["consequence"])
    return answer(_admins_only(who, out, "db"))


@router.post("/documents", summary="Upload a file to ingest (multipart)", response_model=Upload,
             responses=_UPLOAD_ERRORS)
def upload_file(request: Request, who: Editor,
                file: Annotated[UploadFile, File(description="The report: .txt, .html, .xml/.rss feed, "
                                                             ".jsonl, or .gz of these.")],
                published: Annotated[str | None, Form(pattern=r"^\d{4}-\d{2}-\d{2}$",
                                                      description="Date for inputs without one.")] = None,
                format: Annotated[str | None, Form(pattern="^(text|html|feed|jsonl)$",
                                                   description="Read as this format.")] = None,
                ) -> dict[str, Any]:
    """Ingest the file as ``wireledger ingest`` would: stored, read, merged into incidents, its entities
    resolved and screened. The answer is the ingest summary and the documents stored."""
    data = file.file.read()
    return _ingested(request, who, data, file.filename or "", published, format)


class TextUpload(BaseModel):
    text: str = Field(min_length=1, description="The report's text (the first line may be its title).")
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$",
                                  description="Publication date, YYYY-MM-DD.")
    name: str = Field(default="report.txt", min_length=1, max_length=200,
                      description="A name for the source id (upload:<name>).")


@router.post("/documents/text", summary="Upload a report's text to ingest (JSON)", response_model=Upload,
             responses=_UPLOAD_ERRORS)
def upload_text(request: Request, who: Editor, body: TextUpload) -> dict[str, Any]:
    return _ingested(request, who, body.text.encode("utf-8"), body.name, body.published, "text")


class RetractBody(BaseModel):
    note: str | None = Field(default=None, max_length=2000, description="Why (kept with the retraction).")


@router.post("/documents/{key}/retract", summary="Retract a report from every incident",
             response_model=Retraction)
def retract(key: str, who: Editor, settings: Ledgered, body: RetractBody | None = None) -> dict[str, Any]:
    """Like ``wireledger retract``: the report's support leaves every incident; incidents it alone
    supported disappear (their ids redirect). Recorded as a judgement by ``token:<name>``."""
    with IncidentService(settings) as service:
        outcome = service.retract(key, body.note if body else None, by(who))
    return answer({"document": key, **outcome.to_dict()})


@router.get("/search", summary="Full-text search over titles and texts", response_model=SearchHits)
def search_documents(who: Reader, settings: Ledgered,
                     q: Annotated[str, Query(min_length=1, max_length=500,
                                             description='Words, "phrases", prefix*; all must occur.')],
                     limit: Limit = 20, copies: bool = False,
                     include_retracted: Retracted = False) -> dict[str, Any]:
    rows = search_results(q, settings, limit=limit, include_copies=copies,
                          include_retracted=include_retracted)
    return answer({"query": q, "hits": rows})


@router.get("/stats", summary="Counts of what the ledger holds", response_model=Stats, tags=["server"])
def ledger_stats(who: Reader, settings: Ledgered) -> dict[str, Any]:
    """As ``wireledger stats``; ``location`` (where the ledger is) only for admins."""
    return answer({"stats": _admins_only(who, stats(settings), "location")})
