"""``wireledger entities``, ``entity``, ``entities merge|split`` on reports we wrote, read by the real
pipeline into one ledger (ingested once for the module).

The reports (tests/fixtures/identity) spell one general five ways across documents, name a different
Alekseev and two different Rahimis, and name the GRU by its other name; the founding example is
ingested with them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from wireledger.cli import cli
from wl_testing import FIXTURES as ALL_FIXTURES
from wl_testing import SHARED

FIXTURES = ALL_FIXTURES / "identity"
SEED = SHARED / "seed" / "alekseev.txt"  # ingested with our reports when it is there


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args])


def as_json(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("identity") / "ledger.db"
    inputs = sorted(str(p) for p in FIXTURES.glob("*.txt"))
    if SEED.exists():
        inputs.append(str(SEED))
    result = run(db, "ingest", *inputs, "--published", "2026-02-20")
    assert result.exit_code == 0, result.output
    return db


def people(db: Path, name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = as_json(run(db, "entities", "--name", name, "--type", "person",
                                              "--format", "json"))["entities"]
    return rows


def view(db: Path, entity: str) -> dict[str, Any]:
    found: dict[str, Any] = as_json(run(db, "entity", entity, "--format", "json"))["entity"]
    return found


def names_of(entity: dict[str, Any]) -> set[str]:
    return {n["name"] for n in entity["names"]}


def test_one_general_across_spellings_scripts_and_reports(ledger: Path) -> None:
    found = [view(ledger, r["id"]) for r in people(ledger, "Ale")]
    general = [e for e in found if "Vladimir Alexeyev" in names_of(e)]
    assert len(general) == 1, [names_of(e) for e in found]
    g = general[0]
    assert {"V. Alekseev", "Alekseev", "Владимир Алексеев"} <= names_of(g)
    titles = {d["title"] for d in g["documents"]}
    assert {"Wounded GRU general leaves hospital", "Moscow court keeps shooting suspect in custody",
            "Who is the spy chief who survived the Moscow shooting?"} <= titles
    # why the surname alone joined: the reasons name the context, not only the name
    korba = next(m for m in g["members"] if m["name"] == "Alekseev" and m["how"] == "auto")
    assert any("one name part only" in r for r in korba["reasons"])
    assert any(r.startswith(("named_together", "organisation", "role")) for r in korba["reasons"])


def test_namesakes_with_other_given_names_stay_apart(ledger: Path) -> None:
    coach = [r for r in people(ledger, "Ivan Alekseev")]
    assert len(coach) == 1 and coach[0]["documents"] == 1
    general = people(ledger, "Alexeyev")[0]
    assert general["id"] != coach[0]["id"] and "Ivan Alekseev" not in names_of(view(ledger, general["id"]))
    shopkeeper = people(ledger, "Farid Rahimi")
    assert len(shopkeeper) == 1 and shopkeeper[0]["documents"] == 1
    colonel = people(ledger, "Ahmad Rahimi") + people(ledger, "Ahmed Rahimi")
    assert len({r["id"] for r in colonel}) == 1 and colonel[0]["documents"] == 2


def test_the_gru_by_its_other_name(ledger: Path) -> None:
    rows = as_json(run(ledger, "entities", "--name", "GRU", "--type", "organization", "--format", "json"))
    gru = [r for r in rows["entities"] if r["name"] == "GRU"]
    assert len(gru) == 1
    e = view(ledger, gru[0]["id"])
    titles = {d["title"] for d in e["documents"]}
    assert "Russian military intelligence denies role in Baltic cable damage" in titles
    assert "GRU" in {o["known_as"] for o in e["organisations"]}


def test_mentions_count_every_span_the_same_in_every_view(ledger: Path) -> None:
    """A mention is a span (a name, a surname, a pronoun): the general is named and referred to many times
    in each report, and ``entities`` and ``entity`` give the same count."""
    general = next(r for r in people(ledger, "Alexeyev"))
    e = view(ledger, general["id"])
    assert e["mentions"] == general["mentions"] == sum(m["mentions"] for m in e["members"])
    assert e["mentions"] > len(e["members"])  # more spans than reports' entities
    rows = as_json(run(ledger, "entities", "--format", "json"))["entities"]
    assert all(r["mentions"] >= r["members"] for r in rows)
    listing = run(ledger, "entities", "--name", "Alexeyev", "--type", "person")
    assert f"mentions {e['mentions']}" in listing.stdout


def test_organisations_are_shown_in_the_reports_words_with_the_reports(ledger: Path) -> None:
    """An affiliation is shown as a report words it, with the reports that say so: never the label of a
    known organisation that no report prints (the founding example's "MOD")."""
    general = next(r for r in people(ledger, "Alexeyev"))
    e = view(ledger, general["id"])
    assert e["organisations"]
    texts: dict[str, str] = {}
    for o in e["organisations"]:
        assert o["documents"]
        for doc in o["documents"]:
            if doc not in texts:
                texts[doc] = as_json(run(ledger, "show", doc, "--format", "json"))["document"]["text"]
        assert any(w in texts[d] for w in o["words"] for d in o["documents"]), o
        assert any(o["label"] in texts[d] for d in o["documents"]), o
    shown = run(ledger, "entity", general["id"]).stdout
    line = next(x for x in shown.splitlines() if x.startswith("organisations:"))
    assert all(o["label"] in line and o["documents"][0] in line for o in e["organisations"])


def test_text_views_list_and_show(ledger: Path) -> None:
    listing = run(ledger, "entities", "--type", "person")
    assert listing.exit_code == 0 and "Farid Rahimi" in listing.stdout
    general = next(r for r in people(ledger, "Alexeyev"))
    shown = run(ledger, "entity", general["id"])
    assert shown.exit_code == 0
    assert "each report's entity (its mentions), and why it is here:" in shown.stdout
    assert "Lieutenant General" in shown.stdout
    assert run(ledger, "entity", "ent_000000000000").exit_code == 1  # not found
    assert run(ledger, "entities", "--name", "Nobody Atall").exit_code == 1


def test_manual_merge_and_split_persist_across_a_later_ingest(ledger: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(ledger, db)
    general = people(db, "Alexeyev")[0]["id"]
    hearing = next(d["document"] for d in view(db, general)["documents"]
                   if d["title"] == "Moscow court keeps shooting suspect in custody")
    split = as_json(run(db, "entities", "split", general, "--document", hearing,
                        "--note", "check: maybe another general", "--by", "tester", "--format", "json"))
    assert split["from"] == general
    coach = people(db, "Ivan Alekseev")[0]["id"]
    merged = run(db, "entities", "merge", general, coach, "--note", "test merge")
    assert merged.exit_code == 0 and f"into {general}" in merged.stdout
    later = run(db, "ingest", str(FIXTURES / "later" / "korba_trial_date.txt"), "--published", "2026-03-02")
    assert later.exit_code == 0, later.output
    g = view(db, general)
    titles = {d["title"] for d in g["documents"]}
    assert "Moscow court keeps shooting suspect in custody" not in titles  # the split holds
    assert "Yaroslavl coach attacked after derby match" in titles  # the merge holds
    assert "Trial date set for man accused of shooting GRU general" in titles  # new reports still join
    decisions = {(d["prop"], d["by"]) for d in g["manual_decisions"]}
    assert ("split", "tester") in decisions and any(p == "merged" for p, _ in decisions)
    assert view(db, coach)["id"] == general  # the merged id redirects
    assert as_json(run(db, "entity", coach, "--format", "json"))["redirects"][0]["to"] == general


def test_roles_over_time_with_their_reports(tmp_path: Path) -> None:
    """Two reports we wrote give one officer a role each, with its start: ``entity`` lists both in time
    order, each with the report that says so, in JSON and in text."""
    db = tmp_path / "roles.db"
    roles = ALL_FIXTURES / "roles"
    for name, published in (("vasilescu_promoted.txt", "2026-04-11"),
                            ("vasilescu_appointed.txt", "2018-05-07")):
        assert run(db, "ingest", str(roles / name), "--published", published).exit_code == 0
    officer = next(r for r in people(db, "Vasilescu"))
    e = view(db, officer["id"])
    assert [(r["since"], r["organization"]) for r in e["roles"]] == [
        ("2017", "Northern Border Directorate"), ("2021", "National Customs Agency")]
    published = {d["document"]: d["published"] for d in e["documents"]}
    assert [[d["published"] for d in r["reports"]] for r in e["roles"]] == [["2018-05-07"], ["2026-04-11"]]
    assert all(published[d["document"]] == d["published"] for r in e["roles"] for d in r["reports"])
    # the reports give no date for a rank: each with the earliest report giving it (a colonel, then a general)
    assert [(t["title"], t["as_of"]) for t in e["titles_over_time"]] == [
        ("Colonel", "2018-05-07"), ("General", "2026-04-11")]
    lines = run(db, "entity", officer["id"]).stdout.splitlines()
    assert "titles: Colonel (as of 2018-05-07); General (as of 2026-04-11)" in lines
    first = next(i for i, x in enumerate(lines) if "since 2017" in x and "Northern Border Directorate" in x)
    assert "since 2021" in lines[first + 1] and e["roles"][1]["reports"][0]["document"] in lines[first + 1]
