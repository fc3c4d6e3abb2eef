"""The REST API's routes (under ``/api``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from .. import __version__
from .security import Reader

router = APIRouter()


@router.get("/health", summary="The server answers")
def health(who: Reader) -> dict[str, Any]:
    return {"status": "ok", "version": __version__}
