"""`ucn export`, `ucn validate` and `ucn import`: the graph published (RDF, DCAT, graph files and
tables) and RDF read back."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .command_support import _store, reports_errors
from .graph.errors import UcnError
from .ontology.vocab import DEFAULT_BASE
from .output_files import write_atomically, write_binary_atomically

# RDF formats of `ucn export` (RDF_FORMATS of ontology/rdf_terms.py; listed here so --help
# needs no rdflib).
EXPORT_FORMATS: tuple[str, ...] = ("turtle", "jsonld", "nt", "xml", "trig", "nquads")
# Graph files and tables (graph/graphfiles.py, graph/admincsv.py).
GRAPH_FILE_FORMATS: tuple[str, ...] = ("graphml", "gexf", "csv")


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["node-link", *EXPORT_FORMATS, *GRAPH_FILE_FORMATS]),
    default="node-link",
    show_default=True,
    help="node-link: networkx node-link JSON; turtle, jsonld, nt, xml (RDF/XML), trig, nquads: "
    "RDF in the ucn ontology, streamed (jsonld expanded, with full IRIs); graphml, gexf: for "
    "Gephi, Cytoscape, yEd (lists as JSON arrays); csv: a zip of nodes.csv and "
    "relationships.csv for neo4j-admin import and spreadsheets (-o FILE.zip).",
)
@click.option("-o", "--output", default="-", show_default=True, help="File to write, - for stdout.")
@click.option(
    "--base",
    metavar="IRI",
    default=DEFAULT_BASE,
    show_default=True,
    help="Where the graph's IRIs and the published files live.",
)
@click.option(
    "--dcat",
    is_flag=True,
    help="Write a DCAT-AP catalog (Turtle) of the dataset and its exported files instead.",
)
@click.option(
    "--distribution",
    "distributions",
    multiple=True,
    metavar="FILE",
    type=click.Path(exists=True, dir_okay=False),
    help="With --dcat: an exported file the catalog lists, published at {base}/{file name} "
    "(repeatable; default: the ucn.ttl, ucn.nt, ... beside -o).",
)
@click.option("--publisher", metavar="NAME", help="With --dcat: who publishes the dataset.")
@click.pass_context
@reports_errors
def export(
    ctx: click.Context,
    fmt: str,
    output: str,
    base: str,
    dcat: bool,
    distributions: tuple[str, ...],
    publisher: str | None,
) -> None:
    """Export the whole graph, or with --dcat a DCAT catalog describing its exports.

    \b
        ucn export --format graphml -o ucn.graphml    # Gephi, Cytoscape, yEd, networkx
        ucn export --format gexf -o ucn.gexf          # Gephi
        ucn export --format csv -o ucn-csv.zip        # neo4j-admin import, spreadsheets
    """
    if dcat:
        _write_catalog(ctx, output, base, distributions, publisher)
        return
    if fmt in GRAPH_FILE_FORMATS:
        _write_graph_file(ctx, fmt, output)
        return
    if fmt != "node-link":
        from .ontology.rdf import check_base, export_rdf

        check_base(base)
        store = _store(ctx)
        write_binary_atomically(output, lambda out: export_rdf(store, fmt, out, base))
        return
    from .graph.nodelink import node_link_json

    write_atomically(output, node_link_json(_store(ctx).to_networkx()))


def _write_graph_file(ctx: click.Context, fmt: str, output: str) -> None:
    """GraphML, GEXF or the neo4j-admin CSV archive: all of it, or nothing (to stdout too)."""
    if fmt == "csv":
        if output == "-" and sys.stdout.isatty():
            raise UcnError(
                "csv is a zip archive, which is not written to a terminal: give -o FILE.zip "
                "or redirect the output"
            )
        if output != "-" and not output.lower().endswith(".zip"):
            raise UcnError(
                f"csv is a zip archive of nodes.csv and relationships.csv: give -o a name "
                f"ending in .zip, not {output!r}"
            )
        from .graph.admincsv import export_admin_csv

        store = _store(ctx)
        results = []
        write_binary_atomically(
            output, lambda out: results.append(export_admin_csv(store, out)), spool=True
        )
        if results and results[0].multiline:
            click.echo(
                "note: some values hold line breaks: import with --multiline-fields=true "
                "(the archive's comment has the command line)",
                err=True,
            )
        return
    from .graph.graphfiles import export_graph_file

    store = _store(ctx)
    write_binary_atomically(output, lambda out: export_graph_file(store, fmt, out), spool=True)


def _write_catalog(
    ctx: click.Context,
    output: str,
    base: str,
    distributions: tuple[str, ...],
    publisher: str | None,
) -> None:
    from .ontology.dcat import DEFAULT_PUBLISHER, build_catalog, find_distributions

    if distributions:
        files = [Path(p) for p in distributions]
    else:
        target = None if output == "-" else Path(output)
        files = find_distributions(target.parent if target else Path.cwd(), exclude=target)
        if not files:
            click.echo(
                "note: no exports (ucn.ttl, ucn.nt, ...) beside the catalog; it lists no "
                "distribution (name them with --distribution)",
                err=True,
            )
    graph = build_catalog(
        _store(ctx), base=base, distributions=files, publisher=publisher or DEFAULT_PUBLISHER
    )
    write_atomically(output, graph.serialize(format="turtle"))


@click.command()
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default=None,
    help="FILE's RDF format [default: from its suffix: .ttl .jsonld .nt .rdf .trig .nq].",
)
@click.option(
    "--base", metavar="IRI", default=DEFAULT_BASE, show_default=True, help="IRIs of the export."
)
@click.pass_context
@reports_errors
def validate(ctx: click.Context, file: str | None, fmt: str | None, base: str) -> None:
    """Check the RDF export against the SHACL shapes of ontology/shapes.ttl.

    Checks FILE (any RDF format of `ucn export`), or without FILE the export of the graph.
    Prints a summary and each finding; the exit status is 1 when there is a violation.
    Warnings (an event without a known date) do not fail.
    """
    from .ontology.rdf import store_graph
    from .ontology.rdf_read import guess_format, parse_rdf
    from .ontology.shacl import validate_graph

    if file is None:
        graph = store_graph(_store(ctx), base)
    else:
        graph = parse_rdf(file, fmt or guess_format(file))
    report = validate_graph(graph)
    click.echo(report.text(), nl=False)
    if not report.conforms:
        ctx.exit(1)


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default=None,
    help="FILE's RDF format [default: from its suffix: .ttl .jsonld .nt .rdf .trig .nq].",
)
@click.pass_context
@reports_errors
def import_(ctx: click.Context, file: str, fmt: str | None) -> None:
    """Read RDF in the ucn ontology (as `ucn export` writes it) into the graph.

    Nodes are the resources of a ucn class, found by dcterms:identifier; relations are the
    ucn:Fact resources (with their articles, sentences and confidences) and ucn:mentions.
    It merges like `ucn load`: importing twice changes nothing. All of it, or nothing.
    """
    from .ontology.rdf_read import import_rdf

    result = import_rdf(_store(ctx, create=True), file, fmt)
    w = result.written
    click.echo(
        f"imported {result.nodes} nodes and {result.relations} relations: "
        f"{w.nodes_created} nodes and {w.relations_created} relations added, "
        f"{w.nodes_updated} nodes and {w.relations_updated} relations updated"
    )
    if result.skipped:
        click.echo(
            f"note: {len(result.skipped)} statement(s) of a relation property without a ucn:Fact "
            f"(so without provenance) left out, e.g. {result.skipped[0]}",
            err=True,
        )
