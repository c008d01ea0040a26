"""Load benchmark: a synthetic graph with provenance through the public API, against COPY FROM.

    python bench/load_bench.py [--nodes 100000 --relations 300000] [--documents 4000]
                               [--batch-rows 200000] [--seed 7] [--phases]

Builds extraction documents (seeded, so every run writes the same graph), loads them into a
fresh embedded store in batches (parse_document, Batch.of, store.write) and times that first
load, then loads the same documents again (the reload, which should change nothing). In the
same run it bulk-loads the same final rows with LadybugDB's own COPY FROM into another fresh
database: the engine's practical limit. Prints a small table and writes it as JSON to
bench-out/load.json, with the targets beside the figures: the first load within 2x of COPY FROM,
the reload no slower than the first load.

With --phases, a further instrumented first load and reload (into another fresh store) split the
time of each write into its parts: fetching stored rows, Arrow tables, COPY, MERGE, the Python
merge and the commit. The instrumentation reaches into the embedded store (its connection and
its Arrow helper), so it is for profiling only. This is a benchmark, not a test: nothing is
asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import textwrap
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ladybug
import pyarrow as pa

import ucn.graph.ladybug_schema as ladybug_schema
import ucn.graph.ladybug_store as ladybug_store
import ucn.graph.ladybug_write as ladybug_write
from ucn.graph import MODEL, Batch, GraphStore, WriteResult, open_store, parse_document
from ucn.graph.ids import slugify
from ucn.loaders import BATCH_ROWS, batched

OUT = Path(__file__).resolve().parent.parent / "bench-out" / "load.json"
TARGET_COPY_RATIO = 2.0
COMMIT_PHASE = "begin and commit (checkpoint)"

# Share of entities per label (Country is capped: there are only so many countries).
LABEL_SHARES = {
    "City": 0.24,
    "Organization": 0.30,
    "Person": 0.26,
    "Event": 0.16,
    "Network": 0.04,
}
MAX_COUNTRIES = 200
# How often a document re-mentions an entity of each label that another document introduced.
REMENTION_WEIGHTS = {
    "Country": 6,
    "City": 5,
    "Network": 3,
    "Organization": 3,
    "Person": 1,
    "Event": 1,
}
REMENTIONS_PER_DOCUMENT = 10
RESTATED_SHARE = 0.12  # share of a document's relations that restate an earlier article's fact
RELATION_WEIGHTS = {
    "MEMBER_OF": 15,
    "PARTNER_OF": 14,
    "PARTICIPATED_IN": 14,
    "LOCATED_IN": 14,
    "WORKS_FOR": 12,
    "SUPPORTED": 8,
    "ORGANIZED": 6,
    "HOSTED": 5,
    "PART_OF": 5,
    "FOUNDED_IN": 4,
}
WORDS = (
    "Hà Nội", "Đà Nẵng", "Huế", "Hải Phòng", "Cần Thơ", "Lyon", "Bordeaux", "Yokohama",
    "Busan", "Kraków", "Göteborg", "Århus", "Łódź", "São Paulo", "Medellín", "Kigali",
    "Green", "Urban", "Mekong", "Delta", "Coastal", "Smart", "Resilient", "Heritage",
    "Metropolitan", "Riverside", "Northern", "Southern", "Pacific", "Alpine", "Lakeside",
)  # fmt: skip
ROLES = ("full", "associate", "observer", "speaker", "co-organiser", "delegate", "founder")
KINDS = ("MoU", "twinning", "funding", "technical assistance", "exchange", "grant")
TITLES = ("Mayor", "Director", "Chair", "Secretary General", "Vice Chair", "Advisor")
COUNTRY_CODES = ("VN", "FR", "JP", "KR", "PL", "SE", "DK", "BR", "CO", "RW", "DE", "US")
NODE_KINDS = {
    "City": ("city", "province"),
    "Organization": ("institute", "ministry", "company", "department", "academy"),
    "Event": ("meeting", "visit", "conference", "signing", "training"),
}


# -- synthetic documents ----------------------------------------------------------------------
@dataclass
class Entity:
    id: str
    label: str
    name: str
    aliases: tuple[str, ...]
    properties: dict[str, str]


def _date(rng: random.Random) -> str:
    year = rng.randint(1995, 2024)
    shape = rng.random()
    if shape < 0.2:
        return str(year)
    if shape < 0.45:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _make_entity(rng: random.Random, label: str, index: int) -> Entity:
    name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {label} {index}"
    words = name.split()
    aliases = [f"{label} no. {index}"]
    if rng.random() < 0.5:
        aliases.append("".join(w[0] for w in words if w[0].isalpha()).upper() + str(index))
    props: dict[str, str] = {}
    if label in NODE_KINDS:
        props["kind"] = rng.choice(NODE_KINDS[label])
    if label in ("City", "Organization"):
        props["country"] = rng.choice(COUNTRY_CODES)
    if label == "Country":
        props["code"] = f"{chr(65 + index // 26 % 26)}{chr(65 + index % 26)}"
    if label == "Event":
        props["date"] = _date(rng)
        props["location"] = f"{rng.choice(WORDS)} Hall"
    if rng.random() < 0.3:
        props["wikidata"] = f"Q{rng.randint(1, 10**8)}"
    return Entity(f"{label.lower()}/{slugify(name)}", label, name, tuple(aliases), props)


def _entity_counts(entities: int) -> dict[str, int]:
    countries = min(MAX_COUNTRIES, max(1, entities // 500))
    rest = entities - countries
    counts = {label: int(rest * share) for label, share in LABEL_SHARES.items()}
    counts["Organization"] += rest - sum(counts.values())
    counts["Country"] = countries
    return counts


def _relation_properties(rng: random.Random, rel_type: str) -> dict[str, str]:
    props = {}
    for prop in MODEL.relations[rel_type].properties:
        if rng.random() < 0.5:
            continue
        if prop.name in ("since", "date"):
            props[prop.name] = _date(rng)
        elif prop.name == "role":
            props[prop.name] = rng.choice(ROLES)
        elif prop.name == "kind":
            props[prop.name] = rng.choice(KINDS)
        elif prop.name == "title":
            props[prop.name] = rng.choice(TITLES)
    return props


def _fact_key(rel_type: str, source: str, target: str) -> tuple[str, str, str]:
    """The key the store files a fact under (symmetric facts are stored in id order)."""
    if MODEL.relations[rel_type].symmetric and target < source:
        source, target = target, source
    return rel_type, source, target


def build_documents(nodes: int, relations: int, documents: int, seed: int) -> list[dict[str, Any]]:
    """Extraction documents whose load stores `nodes` nodes and about `relations` relations.

    Each document introduces its share of the entities, re-mentions popular ones (so nodes gain
    sources and aliases), restates some facts other articles stated (so facts gain provenance)
    and states new facts among its entities. Every article adds an Article node and a MENTIONS
    relation per entity, which count towards the totals.
    """
    rng = random.Random(seed)
    counts = _entity_counts(nodes - documents)
    by_label: dict[str, list[Entity]] = {
        label: [_make_entity(rng, label, i) for i in range(count)]
        for label, count in counts.items()
    }
    pool = [e for label in sorted(by_label) for e in by_label[label]]
    rng.shuffle(pool)
    remention_labels = list(REMENTION_WEIGHTS)
    remention_weights = list(REMENTION_WEIGHTS.values())
    rel_types = list(RELATION_WEIGHTS)
    rel_weights = list(RELATION_WEIGHTS.values())
    facts: list[tuple[str, Entity, Entity]] = []
    fact_keys: set[tuple[str, str, str]] = set()
    stored_relations = 0
    out = []
    for d in range(documents):
        article_id = f"article/{d:06d}"
        chosen: dict[str, Entity] = {e.id: e for e in pool[d::documents]}
        for _ in range(REMENTIONS_PER_DOCUMENT):
            label = rng.choices(remention_labels, remention_weights)[0]
            candidates = by_label[label]
            entity = candidates[int(len(candidates) * rng.random() ** 3)]  # a few popular ones
            chosen[entity.id] = entity
        stated: list[tuple[str, Entity, Entity]] = []
        in_document: set[tuple[str, str, str]] = set()
        # Spread the relation budget evenly: what this document still owes the running total.
        due = round(relations * (d + 1) / documents) - stored_relations
        restated = int(max(0, due - len(chosen)) * RESTATED_SHARE) if facts else 0
        for _ in range(restated):
            rel_type, source, target = facts[int(len(facts) * rng.random() ** 0.5)]
            key = _fact_key(rel_type, source.id, target.id)
            if key not in in_document:
                in_document.add(key)
                chosen[source.id], chosen[target.id] = source, target
                stated.append((rel_type, source, target))
        stored_relations += len(chosen)  # one MENTIONS per entity of the document
        present: dict[str, list[Entity]] = defaultdict(list)
        for entity in chosen.values():
            present[entity.label].append(entity)
        new_facts, attempts = due - len(chosen), 0
        while new_facts > 0 and attempts < 50 * (due + 1):
            attempts += 1
            rel_type = rng.choices(rel_types, rel_weights)[0]
            rel = MODEL.relations[rel_type]
            sources = [lbl for lbl in rel.sources if present.get(lbl)]
            targets = [lbl for lbl in rel.targets if present.get(lbl)]
            if not sources or not targets:
                continue
            source = rng.choice(present[rng.choice(sources)])
            target = rng.choice(present[rng.choice(targets)])
            key = _fact_key(rel_type, source.id, target.id)
            if source.id == target.id or key in fact_keys:
                continue
            fact_keys.add(key)
            in_document.add(key)
            facts.append((rel_type, source, target))
            stated.append((rel_type, source, target))
            stored_relations += 1
            new_facts -= 1
        out.append(_document(rng, d, article_id, list(chosen.values()), stated))
    return out


def _document(
    rng: random.Random,
    index: int,
    article_id: str,
    entities: list[Entity],
    stated: list[tuple[str, Entity, Entity]],
) -> dict[str, Any]:
    lang = rng.choice(("vi", "en", "fr"))
    return {
        "article": {
            "id": article_id,
            "title": f"Cooperation news {index}: {rng.choice(WORDS)} and {rng.choice(WORDS)}",
            "date": _date(rng),
            "lang": lang,
            "source": "synthetic",
            "url": f"https://news.example.org/{lang}/{index}",
        },
        "entities": [
            {
                "id": e.id,
                "type": e.label,
                "name": e.name,
                "aliases": [a for a in e.aliases if rng.random() < 0.6],
                "properties": e.properties,
            }
            for e in entities
        ],
        "relations": [
            {
                "type": rel_type,
                "source": source.id,
                "target": target.id,
                "evidence": (
                    f"{source.name} and {target.name} confirmed their {rel_type.lower()} tie, "
                    f"the article {article_id} reported."
                ),
                "confidence": round(rng.uniform(0.5, 1.0), 2),
                "properties": _relation_properties(rng, rel_type),
            }
            for rel_type, source, target in stated
        ],
    }


# -- phase timings (--phases) -----------------------------------------------------------------
def _query_phase(query: str) -> str:
    """The part of a write a statement issued by GraphStore._write belongs to."""
    q = " ".join(query.split())
    stages = {ladybug_schema.NODE_STAGE: "nodes", ladybug_schema.RELATION_STAGE: "relations"}
    for stage, kind in stages.items():
        if q.startswith(("COPY " + stage, "MATCH (s:" + stage)):
            # Staged updates: COPY into a scratch table, SET from a join with it, empty it.
            if q.startswith("COPY"):
                return f"update {kind}: stage COPY"
            return f"update {kind}: " + ("clear stage" if q.endswith("DELETE s") else "join SET")
    if q.startswith("COPY"):
        return "insert relations: COPY" if "(from=" in q else "insert nodes: COPY"
    return "other statements"


@dataclass
class PhaseClock:
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    commits: list[float] = field(default_factory=list)
    pending_arrow: float = 0.0

    def add(self, phase: str, seconds: float) -> None:
        self.seconds[phase] += seconds


class TimedTransaction:
    """Wraps an embedded-store transaction, timing each statement by the phase it serves.

    Engine time (execute) and the conversion of result rows to Python dicts are kept apart;
    Arrow tables built just before a statement are charged to that statement's phase.
    """

    def __init__(self, tx: Any, clock: PhaseClock):
        self.tx = tx
        self.clock = clock

    def run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        phase = _query_phase(query)
        if self.clock.pending_arrow:
            self.clock.add(phase.split(":")[0] + ": build Arrow table", self.clock.pending_arrow)
            self.clock.pending_arrow = 0.0
        start = time.perf_counter()
        result = self.tx.conn.execute(query, params or {})
        executed = time.perf_counter()
        names = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append(dict(zip(names, result.get_next(), strict=True)))
        done = time.perf_counter()
        if phase.startswith("fetch"):
            self.clock.add(phase + ": engine", executed - start)
            self.clock.add(phase + ": rows to Python", done - executed)
        else:
            self.clock.add(phase, done - start)
        return rows


@contextmanager
def timed_arrow(clock: PhaseClock) -> Iterator[None]:
    """Time the embedded store's Arrow table building while the block runs."""
    original = ladybug_write._arrow

    def arrow(*args: Any) -> pa.Table:
        start = time.perf_counter()
        table = original(*args)
        clock.pending_arrow += time.perf_counter() - start
        return table

    ladybug_write._arrow = arrow
    try:
        yield
    finally:
        ladybug_write._arrow = original


