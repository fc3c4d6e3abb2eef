"""Language identification with py3langid (normalised probabilities).

The model loads on first use (about half a second) and is kept for the process.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

_LETTER = re.compile(r"[^\W\d_]")

SAMPLE_CHARS = 3_000  # the start of a long text says enough
MIN_LETTERS = 3
FLAG_CONFIDENCE = 0.5  # a non-English guess below this is too unsure to flag


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float | None]:
    """(ISO 639-1 code, confidence 0..1), or (None, None) for a text without letters."""
    sample = text[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return None, None
    # Upper-case wire copy (MUC-style) classifies better in lower case.
    if sample.isupper():
        sample = sample.lower()
    lang, confidence = _identifier().classify(sample)
    return str(lang), round(float(confidence), 4)


def is_flagged_foreign(language: str | None, confidence: float | None) -> bool:
    """True when the text is confidently not English (the reading is English-only for now)."""
    return language is not None and language != "en" and (confidence or 0.0) >= FLAG_CONFIDENCE
