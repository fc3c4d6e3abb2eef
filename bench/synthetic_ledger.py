"""Realistic synthetic ledgers: incidents, their reports and the people in them, drawn from the real data.

    PYTHONPATH=src .venv/bin/python bench/synthetic_ledger.py --events 100000 --db /tmp/wl/100k.db
    PYTHONPATH=src .venv/bin/python bench/synthetic_ledger.py --events 100000 \
        --db postgresql://postgres@127.0.0.1:5432/wl_bench_100k

The distributions are read by path at generation time and kept in memory as frequency tables only (the
data is third-party text; nothing of it is written to the repository):

- GVA incidents (``../shared/data/gva/incidents.jsonl``): city and state, the day of the year, the
  (killed, wounded) pair, how many participants are named, their role (victim or suspect) and the shape
  of each name (how many words, middle names, initials, suffixes), first names and surnames;
- GVA articles (``articles.jsonl``): reports per incident, outlets, and the words of the articles (a
  unigram table that fills the report texts, so full-text search meets real term frequencies);
- the wire set (``../shared/data/wire/dev.jsonl``): the international share of incidents, with their
  event types, countries and localities, victims and perpetrators.

An "event" is one report's event (a row of ``incident_mentions``); every report tells one event, so a
ledger of N events holds N documents and N / 1.8 incidents (the GVA mean of reports per incident). Each
incident is built by the real code: the reports become ``Reading`` objects, ``build_profiles`` and
``index_keys`` give the merger's profiles and blocking keys, ``build_record(...).summary()`` the
incident row, ``stored_person_keys`` its people; the people become ledger entities with
``EntityProfile.of`` and ``blocking_keys`` (one member per report naming them; some suspects come back
in later incidents). The same seed gives the same rows whatever the backend; the writers are in
``bench/ledger_writers.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from wireledger.merge.blocking import index_keys
from wireledger.merge.profile import build_profiles
from wireledger.merge.record import build_record
from wireledger.merge.timeline import affiliation_key, stored_person_keys
from wireledger.model import DateValue, Document, Entity, Event, Location, Participant, Reading
from wireledger.resolve.identity import EntityProfile
from wireledger.resolve.identity_members import Member, blocking_keys, name_key

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
STAMP = "2026-12-07T12:00:00Z"  # every created/ingested time: the rows do not depend on the clock
SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
STREET_KINDS = ["Street", "Avenue", "Road", "Drive", "Lane", "Boulevard", "Court", "Place"]
WHAT = {"armed_assault": ["was shot", "was wounded by gunfire", "was shot several times"],
        "killed": ["was killed in a shooting", "was shot dead", "died after being shot"]}
WHO = ["police said", "a police spokesman said", "officers said", "the sheriff's office said",
       "according to investigators"]


class Table:
    """A frequency table to draw from: values and their cumulative weights."""

    def __init__(self, counts: Counter[Any]) -> None:
        items = sorted(counts.items(), key=lambda kv: (-kv[1], repr(kv[0])))
        self.values = [v for v, _ in items]
        self.weights = [float(n) for _, n in items]
        self._cum: list[float] = []
        total = 0.0
        for w in self.weights:
            total += w
            self._cum.append(total)

    def draw(self, rng: random.Random) -> Any:
        return rng.choices(self.values, cum_weights=self._cum)[0]

    def draw_many(self, rng: random.Random, k: int) -> list[Any]:
        return rng.choices(self.values, cum_weights=self._cum, k=k)

    def __len__(self) -> int:
        return len(self.values)


@dataclass
class Distributions:
    """What the generator draws from, as counts derived from the real data (see the module docstring)."""

    places: Table  # (city, state, lat, lon)
    day_of_year: Table  # (month, day)
    casualties: Table  # (killed, wounded)
    named: Table  # how many participants an incident names
    roles: Table  # victim | perpetrator
    shapes: Table  # a name's shape: tuple of G (given), I (initial), S (surname), X (suffix)
    given: Table
    surnames: Table
    suffixes: Table
    reports: Table  # reports per incident
    outlets: Table
    words: Table  # the words of the articles
    text_words: Table  # words in a report's filler text (a fifth of the real article)
    wire_types: Table
    wire_places: Table  # (locality, country)
    wire_names: Table  # named victims and perpetrators of the wire set
    international: float  # share of incidents drawn from the wire set
    summary: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_shared(cls, shared: Path = SHARED, international: float = 0.1) -> Distributions:
        gva = shared / "gva"
        latlong = json.loads((gva / "incident_latlong.json").read_text())
        places: Counter[Any] = Counter()
        coords: dict[tuple[str, str], tuple[float, float]] = {}
        days: Counter[Any] = Counter()
        casualties: Counter[Any] = Counter()
        named: Counter[int] = Counter()
        roles: Counter[str] = Counter()
        shapes: Counter[Any] = Counter()
        given: Counter[str] = Counter()
        surnames: Counter[str] = Counter()
        suffixes: Counter[str] = Counter()
        for line in (gva / "incidents.jsonl").open(encoding="utf-8"):
            inc = json.loads(line)
            city, state = (inc.get("city_or_county") or "").strip(), (inc.get("state") or "").strip()
            if city and state:
                places[(city, state)] += 1
                if inc["incident_id"] in latlong:
                    coords.setdefault((city, state), tuple(latlong[inc["incident_id"]]))  # type: ignore[arg-type]
            try:
                d = _parse_gva_date(inc["date"])
                days[(d.month, d.day)] += 1
            except ValueError:
                pass
            casualties[(int(inc.get("num_killed") or 0), int(inc.get("num_injured") or 0))] += 1
            people = [p for p in inc.get("participants") or [] if (p.get("Name") or "").strip()]
            named[min(len(people), 6)] += 1
            for p in people:
                roles["perpetrator" if "Suspect" in (p.get("Type") or "") else "victim"] += 1
                shape, parts = _shape(p["Name"].split())
                shapes[shape] += 1
                for kind, word in zip(shape, parts, strict=True):
                    if kind == "G":
                        given[word] += 1
                    elif kind == "S":
                        surnames[word] += 1
                    elif kind == "X":
                        suffixes[word] += 1
        per_incident: Counter[str] = Counter()
        outlets: Counter[str] = Counter()
        words: Counter[str] = Counter()
        lengths: Counter[int] = Counter()
        for line in (gva / "articles.jsonl").open(encoding="utf-8"):
            art = json.loads(line)
            per_incident[art["incident_id"]] += 1
            outlets[art.get("outlet_domain") or "unknown"] += 1
            tokens = re.findall(r"[A-Za-z][A-Za-z'\-]*", art.get("content") or "")
            words.update(tokens)
            lengths[max(20, len(tokens) // 5 // 10 * 10)] += 1
        wire_types: Counter[str] = Counter()
        wire_places: Counter[Any] = Counter()
        wire_names: Counter[str] = Counter()
        for line in (shared / "wire" / "dev.jsonl").open(encoding="utf-8"):
            gold = json.loads(line)["gold"]
            wire_types[gold["type"][0]] += 1
            names, country = gold["place"]["names"], gold["place"]["country"]
            if names and country:
                wire_places[(names[0], country)] += 1
            wire_names.update(n for n in gold.get("victims", []) + gold.get("perpetrators", []) if n)
        reports = Counter(per_incident.values())
        # the 5,000 commonest words: enough for search to meet common and rare terms alike
        words = Counter(dict(words.most_common(5000)))
        places_c = Counter({(c, s, *coords.get((c, s), (None, None))): n for (c, s), n in places.items()})
        out = cls(Table(places_c), Table(days), Table(casualties), Table(named), Table(roles), Table(shapes),
                  Table(given), Table(surnames), Table(suffixes or Counter({"Jr.": 1})), Table(reports),
                  Table(outlets), Table(words), Table(lengths), Table(wire_types), Table(wire_places),
                  Table(wire_names), international)
        mean_reports = sum(k * n for k, n in reports.items()) / sum(reports.values())
        out.summary = {"places": len(places), "given": len(given), "surnames": len(surnames),
                       "outlets": len(outlets), "mean_reports": round(mean_reports, 2),
                       "wire_places": len(wire_places)}
        return out


def _parse_gva_date(text: str) -> date:
    from datetime import datetime

    return datetime.strptime(text.strip(), "%B %d, %Y").date()


def _shape(parts: list[str]) -> tuple[tuple[str, ...], list[str]]:
    """A name's shape: G given name(s), I an initial, S the surname, X a suffix."""
    parts = [p.strip(",") for p in parts if p.strip(",")]
    kinds: list[str] = []
    for i, p in enumerate(parts):
        if p.lower() in SUFFIXES and i > 0:
            kinds.append("X")
        elif len(p.rstrip(".")) == 1:
            kinds.append("I")
        else:
            kinds.append("G")
    # the last non-suffix word is the surname
    for i in range(len(kinds) - 1, -1, -1):
        if kinds[i] != "X":
            kinds[i] = "S"
            break
    return tuple(kinds), parts


