"""Wire: the main incident of international wire reports against their hand coding (``data/wire``).

A reading is joined to its gold line by ``document.source_id == id``. The main event of a reading is its
first event that is not background and has an attack type; an article without a reading or a main event
is wrong on every field.

Fields in the mean, each an accuracy over the articles whose gold has the field:

* type: the main event's type is one of the gold types;
* date: its date value equals the gold date (null only matches null);
* place: the country agrees (where the gold gives one) and a gold locality name equals, or is a close
  spelling variant of, a form of the location (city, name, detail, region and their comma parts, with
  words such as "district" or "province" dropped on both sides); articles whose gold names no locality
  are not scored;
* country: the location's country code equals the gold's (where the gold gives one);
* killed, wounded: equal counts, null only matching null.

Also measured, outside the mean: the attempt flag; date accuracy apart for printed and inferred
publication dates; named participants (perpetrators; victims or targets) matched once each by name;
participants that are things (a weapon, a number word, a vehicle as perpetrator); toll sources (the
origins of the main event's killed/wounded claims against the gold ``toll_source``); background incidents
matched one to one by type and date (or place); main events that took a background incident's count.

This is wireledger's own implementation of the measures of the reference scorer kept beside the data
(``score_wire.py``); a test checks that both agree.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..ingest.options import IngestOptions
from ..model.taxonomy import load_taxonomy

T = TypeVar("T")
U = TypeVar("U")

MEAN_FIELDS = ("type", "date", "place", "country", "killed", "wounded")
# attack types a background incident's type must equal exactly; the others agree with one another
DISTINCT_TYPES = frozenset({"bombing", "kidnapping", "hostage_taking", "hijacking", "arson",
                            "chemical_attack"})
# as the scorer reads the reports: wireledger read --id-field id --text-field text --title-field title
# --published-field published
WIRE_OPTIONS = IngestOptions(id_field="id", text_field="text", title_field="title",
                             published_field="published", url_field="url")

_PARTICLES = frozenset({"the", "of", "a", "an", "al", "el", "de", "la", "le", "du", "da"})
_PLACE_WORDS = _PARTICLES | {"city", "district", "province", "region", "state", "town", "village", "oblast",
                             "governorate", "county", "municipality", "department", "area"}
_VEHICLES = frozenset({"car", "cars", "vehicle", "vehicles", "truck", "trucks", "bus", "motorcycle", "pickup",
                       "van", "plane", "aircraft", "boat"})
_THINGS = frozenset({
    "bomb", "bombs", "explosive", "explosives", "device", "devices", "ied", "vest", "belt", "belts", "mine",
    "grenade", "rocket", "rockets", "missile", "missiles", "drone", "drones", "strike", "strikes", "shell",
    "shells", "gun", "guns", "rifle", "rifles", "pistol", "knife", "hammer", "weapon", "weapons",
    "ammunition", "bullet", "bullets", "fire", "blast", "explosion", "attack", "attacks", "control",
    "range", "latest", "tens", "dozens", "hundreds", "thousands", "scores", "moment", "time", "day",
    "night", "morning", "week",
})
_FOLDED = str.maketrans({"ı": "i", "İ": "I", "ø": "o", "ł": "l"})


def attack_type_set() -> frozenset[str]:
    """The attack types of the reading contract: the taxonomy's "attack" category."""
    return load_taxonomy().attack_types


