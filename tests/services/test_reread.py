"""``reread`` is repeatable: with an unchanged reader it changes nothing (same readings, incidents and ids);
when a reading does change, it says which reports moved and the incidents follow."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from wireledger.ingest import IngestOptions
from wireledger.merge.reading_json import reading_from_dict
from wireledger.services.incidents import IncidentService
from wireledger.services.ingestion import ingest
from wireledger.services.ledger import pipeline_readers, sync_ledger
from wireledger.settings import Settings
from wireledger.store import open_ledger
from wl_testing import FIXTURES

GVA_OPTIONS = IngestOptions(id_field="doc_id", text_field="content", published_field="dct")


def snapshot(service: IncidentService) -> dict[str, Any]:
    return {"incidents": service.incidents(), "members": service.members(), "stats": service.stats()}


def build(settings: Settings, paths: list[str], options: IngestOptions) -> None:
    read, read_many = pipeline_readers(settings)
    ingest(paths, options, settings, read=read, read_many=read_many)
    sync_ledger(settings)


def test_a_reread_with_the_same_reader_changes_nothing_and_a_changed_reading_moves(tmp_path: Path) -> None:
    settings = Settings(db=str(tmp_path / "ledger.db"))
    build(settings, [str(FIXTURES / "incidents" / "two_shootings")], IngestOptions())
    with IncidentService(settings) as service:
        before = snapshot(service)
        seen: list[tuple[int, int]] = []
        result = service.reread(progress=lambda done, total: seen.append((done, total)))
        assert result["changed"] == 0 and result["unchanged"] == result["read"] == 4
        assert result["merged"] == 0 and not result["started"] and not result["redirected"]
        assert seen[-1] == (4, 4)
        assert snapshot(service) == before
    # a reader that now sees one report differently: that report is stored anew and merged again
    with open_ledger(settings) as ledger:
        doc = ledger.documents.canonical_ids()[0]
        data = ledger.documents.get_reading(doc)
        document = ledger.documents.get_document(doc)
        assert data is not None and document is not None
        data["events"] = []
        ledger.documents.save_reading(reading_from_dict(data, document))
    with IncidentService(settings) as service:
        result = service.reread()
        assert result["changed"] == 1 and result["merged"] == 1


@pytest.mark.slow
def test_reread_twice_on_300_gva_reports_changes_nothing(tmp_path: Path, shared: Path) -> None:
    articles = shared / "data" / "gva" / "articles.jsonl"
    subset = tmp_path / "gva300.jsonl"
    with articles.open(encoding="utf-8") as src, subset.open("w", encoding="utf-8") as out:
        kept = 0
        for line in src:
            if kept == 300:
                break
            if json.loads(line).get("content", "").strip():
                out.write(line)
                kept += 1
    settings = Settings(db=str(tmp_path / "gva.db"), processes=2)
    build(settings, [str(subset)], GVA_OPTIONS)
    with IncidentService(settings) as service:
        before = snapshot(service)
        for _ in range(2):
            result = service.reread(processes=2)
            assert result["changed"] == 0 and not result["started"] and not result["redirected"]
            assert snapshot(service) == before
