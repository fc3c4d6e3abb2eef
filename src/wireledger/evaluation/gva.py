"""Gun Violence Archive: the main incident of US local news reports against the Archive's records.

An article is scored when it has text and its incident is in the records (one score per article id;
an article listed under several incidents is scored against the one its reading matches best). The main
event of a reading is its first non-background attack event, an armed assault or assassination first.

Fields, each an accuracy over the scored articles:

* date: the event date equals the incident date to the day;
* city: the location's city, name or the first comma part of its name equals the record's
  ``city_or_county`` after normalising (lower case, no punctuation, saint/fort/mount abbreviated); a
  record "X (Y)" accepts X and Y, "X County" and "X (county)" accept X too;
* state: the location's region is the state's name, postal code or AP abbreviation;
* killed, wounded: exact counts (null is wrong, or read as 0 with ``null_as_zero``: the Archive codes
  "none reported" as 0, while the reader leaves a count the text does not give unknown);
* victim-name recall: the surnames of the record's named victims found among the main event's victims
  and targets.

The mean accuracy is the mean of date, city, killed and wounded. This is wireledger's own implementation
of the measures of the reference scorer kept beside the data (``score_gva.py``); a test checks that both
agree.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..ingest.jsonl import record_document
from ..ingest.options import IngestOptions
from ..model import Document, load_taxonomy

PREFERRED = ("armed_assault", "assassination")
FIELDS = ("date", "city", "state", "killed", "wounded")
MEAN_FIELDS = ("date", "city", "killed", "wounded")
GVA_OPTIONS = IngestOptions(
    id_field="doc_id",
    text_field="content",
    title_field="title",
    published_field="dct",
    url_field="original_url",
)

# name: (postal code, AP style abbreviation)
US_STATES: dict[str, tuple[str, str]] = {
    "Alabama": ("AL", "Ala."),
    "Alaska": ("AK", "Alaska"),
    "Arizona": ("AZ", "Ariz."),
    "Arkansas": ("AR", "Ark."),
    "California": ("CA", "Calif."),
    "Colorado": ("CO", "Colo."),
    "Connecticut": ("CT", "Conn."),
    "Delaware": ("DE", "Del."),
    "District of Columbia": ("DC", "D.C."),
    "Florida": ("FL", "Fla."),
    "Georgia": ("GA", "Ga."),
    "Hawaii": ("HI", "Hawaii"),
    "Idaho": ("ID", "Idaho"),
    "Illinois": ("IL", "Ill."),
    "Indiana": ("IN", "Ind."),
    "Iowa": ("IA", "Iowa"),
    "Kansas": ("KS", "Kan."),
    "Kentucky": ("KY", "Ky."),
    "Louisiana": ("LA", "La."),
    "Maine": ("ME", "Maine"),
    "Maryland": ("MD", "Md."),
    "Massachusetts": ("MA", "Mass."),
    "Michigan": ("MI", "Mich."),
    "Minnesota": ("MN", "Minn."),
    "Mississippi": ("MS", "Miss."),
    "Missouri": ("MO", "Mo."),
    "Montana": ("MT", "Mont."),
    "Nebraska": ("NE", "Neb."),
    "Nevada": ("NV", "Nev."),
    "New Hampshire": ("NH", "N.H."),
    "New Jersey": ("NJ", "N.J."),
    "New Mexico": ("NM", "N.M."),
    "New York": ("NY", "N.Y."),
    "North Carolina": ("NC", "N.C."),
    "North Dakota": ("ND", "N.D."),
    "Ohio": ("OH", "Ohio"),
    "Oklahoma": ("OK", "Okla."),
    "Oregon": ("OR", "Ore."),
    "Pennsylvania": ("PA", "Pa."),
    "Rhode Island": ("RI", "R.I."),
    "South Carolina": ("SC", "S.C."),
    "South Dakota": ("SD", "S.D."),
    "Tennessee": ("TN", "Tenn."),
    "Texas": ("TX", "Texas"),
    "Utah": ("UT", "Utah"),
    "Vermont": ("VT", "Vt."),
    "Virginia": ("VA", "Va."),
    "Washington": ("WA", "Wash."),
    "West Virginia": ("WV", "W.Va."),
    "Wisconsin": ("WI", "Wis."),
    "Wyoming": ("WY", "Wyo."),
    "Puerto Rico": ("PR", "P.R."),
}
_ABBREVIATED = {"saint": "st", "fort": "ft", "mount": "mt"}
_ADMIN_SUFFIX = re.compile(r"\s+(?:county|parish|borough|township)$")
_NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def normalise_place(name: str | None) -> str:
    """Lower case, apostrophes and dots dropped, other punctuation to spaces, saint/fort/mount short."""
    s = re.sub(r"[.'’]", "", (name or "").lower())
    s = re.sub(r"[^\w\s]|_", " ", s)
    return " ".join(_ABBREVIATED.get(w, w) for w in s.split())


def accepted_cities(city_or_county: str | None) -> set[str]:
    """Normalised names a reading may give for the record's ``city_or_county``."""
    raw = city_or_county or ""
    m = re.match(r"^(.*?)\s*\((.*)\)\s*$", raw)
    if m and m.group(2).strip().lower() == "county":
        names = [m.group(1) + " County", m.group(1)]
    elif m:
        names = [m.group(1), m.group(2)]
    else:
        names = [raw]
    out: set[str] = set()
    for n in names:
        k = normalise_place(n)
        if k:
            out.update({k, _ADMIN_SUFFIX.sub("", k)})
    return out