def timed_write(store: GraphStore, batch: Batch, clock: PhaseClock) -> WriteResult:
    """store.write(batch), with the time of each part of the write recorded in `clock`."""
    inner = 0.0

    write = store._write

    def work(tx: Any, batch: Batch) -> WriteResult:
        nonlocal inner
        before = sum(clock.seconds.values())
        start = time.perf_counter()
        result = write(TimedTransaction(tx, clock), batch)
        inner = time.perf_counter() - start
        statements = sum(clock.seconds.values()) - before
        clock.add("Python diff and merge (rest of _write)", inner - statements)
        return result

    # store.write as it is (its choice of transaction and of write path), its body timed
    start = time.perf_counter()
    store._write = work  # type: ignore[method-assign]
    try:
        result = store.write(batch)
    finally:
        del store._write
    commit = time.perf_counter() - start - inner
    clock.add(COMMIT_PHASE, commit)
    clock.commits.append(commit)
    return result


# -- loading ----------------------------------------------------------------------------------
@dataclass
class LoadRun:
    seconds: float = 0.0
    parse_seconds: float = 0.0
    batch_seconds: float = 0.0
    write_seconds: float = 0.0
    written: WriteResult = field(default_factory=WriteResult)
    phases: dict[str, float] = field(default_factory=dict)
    commits: list[float] = field(default_factory=list)