# -- names and places ---------------------------------------------------------------------------------
def normalise(value: Any) -> str:
    """ASCII lower case; apostrophes and dots dropped; other punctuation a space."""
    s = str(value or "").translate(_FOLDED)
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[.'’`]", "", s)
    s = re.sub(r"[^\w\s]|_", " ", s)
    return " ".join(s.split())


def name_tokens(value: Any, drop: frozenset[str] = _PARTICLES) -> list[str]:
    return [t for t in normalise(value).split() if t not in drop]


def place_forms(values: Iterable[Any]) -> set[str]:
    """Each value and each of its comma parts, normalised, without particles and words like "district"."""
    out: set[str] = set()
    for v in values:
        if not v:
            continue
        for part in [v, *str(v).split(",")]:
            toks = name_tokens(part, _PLACE_WORDS)
            if toks:
                out.add(" ".join(toks))
    return out


def close(a: str, b: str, ratio: float = 0.85) -> bool:
    """Equal, or spelling variants of four letters or more (Khan Younis / Khan Yunis)."""
    return a == b or (len(a) >= 4 and len(b) >= 4 and difflib.SequenceMatcher(None, a, b).ratio() >= ratio)


def names_match(gold: str, pred: str) -> bool:
    """The tokens of one are among the other's, or the last tokens agree (or nearly) and the first share
    an initial (or one name is a single token)."""
    gt, pt = name_tokens(gold), name_tokens(pred)
    if not gt or not pt:
        return False
    if set(gt) <= set(pt) or set(pt) <= set(gt):
        return True
    last = gt[-1] == pt[-1] or (len(gt[-1]) >= 5 and len(pt[-1]) >= 5 and close(gt[-1], pt[-1]))
    return last and (len(gt) == 1 or len(pt) == 1 or gt[0][0] == pt[0][0])


def _location_forms(location: dict[str, Any]) -> set[str]:
    return place_forms(location.get(k) for k in ("city", "name", "detail", "region"))


# -- events ---------------------------------------------------------------------------------------------
def main_event(reading: dict[str, Any] | None, attacks: frozenset[str]) -> dict[str, Any] | None:
    for e in (reading or {}).get("events", []):
        if not e.get("background") and e.get("type") in attacks:
            return dict(e)
    return None


def date_agrees(pred: Any, gold: Any) -> bool:
    """At the gold's precision: one date is a prefix of the other."""
    if not pred or not gold:
        return False
    p, g = str(pred), str(gold)
    return p.startswith(g) or g.startswith(p)


def types_agree(pred: Any, gold: Any, attacks: frozenset[str]) -> bool:
    if pred not in attacks:
        return False
    if not gold:
        return True
    return bool(pred == gold or (gold not in DISTINCT_TYPES and pred not in DISTINCT_TYPES))


def match_once(golds: Sequence[T], preds: Sequence[U], ok: Callable[[T, U], bool]) -> int:
    """Greedy one-to-one matching in gold order: the number of matched pairs."""
    used: set[int] = set()
    n = 0
    for g in golds:
        for i, p in enumerate(preds):
            if i not in used and ok(g, p):
                used.add(i)
                n += 1
                break
    return n


def prf(match: int, gold: int, pred: int) -> dict[str, float | int]:
    p = match / pred if pred else 0.0
    r = match / gold if gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "gold": gold, "pred": pred, "match": match}


# -- scoring ----------------------------------------------------------------------------------------------
@dataclass
class _Tally:
    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MEAN_FIELDS, 0))
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MEAN_FIELDS, 0))
    participants: list[int] = field(default_factory=lambda: [0, 0, 0])  # gold, predicted, matched
    toll: list[int] = field(default_factory=lambda: [0, 0, 0])
    background: list[int] = field(default_factory=lambda: [0, 0, 0])
    things: int = 0
    attempt: list[int] = field(default_factory=lambda: [0, 0])  # right, scored
    date_by: dict[str, list[int]] = field(default_factory=lambda: {"printed": [0, 0], "inferred": [0, 0]})
    took: int = 0
    errors: list[tuple[str, str, Any, Any]] = field(default_factory=list)


def field_checks(gold: dict[str, Any], m: dict[str, Any] | None) -> dict[str, bool]:
    """The mean's fields this article is scored on, right or wrong."""
    loc = (m or {}).get("location") or {}
    checks = {"type": bool(m) and (m or {}).get("type") in set(gold.get("type") or []),
              "date": bool(m) and (((m or {}).get("date") or {}).get("value") == gold.get("date"))}
    country = (gold.get("place") or {}).get("country")
    country_ok = bool(m) and (loc.get("country") or "").upper() == (country or "").upper()
    names = (gold.get("place") or {}).get("names") or []
    if names:
        predicted, wanted = _location_forms(loc), place_forms(names)
        checks["place"] = (bool(m) and (country_ok or not country)
                           and any(close(a, b) for a in wanted for b in predicted))
    if country:
        checks["country"] = country_ok
    for f in ("killed", "wounded"):
        checks[f] = bool(m) and (m or {}).get(f) == gold.get(f)
    return checks