def accepted_states(state: str | None) -> set[str]:
    codes = US_STATES.get(state or "", ())
    return {normalise_place(x) for x in (state, *codes) if x}


def surname(name: str | None) -> str | None:
    words = [w for w in re.sub(r"[^\w\s]", " ", (name or "").lower()).split() if w not in _NAME_SUFFIXES]
    return words[-1] if words else None


def main_event(reading: dict[str, Any] | None) -> dict[str, Any] | None:
    events = [
        e
        for e in (reading or {}).get("events") or []
        if e.get("background") is not True and e.get("type") in load_taxonomy().attack_types
    ]
    preferred = [e for e in events if e.get("type") in PREFERRED]
    chosen: dict[str, Any] | None = (preferred or events or [None])[0]
    return chosen


@dataclass
class ArticleScore:
    fields: dict[str, bool] = field(default_factory=dict)
    victims_gold: int = 0
    victims_found: int = 0
    has_event: bool = False

    def key(self) -> tuple[int, int]:
        return sum(self.fields.values()), self.victims_found


def score_article(
    reading: dict[str, Any] | None, incident: dict[str, Any], null_as_zero: bool = False
) -> ArticleScore:
    res = ArticleScore(fields={f: False for f in FIELDS})
    gold_names = [
        surname(p.get("Name"))
        for p in incident.get("participants") or []
        if (p.get("Type") or "").strip() == "Victim" and (p.get("Name") or "").strip()
    ]
    names = [n for n in gold_names if n]
    res.victims_gold = len(names)
    ev = main_event(reading)
    if ev is None:
        return res
    res.has_event = True
    gold_date = datetime.strptime(incident["date"].strip(), "%B %d, %Y").date().isoformat()
    res.fields["date"] = ((ev.get("date") or {}).get("value") or "") == gold_date
    loc = ev.get("location") or {}
    loc_name = loc.get("name") or ""
    cands = {normalise_place(x) for x in (loc.get("city"), loc_name, loc_name.split(",")[0]) if x}
    res.fields["city"] = bool(cands & accepted_cities(incident.get("city_or_county")))
    res.fields["state"] = normalise_place(loc.get("region")) in accepted_states(incident.get("state"))
    for name, gold in (("killed", incident.get("num_killed")), ("wounded", incident.get("num_injured"))):
        value = ev.get(name)
        if value is None and null_as_zero:
            value = 0
        res.fields[name] = value is not None and value == gold
    entity_names = {e.get("id"): e.get("name") for e in (reading or {}).get("entities") or []}
    found: Counter[str] = Counter()
    for p in ev.get("participants") or []:
        if p.get("role") in ("victim", "target"):
            s = surname(p.get("name") or entity_names.get(p.get("entity")))
            if s:
                found[s] += 1
    for n in names:
        if found[n] > 0:
            found[n] -= 1
            res.victims_found += 1
    return res


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def scored_articles(
    articles: Path, incidents: Path, first: int | None = None, offset: int = 0
) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The articles to score, in file order, each with all its ``incident_ids``; and the records."""
    records = {r["incident_id"]: r for r in read_jsonl(incidents)}
    out: list[dict[str, Any]] = []
    by_id: dict[str, dict[str, Any]] = {}
    for a in read_jsonl(articles):
        if not (a.get("content") or "").strip() or a.get("incident_id") not in records:
            continue
        if a["doc_id"] in by_id:
            by_id[a["doc_id"]]["incident_ids"].append(a["incident_id"])
            continue
        a = dict(a, incident_ids=[a["incident_id"]])
        by_id[a["doc_id"]] = a
        out.append(a)
    out = out[offset:]
    if first:
        out = out[:first]
    return out, records


def score(
    readings: dict[str, dict[str, Any]],
    articles: list[dict[str, Any]],
    records: dict[str, dict[str, Any]],
    null_as_zero: bool = False,
) -> dict[str, Any]:
    per: list[ArticleScore] = []
    for a in articles:
        options = [
            score_article(readings.get(a["doc_id"]), records[i], null_as_zero) for i in a["incident_ids"]
        ]
        per.append(max(options, key=ArticleScore.key))
    n = len(per)
    result: dict[str, Any] = {
        "articles": n,
        "multi_incident_articles": sum(len(a["incident_ids"]) > 1 for a in articles),
        "with_prediction": sum(a["doc_id"] in readings for a in articles),
        "with_main_event": sum(r.has_event for r in per),
    }
    for f in FIELDS:
        result[f] = sum(r.fields[f] for r in per) / n if n else 0.0
    gold = sum(r.victims_gold for r in per)
    result["victim_names_gold"] = gold
    result["victim_name_recall"] = sum(r.victims_found for r in per) / gold if gold else 0.0
    result["mean_accuracy"] = sum(result[f] for f in MEAN_FIELDS) / len(MEAN_FIELDS)
    return result


def article_document(article: dict[str, Any], where: str = "gva") -> Document:
    """The Document of one GVA article (its ``doc_id`` is the input id readings are joined on), read as
    published: its headline, then its body (see ``record_document``)."""
    record = {
        k: article.get(k) for k in ("doc_id", "content", "title", "dct", "original_url", "outlet_domain")
    }
    record["outlet"] = article.get("outlet_domain")
    return record_document(record, where, 0, where, GVA_OPTIONS, None)


def documents(articles: Iterable[dict[str, Any]]) -> Iterator[Document]:
    for n, a in enumerate(articles, 1):
        yield article_document(a, f"gva:{n}")


def format_result(res: dict[str, Any]) -> str:
    lines = [
        f"GVA: {res['articles']} articles scored (non-empty content, known incident); "
        f"{res['with_prediction']} with a reading, {res['with_main_event']} with a main event"
    ]
    lines += [f"  {f:<8} accuracy {res[f]:.3f}" for f in FIELDS]
    lines.append(
        f"  victim-name recall {res['victim_name_recall']:.3f} over {res['victim_names_gold']} named victims"
    )
    lines.append(f"GVA mean accuracy = {res['mean_accuracy']:.3f}")
    return "\n".join(lines)


DEFAULT_DIR = Path("..") / "shared" / "data" / "gva"


@dataclass
class GvaRun:
    """The result of reading and scoring GVA articles."""

    scores: dict[str, Any]
    readings: dict[str, dict[str, Any]]
    failures: list[str]
    seconds: float


def run_gva(
    settings: Any,
    data_dir: Path = DEFAULT_DIR,
    first: int | None = 1000,
    offset: int = 0,
    processes: int = 1,
    batch_size: int = 32,
    null_as_zero: bool = False,
) -> GvaRun:
    """Read the first ``first`` scorable articles (after skipping ``offset``) and score their readings;
    ``null_as_zero``: a count the reading leaves null is compared as 0 (as ``score_gva.py --null-as-zero``:
    the records code "none reported" as 0)."""
    import time

    from ..errors import Problem
    from ..nlp.pipeline import Pipeline

    started = time.perf_counter()
    arts, records = scored_articles(data_dir / "articles.jsonl", data_dir / "incidents.jsonl", first, offset)
    pipeline = Pipeline(settings)
    readings: dict[str, dict[str, Any]] = {}
    failures: list[str] = []
    for item in pipeline.pipe(documents(arts), processes=processes, batch_size=batch_size):
        if isinstance(item, Problem):
            failures.append(str(item))
            continue
        d = item.to_dict()
        readings[str(d["document"]["id"])] = d
    return GvaRun(score(readings, arts, records, null_as_zero), readings, failures,
                  time.perf_counter() - started)
