"""Varied invented incident reports as JSONL, for tests that need many documents of our own.

Each report is put together from independent choices (place, kind of incident, people, numbers, dates,
quotes, background), so texts differ in their wording, not only in a number. A few lines are repeated
under a second id (exact duplicates), a few are another outlet's copy of a line (near-duplicates: the
same story with a credit line added, dated a year before or after), a few have empty text, and one line
is broken JSON.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

TOWNS = ["Port Elmsworth", "Dravik", "Lorvale", "Hesk", "Carrow", "Dastra", "Velimar", "Oskarby",
         "Brennick", "Tallow Cross", "Mirrin", "Saltmere", "Gorran", "Eastholm", "Kestrel Bay", "Arnby"]
PLACES = ["a bus depot", "the central market", "a petrol station", "the river ferry landing",
          "a school car park", "the town hall steps", "a late-night pharmacy", "the stadium gates",
          "a shopping arcade", "the railway underpass", "a police checkpoint", "a village clinic"]
INCIDENTS = [
    ("shooting", "a gunman opened fire", "shots were fired"),
    ("stabbing", "a man attacked passers-by with a knife", "people were stabbed"),
    ("bombing", "a homemade bomb exploded", "an explosion was heard"),
    ("arson", "attackers set fire to the building", "flames spread through the ground floor"),
    ("robbery", "armed men robbed the cashier", "the robbers escaped with cash"),
    ("kidnapping", "masked men seized a local official", "the official was forced into a van"),
]
OFFICIALS = ["police spokesman Anton Reyl", "Inspector Mara Quill", "deputy mayor Oren Falk",
             "fire chief Lise Varga", "prosecutor Jonas Pell", "hospital director Ruth Amsel"]
VICTIMS = ["a delivery driver", "two students", "an off-duty nurse", "a shopkeeper and her son",
           "three commuters", "a security guard", "an elderly couple", "a taxi driver"]
YEARS = ["2023", "2025"]  # a copy dated before its original becomes the canonical copy; after, it is linked
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TIMES = ["shortly after dawn", "in the early afternoon", "around 9 p.m.", "late at night",
         "during the morning rush hour", "just before midnight"]
FOLLOW_UPS = [
    "Officers cordoned off the area and asked residents to stay indoors.",
    "A suspect was detained two streets away, according to the police statement.",
    "Investigators are examining footage from nearby cameras.",
    "No group has claimed responsibility.",
    "The local council announced extra patrols for the coming weekend.",
    "Witnesses described a grey hatchback leaving at speed.",
    "The injured were taken to the regional hospital; two remain in serious condition.",
    "Prosecutors opened a criminal case and appealed for witnesses.",
]
BACKGROUND = [
    "It was the third such attack in the region this year.",
    "The area saw a similar incident in 2019, when a market stall was burned.",
    "Residents have complained for months about poor street lighting.",
    "The town had been calm since a ceasefire between rival gangs last spring.",
]


def _report(rng: random.Random, n: int) -> dict[str, str]:
    town, place = rng.choice(TOWNS), rng.choice(PLACES)
    kind, act, passive = rng.choice(INCIDENTS)
    official, victim = rng.choice(OFFICIALS), rng.choice(VICTIMS)
    day, time = rng.choice(WEEKDAYS), rng.choice(TIMES)
    killed, wounded = rng.randint(0, 4), rng.randint(0, 9)
    month, mday = rng.randint(1, 12), rng.randint(1, 28)
    paragraphs = [
        f"{time.capitalize()} on {day}, {act} at {place} in {town}, hitting {victim}, "
        f"{official} said.",
        f"{killed} people died and {wounded} were hurt" if killed else f"{wounded} people were hurt",
        " ".join(rng.sample(FOLLOW_UPS, k=rng.randint(2, 4))),
        f"\"We heard it from the {rng.choice(['kitchen', 'bus stop', 'car park', 'bakery'])}, then "
        f"{passive},\" one witness told reporters. Report number {n} in our series on {town}.",
        rng.choice(BACKGROUND),
    ]
    paragraphs[1] += f" in the {kind}, according to {official.split(' ', 1)[1]}."
    title = f"{kind.capitalize()} at {place.removeprefix('a ').removeprefix('the ')} in {town}"
    return {"id": f"r{n:05d}", "title": title, "published": f"2024-{month:02d}-{mday:02d}",
            "text": "\n\n".join(paragraphs)}


def write_reports(path: Path, count: int, seed: int = 7) -> dict[str, int]:
    """Write ``count`` JSONL lines of reports to ``path``; return how many of each kind were written."""
    rng = random.Random(seed)
    lines: list[str] = []
    made: list[dict[str, str]] = []
    kinds = {"reports": 0, "exact_duplicates": 0, "near_duplicates": 0, "empty": 0, "broken": 0}
    for n in range(count):
        roll = rng.random()
        if made and roll < 0.03:  # the same text under another id
            copy = dict(rng.choice(made), id=f"dup{n:05d}")
            lines.append(json.dumps(copy))
            kinds["exact_duplicates"] += 1
        elif made and roll < 0.05:  # the same story as another outlet ran it: a credit line added
            base = rng.choice(made)
            text = base["text"] + f"\n\n(Reporting by the {rng.choice(TOWNS)} Courier.)"
            lines.append(json.dumps(dict(base, id=f"near{n:05d}", text=text,
                                         published=base["published"].replace("2024", rng.choice(YEARS)))))
            kinds["near_duplicates"] += 1
        elif roll < 0.06:
            lines.append(json.dumps({"id": f"empty{n:05d}", "title": "No text", "text": ""}))
            kinds["empty"] += 1
        elif n == count // 2:
            lines.append('{"id": "broken", "text": "unterminated')
            kinds["broken"] += 1
        else:
            report = _report(rng, n)
            made.append(report)
            lines.append(json.dumps(report))
            kinds["reports"] += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return kinds