def _score_article(t: _Tally, gid: str, line: dict[str, Any], r: dict[str, Any] | None,
                   attacks: frozenset[str], show_errors: bool) -> None:
    gold = line["gold"]
    m = main_event(r, attacks) if r else None
    checks = field_checks(gold, m)
    for f, ok in checks.items():
        t.counts[f] += 1
        t.hits[f] += int(ok)
        if not ok and show_errors:
            t.errors.append((gid, f, gold_value(gold, f), predicted_value(m, f)))
    which = "inferred" if line.get("published_inferred") else "printed"
    t.date_by[which][1] += 1
    t.date_by[which][0] += int(checks["date"])
    t.attempt[1] += 1
    t.attempt[0] += int(bool(m) and bool((m or {}).get("attempt")) == bool(gold.get("attempt")))
    _score_participants(t, gold, m)
    _score_toll(t, gold, m, r)
    _score_background(t, gold, m, r, attacks)


def _score_participants(t: _Tally, gold: dict[str, Any], m: dict[str, Any] | None) -> None:
    gold_p = [(n, {"perpetrator"}) for n in gold.get("perpetrators") or []]
    gold_p += [(n, {"victim", "target"}) for n in gold.get("victims") or []]
    parts = (m or {}).get("participants", [])
    pred_p = [(p.get("name") or "", p.get("role")) for p in parts
              if p.get("role") in {"perpetrator", "victim", "target"} and p.get("entity")]
    t.participants[0] += len(gold_p)
    t.participants[1] += len(pred_p)
    t.participants[2] += match_once(gold_p, pred_p, lambda g, p: p[1] in g[1] and names_match(g[0], p[0]))
    for p in parts:
        last = (name_tokens(p.get("name") or "") or [""])[-1]
        t.things += int(last in _THINGS or (last in _VEHICLES and p.get("role") == "perpetrator"))


def _score_toll(t: _Tally, gold: dict[str, Any], m: dict[str, Any] | None, r: dict[str, Any] | None) -> None:
    sources = gold.get("toll_source") or []
    origins: list[str] = []
    for c in (r or {}).get("claims", []):
        chain = c.get("attribution") or []
        if (m and c.get("event") == m.get("id") and c.get("predicate") in ("killed", "wounded")
                and chain and chain[0] and chain[0] != "(outlet)" and chain[0] not in origins):
            origins.append(chain[0])
    if sources or origins:
        t.toll[0] += len(sources)
        t.toll[1] += len(origins)
        t.toll[2] += match_once(sources, origins, names_match)


def _score_background(t: _Tally, gold: dict[str, Any], m: dict[str, Any] | None, r: dict[str, Any] | None,
                      attacks: frozenset[str]) -> None:
    gold_bg = gold.get("background") or []
    pred_bg = [e for e in (r or {}).get("events", []) if e.get("background") and e.get("type") in attacks]

    def agrees(b: dict[str, Any], e: dict[str, Any]) -> bool:
        if not types_agree(e.get("type"), b.get("type"), attacks):
            return False
        if b.get("date"):
            return date_agrees((e.get("date") or {}).get("value"), b["date"])
        if b.get("place"):
            predicted = _location_forms(e.get("location") or {})
            return any(close(a, c) or a in c or c in a for a in place_forms([b["place"]]) for c in predicted)
        return True

    t.background[0] += len(gold_bg)
    t.background[1] += len(pred_bg)
    t.background[2] += match_once(gold_bg, pred_bg, agrees)
    for f in ("killed", "wounded"):
        v = (m or {}).get(f)
        if v and v != gold.get(f) and any(b.get(f) == v for b in gold_bg):
            t.took += 1
            break


