"""Near-duplicates: the same wire story on two sites, found by MinHash of word shingles.

- ``shingles(text)``: the set of overlapping 5-word sequences of the lower-cased ``\\w+`` tokens;
- ``minhash(text)``: a 128-value signature; the share of equal values between two signatures
  estimates the Jaccard similarity of their shingle sets (``estimate_similarity``);
- ``lsh_keys(signature)``: 16 band keys of 8 values each; two documents are candidates when they share
  a key (probability > 0.999 at similarity 0.9, about 0.06 at 0.5), so a store finds candidates with
  an index lookup instead of comparing with everything;
- ``choose_canonical``: the copy that is read (earliest publication date, then smallest id), a pure
  function of the group, so the result does not depend on the order of arrival.

The hash functions are fixed (``MINHASH_VERSION``): stored signatures stay comparable across runs.
"""

from __future__ import annotations

import hashlib
import random
import re
import struct
from collections.abc import Sequence

import numpy as np

from ..model.document import canonical_key as canonical_key  # the rule lives in the model
from ..model.document import choose_canonical as choose_canonical
from ..model.document import decode_signature as decode_signature
from ..model.document import encode_signature as encode_signature

MINHASH_VERSION = 1
NUM_PERM = 128
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 5
_EMPTY = (1 << 64) - 1  # the signature of a text without words
_TOKEN = re.compile(r"\w+")


def _seeds(seed: int = 20260206 + MINHASH_VERSION) -> np.ndarray:
    rng = random.Random(seed)
    return np.array([rng.getrandbits(64) for _ in range(NUM_PERM)], dtype=np.uint64)


_SEEDS = _seeds()
_MIX1, _MIX2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)


def _mix(z: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser: a strong 64-bit mixing, one independent-looking hash per seed."""
    z = (z ^ (z >> np.uint64(30))) * _MIX1
    z = (z ^ (z >> np.uint64(27))) * _MIX2
    mixed: np.ndarray = z ^ (z >> np.uint64(31))
    return mixed


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    """Overlapping ``k``-word sequences; a text shorter than ``k`` words is one shingle."""
    words = tokens(text)
    if len(words) <= k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    """Exact Jaccard similarity of two shingle sets."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _hash64(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big")


def minhash(text: str, k: int = SHINGLE_WORDS) -> tuple[int, ...]:
    """The MinHash signature (``NUM_PERM`` values) of a text's ``k``-word shingles."""
    items = shingles(text, k)
    if not items:
        return tuple([_EMPTY] * NUM_PERM)
    x = np.fromiter((_hash64(s) for s in items), dtype=np.uint64, count=len(items))
    values = _mix(x[None, :] ^ _SEEDS[:, None])
    return tuple(int(v) for v in values.min(axis=1))


def estimate_similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity: the share of signature positions where the values agree."""
    if len(a) != len(b) or not a:
        raise ValueError("signatures of different lengths cannot be compared")
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def is_near_duplicate(a: Sequence[int], b: Sequence[int], threshold: float) -> bool:
    """True when the estimated similarity reaches ``threshold`` (``Settings.near_duplicate_threshold``)."""
    return estimate_similarity(a, b) >= threshold


def lsh_keys(signature: Sequence[int], bands: int = BANDS) -> list[str]:
    """One key per band (``"03:9f2c..."``); documents sharing any key are near-duplicate candidates."""
    if len(signature) % bands:
        raise ValueError(f"a signature of {len(signature)} values cannot be cut into {bands} bands")
    rows = len(signature) // bands
    keys = []
    for band in range(bands):
        chunk = struct.pack(f">{rows}Q", *signature[band * rows:(band + 1) * rows])
        keys.append(f"{band:02d}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
    return keys


