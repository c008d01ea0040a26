"""`ucn query`, `ucn queries`, `ucn analyze` and `ucn stats`: the graph read, by Cypher, by the
named queries and by network measures, and counted."""

from __future__ import annotations

import json
import sys

import click

from .command_support import _store, parse_param, reports_errors
from .mapping import write_map
from .output import FORMATS, format_rows, to_json
from .output_files import write_atomically, write_binary_atomically

# `ucn query --format`: the text formats, and Parquet (typed columns, lists kept), for pandas.
QUERY_FORMATS = (*FORMATS, "parquet")


@click.command()
@click.argument("cypher", required=False)
@click.option(
    "--name", "name", metavar="QUERY", help="Run a named query (`ucn queries` lists them)."
)
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="Bind $KEY; VALUE is read as JSON when it parses, else as text. Entity parameters of "
    "named queries take a name, an alias or an id.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(QUERY_FORMATS),
    default="table",
    show_default=True,
    help="table and csv: a list is one cell, its items joined by '; '; json and parquet keep "
    "lists as lists (parquet: a typed, compressed file for pandas, R or DuckDB; needs -o).",
)
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    metavar="FILE",
    help="Write the rows to FILE (all of them or nothing), - for stdout.",
)
@click.option("--write", is_flag=True, help="Allow the query to change the graph.")
@click.option(
    "--viz",
    "viz_path",
    metavar="FILE.html",
    help="Also draw the entities of the result and the ties among them as a map.",
)
@click.pass_context
@reports_errors
def query(
    ctx: click.Context,
    cypher: str | None,
    name: str | None,
    params: tuple[str, ...],
    fmt: str,
    output: str,
    write: bool,
    viz_path: str | None,
) -> None:
    """Run one Cypher query (read-only unless --write is given), or a named one:

    \b
        ucn query "MATCH (c:City) RETURN c.name AS city"
        ucn query --name members-of -p network=CityNet
        ucn query --name members-of -p network=CityNet --format parquet -o members.parquet
    """
    bound = dict(parse_param(p) for p in params)
    if (cypher is None) == (name is None):
        raise click.UsageError("give either CYPHER or --name QUERY")
    if fmt == "parquet" and output == "-" and sys.stdout.isatty():
        raise click.UsageError("parquet is a binary file: give -o FILE.parquet (or pipe it)")
    if name is not None:
        if write:
            raise click.UsageError("named queries only read; --write is for your own Cypher")
        from .queries.library import run_named

        result = run_named(_store(ctx), name, bound)
        for param, node in result.resolved.items():
            if str(bound[param]) != result.params[param]:
                click.echo(f"note: {param} = {bound[param]!r} is {node}", err=True)
        rows, metadata = result.table(), result.metadata()
    elif cypher is not None:  # (one of the two, checked above)
        rows = _store(ctx, create=write).run(cypher, bound, write=write)
        metadata = {"ucn.cypher": cypher, "ucn.params": json.dumps(bound, ensure_ascii=False)}
    if fmt == "parquet":
        write_binary_atomically(output, lambda out: rows.to_parquet(out, metadata))
    else:
        write_atomically(output, format_rows(rows, fmt, rows.columns))
    if output != "-":
        click.echo(f"wrote {output}: {len(rows)} row{'s' if len(rows) != 1 else ''}", err=True)
    if viz_path:
        from .viz.maps import make_map

        data = make_map(_store(ctx), cypher=cypher, name=name, params=bound)
        write_map(data, viz_path, "html", err=True)


@click.command()
@click.argument("name", required=False)
@reports_errors
def queries(name: str | None) -> None:
    """List the named queries, one per line; with NAME, show its parameters, examples and Cypher."""
    from .queries.library import describe_query, load_library

    if name is None:
        library = load_library()
        width = max(len(n) for n in library)
        for query_name, named in library.items():
            click.echo(f"{query_name.ljust(width)}  {named.description}")
        return
    click.echo(describe_query(name), nl=False)


# The sections of `ucn analyze` (queries/analytics.py SECTIONS; a test checks they agree) and
# their headings in a table.
ANALYSIS_HEADINGS = {
    "nodes": "Nodes, most between first",
    "communities": "Communities (Louvain), largest first",
    "brokerage": "Ties between communities",
    "co-membership": "Cities in the same networks",
    "growth": "Network members per year",
}


@click.command("analyze")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="table: each section under a heading; csv: one section (nodes unless --section); "
    "json: one object with the sections and the notes.",
)
@click.option(
    "--section",
    type=click.Choice(list(ANALYSIS_HEADINGS)),
    default=None,
    help="Only this section [default: all; nodes for csv].",
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="At most N node rows (by betweenness, then degree, then name).",
)
@click.option(
    "--sample",
    type=click.IntRange(min=2),
    default=None,
    metavar="K",
    help="Estimate betweenness from K source nodes, drawn with a fixed seed (from 500 "
    "anyway above 2,000 nodes).",
)
@click.option(
    "--write",
    is_flag=True,
    help="Also store the measures as node properties (degree, betweenness, eigenvector, "
    "community, brokerage); nodes not measured get none.",
)
@click.pass_context
@reports_errors
def analyze(
    ctx: click.Context,
    fmt: str,
    section: str | None,
    top: int | None,
    sample: int | None,
    write: bool,
) -> None:
    """Network measures of the cooperation graph (entities tied by every relation but MENTIONS):
    degree, betweenness and eigenvector centrality, Louvain communities and brokerage between
    them, cities sharing networks, and network membership per year.

    Notes (sampling, unknown years) go to stderr.
    """
    from .queries import analytics

    store = _store(ctx)
    analysis = analytics.analyze(store, sample=sample)
    written = analytics.write_measures(store, analysis) if write else None
    for note in analysis.notes:
        click.echo(f"note: {note}", err=True)
    sections = (section,) if section else ("nodes",) if fmt == "csv" else analytics.SECTIONS
    if fmt == "json":
        click.echo(to_json(analysis.to_dict(sections, top)))
    else:
        for name in sections:
            if fmt == "table":
                click.echo(("" if name == sections[0] else "\n") + ANALYSIS_HEADINGS[name])
            rows = analysis.section(name, top)
            click.echo(format_rows(rows, fmt, analytics.COLUMNS[name]), nl=False)
    if written is not None:
        # after a table on stdout; beside csv and json on stderr, so they stay parseable
        click.echo(f"wrote measures on {written} node(s)", err=fmt != "table")


@click.command()
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
