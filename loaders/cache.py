"""A small on-disk cache of derived data (the gazetteer's matcher tables), keyed by content.

Files live in the user's cache folder: `UCN_CACHE_DIR` when set, else `$XDG_CACHE_HOME/ucn` or
`~/.cache/ucn` (`~/Library/Caches/ucn` on macOS, `%LOCALAPPDATA%\\ucn\\Cache` on Windows).
Deleting the folder is always safe: whatever is missing is built again on first use.

- An entry is named by a digest of everything it was built from, so a changed input is a new
  name and a stale entry is never read.
- An entry is written to a temporary file and renamed into place, so a reader sees the whole
  file or none, also with several processes building at once.
- An entry starts with a checksum of its content: a truncated or damaged file is ignored (and
  built again), never unmarshalled.
- A folder that cannot be created or written (read-only home, full disk) is no error: the data
  is built in memory, as without a cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

MAGIC = b"ucn-cache-1\n"
_DIGEST = hashlib.sha256().digest_size
KEEP = 8  # entries of one kind kept in the folder; older ones are removed when one is written


def cache_dir() -> Path | None:
    """The folder of the cache, or None when no home folder is known."""
    chosen = os.environ.get("UCN_CACHE_DIR")
    if chosen:
        return Path(chosen)
    try:
        if sys.platform == "win32":
            base = os.environ.get("LOCALAPPDATA")
            return Path(base) / "ucn" / "Cache" if base else None
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Caches" / "ucn"
        base = os.environ.get("XDG_CACHE_HOME")
        return (Path(base) if base else Path.home() / ".cache") / "ucn"
    except (RuntimeError, KeyError):  # no home folder
        return None


def _path(kind: str, digest: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"{kind}-{digest}.bin"


def read(kind: str, digest: str) -> Any | None:
    """The value stored for `digest`, or None when there is none or it is damaged."""
    path = _path(kind, digest)
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + _DIGEST
    if not data.startswith(MAGIC) or len(data) < head:
        return None
    body = data[head:]
    if hashlib.sha256(body).digest() != data[len(MAGIC) : head]:
        return None
    try:
        return marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return None


def write(kind: str, digest: str, value: Any) -> Path | None:
    """Store `value` (plain data that `marshal` takes) for `digest`; the file, or None when the
    cache folder cannot be written."""
    path = _path(kind, digest)
    if path is None:
        return None
    body = marshal.dumps(value)
    temp = path.with_name(f".{path.name}.{os.getpid()}.{id(body):x}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temp.open("wb") as f:
            f.write(MAGIC + hashlib.sha256(body).digest() + body)
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        return None
    _prune(path.parent, kind, keep=path)
    return path


def _prune(folder: Path, kind: str, keep: Path) -> None:
    """Remove all but the `KEEP` newest entries of `kind` (other inputs, older versions)."""
    try:
        entries = sorted(
            (p for p in folder.glob(f"{kind}-*.bin") if p != keep),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in entries[KEEP - 1 :]:
            old.unlink(missing_ok=True)
    except OSError:  # another process pruned first, or the folder went read-only
        pass
