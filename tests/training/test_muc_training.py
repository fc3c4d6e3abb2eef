"""Training the MUC-4 role tagger: weak labels, the hold-out split, the classifier, the NER, readings."""

from __future__ import annotations

from pathlib import Path

from wireledger.nlp.muc_roles import IncidentClassifier, MucRoleTagger, RoleFiller, RoleSpan
from wireledger.nlp.truecase import Truecaser
from wireledger.training import muc_eval
from wireledger.training.muc_data import MucDoc, filler_alternatives, is_holdout, load_dev, weak_labels
from wireledger.training.muc_roles import train_classifier, train_ner
from wl_testing import require_shared

BOMB_TEXT = ("QUITO, 3 MAY 91 -- [TEXT] A BOMB EXPLODED AT THE CITY HALL OF\nAMBATO. THE ALFARO LIVES\n"
             "GROUP CLAIMED THE BOMB ATTACK. TWO GUARDS WERE HURT.")


def test_filler_alternatives() -> None:
    assert filler_alternatives('?"ALFARO LIVES" / "AVC"') == ["ALFARO LIVES", "AVC"]
    assert filler_alternatives('"MAYOR": "PEDRO LOPEZ"') == ["PEDRO LOPEZ"]
    assert filler_alternatives("-") == []


def test_weak_labels_find_every_occurrence_across_line_breaks() -> None:
    doc = MucDoc("X-1", BOMB_TEXT, [], fillers={"WEAPON": [["BOMB"]], "TARGET": [["CITY HALL OF AMBATO"]],
                                                "PERP_ORG": [["ALFARO LIVES GROUP", "ALFARO LIVES"]],
                                                "VICTIM": [["GUARDS"]]})
    got = [(BOMB_TEXT[s:e], label) for s, e, label in weak_labels(doc)]
    assert got == [("BOMB", "WEAPON"), ("CITY HALL OF\nAMBATO", "TARGET"),
                   ("ALFARO LIVES\nGROUP", "PERP_ORG"), ("BOMB", "WEAPON"), ("GUARDS", "VICTIM")]


def test_holdout_is_fixed_and_about_the_asked_share() -> None:
    ids = [f"DEV-{i:04d}" for i in range(2000)]
    held = [i for i in ids if is_holdout(i, 0.15)]
    assert held == [i for i in ids if is_holdout(i, 0.15)]
    assert 0.10 < len(held) / len(ids) < 0.20


def _docs() -> list[MucDoc]:
    bombing = "A BOMB EXPLODED AT THE BANK. THE BLAST DESTROYED THE BANK. DYNAMITE WAS USED."
    kidnap = "GUERRILLAS KIDNAPPED THE MAYOR. THE MAYOR WAS TAKEN AWAY BY THE KIDNAPPERS."
    budget = "THE ASSEMBLY APPROVED THE BUDGET. THE MINISTER PRAISED THE BUDGET VOTE."
    docs = []
    for i in range(4):
        docs.append(MucDoc(f"B{i}", bombing, [], {"WEAPON": [["BOMB"], ["DYNAMITE"]], "TARGET": [["BANK"]]},
                           "BOMBING"))
        docs.append(MucDoc(f"K{i}", kidnap, [], {"VICTIM": [["MAYOR"]], "PERP_IND": [["GUERRILLAS"]]},
                           "KIDNAPPING"))
        docs.append(MucDoc(f"N{i}", budget, [], {}, "NONE"))
    return docs


def test_classifier_learns_the_types(tmp_path: Path) -> None:
    clf = train_classifier(_docs(), Truecaser(), min_df=1, epochs=60, lr=0.05)
    path = tmp_path / "incident.json"
    clf.to_file(path)
    clf = IncidentClassifier.load(path)
    for text, expected in (("A BOMB WITH DYNAMITE HIT A BANK", "BOMBING"),
                           ("REBELS KIDNAPPED THE MAYOR", "KIDNAPPING"),
                           ("THE BUDGET WAS APPROVED", "NONE")):
        probs = clf.probabilities(text)
        assert max(probs, key=probs.__getitem__) == expected, (text, probs)


def test_ner_trains_saves_and_tags(tmp_path: Path) -> None:
    docs = _docs()
    nlp = train_ner([d for d in docs if d.fillers] * 3, Truecaser(), epochs=20, seed=1, width=32, depth=2,
                    log=lambda _msg: None)
    nlp.to_disk(tmp_path / "ner")
    clf = train_classifier(docs, Truecaser(), min_df=1, epochs=60, lr=0.05)
    clf.to_file(tmp_path / "incident.json")
    tagger = MucRoleTagger.load(tmp_path)
    text = "A BOMB EXPLODED AT THE BANK. THE BLAST DESTROYED THE BANK. DYNAMITE WAS USED."
    spans = tagger.tag(text)
    assert {"WEAPON", "TARGET"} <= {s.label for s in spans}
    assert all(text[s.start:s.end] == s.text for s in spans)


def test_readings_score_as_intended_with_the_reference_scorer() -> None:
    scorer = muc_eval.load_scorer(require_shared("eval", "score_muc.py"))
    name = "Farabundo Marti National Liberation Front"
    mentions = [RoleSpan("PERP_ORG", 10, 51, name), RoleSpan("PERP_ORG", 0, 4, "FMLN")]
    fillers = {"PERP_ORG": [RoleFiller("PERP_ORG", name, mentions)],
               "VICTIM": [RoleFiller("VICTIM", "peasants", [RoleSpan("VICTIM", 60, 68, "peasants")])],
               "TARGET": [RoleFiller("TARGET", "bridge", [RoleSpan("TARGET", 70, 76, "bridge")])],
               "WEAPON": [RoleFiller("WEAPON", "mortar", [RoleSpan("WEAPON", 80, 86, "mortar")])]}
    reading = muc_eval.reading_for("D1", "text", "bombing", fillers)
    predicted = scorer.predicted_fillers(reading)
    assert predicted["PerpOrg"] == [{"fmln", "farabundo marti national liberation front"}]
    assert predicted["Victim"] == [{"peasants"}] and predicted["Target"] == [{"bridge"}]
    assert predicted["Weapon"] == [{"mortar"}] and predicted["PerpInd"] == []
    assert muc_eval.reading_for("D2", "text", None, fillers)["events"] == []


def test_weak_labels_cover_most_dev_fillers() -> None:
    docs = load_dev(require_shared("data", "muc4", "dev.jsonl"))
    assert len(docs) == 1300
    entities = found = 0
    for d in docs:
        labelled = {d.text[s:e].upper().split().__str__() for s, e, _ in weak_labels(d)}
        for alts in (a for ents in d.fillers.values() for a in ents):
            entities += 1
            found += any(str(alt.upper().split()) in labelled for alt in alts)
    assert found / entities > 0.8, (found, entities)
