"""The examples of docs/python.md run as written: every ``pycon`` block, in order, as one doctest, in a
fresh folder (the ledger file the examples create lands there)."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs" / "python.md"
_BLOCK = re.compile(r"```pycon\n(.*?)```", re.DOTALL)


def examples() -> str:
    return "\n".join(_BLOCK.findall(DOCS.read_text(encoding="utf-8")))


def test_the_page_has_examples() -> None:
    text = examples()
    assert text.count(">>> ") > 20 and "wireledger.read(" in text and "wireledger.open(" in text


@pytest.mark.slow
def test_the_examples_of_python_md_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wireledger.services import example_article

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WIRELEDGER_DB", raising=False)
    text = Path(example_article()).read_text(encoding="utf-8")
    parser = doctest.DocTestParser()
    test = parser.get_doctest(examples(), {"text": text}, "docs/python.md", str(DOCS), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    failures: list[str] = []
    runner.run(test, out=failures.append)
    assert runner.failures == 0, "".join(failures)
