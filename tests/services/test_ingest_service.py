"""services.ingest on real files into a real SQLite ledger."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from wireledger.model import Document, Entity, Mention, Reading
from wireledger.services import (
    EXIT_NOTHING,
    EXIT_OK,
    EXIT_SKIPPED,
    IngestOptions,
    ProgressUpdate,
    Read,
    ingest,
)
from wireledger.settings import Settings
from wireledger.store import SQLiteStore

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cli"

# A wire story; _copy() makes another outlet's version of it: a near-duplicate, not the same content.
WIRE = ("Firefighters in Saltmere spent the night fighting a blaze at a grain warehouse on the north quay, "
        "which police believe was set deliberately. Nobody was hurt, but the building and several "
        "thousand tonnes of barley were destroyed, the port authority said on Thursday. Investigators "
        "found two empty fuel cans near a broken side door and are looking for a white van seen leaving "
        "the quay shortly before the fire started. The warehouse belongs to a cooperative of farmers from "
        "the Mirrin valley, whose chairman said the loss would be felt across the region. A spokeswoman "
        "for the regional police said detectives were questioning night-shift workers and reviewing "
        "camera footage from the harbour gates. It is the second fire at the port this year; in March a "
        "fishing shed burned down in what was later ruled an accident.")


def _settings(tmp_path: Path) -> Settings:
    return Settings.load(env={}, db=str(tmp_path / "ledger.db"))


def _jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _copy(text: str) -> str:
    """Another outlet's copy: the same story with a few words added at the end."""
    return text.removesuffix(".") + " by fire investigators."


