"""Spelling and skeleton keys for name parts: one key for every romanisation of the same sound.

Names reach the news through many romanisation systems: the same Russian surname is printed
``Alekseev``, ``Alexeev``, ``Alekseyev`` and ``Alexseyev``; a given name is ``Yuri``, ``Yuriy``, ``Iurii``
or ``Jurij``. Rather than listing known names, two keys fold the spelling conventions themselves:

- :func:`spelling_key` rewrites the digraphs and letters that romanisation systems disagree on
  (``x``/``ks``, ``kh``/``h``, ``y``/``i``/``j``, ``yu``/``iu``, ``ey``/``e``, ``ts``/``c``, ``w``/``v``,
  doubled letters, a glide ``i`` between vowels). Two parts with the same spelling key are the same
  name transliterated differently.
- :func:`skeleton_key` keeps the first sound and the consonants of the spelling key. It is loose on
  purpose: the screening index blocks candidates with it, and fuzzy comparison decides.

Both work on any script: text is first romanised with rigour's transliteration.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rigour.text.translit import ascii_text

_VOWELS = "aeiou"

# Ordered rewrites applied to a lowercase ASCII token. Each is a romanisation convention, not a name.
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"x", "ks"),
        (r"shch|sch", "sh"),
        (r"tch", "ch"),
        (r"dzh|dj", "j"),
        (r"kh", "h"),
        (r"gh", "g"),
        (r"ph", "f"),
        (r"th", "t"),
        (r"dh", "d"),
        (r"ck", "k"),
        (r"q", "k"),
        (r"w", "v"),
        (r"ch", "4"),  # protect "ch" from the c rules below
        (r"t[sz]|c(?=[eiy])", "5"),  # the "ts" sound: Kudryavtsev / Kudriavcev
        (r"c", "k"),
        (r"(?<=[a-z])yo", "e"),  # ё: Semyon / Semen, Fyodor / Fedor
        (r"^ye", "e"),  # Yevgeny / Evgeny, Yelena / Elena
        (r"ou", "u"),  # French-style romanisation: Joukov / Zhukov, Oussama / Usama
        (r"[yj]", "i"),
        (r"zh", "z"),
        (r"(?<=[aeiou])i(?=[aeiou])", ""),  # glide between vowels: Alekseyev / Alekseev
        (r"(?<=[oe])f+$", "v"),  # Ivanoff / Ivanov
        (r"(?<=[aeiou])h$", ""),  # Abdallah / Abdalla
        (r"4", "ch"),
        (r"5", "c"),
    )
)
_DOUBLES = re.compile(r"(.)\1+")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=200_000)
def romanise(text: str) -> str:
    """Lowercase ASCII letters and digits of ``text`` (any script), other characters dropped."""
    return _NON_ALNUM.sub("", ascii_text(text).lower())


@lru_cache(maxsize=200_000)
def spelling_key(token: str) -> str:
    """The token with romanisation conventions folded: equal keys mean the same written name."""
    key = romanise(token)
    if not key or key.isdigit():
        return key
    for pattern, repl in _REWRITES:
        key = pattern.sub(repl, key)
    return _DOUBLES.sub(r"\1", key)


@lru_cache(maxsize=200_000)
def skeleton_key(token: str) -> str:
    """The first sound and the consonants of the spelling key; loose, for blocking candidates."""
    key = spelling_key(token)
    if not key or key.isdigit():
        return key
    head = "a" if key[0] in _VOWELS else key[0]
    body = "".join(ch for ch in key[1:] if ch not in _VOWELS)
    return _DOUBLES.sub(r"\1", head + body)
