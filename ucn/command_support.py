"""What the commands share: the store the global options name, the library's errors as one
line, `-p key=value` parameters and the --min-confidence option."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any, TypeVar

import click

from .graph.errors import UcnError
from .graph.store import GraphStore, open_store

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(command: F) -> F:
    """Turn the library's errors into one line on stderr and exit status 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except UcnError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper  # type: ignore[return-value]


def _store(ctx: click.Context, *, create: bool = False) -> GraphStore:
    """The store the global options name; only commands that write may create a new one."""
    options = ctx.find_root().params
    store = open_store(
        db=options["db"],
        neo4j=options["neo4j"],
        user=options["neo4j_user"],
        password=options["neo4j_password"],
        database=options["neo4j_database"],
        create=create,
    )
    ctx.call_on_close(store.close)
    if note := getattr(store, "recovered", None):
        click.echo(f"ucn: {note}", err=True)
    return store


def parse_param(text: str) -> tuple[str, Any]:
    """`key=value`: the value is read as JSON when it parses (numbers, lists, true, "text"),
    else taken as text."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise click.BadParameter(f"{text!r} is not key=value", param_hint="-p/--param")
    try:
        return key.strip(), json.loads(value)
    except json.JSONDecodeError:
        return key.strip(), value


def min_confidence_option(default: float) -> Callable[[F], F]:
    return click.option(
        "--min-confidence",
        type=click.FloatRange(0, 1),
        default=default,
        show_default=True,
        metavar="X",
        help="Leave out the facts less sure than X (a confidence in [0, 1]; 0 keeps all).",
    )
