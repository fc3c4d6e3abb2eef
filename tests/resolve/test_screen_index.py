"""The screening index kept in the ledger (migration 0011), on each engine: it finds what the index
rebuilt in memory finds, name for name, and it is rebuilt when a list version or part changes."""

from __future__ import annotations

import shutil
from pathlib import Path

from wireledger.resolve.context import Qualifiers
from wireledger.resolve.screen import INDEX_VERSION, Screener
from wireledger.resolve.screen_index import StoredScreener
from wireledger.services.screening import ScreeningService
from wireledger.settings import Settings
from wireledger.store import Ledger

SANCTIONS = Path(__file__).resolve().parents[1] / "fixtures" / "sanctions"
LISTS = [
    SANCTIONS / "ofac_2025-03-01",
    SANCTIONS / "uk" / "ConList_2026-03-03.csv",
    SANCTIONS / "eu" / "32099R0001.csv",
    SANCTIONS / "canada",
    SANCTIONS / "ftm",
]


def _memory(ledger: Ledger) -> Screener:
    screener = Screener()
    for ref, entries in ledger.sanctions.current_entries():
        screener.add(ref, entries)
    return screener


def _queries(ledger: Ledger) -> list[str]:
    """Every name the lists print, and each reordered and cut to its first and last words."""
    names: set[str] = set()
    for _, entries in ledger.sanctions.current_entries():
        for entry in entries:
            for listed in entry.names:
                names.add(listed.name)
                words = listed.name.replace(",", " ").split()
                if len(words) > 1:
                    names.add(f"{words[-1]} {words[0]}")
    return sorted(names)


def test_the_stored_index_finds_what_the_rebuilt_one_finds(ledger: Ledger, tmp_path: Path) -> None:
    service = ScreeningService(Settings(db=ledger.location), ledger)
    summary = service.load(LISTS)
    assert len(summary.reports) == len(LISTS), summary.problems
    stored, memory = StoredScreener(ledger.screening_index), _memory(ledger)
    assert len(stored) == len(memory)
    queries = _queries(ledger)
    assert len(queries) > 40
    context = Qualifiers(country="Russia", positions=("deputy chief of the Main Intelligence Directorate",))
    found = 0
    for query in queries:
        for q in (None, context):
            a, b = stored.screen(query, q, 0.7).to_dict(), memory.screen(query, q, 0.7).to_dict()
            assert a == b, query
            found += len(a["matches"])
    assert found >= len(queries)  # every printed name finds at least its own entry


def test_the_index_is_rebuilt_when_a_list_changes(ledger: Ledger, tmp_path: Path) -> None:
    service = ScreeningService(Settings(db=ledger.location), ledger)
    service.load([SANCTIONS / "ofac_2025-03-01"])
    ((version, parts, keys),) = ledger.db.execute(
        "SELECT version_id, parts, key_version FROM screening_indexed").fetchall()
    assert (parts, keys) == ("", INDEX_VERSION)
    assert not StoredScreener(ledger.screening_index).screen("Adaeze Bell").matches

    service.load([SANCTIONS / "ofac_2026-03-02" / "alt.csv"])  # a companion part: a new alias
    ((same, parts),) = ledger.db.execute("SELECT version_id, parts FROM screening_indexed").fetchall()
    assert same == version and parts  # the part is in the index now
    (hit,) = StoredScreener(ledger.screening_index).screen("Adaeze Bell").matches
    assert hit.entry.entry_id == "90103"

    newer = tmp_path / "ofac_2026-04-01"  # a later version with one more (invented) entry
    newer.mkdir()
    sdn = (SANCTIONS / "ofac_2025-03-01" / "sdn.csv").read_bytes().rstrip(b"\x1a")
    extra = b'90999,"OSTROVA, Lidiya","individual","CYBER2",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1970."'
    (newer / "sdn.csv").write_bytes(sdn + extra + b"\r\n\x1a")
    shutil.copy(SANCTIONS / "ofac_2025-03-01" / "alt.csv", newer / "alt.csv")
    service.load([newer])
    rows = ledger.db.execute("SELECT version_id FROM screening_indexed").fetchall()
    assert [int(r[0]) for r in rows] != [int(version)] and len(rows) == 1  # only the current version
    assert not ledger.db.one("SELECT count(*) FROM screening_keys WHERE version_id = ?", (version,))
    (hit,) = StoredScreener(ledger.screening_index).screen("Lidiya Ostrova").matches
    assert hit.source.version_date == "2026-04-01"


def test_a_ledger_without_an_index_gets_one_on_first_screening(ledger: Ledger) -> None:
    """Lists loaded before migration 0011 (or with other key rules) are indexed when first screened."""
    ScreeningService(Settings(db=ledger.location), ledger).load([SANCTIONS / "ofac_2025-03-01"])
    ledger.db.execute("UPDATE screening_indexed SET key_version = 'older rules'")
    ledger.db.execute("DELETE FROM screening_keys")
    (hit,) = StoredScreener(ledger.screening_index).screen("Timur Khazarov").matches
    assert hit.entry.entry_id == "90101"
    assert ledger.db.one("SELECT key_version FROM screening_indexed") == INDEX_VERSION
