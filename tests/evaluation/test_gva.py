"""GVA evaluation: our measures agree with the reference scorer, and the driver reads real articles."""

from __future__ import annotations

import importlib.util
import random
from types import ModuleType
from typing import Any

import pytest

from wireledger.evaluation import gva
from wireledger.settings import Settings
from wl_testing import require_shared


def _reference() -> ModuleType:
    path = require_shared("eval", "score_gva.py")
    spec = importlib.util.spec_from_file_location("score_gva_reference", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _synthetic_reading(article: dict[str, Any], record: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A reading that is right or wrong on each field at random, in the ways readings go wrong."""
    from datetime import datetime, timedelta

    day = datetime.strptime(record["date"].strip(), "%B %d, %Y").date()
    day += timedelta(days=rng.choice([0, 0, 0, -1, 1]))
    city = record["city_or_county"]
    city = rng.choice([city, city.upper(), city.split(" (")[0], "Springfield", city.replace("Saint", "St.")])
    names = [p.get("Name", "").strip() for p in record.get("participants") or [] if p.get("Name")]
    participants = [{"name": n, "role": rng.choice(["victim", "target", "perpetrator"])} for n in names[:3]]
    event = {
        "type": rng.choice(["armed_assault", "assassination", "robbery", "statement"]),
        "background": rng.random() < 0.1,
        "date": {"value": day.isoformat()},
        "location": {
            "name": f"{city}, {record['state']}" if rng.random() < 0.3 else city,
            "city": city if rng.random() < 0.5 else None,
            "region": rng.choice([record["state"], gva.US_STATES.get(record["state"], ("?",))[0], None]),
        },
        "killed": rng.choice([record["num_killed"], record["num_killed"] + 1, None]),
        "wounded": rng.choice([record["num_injured"], 0, None]),
        "participants": participants,
    }
    return {"document": {"id": article["doc_id"]}, "entities": [], "events": [event]}


@pytest.mark.shared
@pytest.mark.parametrize("null_as_zero", [False, True])
def test_measures_agree_with_the_reference_scorer(null_as_zero: bool) -> None:
    data = require_shared("data", "gva")
    ref = _reference()
    articles, records = gva.scored_articles(data / "articles.jsonl", data / "incidents.jsonl", first=600)
    rng = random.Random(7)
    readings = {
        a["doc_id"]: _synthetic_reading(a, records[a["incident_ids"][0]], rng)
        for a in articles
        if rng.random() < 0.9
    }
    ours = gva.score(readings, articles, records, null_as_zero)
    theirs = ref.score(readings, articles, records, null_as_zero)
    for key in (
        "articles",
        "with_prediction",
        "with_main_event",
        *gva.FIELDS,
        "victim_name_recall",
        "mean_accuracy",
        "multi_incident_articles",
    ):
        assert ours[key] == pytest.approx(theirs[key]), key
    if null_as_zero:  # a null count compared as 0 is right where the record says 0
        assert ours["wounded"] > gva.score(readings, articles, records)["wounded"]


def test_city_and_state_forms() -> None:
    assert gva.accepted_cities("Chicago (Englewood)") == {"chicago", "englewood"}
    assert {"cook", "cook county"} <= gva.accepted_cities("Cook (county)")
    assert "st louis" in gva.accepted_cities("Saint Louis")
    assert gva.normalise_place("Ft. Worth") == "ft worth"
    assert {"texas", "tx"} <= gva.accepted_states("Texas")
    assert gva.surname("Allen Ormond Jr") == "ormond"


def test_main_event_prefers_armed_assault() -> None:
    reading = {
        "events": [
            {"type": "statement", "background": False},
            {"type": "robbery", "background": False},
            {"type": "armed_assault", "background": False},
        ]
    }
    assert (gva.main_event(reading) or {}).get("type") == "armed_assault"


@pytest.mark.shared
def test_driver_reads_and_scores_real_articles() -> None:
    run = gva.run_gva(Settings(), require_shared("data", "gva"), first=4, null_as_zero=True)
    assert run.scores["articles"] == 4
    assert run.scores["with_prediction"] + len(run.failures) == 4
    assert run.scores["with_main_event"] >= 2  # the first four are shooting reports
