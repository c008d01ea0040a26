"""The embedded database is open in one process at a time: what another command says while a
load (or a notebook) holds it. Real second processes, no mocks."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner

from ucn.cli import main
from ucn.graph import StoreError, open_store
from ucn.graph.recovery import in_use_elsewhere

from conftest import NEWS_ARTICLE, ROOT

HOLD = (
    "import sys\n"
    "from ucn import open_store\n"
    "store = open_store(sys.argv[1])\n"
    "print('open', flush=True)\n"
    "sys.stdin.read()\n"
    "store.close()\n"
)


def wait_until_held(db: Path, process: subprocess.Popen[str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not (db.exists() and in_use_elsewhere(db)):
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline, "the other process never opened the database"
        time.sleep(0.05)


@contextmanager
def running(args: list[str], db: Path) -> Iterator[subprocess.Popen[str]]:
    """A process that holds `db` open until its stdin is closed."""
    process = subprocess.Popen(
        args,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        wait_until_held(db, process)
        yield process
    finally:
        if process.poll() is None and process.stdin:
            process.stdin.close()
        process.wait(timeout=120)


def one_line(db: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", str(db), *args])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def test_a_query_while_a_load_runs_says_so(tmp_path: Path) -> None:
    db = tmp_path / "ucn.db"
    load = [sys.executable, "-m", "ucn", "--db", str(db), "load", "-"]
    with running(load, db) as loading:  # `ucn load -` waits for its articles on stdin
        line = one_line(db, "query", "MATCH (n) RETURN count(n) AS n")
        assert line.startswith(f"Error: {db} is being written by another process: ")
        assert f"`ucn --db {db} load -` (pid {loading.pid}) is still running" in line
        assert "LadybugDB lets one process at a time open a database" in line
        assert "wait for the load to finish, then run this again" in line
        assert "'One process at a time' in the README" in line
        # every command that opens the database says the same
        assert "is being written by another process" in one_line(db, "stats")
        assert loading.stdin is not None
        loading.stdin.write(NEWS_ARTICLE.format(i=1))
        loading.stdin.close()
        assert loading.wait(timeout=120) == 0, loading.stderr.read() if loading.stderr else ""
    # the load done, the query runs
    done = CliRunner().invoke(
        main,
        ["--db", str(db), "query", "MATCH (a:Article) RETURN a.title AS t", "--format", "json"],
    )
    assert done.exit_code == 0
    assert json.loads(done.stdout) == [{"t": "Mayors meet in Yokohama, round 1"}]


def test_a_notebook_holding_the_store(tmp_path: Path) -> None:
    db = tmp_path / "ucn.db"
    open_store(db).close()
    with running([sys.executable, "-c", HOLD, str(db)], db) as notebook:
        line = one_line(db, "query", "MATCH (n) RETURN count(n) AS n")
        assert "is in use: `python -c" in line and f"(pid {notebook.pid}) has it open" in line
        assert "close the store there (`store.close()`) or wait for it to end" in line
        # from Python: the same message, and the holder's pid
        try:
            open_store(db)
        except StoreError as exc:
            assert exc.pid == notebook.pid and not exc.loading  # type: ignore[attr-defined]
            assert str(exc) == line.removeprefix("Error: ")
        else:
            raise AssertionError("a second process opened the database")
