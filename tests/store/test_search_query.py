from __future__ import annotations

import pytest

from wireledger.errors import UsageError
from wireledger.store.search_query import fts_query, search_terms


def test_words_become_quoted_terms() -> None:
    assert fts_query("gunman fled") == '"gunman" "fled"'


def test_phrases_and_prefixes() -> None:
    assert search_terms('"armed robbery" shoot*') == [("armed robbery", False), ("shoot", True)]
    assert fts_query('"armed robbery" shoot*') == '"armed robbery" "shoot" *'


def test_operators_and_quotes_are_searched_as_words() -> None:
    # FTS5 syntax in user text must not become query syntax
    assert fts_query('title:bomb OR NEAR(a b) "x') == '"title:bomb" "OR" "NEAR(a" "b)" "x"'


def test_query_without_words_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as err:
        fts_query(' * "" -- ')
    assert err.value.code == "E150"
