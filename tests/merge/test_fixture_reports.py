"""Hand-written reports read by the real pipeline and merged into a real SQLite ledger.

- four reports of one made-up bombing that disagree on the death toll and on who claimed it: one
  incident, both conflicts shown with their sources;
- the founding example and two follow-up reports of the same shooting: one incident, and the general's
  timeline (2011 appointment, 2016 sanction, 2017 award, 2023 negotiation, 2026 shooting);
- two shootings in one city in one week, two reports each: two incidents.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from wireledger.ingest import IngestOptions
from wireledger.nlp.pipeline import Pipeline
from wireledger.services.incidents import IncidentService
from wireledger.services.ingestion import ingest
from wireledger.settings import Settings
from wl_testing import FIXTURES, require_shared

HERE = FIXTURES / "incidents"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Settings())


def ledger(tmp: Path, pipeline: Pipeline, *paths: Path) -> IncidentService:
    settings = Settings(db=str(tmp / "ledger.db"))
    ingest([str(p) for p in paths], IngestOptions(), settings, read=pipeline.read)
    return IncidentService(settings)


@pytest.fixture(scope="module")
def bombing(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Iterator[IncidentService]:
    with ledger(tmp_path_factory.mktemp("bombing"), pipeline, HERE / "market_bombing") as service:
        yield service


def test_four_reports_of_one_bombing_are_one_incident(bombing: IncidentService) -> None:
    members = bombing.members()
    assert len(members) == 4
    assert len({m["incident"] for m in members}) == 1
    bombings = bombing.incidents(type_="bombing")
    assert [b["id"] for b in bombings] == [members[0]["incident"]]
    assert bombings[0]["reports"] == 4 and bombings[0]["sources"] == 4


def test_the_toll_and_the_claim_conflicts_are_shown_with_their_sources(bombing: IncidentService) -> None:
    record, hops = bombing.record(bombing.members()[0]["incident"])
    assert record is not None and hops == []
    killed = record.fields["killed"]
    assert killed.conflict and {12, 14} <= {v.value for v in killed.values}
    claimed = record.fields["claimed_by"]
    assert claimed.conflict
    names = {str(v.value).lower() for v in claimed.values}
    assert any("shabaab" in n for n in names) and any("jubba" in n for n in names)
    for view in (killed, claimed):
        for value in view.values:
            assert value.documents, f"{view.name}={value.value} has no source"
            assert all(s.document in {d["document"] for d in record.documents} for s in value.support)


@pytest.fixture(scope="module")
def general(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Iterator[IncidentService]:
    seed = require_shared("seed", "alekseev.txt")
    tmp = tmp_path_factory.mktemp("general")
    settings = Settings(db=str(tmp / "ledger.db"))
    ingest([str(seed)], IngestOptions(published="2026-02-06"), settings, read=pipeline.read)
    ingest([str(HERE / "alekseev_followups")], IngestOptions(), settings, read=pipeline.read)
    with IncidentService(settings) as service:
        yield service


def test_the_founding_example_and_two_follow_ups_are_one_shooting(general: IncidentService) -> None:
    members = general.members()
    assert len(members) == 3
    assert len({m["incident"] for m in members}) == 1
    record, _ = general.record(members[0]["incident"])
    assert record is not None
    assert record.best("date") == "2026-02-06"
    assert record.place.get("city") == "Moscow"
    assert len(record.documents) == 3


def test_the_generals_timeline(general: IncidentService) -> None:
    entries = general.timeline("Vladimir Alekseev")
    by_type = {}
    for e in entries:
        by_type.setdefault(e.type, []).append(e.date)
    assert "2011" in by_type["appointment"]
    assert "2016" in by_type["sanction"]
    assert "2017" in by_type["award"]
    assert "2023" in by_type["negotiation"]
    shooting = [d for t in ("assassination", "armed_assault") for d in by_type.get(t, [])]
    assert "2026-02-06" in shooting
    ordered = [e.date for e in entries if e.date[:1].isdigit()]
    assert ordered == sorted(ordered)


def test_the_graph_walks_from_the_general_to_his_agency_and_back(general: IncidentService) -> None:
    person = general.graph("Vladimir Alekseev", depth=1).to_dict()
    affiliated = {e["target"] for e in person["edges"] if e["relation"] == "affiliated with"}
    gru = next(n["id"] for n in person["nodes"] if n.get("label") == "GRU")
    assert gru in affiliated
    edges = person["edges"]
    shooting = [e for e in edges if e["target"].startswith("incident:") and e["relation"] == "target"]
    assert shooting, person["edges"]
    agency = general.graph("GRU", depth=2).to_dict()
    members = {n["label"] for n in agency["nodes"] if n.get("entity_kind") == "person" and n["hop"] == 1}
    assert any("Alekseev" in m for m in members), agency["nodes"]
    # through its member, the agency reaches the incidents he took part in
    assert any(n["kind"] == "incident" and n["hop"] == 2 for n in agency["nodes"])
    assert not general.graph("Agency Nobody Mentioned", depth=2).edges


def test_the_salisbury_attack_mentioned_by_two_reports_is_one_incident(general: IncidentService) -> None:
    salisbury = general.incidents(place="Salisbury")
    assert len(salisbury) == 1 and salisbury[0]["reports"] == 2 and salisbury[0]["background_only"]


def test_two_shootings_in_one_city_in_one_week_stay_apart(tmp_path: Path, pipeline: Pipeline) -> None:
    with ledger(tmp_path, pipeline, HERE / "two_shootings") as service:
        by_file = {Path(m["doc_id"]).name: m["incident"] for m in service.members()}
    assert by_file["01_gas_station.txt"] == by_file["02_gas_station_followup.txt"]
    assert by_file["03_driveby.txt"] == by_file["04_driveby_followup.txt"]
    assert by_file["01_gas_station.txt"] != by_file["03_driveby.txt"]