def load(
    store: GraphStore,
    documents: list[dict[str, Any]],
    batch_rows: int,
    write: Callable[[GraphStore, Batch], WriteResult] | None = None,
) -> LoadRun:
    """Load `documents` through the public API, grouped as `ucn load` groups them (about
    `batch_rows` rows per transaction), timing parse, Batch.of and write."""
    run = LoadRun()
    write = write or (lambda s, b: s.write(b))
    start = time.perf_counter()
    parsed = [parse_document(doc, f"synthetic/{i}") for i, doc in enumerate(documents)]
    run.parse_seconds = time.perf_counter() - start
    for group in batched(parsed, batch_rows):
        t1 = time.perf_counter()
        batch = Batch.of(group)
        t2 = time.perf_counter()
        run.written += write(store, batch)
        t3 = time.perf_counter()
        run.batch_seconds += t2 - t1
        run.write_seconds += t3 - t2
    run.seconds = time.perf_counter() - start
    return run


def phased_load(store: GraphStore, documents: list[dict[str, Any]], batch_rows: int) -> LoadRun:
    clock = PhaseClock()
    with timed_arrow(clock):
        run = load(store, documents, batch_rows, lambda s, b: timed_write(s, b, clock))
    run.phases = {
        "parse_document": run.parse_seconds,
        "Batch.of": run.batch_seconds,
        **dict(sorted(clock.seconds.items(), key=lambda kv: -kv[1])),
    }
    run.commits = clock.commits
    return run


