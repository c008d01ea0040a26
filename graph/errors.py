"""Errors the command line reports as one line, without a traceback."""

from __future__ import annotations

import os
import re


class UcnError(Exception):
    """Base of every error meant for the user: its message is the whole story."""


class DocumentError(UcnError):
    """A malformed extraction document; names the file and the field."""

    def __init__(self, origin: str, field: str, message: str):
        self.origin, self.field = origin, field
        where = f"{origin}: {field}" if field else origin
        super().__init__(f"{where}: {message}")


class MissingDependencyError(UcnError, ImportError):
    """An optional package that a feature needs is not installed; says how to install it."""


class StoreError(UcnError):
    """The store cannot be opened or reached, or a write failed."""


class StoreLockedError(StoreError):
    """The embedded database is open in another process. LadybugDB lets one process at a time
    open a database file (a lock on the file), so a `ucn query` during a `ucn load` of the same
    database cannot run; the message says which process holds it and what to do."""

    def __init__(self, path: os.PathLike[str] | str, engine_message: str = "") -> None:
        self.path = str(path)
        match = re.search(r"held by PID (\d+)", engine_message)
        self.pid: int | None = int(match.group(1)) if match else None
        argv = command_line(self.pid) if self.pid else None
        self.command: str | None = shorten(argv) if argv else None
        # `ucn import` writes as a load does
        self.loading = bool(argv) and ucn_subcommand(argv or []) in ("load", "import")
        super().__init__(self._explain())

    def _explain(self) -> str:
        pid = f"pid {self.pid}" if self.pid else "pid unknown"
        rule = "LadybugDB lets one process at a time open a database"
        see = "(see 'One process at a time' in the README)"
        if self.loading:
            return (
                f"{self.path} is being written by another process: `{self.command}` ({pid}) "
                f"is still running. {rule}: wait for the load to finish, then run this again "
                f"{see}"
            )
        holder = f"`{self.command}` ({pid})" if self.command else f"another process ({pid})"
        advice = (
            "wait for it to finish"
            if (self.command or "").startswith("ucn ")
            else "close the store there (`store.close()`) or wait for it to end"
        )
        return (
            f"{self.path} is in use: {holder} has it open. {rule}: {advice}, then run this "
            f"again {see}"
        )


def command_line(pid: int) -> list[str] | None:
    """The arguments of process `pid`, the `ucn` command named `ucn` however it was started
    (console script, `python -m ucn`); None where they cannot be read (no /proc, or the process
    is gone)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            argv = [a.decode("utf-8", "replace") for a in f.read().split(b"\0") if a]
    except OSError:
        return None
    if not argv:
        return None
    names = [os.path.basename(a) for a in argv]
    if len(argv) > 1 and names[0].startswith("python") and names[1] == "ucn":
        return ["ucn", *argv[2:]]  # the console script, run by its interpreter
    if len(argv) > 2 and names[0].startswith("python") and argv[1:3] == ["-m", "ucn"]:
        return ["ucn", *argv[3:]]
    return [names[0], *argv[1:]]


def ucn_subcommand(argv: list[str]) -> str | None:
    """`load` for `ucn --db x.db load articles/`; None when argv is not a ucn command."""
    if not argv or argv[0] != "ucn":
        return None
    words = iter(argv[1:])
    for word in words:
        if word in ("--db", "--neo4j", "--decisions"):
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def one_line(exc: BaseException) -> str:
    """An exception's message on one line: an engine's may span several."""
    return " ".join(str(exc).split())


def shorten(argv: list[str], width: int = 100) -> str:
    """A command line on one line, at most `width` characters, for a message."""
    text = " ".join(" ".join(a.split()) for a in argv)
    return text if len(text) <= width else text[: width - 3] + "..."


class QueryError(UcnError):
    """The engine rejected a query; the message is the engine's own."""


class ReadOnlyError(QueryError):
    """A write was attempted through a read-only query."""

    def __init__(self, reason: str = "it writes to the graph") -> None:
        self.reason = reason
        super().__init__(
            f"refused: {reason}; without --write a query is read-only and may only read "
            "the graph (see 'Read-only queries' in the README)"
        )
