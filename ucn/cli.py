"""The `ucn` command: the root group and its global options (where the graph lives), with the
commands of the modules beside it; each a thin layer over the Python API, one library call."""

from __future__ import annotations

import click

from .curation import resolve
from .loading import extract, forget, load
from .mapping import viz

# (`X as X`: still importable from here, where they were before their commands moved out)
from .publishing import EXPORT_FORMATS as EXPORT_FORMATS
from .publishing import GRAPH_FILE_FORMATS as GRAPH_FILE_FORMATS
from .publishing import export, import_, validate
from .querying import ANALYSIS_HEADINGS as ANALYSIS_HEADINGS
from .querying import analyze, queries, query, stats


def _print_version(ctx: click.Context, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from . import __version__

    click.echo(f"ucn {__version__}")
    ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
# The environment is read here, by click (envvar=), and nowhere in the library: open_store and
# the rest take arguments. The values are shown in the help text, not by click (show_envvar),
# so that the help stays as it was.
@click.option(
    "--db",
    metavar="PATH",
    default=None,
    envvar="UCN_DB",
    help="Embedded database file [env UCN_DB; default ./ucn.db].",
)
@click.option(
    "--neo4j",
    metavar="URI",
    default=None,
    envvar="NEO4J_URI",
    help="Use Neo4j at URI, e.g. bolt://localhost:7687 [env NEO4J_URI; credentials "
    "from NEO4J_USER, NEO4J_PASSWORD, database from NEO4J_DATABASE].",
)
# Neo4j's credentials and database come from the environment only (hidden: not on the command
# line, where other users could read a password in the process list).
@click.option("--neo4j-user", envvar="NEO4J_USER", default="neo4j", hidden=True)
@click.option("--neo4j-password", envvar="NEO4J_PASSWORD", default="", hidden=True)
@click.option("--neo4j-database", envvar="NEO4J_DATABASE", default="neo4j", hidden=True)
@click.option(
    "--decisions",
    metavar="PATH",
    default=None,
    envvar="UCN_DECISIONS",
    help="The curator's identity decisions, applied by every load (`ucn resolve`) [env "
    "UCN_DECISIONS; default beside the embedded database: ./ucn.decisions.csv].",
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, param, value: _print_version(ctx, value),
    help="Show the version and exit.",
)
def main(
    db: str | None,
    neo4j: str | None,
    neo4j_user: str,
    neo4j_password: str,
    neo4j_database: str,
    decisions: str | None,
) -> None:
    """ucn: news articles about urban cooperation, as a knowledge graph you can query.

    The embedded database (LadybugDB) needs no server; pass --neo4j to use Neo4j instead.
    """
    ctx = click.get_current_context()
    ctx.params.update(where_the_graph_lives(ctx, db, neo4j))


def where_the_graph_lives(
    ctx: click.Context, db: str | None, neo4j: str | None
) -> dict[str, str | None]:
    """`db` and `neo4j` as the commands use them: empty values are none, and an explicit --db
    wins over NEO4J_URI in the environment (but --neo4j over --db, and NEO4J_URI over UCN_DB)."""
    db, neo4j = db or None, neo4j or None
    if (
        neo4j
        and ctx.get_parameter_source("neo4j") is click.core.ParameterSource.ENVIRONMENT
        and ctx.get_parameter_source("db") is click.core.ParameterSource.COMMANDLINE
    ):
        neo4j = None
    if neo4j:
        db = None
    return {"db": db, "neo4j": neo4j}


for _command in (load, extract, forget, query, queries, analyze, stats, viz):
    main.add_command(_command)
for _command in (export, validate, import_, resolve):
    main.add_command(_command)
