"""Real local news (GVA): every killed/wounded count the reading extracts has a claim with a chain and a
modality, and a count is the outlet's own statement only where its words name no source."""

from __future__ import annotations

import re

from attribution_support import pipeline

from wireledger.evaluation.attribution import count_attribution, gva_documents
from wireledger.model import Reading
from wl_testing import require_shared

FIRST = 25  # a small slice here; `wireledger eval attribution --gva` measures the first 300
_SAYS = re.compile(r"\b(said|says|according to|told|reported)\b", re.IGNORECASE)


def test_every_count_has_a_chain_and_own_statements_name_no_source() -> None:
    path = require_shared("data", "gva", "articles.jsonl")
    readings = [r for r in pipeline().pipe(list(gva_documents(path, FIRST))) if isinstance(r, Reading)]
    assert len(readings) == FIRST
    result = count_attribution(readings)
    assert result["counts"] > 0
    assert result["share_with_claim"] == 1.0
    assert result["named_source"] > 0 and result["outlet_own"] > 0
    for r in readings:
        for c in r.claims:
            if c.predicate in ("killed", "wounded") and all(s.type == "outlet" for s in c.attribution):
                assert c.attribution[-1].name == r.document.outlet
                assert not _SAYS.search(c.text), c.text
