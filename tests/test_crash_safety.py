"""A load killed at any moment leaves a database that the next command opens, holding the
batches committed before it; loading again gives the graph an uninterrupted load gives.

The kills are real (SIGKILL of a child `ucn load`); the moments are fixed by the child itself,
so the tests do not depend on timing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import write_json

# A child that runs `ucn load` and kills itself with SIGKILL at one moment of the load's write
# transaction: after its writes and before COMMIT, or just after COMMIT returns. With `copy`, the
# batch is written by COPY FROM (as large batches are), else by statements (as small ones are).
KILLER = textwrap.dedent(
    """
    import os, signal, sys
    import ladybug
    from ucn.graph.ladybug_store import LadybugStore
    moment, path = sys.argv[1], sys.argv[2]
    if path == "copy":
        LadybugStore.SMALL_ROWS = 0
    execute = ladybug.Connection.execute
    copied = False
    def dying(self, query, *args, **kwargs):
        global copied
        text = query.strip().upper() if isinstance(query, str) else ""
        wrote = "COPY" if path == "copy" else "UNWIND $ROWS AS ROW CREATE"
        copied = copied or text.startswith(wrote)
        if copied and moment == "before-commit" and text == "COMMIT":
            os.kill(os.getpid(), signal.SIGKILL)
        result = execute(self, query, *args, **kwargs)
        if copied and moment == "after-commit" and text == "COMMIT":
            os.kill(os.getpid(), signal.SIGKILL)
        return result
    ladybug.Connection.execute = dying
    from ucn.cli import main
    main(sys.argv[3:])
    """
)


def _doc(article: str, start: int, count: int, alias: str = "") -> dict[str, Any]:
    entities = [
        {
            "id": f"organization/o{i}",
            "type": "Organization",
            "name": f"Org {i}",
            "aliases": [f"O{i}{alias}"] if alias else [],
            "properties": {"kind": "institute"},
        }
        for i in range(start, start + count)
    ]
    relations = [
        {
            "type": "PARTNER_OF",
            "source": f"organization/o{i}",
            "target": f"organization/o{i + 1}",
            "evidence": f"Org {i} and Org {i + 1} work together ({article}).",
            "confidence": 0.8,
        }
        for i in range(start, start + count - 1)
    ]
    return {
        "article": {"id": article, "title": article, "date": "2024-01-02", "lang": "en"},
        "entities": entities,
        "relations": relations,
    }


def _ucn(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ucn", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _graph(db: Path) -> str:
    done = _ucn(db, "export", "--format", "node-link", "-o", "-")
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Article A loaded into a database; article B (half new entities, half new aliases of A's)
    and the graph that loading B into it gives without interruption."""
    folder = tmp_path_factory.mktemp("inputs")
    a = write_json(folder / "a.json", _doc("art-a", 0, 400))
    b = write_json(folder / "b.json", _doc("art-b", 200, 400, alias="-b"))
    base = folder / "a.db"
    assert _ucn(base, "load", str(a)).returncode == 0
    whole = folder / "ab.db"
    whole.write_bytes(base.read_bytes())
    assert _ucn(whole, "load", str(b)).returncode == 0
    return {"a": a, "b": b, "base": base, "graph_a": _graph(base), "graph_ab": _graph(whole)}


@pytest.mark.parametrize("moment", ["before-commit", "after-commit"])
def test_a_killed_load_is_undone_and_loads_again(
    inputs: dict[str, Any], tmp_path: Path, moment: str
) -> None:
    db = tmp_path / "g.db"
    db.write_bytes(inputs["base"].read_bytes())
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, moment, "copy", "--db", str(db), "load", str(inputs["b"])],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert killed.returncode == -9, killed.stderr
    assert (tmp_path / "g.db.undo").exists()  # what the killed writer left

    stats = _ucn(db, "stats", "--format", "json")
    assert stats.returncode == 0, stats.stderr
    note = stats.stderr.strip().splitlines()
    assert len(note) == 1 and "interrupted" in note[0] and str(db) in note[0]
    assert not (tmp_path / "g.db.undo").exists()
    assert _graph(db) == inputs["graph_a"]  # the interrupted batch is absent, A intact

    again = _ucn(db, "load", str(inputs["b"]))
    assert again.returncode == 0, again.stderr
    assert _graph(db) == inputs["graph_ab"]