def test_folder_of_text_files(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    updates: list[ProgressUpdate] = []
    summary = ingest([str(FIXTURES)], IngestOptions(), settings, progress=updates.append)
    assert (summary.read, summary.stored, summary.duplicates) == (3, 3, 0)
    assert [p.code for p in summary.skipped] == ["E101"]  # empty.txt
    assert summary.exit_code == EXIT_SKIPPED
    assert [u.done for u in updates] == [1, 2, 3, 4] and updates[-1].total == 4
    with SQLiteStore(settings.db_path) as store:
        doc = store.get_document(str(FIXTURES / "harbour_shooting.txt"))
        assert doc is not None and doc.published == "2025-03-04"
        assert [s.heading for s in doc.sections] == ["Shots at the gate", "Search for the attacker"]
        assert store.stats()["skipped_by_code"] == {"E101": 1}


def test_rerun_adds_nothing_and_known_skips_do_not_fail_it(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    first = ingest([str(FIXTURES)], IngestOptions(), settings)
    again = ingest([str(FIXTURES)], IngestOptions(), settings)
    assert (again.read, again.stored, again.duplicates, again.sources_added) == (3, 0, 3, 0)
    assert again.skipped == [] and [p.code for p in again.known_skips] == ["E101"]
    assert first.exit_code == EXIT_SKIPPED and again.exit_code == EXIT_OK
    # a new problem on a later run does count
    (tmp_path / "late").mkdir()
    (tmp_path / "late" / "blank.txt").write_text("   \n\n  ", encoding="utf-8")
    shutil.copy(FIXTURES / "bridge_protest.txt", tmp_path / "late" / "bridge.txt")
    late = ingest([str(tmp_path / "late")], IngestOptions(), settings)
    assert late.exit_code == EXIT_SKIPPED and late.duplicates == 1 and late.sources_added == 1


def test_same_text_under_two_ids_is_stored_once_with_both(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    rows = [{"doc_id": "a1", "content": WIRE, "dct": "2024-04-04"},
            {"doc_id": "b2", "content": WIRE, "dct": "2024-04-05"},
            {"doc_id": "c3", "content": "", "dct": "2024-04-05"}]
    path = _jsonl(tmp_path / "in.jsonl", rows)
    options = IngestOptions(id_field="doc_id", text_field="content", published_field="dct")
    summary = ingest([str(path)], options, settings)
    assert (summary.read, summary.stored, summary.duplicates, summary.sources_added) == (2, 1, 1, 1)
    assert [p.code for p in summary.skipped] == ["E112"]
    with SQLiteStore(settings.db_path) as store:
        a, b = store.get_document("a1"), store.get_document("b2")
        assert a is not None and b is not None and a.id == b.id
        assert a.source_ids == ["a1", "b2"] and a.published == "2024-04-04"


def test_nothing_readable_exits_2(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    summary = ingest([str(FIXTURES / "empty.txt"), str(tmp_path / "missing.txt")], IngestOptions(), settings)
    assert summary.read == 0 and summary.exit_code == EXIT_NOTHING
    assert sorted(p.code for p in summary.skipped) == ["E100", "E101"]


@pytest.mark.parametrize("order", [("late", "early"), ("early", "late")])
def test_near_duplicates_link_to_the_earliest_copy_in_any_order(tmp_path: Path,
                                                                order: tuple[str, ...]) -> None:
    settings = _settings(tmp_path)
    versions = {
        "early": {"id": "wire-early", "text": _copy(WIRE), "published": "2024-04-03"},
        "late": {"id": "wire-late", "text": WIRE, "published": "2024-04-04"},
    }
    path = _jsonl(tmp_path / "wire.jsonl", [versions[k] for k in order])
    read_calls: list[str] = []
    summary = ingest([str(path)], IngestOptions(), settings, read=_reader(read_calls))
    assert summary.stored + summary.near_duplicates == 2
    # arriving second, the earlier copy takes over as canonical (relinked); else the later one is linked
    late_first = order[0] == "late"
    assert (summary.near_duplicates, summary.relinked) == ((0, 1) if late_first else (1, 0))
    with SQLiteStore(settings.db_path) as store:
        early, late = store.get_document("wire-early"), store.get_document("wire-late")
        assert early is not None and late is not None
        assert early.canonical_id is None and late.canonical_id == early.id
        assert store.has_reading(early.id) and not store.has_reading(late.id)
    # the near-duplicate that arrives second is not read; the first arrival is read only if it is
    # (or was, until relinked) the canonical copy
    assert read_calls[-1] == "wire-early" and "wire-late" not in read_calls[1:]


def _reader(calls: list[str]) -> Read:
    """A reader in the shape of the NLP pipeline: one entity per capitalised place name it knows."""

    def read(doc: Document) -> Reading:
        calls.append(doc.source_id)
        entities = []
        for n, name in enumerate(["Saltmere", "Mirrin"]):
            start = doc.text.find(name)
            if start >= 0:
                entities.append(Entity(id=f"{doc.id}:e{n}", name=name, type="location",
                                       mentions=[Mention(start, start + len(name), name)],
                                       extractor="test.places@1"))
        return Reading(document=doc, entities=entities, steps=["test.places@1"])

    return read


def test_readings_are_stored_with_their_statements(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    path = _jsonl(tmp_path / "one.jsonl", [{"id": "x", "text": WIRE, "published": "2024-04-04"}])
    summary = ingest([str(path)], IngestOptions(), settings, read=_reader([]))
    assert summary.readings == 1
    with SQLiteStore(settings.db_path) as store:
        doc = store.get_document("x")
        assert doc is not None
        reading = store.get_reading(doc.id)
        assert reading is not None and [e["name"] for e in reading["entities"]] == ["Saltmere", "Mirrin"]
        names = [s for s in store.statements(document=doc.id) if s.prop == "name"]
        assert [(s.value, doc.text[s.start:s.end]) for s in names] == [("Saltmere", "Saltmere"),
                                                                        ("Mirrin", "Mirrin")]
        assert {s.extractor for s in names} == {"test.places@1"}


def test_a_failed_reading_is_reported_and_retried_on_rerun(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    path = _jsonl(tmp_path / "one.jsonl", [{"id": "x", "text": WIRE, "published": "2024-04-04"}])

    def broken(doc: Document) -> Reading:
        raise RuntimeError("model file missing")

    first = ingest([str(path)], IngestOptions(), settings, read=broken)
    assert first.stored == 1 and first.readings == 0
    assert [p.code for p in first.skipped] == ["E130"] and "model file missing" in first.skipped[0].cause
    assert first.exit_code == EXIT_SKIPPED
    second = ingest([str(path)], IngestOptions(), settings, read=_reader([]))
    assert second.duplicates == 1 and second.readings == 1 and second.exit_code == EXIT_OK


def test_documents_flagged_as_another_language_are_stored_not_read(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    german = ("Die Polizei in Hamburg hat am Dienstag einen Mann festgenommen, der in der Nacht mehrere "
              "Autos in Brand gesetzt haben soll. Nach Angaben der Ermittler wurde niemand verletzt. Die "
              "Feuerwehr war mit mehr als vierzig Einsatzkräften vor Ort und konnte ein Übergreifen der "
              "Flammen auf die angrenzenden Wohnhäuser verhindern.")
    path = _jsonl(tmp_path / "de.jsonl", [{"id": "de1", "text": german, "published": "2024-05-05"}])
    calls: list[str] = []
    summary = ingest([str(path)], IngestOptions(), settings, read=_reader(calls))
    assert summary.stored == 1 and summary.readings == 0 and calls == []
    assert any(w.startswith("W001") for w in summary.warnings)


def test_the_reading_pipeline_plugs_in_and_its_statements_point_at_their_words(tmp_path: Path) -> None:
    from wireledger.nlp.pipeline import Pipeline

    settings = _settings(tmp_path)
    summary = ingest([str(FIXTURES / "harbour_shooting.txt")], IngestOptions(), settings,
                     read=Pipeline(settings).read)
    assert summary.readings == 1 and summary.skipped == []
    with SQLiteStore(settings.db_path) as store:
        doc = store.get_document(str(FIXTURES / "harbour_shooting.txt"))
        assert doc is not None
        reading = store.get_reading(doc.id)
        assert reading is not None and reading["events"] and reading["entities"]
        statements = list(store.statements(document=doc.id))
        mentions = [s for s in statements if s.prop == "mention"]
        assert mentions and all(doc.text[s.start:s.end] == s.value["text"] for s in mentions)
        assert all(s.subject.startswith(doc.id + ":") for s in statements)
        assert all(s.start is None or 0 <= s.start <= s.end <= len(doc.text) for s in statements)
        steps = {step.split("@")[0] for step in reading["steps"]}
        assert {s.extractor.split("@")[0] for s in statements} <= steps


def _batch_reader(read: Read, batches: list[list[str]], fail: str | None = None):  # type: ignore[no-untyped-def]
    """A read_many over ``read`` that records what it was asked to read, in batches of two; the document
    whose text contains ``fail`` comes back as an E130 Problem."""
    from itertools import islice

    from wireledger.errors import Problem

    def read_many(docs):  # type: ignore[no-untyped-def]
        it = iter(docs)
        while batch := list(islice(it, 2)):
            batches.append([d.source_id for d in batch])
            for d in batch:
                if fail and fail in d.text:
                    yield Problem("E130", d.source_id, "reading failed (RuntimeError: tagger crashed)")
                else:
                    yield read(d)

    return read_many


def test_read_ahead_reads_each_new_text_once_in_order_and_stores_like_one_by_one(tmp_path: Path) -> None:
    stories = [
        "A bus driver in Saltmere was robbed at knifepoint on Tuesday evening, police said.",
        "Two men were arrested after a warehouse fire near the Mirrin valley road on Sunday.",
        "A teenager was shot in the leg outside a corner shop in Dunmoor late on Friday night.",
        "Protesters blocked the ring road in Kelbrook for three hours over the closure of a clinic.",
        "The harbour master of Saltmere reported a stolen fishing boat found burned on the shore.",
    ]
    rows = [{"id": f"r{i}", "text": text, "published": "2024-04-04"} for i, text in enumerate(stories)]
    rows.insert(2, {"id": "again", "text": rows[0]["text"], "published": "2024-04-04"})  # same text
    path = _jsonl(tmp_path / "many.jsonl", rows)
    one_by_one = _settings(tmp_path / "a")
    (tmp_path / "a").mkdir()
    ingest([str(path)], IngestOptions(), one_by_one, read=_reader([]))
    ahead = _settings(tmp_path / "b")
    (tmp_path / "b").mkdir()
    batches: list[list[str]] = []
    updates: list[ProgressUpdate] = []
    summary = ingest([str(path)], IngestOptions(), ahead, read=_reader([]),
                     read_many=_batch_reader(_reader([]), batches), progress=updates.append)
    assert (summary.stored, summary.duplicates, summary.readings) == (5, 1, 5)
    assert batches == [["r0", "r1"], ["r2", "r3"], ["r4"]]  # "again" is not read a second time
    assert [u.done for u in updates] == list(range(1, 7))
    with SQLiteStore(one_by_one.db_path) as a, SQLiteStore(ahead.db_path) as b:
        for r in rows:
            da, db = a.get_document(r["id"]), b.get_document(r["id"])
            assert da is not None and db is not None and da.id == db.id
            ra, rb = a.get_reading(da.id), b.get_reading(db.id)
            assert ra is not None and rb is not None
            assert ra["entities"] == rb["entities"] and ra["document"]["id"] == rb["document"]["id"]
    rerun = ingest([str(path)], IngestOptions(), ahead, read=_reader([]),
                   read_many=_batch_reader(_reader([]), batches))
    assert rerun.duplicates == 6 and rerun.readings == 0 and len(batches) == 3  # nothing read again


def test_a_reading_that_failed_ahead_is_reported_and_the_others_are_stored(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    rows = [{"id": "ok1", "text": WIRE, "published": "2024-04-04"},
            {"id": "bad", "text": "A tagger-breaking report of a robbery at a Dunmoor petrol station.",
             "published": "2024-04-04"},
            {"id": "ok2", "text": "Two men were hurt in a fight outside a Kelbrook pub.",
             "published": "2024-04-04"}]
    path = _jsonl(tmp_path / "three.jsonl", rows)
    batches: list[list[str]] = []
    summary = ingest([str(path)], IngestOptions(), settings, read=_reader([]),
                     read_many=_batch_reader(_reader([]), batches, fail="tagger-breaking"))
    assert summary.stored == 3 and summary.readings == 2
    assert [(p.code, p.input) for p in summary.skipped] == [("E130", "bad")]
    assert "tagger crashed" in summary.skipped[0].cause and summary.exit_code == EXIT_SKIPPED
    with SQLiteStore(settings.db_path) as store:
        bad = store.get_document("bad")
        assert bad is not None and store.get_reading(bad.id) is None
    retry = ingest([str(path)], IngestOptions(), settings, read=_reader([]))
    assert retry.readings == 1 and retry.exit_code == EXIT_OK


def test_stored_readings_are_taken_from_the_file_and_new_ones_added_to_it(tmp_path: Path) -> None:
    from wireledger.services.ledger import stored_readers

    stories = [
        "A bus driver in Saltmere was robbed at knifepoint on Tuesday evening, police said.",
        "Two men were arrested after a warehouse fire near the Mirrin valley road on Sunday.",
        "A fishing boat was found burned on the shore south of Saltmere harbour.",
    ]
    rows = [{"id": f"r{i}", "text": text, "published": "2024-04-04"} for i, text in enumerate(stories)]
    file = tmp_path / "readings.jsonl"
    calls: list[str] = []
    batches: list[list[str]] = []
    first_settings = _settings(tmp_path / "a")
    (tmp_path / "a").mkdir()
    read, read_many = stored_readers(file, _reader(calls), _batch_reader(_reader(calls), batches))
    first = ingest([str(_jsonl(tmp_path / "two.jsonl", rows[:2]))], IngestOptions(), first_settings,
                   read=read, read_many=read_many)
    assert first.readings == 2 and calls == ["r0", "r1"]
    assert [json.loads(line)["document"]["id"] for line in file.read_text().splitlines()] == ["r0", "r1"]
    # a new ledger, the same file: only the report it does not hold is read, and it is added
    second_settings = _settings(tmp_path / "b")
    (tmp_path / "b").mkdir()
    read, read_many = stored_readers(file, _reader(calls), _batch_reader(_reader(calls), batches))
    second = ingest([str(_jsonl(tmp_path / "three.jsonl", rows))], IngestOptions(), second_settings,
                    read=read, read_many=read_many)
    assert second.readings == 3 and calls == ["r0", "r1", "r2"] and batches[-1] == ["r2"]
    assert len(file.read_text().splitlines()) == 3
    with SQLiteStore(first_settings.db_path) as a, SQLiteStore(second_settings.db_path) as b:
        for r in rows[:2]:
            da, db = a.get_document(r["id"]), b.get_document(r["id"])
            assert da is not None and db is not None
            ra, rb = a.get_reading(da.id), b.get_reading(db.id)
            assert ra is not None and rb is not None and ra["entities"] == rb["entities"]
            assert [e["name"] for e in rb["entities"]] != []
