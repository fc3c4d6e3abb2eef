"""Sanctions lists (what is loaded; loading them is for admins) and screening a name."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, UploadFile

from ..errors import WireledgerError
from ..services.entities import rescreen_entities
from ..services.screening import Qualifiers, ScreeningService
from .common import ERRORS, Ledgered, answer
from .models import Answer, Lists
from .security import Admin, Reader

router = APIRouter(tags=["sanctions"], responses=ERRORS)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
ListFormat = Literal["auto", "ofac", "uk-ofsi", "uk-fcdo", "eu", "canada", "ftm"]


@router.get("/lists", summary="The loaded sanctions lists (current versions), or one list's versions",
            response_model=Lists)
def show_lists(who: Reader, settings: Ledgered,
               list_id: Annotated[str | None, Query(max_length=100, description="One list.")] = None,
               history: Annotated[bool, Query(
                   description="Also older versions and companion parts.")] = False,
               matches: Annotated[bool, Query(description="Also the recorded matches.")] = False,
               ) -> dict[str, Any]:
    with ScreeningService(settings) as service:
        versions = service.versions(list_id)
        recorded = service.recorded_matches() if matches else []
    if not history and not list_id:
        versions = [v for v in versions if v.current]
    payload: dict[str, Any] = {"lists": [v.to_dict() for v in versions]}
    if matches:
        payload["matches"] = recorded
    return answer(payload)


@router.post("/lists", summary="Load sanctions list files (admin)", response_model=Answer)
def load_lists(who: Admin, settings: Ledgered,
               files: Annotated[list[UploadFile], File(description="The list's files (OFAC sdn.csv with "
                                                                   "add.csv and alt.csv, OFSI, FCDO, EU, "
                                                                   "Canada, FtM JSON lines).")],
               list_format: Annotated[ListFormat, Form()] = "auto",
               as_of: Annotated[str | None, Form(pattern=r"^\d{4}-\d{2}-\d{2}$",
                                                 description="Version date for files without one.")] = None,
               ) -> dict[str, Any]:
    """As ``wireledger lists load``: the files are stored under their own names in a private temporary
    folder, loaded, and the ledger's entities screened again."""
    with tempfile.TemporaryDirectory(prefix="wireledger-lists-") as folder:
        for i, upload in enumerate(files):
            name = _UNSAFE.sub("_", Path(upload.filename or "").name).strip("._") or f"list-{i}"
            (Path(folder) / name).write_bytes(upload.file.read())
        with ScreeningService(settings) as service:
            summary = service.load([folder], list_format, as_of)
    if not summary.reports and summary.problems:
        first = summary.problems[0]
        raise WireledgerError(first.code, first.input, first.cause, first.consequence)
    rescreened = rescreen_entities(settings, [r.status for r in summary.reports])
    return answer({**summary.to_dict(), "entities": rescreened})


@router.get("/screen", summary="Screen a name against the loaded sanctions lists", response_model=Answer)
def screen(who: Reader, settings: Ledgered,
           name: Annotated[str, Query(min_length=1, max_length=300)],
           country: Annotated[str | None, Query(max_length=100)] = None,
           birth_year: Annotated[int | None, Query(ge=1850, le=2100)] = None,
           position: Annotated[list[str], Query(max_length=20, description="Positions or titles.")] = [],  # noqa: B006 - FastAPI copies defaults
           affiliation: Annotated[list[str], Query(max_length=20, description="Organisations.")] = [],  # noqa: B006 - FastAPI copies defaults
           rank: Annotated[list[str], Query(max_length=20)] = [],  # noqa: B006 - FastAPI copies defaults
           kind: Annotated[Literal["person", "organization"] | None, Query()] = None,
           threshold: Annotated[float | None, Query(ge=0.0, le=1.0)] = None) -> dict[str, Any]:
    """As ``wireledger screen NAME --affiliation ORG ...`` (nothing is recorded)."""
    qualifiers = Qualifiers(country=country, birth_year=birth_year, positions=tuple(position),
                            affiliations=tuple(affiliation), ranks=tuple(rank), kind=kind)
    with ScreeningService(settings) as service:
        return answer(service.screen(name, qualifiers, threshold).to_dict())