def score(readings: dict[str, dict[str, Any]], golds: dict[str, dict[str, Any]],
          show_errors: bool = False) -> dict[str, Any]:
    """The measures of ``readings`` (by source id) against the gold lines (by id)."""
    attacks = attack_type_set()
    t = _Tally()
    for gid, line in golds.items():
        _score_article(t, gid, line, readings.get(gid), attacks, show_errors)
    acc = {f: t.hits[f] / t.counts[f] if t.counts[f] else 0.0 for f in MEAN_FIELDS}

    def share(pair: list[int]) -> float | None:
        return pair[0] / pair[1] if pair[1] else None

    result: dict[str, Any] = {
        "articles": len(golds),
        "predicted": sum(1 for k in golds if k in readings),
        "accuracy": acc,
        "scored": dict(t.counts),
        "mean": sum(acc.values()) / len(acc),
        "attempt": t.attempt[0] / t.attempt[1] if t.attempt[1] else 0.0,
        "date_printed": share(t.date_by["printed"]),
        "date_inferred": share(t.date_by["inferred"]),
        "participants": prf(t.participants[2], t.participants[0], t.participants[1]),
        "things_as_participants": t.things,
        "toll_sources": prf(t.toll[2], t.toll[0], t.toll[1]),
        "background": prf(t.background[2], t.background[0], t.background[1]),
        "main_took_other_count": t.took,
    }
    if show_errors:
        result["errors"] = [list(e) for e in t.errors]
    return result


def gold_value(gold: dict[str, Any], f: str) -> Any:
    if f == "place":
        return (gold.get("place") or {}).get("names")
    if f == "country":
        return (gold.get("place") or {}).get("country")
    return gold.get(f)


def predicted_value(m: dict[str, Any] | None, f: str) -> Any:
    if not m:
        return "(no main event)"
    loc = m.get("location") or {}
    values = {"type": m.get("type"), "date": (m.get("date") or {}).get("value"),
              "place": [loc.get("city"), loc.get("name"), loc.get("detail"), loc.get("country")],
              "country": loc.get("country"), "killed": m.get("killed"), "wounded": m.get("wounded")}
    return values[f]


def format_result(res: dict[str, Any]) -> str:
    """The report, line for line as the reference scorer prints it."""
    lines = [f"wire reports: {res['articles']} gold, {res['predicted']} predicted"]
    lines += [f"  {f:8s} {res['accuracy'][f]:.3f}  ({res['scored'][f]} scored)" for f in MEAN_FIELDS]

    def fmt(v: float | None) -> str:
        return "-" if v is None else f"{v:.3f}"

    lines.append(f"attempt {res['attempt']:.3f}; date where the page printed its date "
                 f"{fmt(res['date_printed'])}, where it was inferred {fmt(res['date_inferred'])}")
    for key, label in (("participants", "named participants"), ("toll_sources", "toll sources"),
                       ("background", "background incidents")):
        x = res[key]
        lines.append(f"{label}: P {x['precision']:.3f} R {x['recall']:.3f} F1 {x['f1']:.3f} "
                     f"(gold {x['gold']}, predicted {x['pred']}, matched {x['match']})")
    lines.append(f"things as participants: {res['things_as_participants']}; "
                 f"main events that took another incident's count: {res['main_took_other_count']}")
    for e in res.get("errors", []):
        lines.append(f"  {e[0]} {e[1]}: gold {e[2]!r} predicted {e[3]!r}")
    lines.append(f"Wire mean accuracy = {res['mean']:.3f}")
    return "\n".join(lines)


# -- files --------------------------------------------------------------------------------------------------
def read_jsonl(paths: Iterable[Path]) -> Iterator[dict[str, Any]]:
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)


def load_gold(paths: Iterable[Path]) -> dict[str, dict[str, Any]]:
    """Gold lines by id (a later file's line replaces an earlier one of the same id)."""
    return {str(d["id"]): d for d in read_jsonl(paths)}


def by_source_id(readings: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Readings keyed as the scorer joins them: by ``document.source_id``."""
    return {str((r.get("document") or {}).get("source_id")): r for r in readings}
