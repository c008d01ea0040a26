"""Crash safety of the embedded database: a killed write never leaves a file that does not open.

LadybugDB 0.20-0.22 writes the rows that `COPY FROM` adds to a table that already holds data
straight into the database file, not into its write-ahead log; such a transaction is durable only
once the checkpoint after its commit has finished. A process killed between the commit and the
end of that checkpoint leaves `<db>.wal.checkpoint` (or `<db>.wal`) that the engine cannot replay:
the next open dies with a segmentation fault, or silently replays half of the transaction.
(README, "Known issues", has the reproduction.)

So every write transaction of ucn that bulk-copies rows is undoable (LadybugStore's
`_write_transaction`):

1. the engine checkpoints before the transaction, so that the database file alone holds every
   committed transaction;
2. before the transaction's first COPY, the file is copied to `<db>.undo` (a reflink where the
   file system has them), synced, and the copy renamed into place: from now on the undo copy is
   the last committed state;
3. the transaction commits, and the engine checkpoints again;
4. the undo copy is removed.

A transaction without COPY goes through the engine's log alone, which it replays correctly, and
takes no copy.

Before the engine opens a database, `recover` looks for what a killed writer leaves: an undo copy
means that the write did not finish, and the database is put back to the undo copy (the files of
the interrupted transaction are removed). Without an undo copy (a database written by an older
ucn, or by another program), a leftover log is tried in a child process, and only if that open
crashes are the log files moved aside into `<db>.interrupted-<time>/`.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

UNDO_SUFFIX = ".undo"
# The files the engine keeps beside the database while it writes and checkpoints.
ENGINE_SIDE_FILES = (
    ".wal",
    ".wal.checkpoint",
    ".shadow",
    ".checkpoint.intent.lock",
    ".checkpoint.apply.lock",
)
# Databases this process holds open: their side files belong to a live writer.
_OPEN_HERE: set[Path] = set()


def side_file(db: Path, suffix: str) -> Path:
    return db.with_name(db.name + suffix)


def _sync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _clone(source: Path, target: Path) -> None:
    """Copy `source` to `target` and sync it: a reflink (FICLONE) where the file system can, which
    costs nothing whatever the size, else an ordinary copy."""
    with open(source, "rb") as src, open(target, "wb") as dst:
        try:
            fcntl.ioctl(dst.fileno(), 0x40049409, src.fileno())  # FICLONE
        except OSError:
            shutil.copyfileobj(src, dst, 16 << 20)
        dst.flush()
        os.fsync(dst.fileno())


def in_use_elsewhere(db: Path) -> bool:
    """Whether another process holds the database open (the engine keeps a POSIX lock on it)."""
    if db.resolve() in _OPEN_HERE or not db.exists():
        return False
    fd = os.open(db, os.O_RDWR)
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EAGAIN):
            return True
        raise
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def opened(db: Path) -> None:
    _OPEN_HERE.add(db.resolve())


def closed(db: Path) -> None:
    _OPEN_HERE.discard(db.resolve())


def save_undo(db: Path) -> None:
    """Keep the database file as it is now (every committed transaction checkpointed into it)
    as `<db>.undo`, synced, before a write transaction starts."""
    undo = side_file(db, UNDO_SUFFIX)
    partial = side_file(db, UNDO_SUFFIX + ".partial")
    _clone(db, partial)
    os.replace(partial, undo)
    _sync_dir(db.parent)


def drop_undo(db: Path) -> None:
    """The write transaction committed and was checkpointed: its undo copy can go."""
    side_file(db, UNDO_SUFFIX).unlink(missing_ok=True)
    _sync_dir(db.parent)


def _opens_in_a_child(db: Path) -> bool:
    """Whether the engine opens `db` without dying (tried in a child process, which also lets
    the engine replay a log it can replay)."""
    probe = (
        "import sys, ladybug\n"
        "db = ladybug.Database(sys.argv[1])\n"
        "ladybug.Connection(db).execute('RETURN 1')\n"
        "db.close()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(db)], capture_output=True, timeout=3600, check=False
    )
    return done.returncode >= 0


def recover(db: Path) -> str | None:
    """Repair what a killed writer left beside `db`, before the engine opens it; a one-line
    note of what was done, or None when there was nothing to do."""
    undo = side_file(db, UNDO_SUFFIX)
    side_file(db, UNDO_SUFFIX + ".partial").unlink(missing_ok=True)
    leftovers = [side_file(db, s) for s in ENGINE_SIDE_FILES if side_file(db, s).exists()]
    if not undo.exists() and not leftovers:
        return None
    if in_use_elsewhere(db):
        return None  # a live writer's files; the engine reports the lock
    if undo.exists():
        for path in leftovers:
            path.unlink()
        os.replace(undo, db)
        _sync_dir(db.parent)
        return (
            f"{db}: the last write was interrupted (the process was killed); the database is "
            "back as it was before it, so run that load again"
        )
    logs = [p for p in leftovers if p.name.endswith((".wal", ".wal.checkpoint"))]
    if not logs or _opens_in_a_child(db):
        return None
    aside = side_file(db, time.strftime(".interrupted-%Y%m%d-%H%M%S"))
    aside.mkdir()
    for path in leftovers:
        if path.exists():
            path.rename(aside / path.name)
    _sync_dir(db.parent)
    return (
        f"{db}: an interrupted write left a log that the engine cannot replay; it was moved to "
        f"{aside}, and the database is back at its last checkpoint"
    )