# -- COPY FROM baseline -----------------------------------------------------------------------
def arrow_tables(batch: Batch) -> tuple[dict[str, pa.Table], dict[tuple[str, str, str], pa.Table]]:
    """The batch's rows as Arrow tables, columns in the order the embedded store copies them."""
    node_tables = {}
    for label, rows in batch.nodes.items():
        values = list(rows.values())
        node_tables[label] = pa.table(
            {
                p.name: pa.array([r.get(p.name) for r in values], ladybug_write.ARROW_TYPES[p.type])
                for p in MODEL.node_columns(label)
            }
        )
    relation_tables = {}
    for key, rel_rows in batch.relations.items():
        values = list(rel_rows.values())
        columns = {
            "from": pa.array([r["source"] for r in values], pa.string()),
            "to": pa.array([r["target"] for r in values], pa.string()),
        }
        for p in MODEL.relation_columns(key[0]):
            columns[p.name] = pa.array(
                [r.get(p.name) for r in values], ladybug_write.ARROW_TYPES[p.type]
            )
        relation_tables[key] = pa.table(columns)
    return node_tables, relation_tables


@dataclass
class CopyRun:
    batch_seconds: float
    arrow_seconds: float
    nodes_seconds: float
    relations_seconds: float
    stats: dict[str, dict[str, int]]
    database_bytes: int


