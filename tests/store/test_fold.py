"""Name filters fold accents and case: both engines fold a text as ``fold_text`` does."""

from __future__ import annotations

import pytest

from wireledger.store import Ledger
from wireledger.store.sql import fold_text


@pytest.mark.parametrize("text", ["Herāt", "HERĀT, AF", "Łódź", "São Paulo", "Mazār-e Sharīf", "Ａｌｅｐｐｏ",
                                  "Zürich | Köln", "Δελφοί", "Кабул"])
def test_each_engine_folds_as_fold_text(ledger: Ledger, text: str) -> None:
    row = ledger.db.execute(f"SELECT {ledger.db.fold('?')}", (text,)).fetchone()
    assert row[0] == fold_text(text)
    assert fold_text(text) != text  # each example has something to fold


def test_fold_text_takes_accents_off_and_lowers() -> None:
    assert fold_text("Herāt") == fold_text("HERAT") == "herat"
    assert fold_text("Łódź") == "łodz"  # a letter of its own (not a letter with a mark) stays
    assert fold_text(None) is None