def _digest(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()


# --- the rows of one incident ---------------------------------------------------------------------------

@dataclass
class Rows:
    """Rows for each table, in the column order of the migrations (see ``ledger_writers.COLUMNS``)."""

    documents: list[tuple[Any, ...]] = field(default_factory=list)
    source_ids: list[tuple[Any, ...]] = field(default_factory=list)
    readings: list[tuple[Any, ...]] = field(default_factory=list)
    incident_mentions: list[tuple[Any, ...]] = field(default_factory=list)
    incident_block_keys: list[tuple[Any, ...]] = field(default_factory=list)
    incidents: list[tuple[Any, ...]] = field(default_factory=list)
    incident_people: list[tuple[Any, ...]] = field(default_factory=list)
    incident_documents: list[tuple[Any, ...]] = field(default_factory=list)
    ledger_entities: list[tuple[Any, ...]] = field(default_factory=list)
    entity_members: list[tuple[Any, ...]] = field(default_factory=list)
    entity_keys: list[tuple[Any, ...]] = field(default_factory=list)
    entity_decisions: list[tuple[Any, ...]] = field(default_factory=list)
    entity_documents: list[tuple[Any, ...]] = field(default_factory=list)
    sample: list[tuple[str, str, str]] = field(default_factory=list)  # (name, incident, entity) to query

    def tables(self) -> dict[str, list[tuple[Any, ...]]]:
        return {k: v for k, v in self.__dict__.items() if isinstance(v, list) and k != "sample"}


@dataclass
class _Person:
    name: str
    role: str
    entity: str  # ledger entity id
    type: str = "person"  # person | group
    members: list[Member] = field(default_factory=list)


class LedgerGenerator:
    """Chunks of incidents, ready to bulk-insert. Chunk ``i`` depends only on (seed, i, size), so chunks can
    be made in parallel and the same seed gives the same rows whatever the backend."""

    def __init__(self, dist: Distributions, seed: int = 13, start: date = date(2016, 1, 1),
                 years: int = 10) -> None:
        self.dist = dist
        self.seed = seed
        self.start, self.years = start, years

    def chunk(self, index: int, size: int, stride: int | None = None) -> Rows:
        """Rows of ``size`` events from event ``index * stride`` on (``stride``: the chunk size of the
        ledger, which only the last chunk may fall short of)."""
        stride = stride or size
        self.rng = random.Random(f"{self.seed}:{index}")
        self.index = index
        self.seq = index * stride  # documents.seq
        self.decision = index * stride * 4  # entity_decisions ids: fewer than 4 per event
        self.incidents = 0
        rows = Rows()
        recurring: list[_Person] = []  # suspects who come back in a later incident of this chunk
        entities: dict[str, _Person] = {}
        made = 0
        while made < size:
            made += self._incident(rows, recurring, entities, size - made)
        for person in entities.values():
            self._entity_rows(rows, person)
        return rows

    # --- drawing ----------------------------------------------------------------------------------------
    def _name(self) -> str:
        d, rng = self.dist, self.rng
        words = []
        for kind in d.shapes.draw(rng):
            if kind == "G":
                words.append(d.given.draw(rng))
            elif kind == "I":
                words.append(d.given.draw(rng)[0] + ".")
            elif kind == "S":
                words.append(d.surnames.draw(rng))
            else:
                words.append(d.suffixes.draw(rng))
        return " ".join(words)

    def _day(self) -> date:
        month, day = self.dist.day_of_year.draw(self.rng)
        year = self.start.year + self.rng.randrange(self.years)
        try:
            return date(year, month, day)
        except ValueError:  # 29 February of a common year
            return date(year, month, 28)

    def _filler(self) -> str:
        d, rng = self.dist, self.rng
        words = d.words.draw_many(rng, d.text_words.draw(rng))
        out, i = [], 0
        while i < len(words):
            step = rng.randint(8, 20)
            sentence = " ".join(words[i:i + step])
            out.append(sentence[:1].upper() + sentence[1:] + ".")
            i += step
        return " ".join(out)

    def _incident(self, rows: Rows, recurring: list[_Person], entities: dict[str, _Person],
                  room: int) -> int:
        d, rng = self.dist, self.rng
        self.incidents += 1
        inc = f"inc_{_digest('incident', self.seed, self.index, self.incidents)[:16]}"
        reports = min(d.reports.draw(rng), room)
        day = self._day()
        street = f"{d.surnames.draw(rng)} {rng.choice(STREET_KINDS)}"
        if rng.random() < d.international:
            event_type = d.wire_types.draw(rng)
            city, country = d.wire_places.draw(rng)
            region, lat, lon = None, None, None
            names = [(d.wire_names.draw(rng), rng.choice(["victim", "perpetrator"]))
                     for _ in range(rng.choice([0, 1, 1, 2]))]  # a perpetrator here is mostly a group
            killed, wounded = d.casualties.draw(rng)
        else:
            event_type = "armed_assault"
            city, region, lat, lon = d.places.draw(rng)
            country = "US"
            killed, wounded = d.casualties.draw(rng)
            names = []
            for _ in range(d.named.draw(rng)):
                role = d.roles.draw(rng)
                if role == "perpetrator" and recurring and rng.random() < 0.3:
                    names.append((rng.choice(recurring).name, "perpetrator"))
                else:
                    names.append((self._name(), role))
        people: list[_Person] = []
        for name, role in dict(names).items():
            same = next((p for p in recurring if p.name == name), None)
            if same is None:
                kind = "group" if role == "perpetrator" and country != "US" else "person"
                same = _Person(name, role, f"ent_{_digest('entity', inc, name)[:16]}", kind)
                entities[same.entity] = same
                if role == "perpetrator" and rng.random() < 0.05:
                    recurring.append(same)
            people.append(same)
        readings = []
        for r in range(reports):
            readings.append(self._report(rows, inc, r, event_type, day, city, region, country, lat, lon,
                                         street, killed, wounded, people))
        profiles = [p for reading in readings for p in build_profiles(reading)]
        for p in profiles:
            rows.incident_mentions.append((p.key, p.document, inc, int(p.primary),
                                           json.dumps(p.to_dict(), ensure_ascii=False)))
            rows.incident_block_keys.extend((k, p.key) for k in sorted(set(index_keys(p))))
        record = build_record(inc, profiles)
        s = record.summary()
        rows.incidents.append((inc, STAMP, STAMP, s["type"], record.date_lo, record.date_hi, record.precision,
                               s["city"], s["region"], s["country"],
                               " | ".join([s["place"] or "", *s.get("places", [])]), s["reports"],
                               s["sources"], s["first_reported"], s["last_reported"],
                               int(record.background_only), json.dumps(s, ensure_ascii=False)))
        filed = {(inc, key, person["name"], person["role"], person["kind"])
                 for person in record.people for key in stored_person_keys(person)}
        filed |= {(inc, affiliation_key(org), person["name"], person["role"], person["kind"])
                  for person in record.people for org in person.get("affiliations") or ()}
        rows.incident_people.extend(sorted(filed))
        if people and rng.random() < 0.05:
            p = rng.choice(people)
            rows.sample.append((p.name, inc, p.entity))
        return reports

    def _report(self, rows: Rows, inc: str, r: int, event_type: str, day: date, city: str,
                region: str | None, country: str, lat: float | None, lon: float | None, street: str,
                killed: int, wounded: int, people: list[_Person]) -> Reading:
        d, rng = self.dist, self.rng
        pub = day + timedelta(days=min(r, rng.choice([0, 0, 1, 1, 2, 5])))
        lead = people[0].name if people else rng.choice(["A man", "A woman", "A teenager", "Two people"])
        what = rng.choice(WHAT["killed" if killed else "armed_assault"])
        where = f"{city}, {region}" if region else city
        text = (f"{lead} {what} on {street} in {where} on {day:%A}, {rng.choice(WHO)}. "
                + " ".join(f"{p.name} was named as a {'suspect' if p.role == 'perpetrator' else 'victim'}."
                           for p in people[1:])
                + f" {self._filler()}")
        title = f"{city}: {'fatal ' if killed else ''}shooting on {street}"
        outlet = d.outlets.draw(rng)
        doc_id = _digest("document", inc, r, text)[:32]
        source_id = f"syn-{self.seq + 1:08d}"
        doc = Document(id=doc_id, source_id=source_id, text=text, title=title, published=pub.isoformat(),
                       outlet=outlet, url=f"https://{outlet}/news/{source_id}", language="en",
                       source_format="jsonl", ingested_at=STAMP)
        entities = [Entity(id=f"e{i + 1}", name=p.name, type=p.type) for i, p in enumerate(people)]
        dv = DateValue(day.isoformat(), "day", day.isoformat())
        ev = Event(id="ev1", type=event_type, date=dv,
                   location=Location(name=city, city=city, region=region, country=country, lat=lat, lon=lon),
                   participants=[Participant(name=p.name, role=p.role, entity=f"e{i + 1}")
                                 for i, p in enumerate(people)],
                   killed=killed, wounded=wounded)
        reading = Reading(document=doc, entities=entities, events=[ev])
        self.seq += 1
        data = {"title_span": None, "section_spans": [], "paragraphs": [], "cited_source_spans": [],
                "warnings": [], "metadata": {}}  # a plain JSONL document's (store.sqlite._DATA_FIELDS)
        rows.documents.append((self.seq, doc_id, source_id, title, text, doc.url, outlet, None, doc.published,
                               None, "en", 0.99, "jsonl", None, None, json.dumps(data), STAMP))
        rows.source_ids.append((self.seq, source_id, doc_id, STAMP, STAMP))
        rd = reading.to_dict()
        rdoc = rd.pop("document")
        rd["document"] = {"id": rdoc["id"], "content_id": rdoc.get("content_id")}
        rows.readings.append((doc_id, rd.get("schema_version", "1"), json.dumps(rd.get("steps", [])),
                              json.dumps(rd, ensure_ascii=False), STAMP))
        rows.incident_documents.append((doc_id, STAMP, STAMP))
        rows.entity_documents.append((doc_id, STAMP, STAMP))
        for i, p in enumerate(people):
            p.members.append(Member(key=f"{doc_id}#e{i + 1}", document=doc_id, entity=f"e{i + 1}",
                                    name=p.name, type=p.type, country=country))
        return reading

    def _entity_rows(self, rows: Rows, person: _Person) -> None:
        profile = EntityProfile.of(person.entity, person.members)
        keys: set[str] = set()
        for i, m in enumerate(person.members):
            strong, names = blocking_keys(m)
            keys |= strong | names
            how = "new" if i == 0 else "auto"
            score = None if i == 0 else round(0.8 + 0.2 * self.rng.random(), 3)
            rows.entity_members.append((m.key, m.document, m.entity, person.entity, m.name, m.type,
                                        name_key(m), how, score, json.dumps(m.to_dict(), ensure_ascii=False),
                                        STAMP))
            if i:
                self.decision += 1
                reasons = ["same full name", "named in a report of the same incident"]
                rows.entity_decisions.append((self.decision, m.key, person.entity, "join", 1, score, 1.0,
                                              json.dumps(reasons), STAMP))
        pd = profile.to_dict()
        n_names = len([k for k in keys if k[:2] in ("n:", "w:")])
        rows.ledger_entities.append((person.entity, pd["kind"], pd["type"], pd["name"],
                                     json.dumps(pd, ensure_ascii=False), len(person.members),
                                     len(pd.get("documents") or {}), n_names, STAMP, STAMP, 0, None, None))
        rows.entity_keys.extend((k, person.entity) for k in sorted(keys))


_WORKER: LedgerGenerator | None = None


def _start_worker(seed: int) -> None:
    global _WORKER
    _WORKER = LedgerGenerator(Distributions.from_shared(), seed=seed)


def _make_chunk(job: tuple[int, int, int]) -> Rows:
    assert _WORKER is not None
    return _WORKER.chunk(*job)


def generate(events: int, seed: int = 13, chunk: int = 5000, processes: int = 1) -> Iterator[Rows]:
    """The chunks of a ledger of ``events`` events, in order (made by ``processes`` processes)."""
    jobs = [(i, min(chunk, events - i * chunk), chunk) for i in range((events + chunk - 1) // chunk)]
    if processes <= 1:
        _start_worker(seed)
        yield from map(_make_chunk, jobs)
        return
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(processes, _start_worker, (seed,)) as pool:
        yield from pool.imap(_make_chunk, jobs)


def main() -> None:
    from ledger_writers import write_ledger  # bench/ is the script's folder

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--db", required=True, help="SQLite path or postgresql:// URL (a fresh ledger)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--processes", type=int, default=1, help="processes making chunks (same rows)")
    ap.add_argument("--queries", default=None, help="also write a sample of (name, incident, entity) here "
                                                    "(bench/latency.py draws its own from a SQLite ledger)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    print(f"distributions: {Distributions.from_shared().summary}")
    sample: list[tuple[str, str, str]] = []

    def chunks() -> Iterator[Rows]:
        for rows in generate(args.events, args.seed, processes=args.processes):
            sample.extend(rows.sample)
            yield rows

    counts = write_ledger(args.db, chunks())
    print(f"built {args.db}: {counts} in {time.perf_counter() - t0:.0f} s")
    if not args.queries:
        return
    target = Path(args.queries)
    target.write_text(json.dumps({"events": args.events, "seed": args.seed, "people": sample}))
    print(f"query sample ({len(sample)} people): {target}")


if __name__ == "__main__":
    main()