@pytest.mark.parametrize("moment", ["before-commit", "after-commit"])
def test_a_killed_small_load_opens_with_or_without_it(
    inputs: dict[str, Any], tmp_path: Path, moment: str
) -> None:
    """A batch small enough for statements goes through the engine's log: killed before its
    commit it is absent, killed after it is there, and either way the database opens."""
    db = tmp_path / "g.db"
    db.write_bytes(inputs["base"].read_bytes())
    command = [sys.executable, "-c", KILLER, moment, "statements", "--db", str(db), "load"]
    killed = subprocess.run(
        [*command, str(inputs["b"])],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert killed.returncode == -9, killed.stderr
    assert not (tmp_path / "g.db.undo").exists()  # no COPY, no undo copy
    stats = _ucn(db, "stats", "--format", "json")
    assert stats.returncode == 0, stats.stderr
    expected = inputs["graph_a"] if moment == "before-commit" else inputs["graph_ab"]
    assert _same_graph(_graph(db), expected)
    again = _ucn(db, "load", str(inputs["b"]))
    assert again.returncode == 0, again.stderr
    assert _same_graph(_graph(db), inputs["graph_ab"])


def _same_graph(first: str, second: str) -> bool:
    """Node-link JSON of one graph, in whatever order the engine returns its rows."""

    def canonical(text: str) -> tuple[list[str], list[str]]:
        data = json.loads(text)
        key = "links" if "links" in data else "edges"
        return (
            sorted(json.dumps(n, sort_keys=True) for n in data["nodes"]),
            sorted(json.dumps(e, sort_keys=True) for e in data[key]),
        )

    return canonical(first) == canonical(second)


def test_a_clean_load_leaves_no_undo_copy(inputs: dict[str, Any], tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    db.write_bytes(inputs["base"].read_bytes())
    done = _ucn(db, "load", str(inputs["b"]))
    assert done.returncode == 0 and "interrupted" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.db"]


# The engine's own failure, made with the engine alone: a second COPY into a table that holds
# rows, killed as soon as its checkpoint has frozen the log (the README's reproduction).
FROZEN_LOG = textwrap.dedent(
    """
    import os, subprocess, sys, time
    import ladybug, pyarrow as pa
    def rows(start, n):
        return pa.table({"id": [f"p{i}" for i in range(start, start + n)],
                         "v": pa.array(range(start, start + n), pa.int64())})
    if sys.argv[1] == "write":
        conn = ladybug.Connection(ladybug.Database(sys.argv[2]))
        conn.execute("BEGIN TRANSACTION")
        conn.execute("COPY P(id, v) FROM $rows", {"rows": rows(150_000, 150_000)})
        conn.execute("COPY S(id, v) FROM $rows", {"rows": rows(0, 75_000)})
        conn.execute("MATCH (s:S), (p:P) WHERE p.id = s.id SET p.v = s.v + 1")
        conn.execute("MATCH (s:S) DELETE s")
        conn.execute("COMMIT")
        sys.exit(0)
    path = sys.argv[1]
    db = ladybug.Database(path)
    conn = ladybug.Connection(db)
    conn.execute("CREATE NODE TABLE P(id STRING, v INT64, PRIMARY KEY (id))")
    conn.execute("CREATE NODE TABLE S(k SERIAL PRIMARY KEY, id STRING, v INT64)")
    conn.execute("COPY P(id, v) FROM $rows", {"rows": rows(0, 150_000)})
    conn.close()
    db.close()
    child = subprocess.Popen([sys.executable, sys.argv[0], "write", path])
    while not os.path.exists(path + ".wal.checkpoint") and child.poll() is None:
        time.sleep(0.0002)
    child.kill()
    child.wait()
    """
)


def test_a_log_the_engine_cannot_replay_is_moved_aside(tmp_path: Path) -> None:
    script = tmp_path / "frozen.py"
    script.write_text(FROZEN_LOG, encoding="utf-8")
    db = tmp_path / "g.db"
    subprocess.run([sys.executable, str(script), str(db)], check=True, timeout=300)
    if not (tmp_path / "g.db.wal.checkpoint").exists():
        pytest.skip("the load finished before its checkpoint could be caught on this machine")
    started = time.monotonic()
    stats = _ucn(db, "stats", "--format", "json")
    assert stats.returncode == 0, (stats.returncode, stats.stderr)
    note = stats.stderr.strip().splitlines()
    assert len(note) == 1 and "moved to" in note[0], stats.stderr
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("g.db.interrupted-")]
    assert len(aside) == 1 and (aside[0] / "g.db.wal.checkpoint").exists()
    assert json.loads(stats.stdout)["nodes"]["City"] == 0
    assert time.monotonic() - started < 300
    # the repaired database is an ordinary one from then on
    assert _ucn(db, "stats").returncode == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("g.db.wal")]


def test_a_database_in_use_is_not_touched(inputs: dict[str, Any], tmp_path: Path) -> None:
    # A writer's undo copy while it still runs is not a killed writer's: nothing is restored.
    db = tmp_path / "g.db"
    db.write_bytes(inputs["base"].read_bytes())
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, ladybug; d = ladybug.Database(sys.argv[1]); "
            "print('open', flush=True); time.sleep(60)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        (tmp_path / "g.db.undo").write_bytes(b"not a database")
        done = _ucn(db, "stats")
        assert done.returncode == 1
        assert "in use" in done.stderr and len(done.stderr.strip().splitlines()) == 1
        assert (tmp_path / "g.db.undo").read_bytes() == b"not a database"
    finally:
        holder.kill()
        holder.wait()
    os.unlink(tmp_path / "g.db.undo")
