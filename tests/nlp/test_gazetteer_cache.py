"""The gazetteer index kept between runs: written to the cache folder once built, read back on later
starts, built again when what it is made from changes, and never trusted when its file is damaged.

Every test has its own cache folder (``WIRELEDGER_CACHE_DIR``), given a copy of the US-towns file so
that only the index itself is built there."""

from __future__ import annotations

import shutil
from functools import cache as once
from pathlib import Path

import pytest

from wireledger.errors import UsageError
from wireledger.nlp.gazetteer import Gazetteer, _cache_dir, _read_index, _write_index, index_path, us_towns

GEONAMES_SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "places" / "geonames_sample.txt"
NEW_TOWN = "9900003\tQuarrelton\tQuarrelton\t\t43.5\t-72.5\tP\tPPL\tUS\t\tVT\t027\t\t\t640\t\t300\t" \
           "America/New_York\t2024-01-01\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    us_towns(5000)  # written to the user's cache folder if it is not there yet
    towns = list(_cache_dir().glob("us_towns-*.tsv"))
    folder = tmp_path / "cache"
    folder.mkdir()
    for f in towns:
        shutil.copy(f, folder / f.name)
    monkeypatch.setenv("WIRELEDGER_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    path = tmp_path / "towns.txt"
    shutil.copy(GEONAMES_SAMPLE, path)
    return path


@once
def reference() -> Gazetteer:
    """The index built from the sample dump without any cache file."""
    return Gazetteer.load(str(GEONAMES_SAMPLE), cache=False)


def index_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("gazetteer-*.pickle"))


@pytest.mark.slow
def test_the_built_index_is_written_once_and_read_back(cache: Path, dump: Path) -> None:
    built = Gazetteer.load(str(dump))
    path = index_path(str(dump))
    assert path is not None and index_files(cache) == [path]
    again = Gazetteer.load(str(dump))
    assert again is not built
    for name in ("Millbrook Falls", "Springfield", "Smackover", "Ill.", "France"):
        assert again.lookup(name) == built.lookup(name)
    assert again.neighbourhoods == built.neighbourhoods and again.states == built.states
    assert again.us_cues is not None and built.us_cues is not None
    assert again.us_cues.pattern == built.us_cues.pattern
    # what a later start reads is that file: an index written under its name is taken as it is
    _write_index(path, Gazetteer())
    assert Gazetteer.load(str(dump)).lookup("Springfield") == []
    assert reference().lookup("Springfield") == built.lookup("Springfield")  # cache=False: built


@pytest.mark.slow
def test_a_change_to_the_sources_builds_the_index_again(cache: Path, dump: Path) -> None:
    Gazetteer.load(str(dump))
    before = index_path(str(dump))
    assert before is not None and before.is_file()
    with dump.open("a", encoding="utf-8") as fh:
        fh.write(NEW_TOWN)
    after = index_path(str(dump))
    assert after is not None and after != before  # the dump's size and time are part of the key
    town = Gazetteer.load(str(dump)).lookup("Quarrelton")
    assert [(p.country, p.admin1, p.population) for p in town] == [("US", "VT", 640)]
    assert after.is_file() and set(index_files(cache)) == {before, after}
    # other settings are other keys too: the index without the dump, and with another population floor
    assert index_path(None) not in (before, after)
    assert index_path(str(dump), min_population=15000) not in (before, after, index_path(None))


def test_a_missing_dump_is_still_a_coded_error(cache: Path, tmp_path: Path) -> None:
    absent = tmp_path / "absent.txt"
    assert index_path(str(absent)) is None
    with pytest.raises(UsageError):
        Gazetteer.load(str(absent))
    assert index_files(cache) == []


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["garbage", "truncated", "another key"])
def test_a_damaged_index_file_is_ignored_and_rebuilt(cache: Path, dump: Path, damage: str) -> None:
    path, other = index_path(str(dump)), index_path(None)
    assert path is not None and other is not None
    _write_index(path, reference())
    whole = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"not a pickle at all\n" * 100)
    elif damage == "truncated":
        path.write_bytes(whole[: len(whole) // 2])
    else:  # a whole, readable index, but written under another key (copied or renamed by hand)
        _write_index(other, Gazetteer())
        shutil.copy(other, path)
    read = Gazetteer.load(str(dump))
    for name in ("Millbrook Falls", "Springfield"):
        assert read.lookup(name) == reference().lookup(name) != []
    rewritten = _read_index(path)  # the rebuilt index was written in its place, whole
    assert rewritten is not None and rewritten.lookup("Springfield") == read.lookup("Springfield")
    assert not list(cache.glob("*.tmp"))  # no temporary file left behind
