"""Sanctions lists in the ledger (each backend): versions replace and are kept, companions add,
matches remember."""

from __future__ import annotations

from pathlib import Path

import pytest

from wireledger.errors import InputError
from wireledger.model import sanctions as tables
from wireledger.resolve.lists import read_lists
from wireledger.store import Ledger
from wireledger.store.sanctions import SQLSanctionsStore

SANCTIONS = Path(__file__).resolve().parents[1] / "fixtures" / "sanctions"


@pytest.fixture
def conn(ledger: Ledger) -> SQLSanctionsStore:
    return ledger.sanctions


def _load(conn: SQLSanctionsStore, path: Path, as_of: str | None = None) -> tables.SaveReport:
    (loaded,) = read_lists([path], as_of=as_of)
    return conn.save_list(loaded)


def test_migration_0003_is_recorded(conn: SQLSanctionsStore) -> None:
    versions = [r[0] for r in conn.db.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert 3 in versions


def test_a_list_round_trips(conn: SQLSanctionsStore) -> None:
    report = _load(conn, SANCTIONS / "ofac_2025-03-01")
    assert report.status == tables.LOADED and report.entries == 7
    ((ref, entries),) = list(conn.current_entries())
    assert (ref.list_id, ref.version_date, ref.version_id) == ("us_ofac_sdn", "2025-03-01", report.version_id)
    (original,) = read_lists([SANCTIONS / "ofac_2025-03-01"])
    assert sorted(
        (e.entry_id, e.schema, [n.to_dict() for n in e.names], e.data()) for e in entries
    ) == sorted((e.entry_id, e.schema, [n.to_dict() for n in e.names], e.data()) for e in original.entries)


def test_reloading_the_same_files_is_a_no_op_and_lists_coexist(conn: SQLSanctionsStore) -> None:
    first = _load(conn, SANCTIONS / "eu" / "32099R0001.csv", as_of="2025-06-01")
    same = _load(conn, SANCTIONS / "eu" / "32099R0001.csv", as_of="2025-06-01")
    assert same.status == tables.ALREADY and same.version_id == first.version_id
    assert _load(conn, SANCTIONS / "uk" / "ConList_2026-03-03.csv").status == tables.LOADED
    current = {v.list_id for v in conn.versions() if v.current}
    assert current == {"eu_32099R0001", "uk_ofsi_consolidated"}
    assert len(conn.versions("eu_32099R0001")) == 1


def test_version_history_and_matches_made_against_old_versions(
    conn: SQLSanctionsStore, tmp_path: Path
) -> None:
    old = _load(conn, SANCTIONS / "ofac_2025-03-01")
    match = {
        "list": "us_ofac_sdn",
        "version_id": old.version_id,
        "entry_id": "90101",
        "name": "KHAZAROV, Timur Rustamovich",
        "score": 0.97,
        "different_person": False,
    }
    match_id = conn.record_match("Timur Khazarov", {"country": None}, match)
    # a newer sdn.csv (one entry dropped) replaces the list
    newer = tmp_path / "ofac_2026-04-01"
    newer.mkdir()
    lines = (SANCTIONS / "ofac_2025-03-01" / "sdn.csv").read_bytes().split(b"\r\n")
    (newer / "sdn.csv").write_bytes(b"\r\n".join(line for line in lines if not line.startswith(b"90107")))
    new = _load(conn, newer)
    assert new.status == tables.LOADED and new.replaced_version_id == old.version_id
    ((ref, entries),) = list(conn.current_entries())
    assert ref.version_id == new.version_id and len(entries) == 6
    history = conn.versions("us_ofac_sdn")
    assert [(v.version_id, v.current) for v in history] == [(new.version_id, True), (old.version_id, False)]
    assert history[1].superseded_at is not None
    (kept,) = conn.matches()
    assert kept["match_id"] == match_id and kept["version_id"] == old.version_id
    assert kept["version_date"] == "2025-03-01" and not kept["version_is_current"]
    # the old version's entry is still there to show what the match was made against
    assert any(e.entry_id == "90107" for e in conn.entries_of(old.version_id))
    # loading an older version afterwards keeps the newer one current
    again = _load(conn, SANCTIONS / "ofac_2025-03-01" / "sdn.csv", as_of="2024-01-01")
    assert again.status == tables.HISTORY
    assert next(iter(conn.current_entries()))[0].version_id == new.version_id


def test_companion_alone_adds_to_the_current_version(conn: SQLSanctionsStore) -> None:
    with pytest.raises(InputError) as err:
        _load(conn, SANCTIONS / "ofac_2026-03-02" / "alt.csv")
    assert err.value.code == "E140"
    base = _load(conn, SANCTIONS / "ofac_2025-03-01")
    added = _load(conn, SANCTIONS / "ofac_2026-03-02" / "alt.csv")
    assert added.status == tables.ADDED and added.names == 2 and added.unmatched == 1
    ((ref, entries),) = list(conn.current_entries())
    assert ref.version_id == base.version_id  # still the same version, now with more names
    officer = next(e for e in entries if e.entry_id == "90102")
    assert "KHAZAROV, Timur" in [n.name for n in officer.names]
    row = conn.db.execute(
        "SELECT added_by_version_id FROM sanctions_names WHERE name = 'BELL, Adaeze'"
    ).fetchone()
    assert row[0] == added.version_id
    kinds = {v.version_id: v.kind for v in conn.versions("us_ofac_sdn")}
    assert kinds == {base.version_id: "full", added.version_id: "companion"}


def test_eu_amendment_adds_a_new_designation(conn: SQLSanctionsStore) -> None:
    _load(conn, SANCTIONS / "eu" / "32099R0001.csv", as_of="2025-06-01")
    report = _load(conn, SANCTIONS / "eu" / "32099R0017.csv", as_of="2026-03-02")
    assert report.status == tables.ADDED
    ((_, entries),) = list(conn.current_entries())
    assert "I.A/4" in {e.entry_id for e in entries}