def copy_from(path: Path, documents: list[dict[str, Any]]) -> CopyRun:
    """COPY FROM the rows Batch.of(all documents) yields into a fresh database, timed."""
    start = time.perf_counter()
    batch = Batch.of(parse_document(doc, f"synthetic/{i}") for i, doc in enumerate(documents))
    batched = time.perf_counter()
    node_tables, relation_tables = arrow_tables(batch)
    built = time.perf_counter()
    store = ladybug_store.LadybugStore(path)  # creates the schema
    try:
        conn = store._conn
        t0 = time.perf_counter()
        for label, table in node_tables.items():
            names = ", ".join(p.name for p in MODEL.node_columns(label))
            conn.execute(f"COPY {label}({names}) FROM $t", {"t": table})
        t1 = time.perf_counter()
        for (rel_type, source, target), table in relation_tables.items():
            names = ", ".join(p.name for p in MODEL.relation_columns(rel_type))
            conn.execute(
                f"COPY {rel_type}({names}) FROM $t (from='{source}', to='{target}')", {"t": table}
            )
        t2 = time.perf_counter()
        stats = store.stats()
    finally:
        store.close()
    return CopyRun(batched - start, built - batched, t1 - t0, t2 - t1, stats, _size(path))


def copy_from_in_transactions(
    path: Path, documents: list[dict[str, Any]], batch_rows: int
) -> tuple[float, int]:
    """COPY FROM in the transactions a load of `batch_rows` uses, each copying only the rows
    earlier ones did not hold (COPY cannot upsert): the engine's limit for a load that commits
    more than once, since each commit after the first checkpoints tables that already hold data.
    Returns the seconds of the COPY statements and commits, and the number of transactions."""
    parsed = [parse_document(doc, f"synthetic/{i}") for i, doc in enumerate(documents)]
    seen: set[tuple[str, ...]] = set()
    store = ladybug_store.LadybugStore(path)
    seconds, transactions = 0.0, 0
    try:
        conn = store._conn
        for group in batched(parsed, batch_rows):
            batch = Batch.of(group)
            for label, rows in batch.nodes.items():
                batch.nodes[label] = {k: v for k, v in rows.items() if (k,) not in seen}
                seen.update((k,) for k in batch.nodes[label])
            for key, rel_rows in batch.relations.items():
                batch.relations[key] = {
                    k: v for k, v in rel_rows.items() if (key[0], *k) not in seen
                }
                seen.update((key[0], *k) for k in batch.relations[key])
            node_tables, relation_tables = arrow_tables(batch)
            start = time.perf_counter()
            conn.execute("BEGIN TRANSACTION")
            for label, table in node_tables.items():
                names = ", ".join(p.name for p in MODEL.node_columns(label))
                if table.num_rows:
                    conn.execute(f"COPY {label}({names}) FROM $t", {"t": table})
            for (rel_type, source, target), table in relation_tables.items():
                names = ", ".join(p.name for p in MODEL.relation_columns(rel_type))
                if table.num_rows:
                    conn.execute(
                        f"COPY {rel_type}({names}) FROM $t (from='{source}', to='{target}')",
                        {"t": table},
                    )
            conn.execute("COMMIT")
            seconds += time.perf_counter() - start
            transactions += 1
    finally:
        store.close()
    return seconds, transactions


# -- report -----------------------------------------------------------------------------------
def _size(path: Path) -> int:
    """Bytes of a database file and its write-ahead log."""
    return sum(p.stat().st_size for p in (path, path.with_name(path.name + ".wal")) if p.exists())


def _rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def _totals(stats: dict[str, dict[str, int]]) -> tuple[int, int]:
    return sum(stats["nodes"].values()), sum(stats["relations"].values())


def _load_json(run: LoadRun, nodes: int, relations: int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "seconds": round(run.seconds, 3),
        "nodes_per_s": round(_rate(nodes, run.seconds), 1),
        "relations_per_s": round(_rate(relations, run.seconds), 1),
        "parse_document_seconds": round(run.parse_seconds, 3),
        "batch_of_seconds": round(run.batch_seconds, 3),
        "write_seconds": round(run.write_seconds, 3),
        "written": {k: getattr(run.written, k) for k in run.written.__dataclass_fields__},
    }
    if run.phases:
        out["phases"] = {k: round(v, 3) for k, v in run.phases.items()}
        out["commit_seconds_per_batch"] = [round(c, 3) for c in run.commits]
    return out


