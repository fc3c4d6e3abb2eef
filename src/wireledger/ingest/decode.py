"""Bytes to text: binary detection, UTF-8 first, then legacy encodings checked for plausibility.

A file that is not UTF-8 is decoded with the legacy encoding whose result looks most like real writing:
charset-normalizer proposes candidates, and our sanity rules score each decoding (no control characters,
no words mixing scripts, no Latin words made mostly of accented letters, no words with a case pattern
like ``пРИВЕТ``). A file that is almost all valid UTF-8 with a few broken bytes keeps UTF-8 and has the
broken bytes replaced (W007); one that fits no encoding is refused (E103).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

from ..errors import InputError, Problem
from .language import detect_language

# File signatures of common binary formats that end up in news folders.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"SQLite format 3", "an SQLite database"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Single-byte encodings we accept when a file is not UTF-8, most common first.
LEGACY_ENCODINGS: tuple[str, ...] = (
    "cp1252", "cp1251", "cp1250", "iso8859_15", "koi8_r", "cp1253", "cp1254", "iso8859_2", "cp1257",
    "latin_1",
)
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f"}
# Non-ASCII marks that real text puts next to letters: quotes, dashes, ellipsis, currency, degrees.
_COMMON_MARKS = set("¿¡‘’‚“”„«»‹›–—…•·€£¥¢°©®™§±×÷µ¼½¾¹²³\u00a0\u00ad\u200b")
_WORD = re.compile(r"[^\W\d_]+")
MIN_PLAUSIBILITY = 0.9
_EVIDENCE = 10  # non-ASCII bytes needed before charset-normalizer's ranking is trusted


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def binary_kind(head: bytes) -> str | None:
    """What kind of binary file ``head`` (the first few KB) starts, or None when it may be text."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if _utf16_without_bom(head) or any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    sample = head[:8192]
    if b"\x00" in sample:
        return "binary data (NUL bytes)"
    if sample:
        controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
        if controls / len(sample) > 0.1:
            return "binary data (control bytes)"
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: every other byte is NUL (in ASCII-heavy text)."""
    sample = head[:4096]
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode_text(data: bytes, name: str) -> DecodedText:
    """Decode a text file; raise InputError (E102/E103) when it is not text."""
    kind = binary_kind(data[:8192])
    if kind:
        raise InputError("E102", name, f"{kind}, not text", "skipped")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data.decode(encoding).lstrip("\ufeff"), encoding)
            except UnicodeDecodeError as exc:
                raise InputError("E103", name, f"starts with a {encoding} byte-order mark but is not "
                                 f"{encoding} ({exc.reason} at byte {exc.start})", "skipped") from exc
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return DecodedText(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    good_multibyte, bad = _utf8_census(data)
    if good_multibyte and bad <= max(2, good_multibyte // 10):
        text = data.decode("utf-8", errors="replace")
        w = Problem("W007", name, f"{bad} invalid UTF-8 byte(s) replaced with U+FFFD "
                    f"(first at byte {first_bad})")
        return DecodedText(text, "utf-8", (str(w),))
    best = best_legacy_decoding(data)
    if best is None:
        raise InputError("E103", name, f"not valid UTF-8 (byte {first_bad}) and no known encoding fits",
                         "skipped")
    text, encoding = best
    w = Problem("W002", name, f"not UTF-8; decoded as {encoding}")
    return DecodedText(text, encoding, (str(w),))


def _utf8_census(data: bytes) -> tuple[int, int]:
    """(valid multi-byte UTF-8 characters, invalid bytes) in ``data``."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    good = sum(1 for ch in text if ord(ch) > 127 and not "\udc80" <= ch <= "\udcff")
    return good, bad


def best_legacy_decoding(data: bytes) -> tuple[str, str] | None:
    """The most plausible decoding of ``data`` with a single-byte legacy encoding, or None."""
    candidates: list[str] = []
    try:
        for match in from_bytes(data[:200_000], cp_isolation=list(LEGACY_ENCODINGS)):
            if match.encoding not in candidates:
                candidates.append(match.encoding)
    except Exception:  # charset-normalizer is only an opinion; our own list follows
        pass
    candidates += [e for e in LEGACY_ENCODINGS if e not in candidates]
    decodings: dict[str, str] = {}  # text -> the most common encoding that gives it
    order: list[str] = []
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        known = decodings.get(text)
        if known is None:
            decodings[text] = encoding
            order.append(text)
        elif _commonness(encoding) < _commonness(known):
            decodings[text] = encoding
    if sum(1 for b in data[:200_000] if b > 127) < _EVIDENCE:
        # Too few non-ASCII bytes for charset-normalizer to judge: ties go to the most common encoding.
        order.sort(key=lambda t: _commonness(decodings[t]))
    scored = [(plausibility(text), text) for text in order]
    top = max((score for score, _ in scored), default=0.0)
    if top < MIN_PLAUSIBILITY:
        return None
    finalists = [text for score, text in scored if score >= top - 0.02]
    if len(finalists) > 1:
        # Several code pages give clean-looking letters: the one that reads most like a real language
        # wins (language identification confidence); ties keep charset-normalizer's preference.
        confidence = {text: detect_language(text)[1] or 0.0 for text in finalists}
        finalists.sort(key=lambda t: -confidence[t])
    return finalists[0], decodings[finalists[0]]


def _commonness(encoding: str) -> int:
    return LEGACY_ENCODINGS.index(encoding) if encoding in LEGACY_ENCODINGS else len(LEGACY_ENCODINGS)


def _script(ch: str) -> str:
    if ord(ch) < 128:
        return "LATIN"
    try:
        return unicodedata.name(ch).split(" ", 1)[0]
    except ValueError:
        return "UNKNOWN"


def plausibility(text: str) -> float:
    """How much ``text`` looks like real writing, from 0 to 1, judged on its non-ASCII characters."""
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not non_ascii:
        return 1.0
    bad = 0.0
    for ch in text:
        if (ch < " " and ch not in _ALLOWED_CONTROLS) or "\x80" <= ch <= "\x9f":
            bad += 2
    for i, ch in enumerate(text):
        if ord(ch) <= 127 or ch.isalpha() or ch in _COMMON_MARKS:
            continue
        cat = unicodedata.category(ch)
        touches_letter = (i > 0 and text[i - 1].isalpha()) or (i + 1 < len(text) and text[i + 1].isalpha())
        if cat[0] not in "PZ" or touches_letter:
            bad += 1  # a symbol where writing has letters: the wrong code page
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        scripts = {_script(ch) for ch in word}
        letters_na = sum(1 for ch in word if ord(ch) > 127)
        if len(scripts) > 1:
            bad += letters_na
        elif "LATIN" in scripts and len(word) >= 4 and letters_na >= 0.75 * len(word):
            bad += letters_na  # a Latin word made mostly of accented letters: Cyrillic read as cp1252
        elif not (word.islower() or word.isupper() or word.istitle()):
            bad += letters_na  # a case pattern like "пРИВЕТ": the wrong Cyrillic code page
    return max(0.0, 1.0 - bad / len(non_ascii))
