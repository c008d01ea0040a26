"""Identity on a real corpus: load a folder of articles, then count what issue 13 measures.

    .venv/bin/python bench/identity_report.py FOLDER [--workers 2] [--sample 20] [--seed 1]

The articles stay where they are (they are not the project's to ship). Printed, as JSON:
- events that span more than one article, and a sample of them with their articles' titles to
  judge by hand (same occasion or not);
- entities joined at load time, and the duplicates the curator's report still finds, per reason
  and as a share of the organisations;
- a sample of Person nodes, with a mark for names that fail a plain check (one word, a digit, a
  lowercase word that is not a particle), to judge the share of junk names by hand.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import ucn
from ucn.loaders.resolution import candidates

PARTICLES = {"de", "van", "von", "der", "den", "bin", "al", "la", "le", "du", "da"}


def suspicious(name: str) -> bool:
    words = name.split()
    return (
        len(words) < 2
        or bool(re.search(r"\d", name))
        or any(not w[:1].isupper() and w not in PARTICLES for w in words)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sample", type=int, default=20, help="events to judge")
    parser.add_argument("--people", type=int, default=50, help="people to judge")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-resolve", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        store = ucn.open_store(db=str(Path(tmp) / "bench.db"))
        started = time.perf_counter()
        report = ucn.load_paths(
            store,
            [args.folder],
            workers=args.workers,
            min_confidence=0.4,
            resolve=not args.no_resolve,
        )
        seconds = time.perf_counter() - started
        titles = {
            r["id"]: r["title"]
            for r in store.run("MATCH (a:Article) RETURN a.id AS id, a.title AS title")
        }
        events = store.run(
            "MATCH (e:Event) RETURN e.id AS id, e.name AS name, e.date AS date, "
            "e.sources AS sources"
        )
        shared = [e for e in events if len(e["sources"]) > 1]
        organisations = store.run("MATCH (o:Organization) RETURN count(o) AS n")[0]["n"]
        people = store.run("MATCH (p:Person) RETURN p.id AS id, p.name AS name")
        found = candidates(store)
        reasons = Counter(c.reason for c in found)
        org_pairs = sum(1 for c in found if c.keep.label == "Organization")
        sample = rng.sample(people, min(args.people, len(people)))
        result = {
            "articles": report.loaded,
            "failed": len(report.failures),
            "load_seconds": round(seconds, 1),
            "events": len(events),
            "events_in_more_than_one_article": len(shared),
            "shared_events_sample": [
                {
                    "name": e["name"],
                    "date": e["date"],
                    "articles": [titles.get(s) or s for s in e["sources"]],
                }
                for e in rng.sample(shared, min(args.sample, len(shared)))
            ],
            "joined_at_load": report.joined,
            "joins_sample": [
                f"{own} -> {joined}"
                for own, joined in rng.sample(report.joins, min(args.sample, len(report.joins)))
            ],
            "report_candidates": dict(reasons),
            "organisations": organisations,
            "organisation_duplicates_share": round(org_pairs / organisations, 4)
            if organisations
            else 0.0,
            "people": len(people),
            "people_sample": [
                {"name": p["name"], "suspicious": suspicious(p["name"])} for p in sample
            ],
            "people_sample_suspicious": sum(suspicious(p["name"]) for p in sample),
        }
        store.close()
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()
