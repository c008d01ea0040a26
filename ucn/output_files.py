"""A command's output file written all or nothing: a temporary file renamed into place, or
stdout for `-`."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import click

from .graph.errors import UcnError


def _as_new_file(path: str) -> None:
    """The permissions of an ordinary new file (the umask's), not mkstemp's 0600."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def write_atomically(path: str, text: str) -> None:
    """Write all of `text` to `path`, or nothing: a temporary file renamed into place."""
    if path == "-":
        click.echo(text, nl=False)
        return
    write_binary_atomically(path, lambda out: out.write(text.encode("utf-8")))


def write_binary_atomically(
    path: str, write: Callable[[BinaryIO], object], *, spool: bool = False
) -> None:
    """Let `write` fill `path` (a binary stream), or nothing: a temporary file renamed into
    place once `write` returns. To stdout for `-`: as it is written (a failure may leave part
    of it there), or with `spool` into a temporary file first, copied once `write` returns (a
    failure writes nothing). A path that cannot be written is one line (`UcnError`)."""
    if path == "-":
        out = sys.stdout.buffer
        try:
            if spool:
                with tempfile.TemporaryFile() as buffer:
                    write(buffer)
                    buffer.seek(0)
                    shutil.copyfileobj(buffer, out)
            else:
                write(out)
            out.flush()
        except BrokenPipeError:  # `ucn export --format nt | head`: the reader has had enough
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        return
    target = Path(path)
    if target.is_dir():
        raise UcnError(f"cannot write {path}: it is a folder (give a file name)")
    try:
        fd, tmp = tempfile.mkstemp(
            dir=target.parent if str(target.parent) else ".", prefix=f".{target.name}."
        )
    except OSError as exc:
        raise UcnError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
        _as_new_file(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UcnError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
