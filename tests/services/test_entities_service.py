"""``EntityService`` on a real SQLite ledger holding hand-made readings: incremental sync, reports read
again, manual merges and splits that later automatic runs respect, and screening against list fixtures
with the list version of every match (rescreened when a list changes).

Readings are built by hand (no spaCy), so these tests are about the ledger mechanics; the reading
pipeline's output is exercised in tests/cli/test_entities_cli.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wireledger.model import Document, Entity, Reading, RoleFact, document_id
from wireledger.services.entities import EntityService
from wireledger.services.screening import ScreeningService
from wireledger.settings import Settings
from wireledger.store import open_ledger

SANCTIONS = Path(__file__).resolve().parents[1] / "fixtures" / "sanctions"


def store_report(db: str, text: str, *entities: Entity, published: str = "2026-03-01") -> str:
    doc = Document(id=document_id(text), source_id=f"src-{document_id(text)[4:12]}", text=text,
                   published=published)
    with open_ledger(Settings(db=db)) as ledger:
        store = ledger.documents
        if store.has_document(doc.id):
            store.save_reading(Reading(doc, list(entities)))
            # read_at has one-second steps: stamp the new reading as later, as a real re-read would be
            ledger.db.execute("UPDATE readings SET read_at = read_at || '+' WHERE document_id = ?", (doc.id,))
        else:
            store.add_document(doc, reading=Reading(doc, list(entities)))
    return doc.id


def person(eid: str, name: str, **kw: object) -> Entity:
    return Entity(id=eid, name=name, type="person", **kw)  # type: ignore[arg-type]  # test helper: Entity's own fields


def org(eid: str, name: str) -> Entity:
    return Entity(id=eid, name=name, type="organization")


def entity_of(service: EntityService, doc: str, reading_entity: str) -> str:
    row = service.ledger.db.execute("SELECT entity_id FROM entity_members WHERE key = ?",
                               (f"{doc}#{reading_entity}",)).fetchone()
    assert row is not None
    return str(row[0])


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(db=db_url)


def test_sync_is_incremental_and_groups_spellings(settings: Settings) -> None:
    db = settings.db
    a = store_report(db, "Report one about Colonel Andrei Kovalenko.", person("e1", "Andrei Kovalenko",
                     titles=["Colonel"]), org("e2", "Belarusian Air Force"))
    with EntityService(settings) as service:
        first = service.sync()
        assert (first.documents, first.new_entities) == (1, 2)
        assert service.sync().documents == 0  # nothing new: nothing done
    b = store_report(db, "Report two on Andrey Kovalenko.", person("e1", "Andrey Kovalenko"),
                     org("e2", "Belarusian Air Force"))
    c = store_report(db, "Report three on Pavel Kovalenko.", person("e1", "Pavel Kovalenko"))
    with EntityService(settings) as service:
        second = service.sync()
        assert second.documents == 2 and second.joined == 2
        general = entity_of(service, a, "e1")
        assert entity_of(service, b, "e1") == general
        assert entity_of(service, c, "e1") != general  # a different given name: someone else
        view = service.entity(general)["entity"]
        assert [m["how"] for m in view["members"]] == ["new", "auto"]
        assert any("transliterated" in r or "exact" in r for r in view["members"][1]["reasons"])
        assert service.entity(entity_of(service, a, "e2"))["entity"]["type"] == "organization"


def test_a_report_read_again_replaces_its_members(settings: Settings) -> None:
    db = settings.db
    text = "A report whose reading changes."
    doc = store_report(db, text, person("e1", "Marta Lindqvist"))
    with EntityService(settings) as service:
        service.sync()
        old = entity_of(service, doc, "e1")
    store_report(db, text, person("e1", "Oskar Brandt"))  # read again: another person now
    with EntityService(settings) as service:
        summary = service.sync()
        assert summary.documents == 1
        assert entity_of(service, doc, "e1") != old
        view = service.entity(old)
        assert view["entity"] is None and view["redirects"][0]["to"] is None


def test_manual_merge_and_split_survive_later_syncs_and_rereads(settings: Settings) -> None:
    db = settings.db
    a = store_report(db, "Kovalenko A.", person("e1", "Andrei Kovalenko"))
    b = store_report(db, "Kovalenko B.", person("e1", "A. Kovalenko"))  # no context: kept apart
    c = store_report(db, "Kovalenko C.", person("e1", "Andrei Kovalenko"))  # a namesake, joined by name
    with EntityService(settings) as service:
        service.sync()
        ea, eb = entity_of(service, a, "e1"), entity_of(service, b, "e1")
        assert ea != eb and entity_of(service, c, "e1") == ea
        merged = service.merge([ea, eb], note="same colonel, per the ministry", by="analyst1")
        assert merged["into"] == ea
        split = service.split(ea, document=c, note="the namesake from Gomel", by="analyst2")
        ec = split["new"]
        view = service.entity(ea)["entity"]
        decisions = {(d["prop"], d["by"], d["note"]) for d in view["manual_decisions"]}
        assert ("merged", "analyst1", "same colonel, per the ministry") in decisions
        assert ("split", "analyst2", "the namesake from Gomel") in decisions
        assert service.entity(eb)["redirects"][0]["to"] == ea
    # a later report and re-reading both reports: automatic runs respect the decisions
    store_report(db, "Kovalenko B.", person("e1", "A. Kovalenko", titles=["Col."]))
    store_report(db, "Kovalenko C.", person("e1", "Andrei Kovalenko"))
    d = store_report(db, "Kovalenko D.", person("e1", "Andrei Kovalenko"))
    with EntityService(settings) as service:
        summary = service.sync()
        assert summary.pinned == 2
        assert entity_of(service, b, "e1") == ea  # the manual merge holds
        assert entity_of(service, c, "e1") == ec  # the manual split holds
        assert entity_of(service, d, "e1") in (ea, ec)
        members = service.entity(ea)["entity"]["members"]
        pinned = next(m for m in members if m["key"] == f"{b}#e1")
        assert pinned["how"] == "pinned" and any("analyst1" in r for r in pinned["reasons"])
        split_off = service.entity(ec)["entity"]["members"]
        reasons = [r for m in split_off for r in m["reasons"]]
        assert any("manual split" in r and "the namesake from Gomel" in r for r in reasons)


def test_merge_and_split_refuse_what_makes_no_sense(settings: Settings) -> None:
    db = settings.db
    a = store_report(db, "One.", person("e1", "Ines Carvalho"), org("e2", "Porto Harbour Authority"))
    with EntityService(settings) as service:
        service.sync()
        p, o = entity_of(service, a, "e1"), entity_of(service, a, "e2")
        for call in (lambda: service.merge([p, o]), lambda: service.merge([p]),
                     lambda: service.split(p, document=a), lambda: service.split(p)):
            with pytest.raises(Exception) as info:
                call()
            assert "E150" in str(info.value)
        with pytest.raises(Exception, match="E100"):
            service.entity("ent_nothing")


def test_screening_keeps_the_list_version_and_reruns_when_lists_change(settings: Settings,
                                                                      tmp_path: Path) -> None:
    db = settings.db
    store_report(db, "Report on the general.", person(
        "e1", "Timur Khazarov", titles=["Lieutenant General"],
        roles=[RoleFact("first deputy head of the GRU", "first deputy head", "GRU")]))
    with ScreeningService(settings) as lists:
        lists.load([SANCTIONS / "ofac_2025-03-01"], as_of="2025-03-01")
    with EntityService(settings) as service:
        summary = service.sync()
        assert summary.screened == 1 and summary.lists
        general = service.entities(type_="person")[0]["id"]
        first = service.entity(general)["entity"]["sanctions"]
        assert first["matches"], first
        top = first["matches"][0]
        assert "KHAZAROV" in top["name"].upper() and top["list"] == "us_ofac_sdn"
        assert top["explanation"]["qualifiers"]  # the ledger's context was used
        first_version = top["version_id"]
        assert service.sync().screened == 0  # nothing changed: not screened again
    newer = tmp_path / "ofac_2026-04-01"  # a later version: one more (invented) entry
    newer.mkdir()
    for part in ("add.csv", "alt.csv"):
        shutil.copy(SANCTIONS / "ofac_2025-03-01" / part, newer / part)
    sdn = (SANCTIONS / "ofac_2025-03-01" / "sdn.csv").read_bytes().rstrip(b"\x1a")
    extra = b'90999,"OSTROVA, Lidiya","individual","CYBER2",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1970."'
    extra += b"\r\n"
    (newer / "sdn.csv").write_bytes(sdn + extra + b"\x1a")
    with ScreeningService(settings) as lists:
        assert lists.load([newer], as_of="2026-04-01").reports[0].status == "loaded"
    with EntityService(settings) as service:
        assert service.sync().screened == 1  # a new list version: screened again
        again = service.entity(general)["entity"]["sanctions"]["matches"]
        assert again and again[0]["version_id"] != first_version
        sql = "SELECT count(*) FROM entity_screening WHERE entity_id = ? AND current = 0 AND version_id = ?"
        old = service.ledger.db.execute(sql, (general, first_version)).fetchone()[0]
        assert old >= 1  # the earlier match is kept with the version it was made against


def test_split_one_mention_by_its_key(settings: Settings) -> None:
    db = settings.db
    a = store_report(db, "Ines one.", person("e1", "Ines Carvalho"))
    b = store_report(db, "Ines two.", person("e1", "Ines Carvalho"))
    with EntityService(settings) as service:
        service.sync()
        both = entity_of(service, a, "e1")
        assert entity_of(service, b, "e1") == both
        out = service.split(both, member=f"{b}#e1", note="another Ines Carvalho")
        assert entity_of(service, b, "e1") == out["new"] and entity_of(service, a, "e1") == both
        with pytest.raises(Exception, match="E150"):
            service.split(both, member=f"{b}#e1")  # no longer a member of it


def test_roles_keep_their_dates_and_reports_in_time_order(settings: Settings) -> None:
    db = settings.db
    deputy = RoleFact("deputy head of the Fourth Directorate", title="deputy head",
                      organization="Fourth Directorate", since="2019")
    chief = RoleFact("chief of staff of the Fourth Directorate", title="chief of staff",
                     organization="Fourth Directorate")
    newer = store_report(db, "Later report on Oleg Marchenko.",
                         person("e1", "Oleg Marchenko", roles=[deputy]), published="2026-05-02")
    older = store_report(db, "Earlier report on Oleg Marchenko.",
                         person("e1", "Oleg Marchenko", roles=[chief, deputy]), published="2016-07-10")
    with EntityService(settings) as service:
        service.sync()
        who = entity_of(service, older, "e1")
        assert entity_of(service, newer, "e1") == who
        roles = service.entity(who)["entity"]["roles"]
        assert service.profile(who).roles[deputy.text]["since"] == "2019"  # the stored profile keeps it too
    # the chief-of-staff role has no start but was reported in 2016, before the deputy role began (2019)
    assert [(r["text"], r["since"], r["as_of"]) for r in roles] == [
        (chief.text, None, "2016-07-10"), (deputy.text, "2019", "2016-07-10")]
    assert [d["document"] for d in roles[1]["reports"]] == [older, newer]
    assert [d["published"] for d in roles[1]["reports"]] == ["2016-07-10", "2026-05-02"]
    assert roles[0]["organization"] == "Fourth Directorate" and roles[0]["reports"][0]["document"] == older
