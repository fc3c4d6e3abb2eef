"""Sanctions list loaders, one per publication format, on list files we wrote (invented people)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wireledger.errors import InputError, UsageError
from wireledger.resolve.lists import FORMATS, LoadedList, detect_format, plan, read_lists
from wireledger.resolve.lists.base import NON_LATIN, PERSON, PREVIOUS, VESSEL, WEAK_ALIAS, date_in_name

SANCTIONS = Path(__file__).resolve().parents[1] / "fixtures" / "sanctions"


def _one(path: Path, as_of: str | None = None) -> LoadedList:
    loaded = read_lists([path], as_of=as_of)
    assert len(loaded) == 1
    return loaded[0]


@pytest.mark.parametrize(
    "relative, fmt",
    [
        ("ofac_2025-03-01/sdn.csv", "ofac"),
        ("ofac_2026-03-02/alt.csv", "ofac"),
        ("uk/ConList_2026-03-03.csv", "uk-ofsi"),
        ("uk/ConList_2026-03-03.xlsx", "uk-ofsi"),
        ("uk/FCDO_SL_Tue_Mar_03_2026.ods", "uk-fcdo"),
        ("eu/32099R0001.csv", "eu"),
        ("eu/32099R0017.csv", "eu"),
        ("canada/sema-lmes_2026-03-03.xml", "canada"),
        ("ftm/test_entities.ftm.json", "ftm"),
    ],
)
def test_formats_are_told_apart_by_content(relative: str, fmt: str, tmp_path: Path) -> None:
    assert detect_format(SANCTIONS / relative) == fmt
    # the name does not matter: a renamed copy is recognised the same way
    copy = tmp_path / ("renamed" + "".join(Path(relative).suffixes))
    shutil.copy(SANCTIONS / relative, copy)
    if fmt != "ofac":  # OFAC's parts are headerless; their column count tells them apart
        assert detect_format(copy) == fmt


def test_ofac_parts_of_one_folder_are_one_list_version() -> None:
    groups = plan([SANCTIONS / "ofac_2025-03-01"])
    assert [(fmt, sorted(p.name for p in files)) for fmt, files in groups] == [
        ("ofac", ["add.csv", "alt.csv", "sdn.csv"])
    ]
    loaded = _one(SANCTIONS / "ofac_2025-03-01")
    assert (loaded.list_id, loaded.version_date, loaded.version_date_source) == (
        "us_ofac_sdn",
        "2025-03-01",
        "file_name",
    )
    assert not loaded.companion
    entries = {e.entry_id: e for e in loaded.entries}
    general = entries["90101"]
    assert general.schema == PERSON
    assert general.programs == ["CYBER2", "RUSSIA-EO14024"]
    assert general.positions == ["First Deputy Chief of the Main Intelligence Directorate"]
    assert general.birth_dates == ["14 Feb 1963"] and general.nationalities == ["Russia"]
    assert general.affiliations == ["MAIN INTELLIGENCE DIRECTORATE"]
    assert general.countries == ["Russia"]  # from add.csv
    assert general.gender == "male"
    assert [(n.name, n.family) for n in general.names] == [
        ("KHAZAROV, Timur Rustamovich", "KHAZAROV"),
        ("KHAZAROV, Timur", "KHAZAROV"),
    ]
    # quoted a.k.a. in the remarks are OFAC's weak aliases; fka in alt.csv a previous name
    assert ("RUSIK", WEAK_ALIAS) in [(n.name, n.kind) for n in entries["90102"].names]
    assert ("BRIGHT WATER SHIPPING CO.", PREVIOUS) in [(n.name, n.kind) for n in entries["90104"].names]
    vessel = entries["90105"]
    assert vessel.schema == VESSEL and vessel.countries == ["Panama"]
    # -0- is empty, never a value
    assert not any("-0-" in str(v) for e in loaded.entries for v in e.data().values())
    # the alias naming an entry sdn.csv does not hold is reported, not invented
    assert [p.code for p in loaded.problems] == ["W140"]


def test_ofac_companion_alone_adds_to_its_list() -> None:
    loaded = _one(SANCTIONS / "ofac_2026-03-02" / "alt.csv")
    assert loaded.companion and loaded.list_id == "us_ofac_sdn"
    assert loaded.version_date == "2026-03-02"
    assert {e.entry_id for e in loaded.entries} == {"90102", "90103", "98888"}


def test_ofac_file_with_a_wrong_column_count_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "sdn.csv"
    bad.write_bytes(b'1,"A",-0- \r\n2,"B",-0- ,"X"\r\n')
    with pytest.raises(InputError) as err:
        read_lists([bad], format="ofac")
    assert err.value.code == "E140"


def test_uk_ofsi_csv_and_xlsx_read_alike_and_carry_their_date() -> None:
    csv_list = _one(SANCTIONS / "uk" / "ConList_2026-03-03.csv", as_of="2020-01-01")
    xlsx_list = _one(SANCTIONS / "uk" / "ConList_2026-03-03.xlsx")
    # the file's "Last Updated" wins over --as-of
    assert csv_list.version_date == xlsx_list.version_date == "2026-03-03"
    assert csv_list.version_date_source == "file"
    assert [e.data() for e in csv_list.entries] == [e.data() for e in xlsx_list.entries]
    groups = {e.entry_id: e for e in csv_list.entries}
    general = groups["20001"]
    assert general.titles == ["Lieutenant General"]
    assert general.positions == ["First Deputy Head of the GRU"]
    assert [(n.name, n.kind) for n in general.names] == [
        ("Timur Rustamovich KHAZAROV", "primary"),
        ("Тимур Рустамович ХАЗАРОВ", NON_LATIN),
        ("Timour KHAZAROV", "alias"),
    ]
    assert general.names[0].family == "KHAZAROV"
    assert ("RODDY", WEAK_ALIAS) in [(n.name, n.kind) for n in groups["20004"].names]
    assert groups["20003"].schema == "organization"


def test_fcdo_summary_export_is_its_own_list() -> None:
    loaded = _one(SANCTIONS / "uk" / "FCDO_SL_Tue_Mar_03_2026.ods")
    assert loaded.list_id == "uk_fcdo_sanctions_list"
    assert (loaded.version_date, loaded.version_date_source) == ("2026-03-03", "file_name")
    entries = {e.entry_id: e for e in loaded.entries}
    assert set(entries) == {"CYB0101", "CHW0102", "IRN0103", "GAC0104"}
    assert entries["CYB0101"].names[0].name == "Khazarov Timur Rustamovich"
    assert "OFSI Group ID 20001" in entries["CYB0101"].remarks
    assert entries["CYB0101"].listed_on == "2024-06-15"


def test_eu_consolidated_file_and_its_amendment() -> None:
    base = _one(SANCTIONS / "eu" / "32099R0001.csv", as_of="2026-01-10")
    assert (base.list_id, base.version_date, base.version_date_source) == (
        "eu_32099R0001",
        "2026-01-10",
        "as_of",
    )
    entries = {e.entry_id: e for e in base.entries}
    assert set(entries) == {"I.A/1", "I.A/2", "I.A/3", "I.B/1"}
    trap = entries["I.A/2"]
    assert [n.name for n in trap.names][1:] == ["Руслан Олегович ДЕМИРКОВ", "Timur KHAZAROV", "Тимур ХАЗАРОВ"]
    assert "Federal Security Service (FSB)" in trap.remarks[0]
    # a one-word alias of a person is a variant of the surname
    assert "Adaeze Ngozi Okonkvo" in [n.name for n in entries["I.A/3"].names]
    amendment = _one(SANCTIONS / "eu" / "32099R0017.csv", as_of="2026-03-02")
    assert amendment.companion and amendment.list_id == "eu_32099R0001"


def test_canada_sema_xml() -> None:
    loaded = _one(SANCTIONS / "canada" / "sema-lmes_2026-03-03.xml")
    entries = {e.entry_id: e for e in loaded.entries}
    assert set(entries) == {
        "Russia/1/1",
        "Russia/1/2",
        "Iran/1/1",
        "Justice-for-Victims-of-Corrupt-Foreign-Officials-Regulations-JVCFOR/N-A/7",
    }
    general = entries["Russia/1/1"]
    assert general.titles == ["Lt. General"] and general.birth_dates == ["1963-02-14"]
    assert general.names[0].family == "KHAZAROV" and general.countries == ["Russia"]
    assert [n.name for n in entries["Iran/1/1"].names] == [
        "Brightwater Maritime LLC",
        "Bright Water Shipping Co.",
        "BWM Tankers",
    ]


def test_canada_refuses_unsafe_xml(tmp_path: Path) -> None:
    bomb = tmp_path / "sema.xml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
        "<data-set><record><Entity>&b;</Entity></record></data-set>",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        FORMATS["canada"]([bomb], None)
    assert err.value.code == "E140" and "unsafe" in str(err.value)


def test_followthemoney_targets_and_their_sanctions() -> None:
    loaded = _one(SANCTIONS / "ftm" / "test_entities.ftm.json")
    assert (loaded.version_date, loaded.version_date_source) == ("2026-03-02", "file")
    entries = {e.entry_id: e for e in loaded.entries}
    assert set(entries) == {"wl-test-khazarov", "wl-test-nlri"}  # not the relative, not the address
    person = entries["wl-test-khazarov"]
    assert person.programs == ["Cyber-attacks regime"] and person.listed_on == "2024-06-15"
    assert person.names[0].family == "KHAZAROV"


def test_unknown_files_and_bad_dates_are_reported(tmp_path: Path) -> None:
    junk = tmp_path / "notes.csv"
    junk.write_text("hello,world\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_lists([junk])
    assert err.value.code == "E140"
    with pytest.raises(UsageError):
        read_lists([SANCTIONS / "eu" / "32099R0001.csv"], as_of="03/03/2026")


@pytest.mark.parametrize(
    "name, iso",
    [
        ("FCDO_SL_Mon_Aug_11_2025.ods", "2025-08-11"),
        ("ConList_2023-06-05.xlsx", "2023-06-05"),
        ("2025-08", "2025-08-01"),
        ("list_3-Mar-2026.csv", "2026-03-03"),
        ("sdn.csv", None),
    ],
)
def test_dates_in_file_names(name: str, iso: str | None) -> None:
    assert date_in_name(name) == iso


def test_a_list_without_a_date_of_its_own_is_dated_by_its_newest_listing(tmp_path: Path) -> None:
    """The EU transcription prints no generation date, but every designation's date: the list is at least
    as recent as its newest one, which beats the file's modification time (the day it was copied)."""
    import os

    copy = tmp_path / "32099R0001.csv"
    shutil.copy(SANCTIONS / "eu" / "32099R0001.csv", copy)
    os.utime(copy, (2_000_000_000, 2_000_000_000))  # a modification time in 2033
    loaded = _one(copy)
    assert (loaded.version_date, loaded.version_date_source) == ("2025-01-20", "newest_listing")
    assert _one(copy, as_of="2025-02-01").version_date_source == "as_of"  # what the user says wins


@pytest.mark.shared
def test_the_shared_eu_list_is_dated_by_its_own_dates() -> None:
    from wl_testing import require_shared

    path = require_shared("data", "sanctions", "eu_opensanctions_transcription", "32018R1542.csv")
    loaded = _one(path)
    assert loaded.version_date_source == "newest_listing"
    assert loaded.version_date == "2026-07-03"  # its newest designation (3.7.2026), not the copy date
