"""Kill probe: SIGKILL `ucn load` at many moments and check what the next commands find.

    python bench/kill_probe.py [--entities 20000] [--out bench-out/kill]

Loads article A (synthetic: `--entities` organisations and their partnerships), then loads
article B (half new organisations, half new aliases of A's) in a child `ucn load`, killed with
SIGKILL at each of a series of moments: as soon as the engine's checkpoint freezes its log
(`.wal.checkpoint`), as soon as it writes its shadow file, and at fractions of the time an
uninterrupted load takes. After each kill it runs `ucn export` (does the database open, and does
it hold A or A+B exactly?) and loads B again (is the result the uninterrupted graph?). A kill
counts as survived when all three hold. Not part of `make bench`: it takes minutes and measures
safety, not speed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def document(article: str, start: int, count: int, alias: str = "") -> dict[str, Any]:
    return {
        "article": {"id": article, "title": article, "date": "2024-01-02", "lang": "en"},
        "entities": [
            {
                "id": f"organization/o{i}",
                "type": "Organization",
                "name": f"Org {i}",
                "aliases": [f"O{i}{alias}"] if alias else [],
                "properties": {"kind": "institute"},
            }
            for i in range(start, start + count)
        ],
        "relations": [
            {
                "type": "PARTNER_OF",
                "source": f"organization/o{i}",
                "target": f"organization/o{i + 1}",
                "evidence": f"Org {i} and Org {i + 1} work together ({article}).",
                "confidence": 0.8,
            }
            for i in range(start, start + count - 1)
        ],
    }


def ucn(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "ucn", "--db", str(db), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=1800, check=False)


def digest(db: Path) -> str:
    done = ucn(db, "export", "--format", "node-link", "-o", "-")
    if done.returncode != 0:
        return f"exit {done.returncode}"
    return hashlib.sha256(done.stdout.encode()).hexdigest()[:12]


def kill_at(db: Path, article: Path, trigger: str, delay: float) -> bool:
    """Start `ucn load`, kill it at the moment; whether it had finished first."""
    child = subprocess.Popen(
        [sys.executable, "-m", "ucn", "--db", str(db), "load", str(article)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    started = time.monotonic()
    watched = db.with_name(db.name + trigger)
    while child.poll() is None:
        if trigger == "time" and time.monotonic() - started >= delay:
            break
        if trigger != "time" and watched.exists():
            time.sleep(delay)
            break
        time.sleep(0.0005)
    finished = child.poll() is not None
    child.send_signal(signal.SIGKILL)
    child.wait()
    return finished


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entities", type=int, default=20_000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out" / "kill")
    args = parser.parse_args()
    out: Path = args.out
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    a, b = out / "a.json", out / "b.json"
    a.write_text(json.dumps(document("art-a", 0, args.entities)), encoding="utf-8")
    half = args.entities // 2
    b.write_text(json.dumps(document("art-b", half, args.entities, "-b")), encoding="utf-8")
    base = out / "base" / "g.db"
    base.parent.mkdir()
    assert ucn(base, "load", str(a)).returncode == 0
    graph_a = digest(base)
    whole = out / "whole" / "g.db"
    shutil.copytree(base.parent, whole.parent)
    started = time.monotonic()
    assert ucn(whole, "load", str(b)).returncode == 0
    seconds = time.monotonic() - started
    graph_ab = digest(whole)
    print(f"uninterrupted load of B: {seconds:.1f} s", flush=True)
    moments = [(".wal.checkpoint", 0.0)] * 3 + [(".shadow", 0.0), (".shadow", 0.05)]
    moments += [("time", f * seconds) for f in (0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)]
    survived = 0
    for k, (trigger, delay) in enumerate(moments):
        db = out / f"kill-{k}" / "g.db"
        shutil.copytree(base.parent, db.parent)
        finished = kill_at(db, b, trigger, delay)
        left = sorted(p.name for p in db.parent.iterdir())
        state = digest(db)
        found = {graph_a: "A", graph_ab: "A+B"}.get(state, state)
        again = ucn(db, "load", str(b))
        ok = found in ("A", "A+B") and again.returncode == 0 and digest(db) == graph_ab
        survived += ok
        moment = f"{trigger} +{delay:.2f} s" + (" (the load had finished)" if finished else "")
        print(
            f"kill {k}: at {moment}; left {left}; opens as {found}; loads again: "
            f"{'the uninterrupted graph' if ok else 'NOT the uninterrupted graph'}",
            flush=True,
        )
    print(f"kills tried {len(moments)}, survived {survived}")


if __name__ == "__main__":
    main()
