"""The reusable Store suite: every backend in conftest.BACKENDS must pass all of it."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest

from wireledger.errors import Problem
from wireledger.model import Document, Entity, Mention, Reading, Statement, document_id
from wireledger.store import (
    DUPLICATE,
    NEAR_DUPLICATE,
    SOURCE_ADDED,
    STORED,
    Fingerprint,
    GroupMember,
    Store,
    canonical_id,
)


def make_doc(text: str, source_id: str, *, title: str | None = None, published: str | None = None,
             source_format: str = "jsonl") -> Document:
    return Document(id=document_id(text), source_id=source_id, text=text, title=title,
                    published=published, language="en", source_format=source_format)


HARBOUR = ("Two dock workers were wounded when a gunman opened fire near the container terminal in "
           "Port Elmsworth on Tuesday evening, harbour police said.")
MARKET = ("A parcel bomb exploded outside a covered market in Dravik early on Sunday, injuring a "
          "stallholder. No group has claimed responsibility for the blast.")
BRIDGE = ("Protesters blocked the Carrow bridge for six hours on Monday; police arrested eleven people "
          "after scuffles with drivers.")


def _reading(doc_text: str, source_id: str, name: str = "Port Elmsworth") -> Reading:
    doc = make_doc(doc_text, source_id)
    start = doc.text.find(name)
    ent = Entity(id="ent_1", name=name, type="location",
                 mentions=[Mention(start, start + len(name), name)], extractor="test.entities@1")
    return Reading(document=doc, entities=[ent], steps=["test.entities@1"])


def _statement(doc_id: str, value: str, start: int, end: int) -> Statement:
    return Statement.new("ent_1", "name", value, doc_id, start, end, "test.entities@1")


def test_add_and_get_by_content_id_and_source_id(store: Store) -> None:
    doc = make_doc(HARBOUR, "feed:harbour-1", title="Dock workers wounded", published="2025-03-04")
    result = store.add_document(doc)
    assert result.status == STORED and result.document_id == doc.id and result.canonical_id is None
    by_id = store.get_document(doc.id)
    by_source = store.get_document("feed:harbour-1")
    assert by_id is not None and by_source is not None
    assert by_id.text == HARBOUR and by_id.title == "Dock workers wounded"
    assert by_id.published == "2025-03-04" and by_id.ingested_at
    assert by_source.id == doc.id
    assert store.get_document("feed:unknown") is None
    assert store.has_document(doc.id) and not store.has_document("doc_missing")


def test_document_structure_round_trips(store: Store) -> None:
    text = "Blast at market\n\nA parcel bomb exploded.\n\nSources: Dravik police, Radio Dravik"
    doc = make_doc(text, "a.txt", title="Blast at market", source_format="text")
    from wireledger.model import CitedSource, Paragraph, Section

    doc.title_span = (0, 15)
    doc.sections = [Section("Blast at market", 0, 40, 15)]
    doc.paragraphs = [Paragraph(17, 40, 0)]
    doc.cited_sources = [CitedSource("Dravik police", 51, 64), CitedSource("Radio Dravik", 66, 78)]
    doc.warnings = ["W004 a.txt: no publication date"]
    doc.metadata = {"input_id": "a"}
    store.add_document(doc)
    back = store.get_document(doc.id)
    assert back is not None
    assert back.to_dict() | {"ingested_at": None} == doc.to_dict() | {"ingested_at": None}


def test_same_content_twice_is_stored_once_with_both_source_ids(store: Store) -> None:
    first = make_doc(HARBOUR, "gva:111")
    second = make_doc("  " + HARBOUR.replace(" ", "  ") + "\n", "gva:222")  # same normalised content
    assert first.id == second.id
    assert store.add_document(first).status == STORED
    assert store.add_document(second).status == SOURCE_ADDED
    assert store.add_document(second).status == DUPLICATE
    doc = store.get_document("gva:222")
    assert doc is not None and doc.source_ids == ["gva:111", "gva:222"]
    assert doc.text == HARBOUR  # the fields of the first copy are kept
    stats = store.stats()
    assert stats["documents"] == 1 and stats["source_ids"] == 2


def test_documents_in_arrival_order_with_paging(store: Store) -> None:
    texts = [HARBOUR, MARKET, BRIDGE]
    for i, t in enumerate(texts):
        store.add_document(make_doc(t, f"s{i}"))
    assert [d.text for d in store.documents()] == texts
    assert [d.text for d in store.documents(limit=1, offset=1)] == [MARKET]
    assert [d.text for d in store.documents(offset=2)] == [BRIDGE]
    assert list(store.documents(offset=5)) == []


def test_search_titles_texts_phrases_and_stems(store: Store) -> None:
    store.add_document(make_doc(HARBOUR, "h", title="Dock workers wounded in Port Elmsworth"))
    store.add_document(make_doc(MARKET, "m", title="Market blast"))
    store.add_document(make_doc(BRIDGE, "b", title="Bridge protest"))
    assert [h.document_id for h in store.search("blast")] == [make_doc(MARKET, "m").id]
    assert [h.title for h in store.search("Elmsworth")] == ["Dock workers wounded in Port Elmsworth"]
    assert [h.title for h in store.search('"covered market"')] == ["Market blast"]
    assert store.search('"market covered"') == []
    assert [h.title for h in store.search("arrests")] == ["Bridge protest"]  # stemmed: arrested
    assert [h.title for h in store.search("protest*")] == ["Bridge protest"]
    hit = store.search("gunman")[0]
    assert "[gunman]" in hit.snippet and hit.score > 0
    assert store.search("gunman OR blast") == []  # OR is a word here, not an operator


def _fp(*keys: str) -> Fingerprint:
    return Fingerprint(signature=tuple(range(8)), band_keys=keys)


def test_candidates_share_band_keys(store: Store) -> None:
    a, b, c = make_doc(HARBOUR, "a"), make_doc(MARKET, "b"), make_doc(BRIDGE, "c")
    store.add_document(a, fingerprint=_fp("k1", "k2"))
    store.add_document(b, fingerprint=_fp("k2", "k3"))
    store.add_document(c, fingerprint=_fp("k9"))
    found = store.near_duplicate_candidates(["k2", "k3", "zz"])
    assert [x.document_id for x in found] == sorted([a.id, b.id])
    assert found[0].signature == tuple(range(8))
    assert store.near_duplicate_candidates([]) == []


# Four versions of one wire story (near-duplicates of each other in a chain a~b~c) and one other story.
_DEPOT = "a man fired shots at a bus depot on Friday, wounding"
WIRE = {
    "a": (f"Police in Lorvale said {_DEPOT} a driver.", "2025-05-03"),
    "b": (f"Police in Lorvale said {_DEPOT} one driver.", "2025-05-02"),
    "c": (f"Lorvale police said {_DEPOT} one driver.", "2025-05-02"),
    "d": ("A fishing boat sank off Cape Moor on Friday; all five crew were rescued.", "2025-05-01"),
}
SIMILAR = {frozenset("ab"), frozenset("bc")}


def _doc_id(key: str) -> str:
    return make_doc(WIRE[key][0], key).id


def _add_in_order(store: Store, order: str) -> None:
    """Add the wire stories the way services do: candidates by band key, similarity decided outside."""
    key_of = {_doc_id(k): k for k in WIRE}
    for key in order:
        text, published = WIRE[key]
        doc = make_doc(text, key, published=published)
        fp = Fingerprint(signature=(1, 2, 3), band_keys=("wire",) if key != "d" else ("other",))
        similar = [c.document_id for c in store.near_duplicate_candidates(fp.band_keys)
                   if frozenset((key_of[c.document_id], key)) in SIMILAR]
        reading = _reading(text, key, name="Lorvale")
        reading.document = doc
        store.add_document(doc, fingerprint=fp, near_duplicate_of=similar, reading=reading)


def test_near_duplicate_canonical_copy_does_not_depend_on_arrival_order(
        new_store: Callable[[], Store]) -> None:
    group = [make_doc(WIRE[k][0], k, published=WIRE[k][1]) for k in "abc"]
    expected = canonical_id(GroupMember(d.id, d.published) for d in group)
    outcomes = set()
    for order in itertools.permutations("abcd"):
        s = new_store()
        _add_in_order(s, "".join(order))
        links = tuple(sorted((d.id, d.canonical_id) for d in s.documents()))
        readings = tuple(sorted(d.id for d in s.documents() if s.has_reading(d.id)))
        outcomes.add((links, readings))
    assert len(outcomes) == 1
    links_t, readings_t = outcomes.pop()
    links = dict(links_t)
    assert links[expected] is None
    assert all(links[_doc_id(k)] == expected for k in "abc" if _doc_id(k) != expected)
    assert links[_doc_id("d")] is None
    # only the canonical copy of the group keeps its reading; the unrelated story keeps its own
    assert readings_t == tuple(sorted([expected, _doc_id("d")]))


def test_later_arrival_that_becomes_canonical_relinks_the_group(store: Store) -> None:
    late, early = make_doc(WIRE["a"][0], "a", published="2025-05-03"), make_doc(WIRE["b"][0], "b",
                                                                                 published="2025-05-02")
    reading = _reading(WIRE["a"][0], "a", name="Lorvale")
    reading.document = late
    first = store.add_document(late, fingerprint=_fp("w"), reading=reading)
    assert first.status == STORED and first.reading_saved and store.has_reading(late.id)
    second = store.add_document(early, fingerprint=_fp("w"), near_duplicate_of=[late.id])
    assert second.status == STORED and second.relinked == (late.id,)
    demoted = store.get_document(late.id)
    assert demoted is not None and demoted.canonical_id == early.id
    assert not store.has_reading(late.id) and list(store.statements(document=late.id)) == []
    assert store.copies(early.id) == [late.id]
    assert [m.document_id for m in store.near_duplicate_group([late.id])] == sorted([late.id, early.id])
    # a third copy, later still, is linked to the canonical copy and its reading is not kept
    third = make_doc(WIRE["c"][0], "c", published="2025-06-01")
    r3 = _reading(WIRE["c"][0], "c", name="Lorvale")
    r3.document = third
    res = store.add_document(third, fingerprint=_fp("w"), near_duplicate_of=[late.id], reading=r3)
    assert res.status == NEAR_DUPLICATE and res.canonical_id == early.id and not res.reading_saved
    assert not store.has_reading(third.id)
    hits = store.search("Lorvale")
    assert [h.document_id for h in hits] == [early.id]  # copies are left out of search by default
    assert len(store.search("Lorvale", include_copies=True)) == 3
    stats = store.stats()
    assert (stats["canonical"], stats["near_duplicates"]) == (1, 2)


def test_reading_and_statements_round_trip_and_keep_first_seen(store: Store) -> None:
    reading = _reading(HARBOUR, "h")
    doc = reading.document
    s1 = _statement(doc.id, "Port Elmsworth", 70, 84)
    s2 = Statement.new("ent_1", "type", {"slug": "location"}, doc.id, None, None, "test.entities@1")
    store.add_document(doc, reading=reading, statements=[s1, s2])
    stored = store.get_reading(doc.id)
    assert stored is not None
    assert stored["entities"][0]["name"] == "Port Elmsworth"
    assert stored["document"]["content_id"] == doc.id and stored["document"]["text"] == HARBOUR
    assert stored["schema_version"] == reading.to_dict()["schema_version"]
    got = list(store.statements(document=doc.id))
    assert sorted(s.prop for s in got) == ["name", "type"]
    assert next(s for s in got if s.prop == "type").value == {"slug": "location"}
    # saving again: s1 is seen again (first_seen kept), s2 is gone, s3 is new
    s1_again = Statement.new("ent_1", "name", "Port Elmsworth", doc.id, 70, 84, "test.entities@1",
                             seen="2999-01-01T00:00:00Z")
    s3 = _statement(doc.id, "Elmsworth", 75, 84)
    store.save_reading(reading, [s1_again, s3])
    after = {(s.value, s.start): s for s in store.statements(document=doc.id)}
    assert set(after) == {("Port Elmsworth", 70), ("Elmsworth", 75)}
    assert after[("Port Elmsworth", 70)].first_seen == s1.first_seen
    assert after[("Port Elmsworth", 70)].last_seen == "2999-01-01T00:00:00Z"
    assert [s.value for s in store.statements(subject="ent_1", document=doc.id)] != []
    assert store.get_reading("doc_missing") is None


def test_reading_of_unknown_document_is_refused(store: Store) -> None:
    with pytest.raises(Exception, match="not stored"):
        store.save_reading(_reading(BRIDGE, "b"))


def test_a_failing_document_leaves_nothing_behind(store: Store) -> None:
    """One transaction per document: a failure while writing its reading undoes the document too."""
    reading = _reading(MARKET, "m", name="Dravik")
    doc = reading.document
    bad = Statement.new("ent_1", "name", "Dravik", "doc_not_stored", 0, 6, "test.entities@1")
    with pytest.raises(Exception):  # noqa: B017 - each backend raises its own integrity error
        store.add_document(doc, fingerprint=_fp("m1"), reading=reading, statements=[bad])
    assert not store.has_document(doc.id)
    assert store.get_document("m") is None
    assert store.search("parcel") == []
    assert store.near_duplicate_candidates(["m1"]) == []
    assert store.stats()["source_ids"] == 0
    # the store is still usable, and the same document now goes in whole
    assert store.add_document(doc, fingerprint=_fp("m1")).status == STORED
    assert [h.document_id for h in store.search("parcel")] == [doc.id]


def test_skipped_inputs_are_remembered(store: Store) -> None:
    p = Problem("E112", "articles.jsonl:12", "document has no text", "skipped")
    assert store.record_skip(p) is True
    assert store.record_skip(p) is False
    assert store.record_skip(Problem("E110", "articles.jsonl:12", "not valid JSON")) is True
    records = list(store.skipped())
    assert [(r.input, r.code) for r in records] == [("articles.jsonl:12", "E110"),
                                                    ("articles.jsonl:12", "E112")]
    assert records[1].message == str(p)
    assert store.stats()["skipped_by_code"] == {"E110": 1, "E112": 1}


def test_stats_counts(store: Store) -> None:
    store.add_document(make_doc(HARBOUR, "h", published="2025-03-04"))
    store.add_document(make_doc(MARKET, "m"))
    stats = store.stats()
    assert stats["documents"] == 2 and stats["canonical"] == 2 and stats["readings"] == 0
    assert stats["published"] == {"earliest": "2025-03-04", "latest": "2025-03-04", "undated": 1}
    assert stats["languages"] == {"en": 2}
    assert stats["migrations"][:2] == ["0001_documents", "0002_readings"]
    assert [v for v, _ in store.migrations()][:2] == [1, 2]
