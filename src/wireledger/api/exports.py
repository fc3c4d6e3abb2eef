"""Exports: the incidents the filters select, in any format of ``wireledger export``, streamed."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from ..services.exports import FORMATS, export
from .common import ERRORS, Ledgered
from .incidents import DateFrom, DateTo, Place, Type
from .security import Reader

router = APIRouter(tags=["exports"], responses=ERRORS)

Format = Literal["json", "jsonl", "csv-gtd", "csv-acled", "ftm", "geojson", "graphml"]
assert set(Format.__args__) == set(FORMATS), "the route's formats are the service's"  # type: ignore[attr-defined]


@router.get("/export", summary="Export the incidents the filters select (as `wireledger export`)",
            response_class=StreamingResponse,
            responses={200: {"description": "The export, as a download in the format's media type.",
                             "content": {f.media_type: {} for f in FORMATS.values()}}})
def export_incidents(who: Reader, settings: Ledgered,
                     format: Annotated[Format, Query(description="json, jsonl, csv-gtd, csv-acled, ftm, "
                                                                  "geojson or graphml.")] = "json",
                     place: Place = None, date_from: DateFrom = None, date_to: DateTo = None,
                     type_: Type = None,
                     min_sources: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
                     background: bool = True) -> StreamingResponse:
    """The same bytes as ``wireledger export --format FORMAT`` with the same filters. Bad filters are
    refused (E150) before anything is sent."""
    stream = export(settings, format, place=place, date_from=date_from, date_to=date_to, type_=type_,
                    min_sources=min_sources, background=background)
    chosen = FORMATS[format]
    filename = f"wireledger-incidents{chosen.extension}"
    return StreamingResponse(stream, media_type=chosen.media_type,
                             headers={"Content-Disposition": f'attachment; filename="{filename}"'})