@dataclass
class Results:
    args: argparse.Namespace
    documents: list[dict[str, Any]]
    stats: dict[str, dict[str, int]]
    first: LoadRun
    again: LoadRun
    reload_stats: dict[str, dict[str, int]]
    database_bytes: int
    copy: CopyRun
    phased: tuple[LoadRun, LoadRun] | None = None
    copy_in_transactions: tuple[float, int] | None = None


def report(r: Results) -> dict[str, Any]:
    """The results as plain data, for the table and for bench-out/load.json."""
    nodes, relations = _totals(r.stats)
    copy = r.copy
    copy_seconds = copy.nodes_seconds + copy.relations_seconds
    ratio_total = r.first.seconds / copy_seconds
    data: dict[str, Any] = {
        "config": {
            "nodes_target": r.args.nodes,
            "relations_target": r.args.relations,
            "documents": r.args.documents,
            "batch_rows": r.args.batch_rows,
            "seed": r.args.seed,
        },
        "environment": {
            "python": platform.python_version(),
            "ladybug": ladybug.__version__,
            "pyarrow": pa.__version__,
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "input": {
            "documents": len(r.documents),
            "entity_mentions": sum(len(d["entities"]) for d in r.documents),
            "relation_statements": sum(len(d["relations"]) for d in r.documents),
        },
        "stored": {
            "nodes": nodes,
            "relations": relations,
            "nodes_by_label": r.stats["nodes"],
            "relations_by_type": r.stats["relations"],
            "database_mb": round(r.database_bytes / 1e6, 1),
        },
        "first_load": _load_json(r.first, nodes, relations),
        "reload": {
            **_load_json(r.again, nodes, relations),
            "graph_unchanged": r.reload_stats == r.stats,
        },
        "copy_from": {
            "nodes_seconds": round(copy.nodes_seconds, 3),
            "relations_seconds": round(copy.relations_seconds, 3),
            "nodes_per_s": round(_rate(nodes, copy.nodes_seconds), 1),
            "relations_per_s": round(_rate(relations, copy.relations_seconds), 1),
            "batch_of_all_seconds": round(copy.batch_seconds, 3),
            "arrow_seconds": round(copy.arrow_seconds, 3),
            "same_counts": copy.stats == r.stats,
            "database_mb": round(copy.database_bytes / 1e6, 1),
        },
        "ratios": {
            "first_load_over_copy_nodes": round(r.first.seconds / copy.nodes_seconds, 2),
            "first_load_over_copy_relations": round(r.first.seconds / copy.relations_seconds, 2),
            "first_load_over_copy_total": round(ratio_total, 2),
            "reload_over_first_load": round(r.again.seconds / r.first.seconds, 3),
        },
        "targets": {
            "first_load_within_target_of_copy": ratio_total <= TARGET_COPY_RATIO,
            "reload_not_slower_than_first_load": r.again.seconds <= r.first.seconds,
        },
    }
    if r.copy_in_transactions:
        seconds, transactions = r.copy_in_transactions
        data["copy_from_in_load_transactions"] = {
            "transactions": transactions,
            "seconds": round(seconds, 3),
            "first_load_over_it": round(r.first.seconds / seconds, 2),
        }
    if r.phased:
        data["phases"] = {
            "first_load": _load_json(r.phased[0], nodes, relations),
            "reload": _load_json(r.phased[1], nodes, relations),
        }
    return data


def table_lines(rows: list[tuple[str, ...]]) -> list[str]:
    """Rows as aligned lines: first column left, the middle ones right, the last one as is."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        middle = (cell.rjust(width) for cell, width in zip(row[1:-1], widths[1:-1], strict=True))
        lines.append("  ".join([row[0].ljust(widths[0]), *middle, row[-1]]).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths).rstrip())
    return lines


def say(text: str) -> None:
    print(textwrap.fill(text, 100, subsequent_indent="  ", replace_whitespace=False))


def print_report(data: dict[str, Any]) -> None:
    cfg, stored, given = data["config"], data["stored"], data["input"]
    first, again, copy = data["first_load"], data["reload"], data["copy_from"]
    ratios, targets = data["ratios"], data["targets"]
    met = {True: "met", False: "MISSED"}

    def n(value: float) -> str:
        return f"{value:,.0f}"

    def x(value: float) -> str:
        return f"{value:.1f}x"

    print(
        f"\nucn load benchmark: {given['documents']:,} documents in transactions of ~"
        f"{cfg['batch_rows']:,} rows, seed {cfg['seed']}, ladybug {data['environment']['ladybug']}"
    )
    print(
        f"input:  {given['entity_mentions']:,} entity mentions, "
        f"{given['relation_statements']:,} relation statements with evidence"
    )
    print(f"stored: {stored['nodes']:,} nodes, {stored['relations']:,} relations")
    for kind in ("nodes_by_label", "relations_by_type"):
        counts = ", ".join(f"{k} {v:,}" for k, v in stored[kind].items())
        print(textwrap.fill(counts, 100, initial_indent="  ", subsequent_indent="  "))
    copy_total = copy["nodes_seconds"] + copy["relations_seconds"]
    rows = [
        ("run", "seconds", "nodes/s", "relations/s", "first/COPY", "target"),
        (
            "first load",
            f"{first['seconds']:.2f}",
            n(first["nodes_per_s"]),
            n(first["relations_per_s"]),
            x(ratios["first_load_over_copy_total"]),
            f"<= {TARGET_COPY_RATIO:g}x COPY FROM: "
            f"{met[targets['first_load_within_target_of_copy']]}",
        ),
        (
            "reload",
            f"{again['seconds']:.2f}",
            n(again["nodes_per_s"]),
            n(again["relations_per_s"]),
            "",
            f"<= first load: {met[targets['reload_not_slower_than_first_load']]}",
        ),
        (
            "COPY FROM nodes",
            f"{copy['nodes_seconds']:.2f}",
            n(copy["nodes_per_s"]),
            "",
            x(ratios["first_load_over_copy_nodes"]),
            "",
        ),
        (
            "COPY FROM relations",
            f"{copy['relations_seconds']:.2f}",
            "",
            n(copy["relations_per_s"]),
            x(ratios["first_load_over_copy_relations"]),
            "",
        ),
        (
            "COPY FROM total",
            f"{copy_total:.2f}",
            "",
            "",
            x(ratios["first_load_over_copy_total"]),
            "",
        ),
    ]
    chunked = data.get("copy_from_in_load_transactions")
    if chunked:
        rows.append(
            (
                f"COPY FROM in {chunked['transactions']} transactions",
                f"{chunked['seconds']:.2f}",
                "",
                "",
                x(chunked["first_load_over_it"]),
                "the engine's limit for this many commits",
            )
        )
    print()
    print("\n".join(table_lines(rows)))
    say(
        "\nrates: stored totals over each run's wall time. first/COPY: the whole first load's "
        "time over the COPY FROM time of the nodes, of the relations, of both."
    )
    for name, run in (("first load", first), ("reload", again)):
        w = run["written"]
        say(
            f"{name}: parse_document {run['parse_document_seconds']:.2f}s, Batch.of "
            f"{run['batch_of_seconds']:.2f}s, store.write {run['write_seconds']:.2f}s; nodes "
            f"{w['nodes_created']:,} new, {w['nodes_updated']:,} updated; relations "
            f"{w['relations_created']:,} new, {w['relations_updated']:,} updated"
        )
    say(
        f"reload left the counts unchanged: {again['graph_unchanged']}. COPY FROM store: same "
        f"counts {copy['same_counts']}, {copy['database_mb']:,} MB on disk against "
        f"{stored['database_mb']:,} MB loaded; not timed: Batch.of all documents "
        f"{copy['batch_of_all_seconds']:.2f}s, Arrow tables {copy['arrow_seconds']:.2f}s."
    )
    spread = data.get("runs")
    if spread and spread["runs"] > 1:
        low, high = min(spread["first_load_over_copy"]), max(spread["first_load_over_copy"])
        say(
            f"over {spread['runs']} interleaved runs (the median one above): first load / COPY "
            f"FROM {low:.1f}x-{high:.1f}x; first load "
            f"{min(spread['first_load_seconds']):.1f}-{max(spread['first_load_seconds']):.1f}s, "
            f"COPY FROM {min(spread['copy_from_seconds']):.1f}-"
            f"{max(spread['copy_from_seconds']):.1f}s."
        )
    for name, run in data.get("phases", {}).items():
        title = name.replace("_", " ")
        print(f"\nwhere an instrumented {title} spends its {run['seconds']:.2f}s:")
        rows = [("phase", "seconds", "share", "")]
        rows += [
            (phase, f"{seconds:.2f}", f"{100 * seconds / run['seconds']:.1f}%", "")
            for phase, seconds in run["phases"].items()
        ]
        print("\n".join("  " + line for line in table_lines(rows)))
        if any(c >= 0.005 for c in run["commit_seconds_per_batch"]):
            commits = ", ".join(f"{c:.1f}" for c in run["commit_seconds_per_batch"])
            print(f"  commit per batch (s): {commits}")


# -- main -------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--nodes", type=int, default=100_000, help="nodes to store (all labels)")
    parser.add_argument(
        "--relations", type=int, default=300_000, help="relations to store (MENTIONS included)"
    )
    parser.add_argument("--documents", type=int, default=4_000, help="articles to spread over")
    parser.add_argument("--batch-rows", type=int, default=BATCH_ROWS, help="rows per transaction")
    parser.add_argument("--seed", type=int, default=7, help="random seed of the synthetic graph")
    parser.add_argument(
        "--phases", action="store_true", help="add an instrumented load splitting write time"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="first loads and COPY FROMs, interleaved"
    )
    parser.add_argument("--out", type=Path, default=OUT, help="JSON report path")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if not 0 < args.documents < args.nodes:
        parser.error("--documents must be positive and smaller than --nodes")

    start = time.perf_counter()
    documents = build_documents(args.nodes, args.relations, args.documents, args.seed)
    print(f"built {len(documents):,} documents in {time.perf_counter() - start:.1f}s", flush=True)

    runs: list[tuple[LoadRun, LoadRun, dict[str, Any], dict[str, Any], int, CopyRun]] = []
    with tempfile.TemporaryDirectory(prefix="ucn-bench-") as tmp:
        # ucn and its anchor take turns, so that a busy moment of the machine falls on both
        for i in range(args.runs):
            path = Path(tmp) / f"load-{i}.db"
            store = open_store(db=path)
            try:
                first = load(store, documents, args.batch_rows)
                stats = store.stats()
                print(f"run {i + 1}: first load {first.seconds:.1f}s", flush=True)
                again = load(store, documents, args.batch_rows)
                reload_stats = store.stats()
                print(f"run {i + 1}: reload {again.seconds:.1f}s", flush=True)
            finally:
                store.close()
            database_bytes = _size(path)
            copy = copy_from(Path(tmp) / f"copy-{i}.db", documents)
            seconds = copy.nodes_seconds + copy.relations_seconds
            print(f"run {i + 1}: COPY FROM {seconds:.1f}s", flush=True)
            runs.append((first, again, stats, reload_stats, database_bytes, copy))
            for leftover in Path(tmp).glob(f"*-{i}.db*"):
                leftover.unlink()
        # the run whose ratio is the median is reported in full; the spread beside it
        ratios = [r[0].seconds / (r[5].nodes_seconds + r[5].relations_seconds) for r in runs]
        median_run = sorted(range(len(runs)), key=ratios.__getitem__)[len(runs) // 2]
        first, again, stats, reload_stats, database_bytes, copy = runs[median_run]
        chunked = copy_from_in_transactions(Path(tmp) / "chunks.db", documents, args.batch_rows)
        copy_in_transactions = chunked if chunked[1] > 1 else None
        phased = None
        if args.phases:
            store = open_store(db=Path(tmp) / "phases.db")
            try:
                phased = (
                    phased_load(store, documents, args.batch_rows),
                    phased_load(store, documents, args.batch_rows),
                )
            finally:
                store.close()

    data = report(
        Results(
            args,
            documents,
            stats,
            first,
            again,
            reload_stats,
            database_bytes,
            copy,
            phased,
            copy_in_transactions,
        )
    )
    data["runs"] = {
        "runs": len(runs),
        "reported": median_run + 1,
        "first_load_seconds": [round(r[0].seconds, 3) for r in runs],
        "reload_seconds": [round(r[1].seconds, 3) for r in runs],
        "copy_from_seconds": [round(r[5].nodes_seconds + r[5].relations_seconds, 3) for r in runs],
        "first_load_over_copy": [round(x, 2) for x in ratios],
    }
    print_report(data)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
