"""The `ucn` command: a thin layer over the Python API, one library call per command."""

from __future__ import annotations

import functools
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from .graph.errors import UcnError
from .graph.store import GraphStore, open_store
from .loaders import BATCH_ROWS, extract_inputs, load_paths
from .output import FORMATS, format_rows, to_json

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
    store = open_store(db=options["db"], neo4j=options["neo4j"], create=create)
    ctx.call_on_close(store.close)
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


def write_atomically(path: str, text: str) -> None:
    """Write all of `text` to `path`, or nothing: a temporary file renamed into place."""
    if path == "-":
        click.echo(text, nl=False)
        return
    target = Path(path)
    fd, tmp = tempfile.mkstemp(
        dir=target.parent if str(target.parent) else ".", prefix=f".{target.name}."
    )
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    metavar="PATH",
    default=None,
    help="Embedded database file [env UCN_DB; default ./ucn.db].",
)
@click.option(
    "--neo4j",
    metavar="URI",
    default=None,
    help="Use Neo4j at URI, e.g. bolt://localhost:7687 [env NEO4J_URI; credentials "
    "from NEO4J_USER, NEO4J_PASSWORD, database from NEO4J_DATABASE].",
)
@click.version_option(package_name="ucn")
def main(db: str | None, neo4j: str | None) -> None:
    """ucn: news articles about urban cooperation, as a knowledge graph you can query.

    The embedded database (LadybugDB) needs no server; pass --neo4j to use Neo4j instead.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--strict", is_flag=True, help="Stop at the first bad input.")
@click.option(
    "--batch-rows",
    type=click.IntRange(min=1),
    default=BATCH_ROWS,
    show_default=True,
    help="Rows per transaction: fewer use less memory, more load faster.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Processes that extract articles in parallel.",
)
@click.pass_context
@reports_errors
def load(
    ctx: click.Context, paths: tuple[str, ...], strict: bool, batch_rows: int, workers: int
) -> None:
    """Load news articles (text, HTML, JSON/JSONL records; files, folders, URLs, - for stdin)
    and extraction documents (the JSON `ucn extract` prints) into the graph.

    Loading the same input again changes nothing; a bad input is reported on one line and the
    others still load.
    """
    store = _store(ctx, create=True)
    show_progress = sys.stderr.isatty()
    bar = None
    if show_progress:
        from .loaders import iter_article_inputs

        total = sum(1 for _ in iter_article_inputs(paths))
        bar = click.progressbar(length=total, label="loading", file=sys.stderr)
        bar.__enter__()

    def on_input(origin: str, error: str | None) -> None:
        if error:
            if bar is not None:
                click.echo("", err=True)
            click.echo(f"Error: {error}", err=True)
        if bar is not None:
            bar.update(1)

    try:
        report = load_paths(
            store,
            paths,
            strict=strict,
            on_input=on_input,
            batch_rows=batch_rows,
            workers=workers,
        )
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    w = report.written
    click.echo(
        f"loaded {report.loaded} document{'s' if report.loaded != 1 else ''}: "
        f"{w.nodes_created} nodes and {w.relations_created} relations added, "
        f"{w.nodes_updated} nodes and {w.relations_updated} relations updated"
        + (f"; {len(report.failures)} failed" if report.failures else "")
    )
    if report.failures:
        ctx.exit(1)


@main.command()
@click.argument("articles", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@reports_errors
def extract(articles: tuple[str, ...], fmt: str) -> None:
    """Print the entities and relations found in ARTICLES (files, folders, URLs, - for stdin).

    One article gives one JSON document; several give one document per line (JSON Lines).
    """
    results = list(extract_inputs(articles))
    documents = [doc for doc in results if not isinstance(doc, UcnError)]
    for error in results:
        if isinstance(error, UcnError):
            click.echo(f"Error: {error}", err=True)
    if len(documents) == 1 and len(results) == 1:
        click.echo(to_json(documents[0]))
    else:
        for doc in documents:
            click.echo(json.dumps(doc, ensure_ascii=False))
    if len(documents) < len(results):
        sys.exit(1)


@main.command()
@click.argument("cypher")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="Bind $KEY; VALUE is read as JSON when it parses, else as text.",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--write", is_flag=True, help="Allow the query to change the graph.")
@click.pass_context
@reports_errors
def query(ctx: click.Context, cypher: str, params: tuple[str, ...], fmt: str, write: bool) -> None:
    """Run one Cypher query; read-only unless --write is given."""
    bound = dict(parse_param(p) for p in params)
    rows = _store(ctx, create=write).run(cypher, bound, write=write)
    click.echo(format_rows(rows, fmt), nl=False)


@main.command()
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.pass_context
@reports_errors
def stats(ctx: click.Context, fmt: str) -> None:
    """Count nodes per label and relations per type."""
    counts = _store(ctx).stats()
    if fmt == "json":
        click.echo(to_json(counts))
        return
    rows = [{"kind": "node", "name": k, "count": v} for k, v in counts["nodes"].items()]
    rows += [{"kind": "relation", "name": k, "count": v} for k, v in counts["relations"].items()]
    click.echo(format_rows(rows, "table"), nl=False)


@main.command()
@click.argument("article_id")
@click.pass_context
@reports_errors
def forget(ctx: click.Context, article_id: str) -> None:
    """Retract an article: facts and nodes that no other article supports disappear."""
    result = _store(ctx).forget(article_id)
    if not result.found:
        raise UcnError(f"no article {article_id!r} in the graph")
    click.echo(
        f"forgot {article_id}: {result.nodes_deleted} nodes and {result.relations_deleted} "
        f"relations removed, {result.nodes_updated} nodes and {result.relations_updated} "
        "relations kept with other sources"
    )


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["node-link"]),
    default="node-link",
    show_default=True,
    help="node-link: networkx node-link JSON.",
)
@click.option("-o", "--output", default="-", show_default=True, help="File to write, - for stdout.")
@click.pass_context
@reports_errors
def export(ctx: click.Context, fmt: str, output: str) -> None:
    """Export the whole graph."""
    import networkx as nx

    graph = _store(ctx).to_networkx()
    data = nx.node_link_data(graph, edges="edges")
    write_atomically(output, to_json(data) + "\n")
