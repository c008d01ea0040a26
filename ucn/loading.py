"""`ucn load`, `ucn extract` and `ucn forget`: news articles into extraction documents and the
graph, and an article retracted from it."""

from __future__ import annotations

import json
import sys

import click

from .command_support import _store, min_confidence_option, reports_errors
from .graph.decisions import Decisions
from .graph.errors import UcnError
from .loaders.settings import BATCH_ROWS, CONFIDENCES, DEFAULT_MIN_CONFIDENCE
from .output import to_json


@click.command()
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
@min_confidence_option(DEFAULT_MIN_CONFIDENCE)
@click.option(
    "--resolve/--no-resolve",
    default=True,
    show_default=True,
    help="Join an entity to the node another article gave it under a variant of its name "
    "(name order, abbreviations, acronyms). The curator's decisions apply either way.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show the progress line on stderr (articles read, extracted, written; rate; ETA) "
    "[default: when stderr is a terminal].",
)
@click.pass_context
@reports_errors
def load(
    ctx: click.Context,
    paths: tuple[str, ...],
    strict: bool,
    batch_rows: int,
    workers: int,
    min_confidence: float,
    resolve: bool,
    progress: bool | None,
) -> None:
    """Load news articles (text, HTML, JSON/JSONL records; files, folders, URLs, - for stdin)
    and extraction documents (the JSON `ucn extract` prints) into the graph.

    Loading the same input again changes nothing; a bad input is reported on one line and the
    others still load.
    """
    from .curation import decisions_file

    decided = Decisions.read(decisions_file(ctx))
    store = _store(ctx, create=True)
    display = None
    if progress if progress is not None else sys.stderr.isatty():
        from .progress import ProgressDisplay

        display = ProgressDisplay(sys.stderr)

    def on_input(origin: str, error: str | None) -> None:
        if error:
            if display is not None:
                display.note(f"Error: {error}")
            else:
                click.echo(f"Error: {error}", err=True)

    from .loaders.load import load_paths

    try:
        report = load_paths(
            store,
            paths,
            strict=strict,
            on_input=on_input,
            on_progress=display,
            batch_rows=batch_rows,
            workers=workers,
            min_confidence=min_confidence,
            decisions=decided,
            resolve=resolve,
        )
    finally:
        if display is not None:
            display.close()
    w = report.written
    click.echo(
        f"loaded {report.loaded} document{'s' if report.loaded != 1 else ''}: "
        f"{w.nodes_created} nodes and {w.relations_created} relations added, "
        f"{w.nodes_updated} nodes and {w.relations_updated} relations updated"
        + (f"; {report.joined} joined to nodes of other articles" if report.joined else "")
        + (f"; {len(report.failures)} failed" if report.failures else "")
    )
    if report.failures:
        ctx.exit(1)


@click.command()
@click.argument("articles", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@min_confidence_option(DEFAULT_MIN_CONFIDENCE)
@click.option(
    "--confidence",
    type=click.Choice(CONFIDENCES),
    default="learned",
    show_default=True,
    help="learned: the chance, learned from hand-annotated articles, that a fact found that "
    "way is right; rules: the fixed confidence of the rule that found it.",
)
@reports_errors
def extract(articles: tuple[str, ...], fmt: str, min_confidence: float, confidence: str) -> None:
    """Print the entities and relations found in ARTICLES (files, folders, URLs, - for stdin).

    One article gives one JSON document; several give one document per line (JSON Lines).
    Each relation says how it was found (`how`) and how sure that is (`confidence`).
    """
    from .loaders.extraction import FrameExtractor, extract_inputs

    extractor = FrameExtractor(min_confidence=min_confidence, confidence=confidence)
    results = list(extract_inputs(articles, extractor))
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


@click.command()
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
