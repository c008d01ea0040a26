"""Errors the command line reports as one line, without a traceback."""


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
