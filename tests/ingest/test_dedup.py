"""Near-duplicate signatures, candidate keys, similarity estimates and the canonical-copy rule."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wireledger.ingest.dedup import (
    NUM_PERM,
    choose_canonical,
    decode_signature,
    encode_signature,
    estimate_similarity,
    is_near_duplicate,
    jaccard,
    lsh_keys,
    minhash,
    shingles,
)
from wireledger.settings import Settings


def _story(ingest_dir) -> str:
    return (ingest_dir / "header_report.txt").read_text(encoding="utf-8") + "\n" + \
        (ingest_dir / "roundup.txt").read_text(encoding="utf-8")


def test_signature_is_deterministic_and_round_trips(ingest_dir):
    text = _story(ingest_dir)
    signature = minhash(text)
    assert len(signature) == NUM_PERM and signature == minhash(text)
    assert decode_signature(encode_signature(signature)) == signature


def test_the_same_wire_story_on_two_sites_is_a_near_duplicate(ingest_dir):
    text = _story(ingest_dir)
    other_site = ("Updated 14:05 | The Evening Standard-Bearer\n" + text.replace("Saturday", "Saturday,")
                  + "\nShare this story with your friends.")
    a, b = minhash(text), minhash(other_site)
    exact = jaccard(shingles(text), shingles(other_site))
    assert exact > 0.9
    assert abs(estimate_similarity(a, b) - exact) < 0.1
    assert is_near_duplicate(a, b, Settings().near_duplicate_threshold)
    assert set(lsh_keys(a)) & set(lsh_keys(b))


def test_different_stories_are_not(ingest_dir):
    a = minhash((ingest_dir / "header_report.txt").read_text(encoding="utf-8"))
    b = minhash((ingest_dir / "roundup.txt").read_text(encoding="utf-8"))
    assert estimate_similarity(a, b) < 0.1
    assert not is_near_duplicate(a, b, 0.9)
    assert not set(lsh_keys(a)) & set(lsh_keys(b))


def test_estimate_tracks_exact_jaccard(ingest_dir):
    words = _story(ingest_dir).split()
    rng = random.Random(5)
    errors = []
    for trial in range(20):
        changed = list(words)
        for n in range(rng.randrange(1, 80)):
            changed[rng.randrange(len(changed))] = f"changed{trial}x{n}"
        a, b = " ".join(words), " ".join(changed)
        errors.append(estimate_similarity(minhash(a), minhash(b)) - jaccard(shingles(a), shingles(b)))
    assert max(abs(e) for e in errors) < 0.15
    assert abs(sum(errors) / len(errors)) < 0.05  # no bias


def test_lsh_keys_are_per_band():
    keys = lsh_keys(minhash("a short text of a few words only"))
    assert len(keys) == 16 and len({k.split(":")[0] for k in keys}) == 16
    with pytest.raises(ValueError):
        lsh_keys(tuple(range(10)), bands=3)


def test_short_and_empty_texts():
    assert shingles("two words") == {"two words"}
    assert shingles("") == set()
    assert estimate_similarity(minhash(""), minhash("")) == 1.0


def test_canonical_copy_rule():
    assert choose_canonical([("doc_b", "2026-02-06"), ("doc_a", "2026-02-07")]) == "doc_b"
    assert choose_canonical([("doc_b", "2026-02-06"), ("doc_a", "2026-02-06")]) == "doc_a"
    assert choose_canonical([("doc_a", None), ("doc_z", "2030-01-01")]) == "doc_z"
    assert choose_canonical([("doc_c", "2026-02-06T10:00:00Z"), ("doc_d", "2026-02-06T09:59:59Z")]) == "doc_d"
    assert choose_canonical([("doc_x", "2026-02-05T23:00:00Z"), ("doc_a", "2026-02-06")]) == "doc_x"
    with pytest.raises(ValueError):
        choose_canonical([])


dates = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))


@given(st.lists(st.tuples(st.from_regex(r"doc_[0-9a-f]{6}", fullmatch=True), dates), min_size=1, max_size=8,
                unique_by=lambda p: p[0]), st.randoms())
def test_canonical_choice_does_not_depend_on_arrival_order(group, rnd):
    shuffled = list(group)
    rnd.shuffle(shuffled)
    assert choose_canonical(shuffled) == choose_canonical(group)
