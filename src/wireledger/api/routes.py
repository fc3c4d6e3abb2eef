"""The REST API's routes (under ``/api``): one module per area, each thin over ``services``.

Every answer is what the CLI's ``--format json`` prints for the same question (without its ``command``),
with ``limit`` and ``offset`` on the lists that are paged.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from .. import __version__
from . import documents, entities, exports, incidents, lists
from .common import ERRORS, answer
from .models import Health
from .security import Reader

router = APIRouter(responses=ERRORS)


@router.get("/health", summary="The server answers; who the token is", response_model=Health,
            tags=["server"])
def health(who: Reader) -> dict[str, Any]:
    return answer({"status": "ok", "version": __version__, "principal": who.name, "role": who.role.name})


for _module in (documents, incidents, entities, lists, exports):
    router.include_router(_module.router)
