"""`ucn resolve`: the curator's commands over identity across articles (a report of likely
duplicates, and decisions that every later load applies)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import click

from .command_support import _store, reports_errors
from .graph.decisions import (
    Decision,
    DecisionError,
    Decisions,
    apply_to_store,
    decisions_path,
    label_of_id,
)
from .graph.errors import UcnError
from .graph.store import DEFAULT_DB, GraphStore, label_of
from .output import format_rows, to_json
from .output_files import write_atomically

REPORT_FORMATS = ("csv", "json", "table")


def decisions_file(ctx: click.Context) -> Path:
    """The decisions file the global options name: --decisions, UCN_DECISIONS, or beside the
    embedded database (./ucn.decisions.csv with Neo4j)."""
    options = ctx.find_root().params  # with the environment's values (the root command's envvar=)
    if options.get("decisions"):
        return Path(options["decisions"])
    if options.get("neo4j"):
        return Path("ucn.decisions.csv")
    return decisions_path(options.get("db") or DEFAULT_DB)


def _node_id(store: GraphStore, value: str) -> str:
    """The id of the node `value` names (id, name or alias); an id the graph does not hold yet
    is taken as it is, so that a decision can be made before its articles are loaded."""
    from .queries.resolve import EntityIndex, EntityNotFound

    try:
        return EntityIndex(store).resolve(value).id
    except EntityNotFound:
        if label_of_id(value):
            return value
        raise


def _decide(
    ctx: click.Context, store: GraphStore, new: list[Decision], where: list[str] | None = None
) -> None:
    """Apply decisions to the graph, then record them in the file: a failure leaves both as
    they were (the graph's change is one transaction, written before the file is)."""
    path = decisions_file(ctx)
    decisions = Decisions(Decisions.read(path).rows)
    for i, decision in enumerate(new):
        try:
            decisions.add(decision)
        except DecisionError as exc:
            at = where[i] if where else f"{decision.kind} {decision.id} {decision.other}"
            raise UcnError(f"{at}: {exc}") from None
    articles, written = apply_to_store(store, decisions)
    try:
        decisions.write(path)
    except OSError as exc:
        raise UcnError(
            f"{path}: the graph has the decision but the file could not be written ({exc}); "
            "a later load will not apply it until the file holds it"
        ) from None
    what = ", ".join(f"{d.kind} {d.id} {d.other}" for d in new)
    click.echo(
        f"recorded {what} in {path}; {articles} article{'s' if articles != 1 else ''} "
        f"rewritten ({written.nodes_created} nodes and {written.relations_created} relations "
        f"added, {written.nodes_updated} nodes and {written.relations_updated} updated)"
    )


@click.group(invoke_without_command=True)
@click.option("--report", is_flag=True, help="List likely duplicates (the default).")
@click.option(
    "--format", "fmt", type=click.Choice(REPORT_FORMATS), default="csv", show_default=True
)
@click.option("-o", "--output", default="-", show_default=True, help="File to write, - for stdout.")
@click.pass_context
@reports_errors
def resolve(ctx: click.Context, report: bool, fmt: str, output: str) -> None:
    """Nodes that may be one thing, and the curator's decisions about them.

    Without a subcommand, report the pairs of nodes that look alike (a name in the other order,
    an abbreviation written out, an acronym, a shared alias, a near spelling) with a sentence
    for each. Fill in the `decision` column (merge or apart) and give the file to
    `ucn resolve accept`. Decisions live in the decisions file (--decisions) and every later
    load applies them.
    """
    if ctx.invoked_subcommand is not None:
        return
    from .loaders.resolution import REPORT_COLUMNS, candidates

    store = _store(ctx)
    rows = [c.row() for c in candidates(store, Decisions.read(decisions_file(ctx)))]
    if fmt == "json":
        text = to_json(rows) + "\n"
    elif fmt == "table":
        text = format_rows(rows, "table") if rows else "no likely duplicates\n"
    else:
        out = io.StringIO()
        writer = csv.DictWriter(out, REPORT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        text = out.getvalue()
    write_atomically(output, text)


@resolve.command()
@click.argument("keep")
@click.argument("others", nargs=-1, required=True)
@click.option("--name", default="", help="The name the merged node keeps.")
@click.option("--note", default="", help="Why (kept in the decisions file).")
@click.pass_context
@reports_errors
def merge(ctx: click.Context, keep: str, others: tuple[str, ...], name: str, note: str) -> None:
    """OTHERS are the node KEEP (each an id, a name or an alias): one node, with every source
    and evidence sentence of each."""
    store = _store(ctx)
    kept = _node_id(store, keep)
    if not name:  # the kept node's name stays its name in every later load too
        rows = store.run(
            f"MATCH (n:{label_of(kept)} {{id: $id}}) RETURN n.name AS name", {"id": kept}
        )
        name = rows[0]["name"] if rows else ""
    _decide(ctx, store, [Decision("merge", kept, _node_id(store, o), name, note) for o in others])


@resolve.command()
@click.argument("first")
@click.argument("second")
@click.option("--note", default="", help="Why (kept in the decisions file).")
@click.pass_context
@reports_errors
def apart(ctx: click.Context, first: str, second: str, note: str) -> None:
    """FIRST and SECOND are different things: never joined, never reported again."""
    store = _store(ctx)
    _decide(
        ctx, store, [Decision("apart", _node_id(store, first), _node_id(store, second), "", note)]
    )


@resolve.command()
@click.argument("node")
@click.argument("alias")
@click.option("--note", default="", help="Why (kept in the decisions file).")
@click.pass_context
@reports_errors
def alias(ctx: click.Context, node: str, alias: str, note: str) -> None:
    """A mention named ALIAS (of NODE's type) is NODE, in every article."""
    store = _store(ctx)
    _decide(ctx, store, [Decision("alias", _node_id(store, node), alias, "", note)])


@resolve.command()
@click.argument("report", type=click.Path(exists=True, dir_okay=False))
@click.pass_context
@reports_errors
def accept(ctx: click.Context, report: str) -> None:
    """Take the decisions filled in a report (the `decision` column: merge or apart); rows
    left blank are skipped."""
    try:
        text = Path(report).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UcnError(f"{report}: cannot read it ({exc})") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("decision", "id", "other") if c not in (reader.fieldnames or ())]
    if missing:
        raise UcnError(f"{report}, line 1: the header lacks the column {missing[0]!r}")
    new: list[Decision] = []
    where: list[str] = []
    for row in reader:
        kind = (row.get("decision") or "").strip().lower()
        if not kind:
            continue
        cells: dict[str, Any] = row
        new.append(
            Decision(
                kind,
                (cells.get("id") or "").strip(),
                (cells.get("other") or "").strip(),
                (cells.get("name") or "").strip(),
                (cells.get("note") or "").strip(),
            )
        )
        where.append(f"{report}, line {reader.line_num}")
    if not new:
        raise UcnError(f"{report}: no row has a decision (fill in merge or apart)")
    _decide(ctx, _store(ctx), new, where)


@resolve.command("apply")
@click.pass_context
@reports_errors
def apply_(ctx: click.Context) -> None:
    """Apply the whole decisions file to the graph now (after editing it by hand)."""
    path = decisions_file(ctx)
    decisions = Decisions.read(path)
    articles, written = apply_to_store(_store(ctx), decisions)
    click.echo(
        f"{len(decisions)} decisions in {path}; {articles} article"
        f"{'s' if articles != 1 else ''} rewritten ({written.nodes_updated} nodes and "
        f"{written.relations_updated} relations updated)"
    )


@resolve.command("list")
@click.option(
    "--format", "fmt", type=click.Choice(REPORT_FORMATS), default="table", show_default=True
)
@click.pass_context
@reports_errors
def list_(ctx: click.Context, fmt: str) -> None:
    """Show the decisions every load applies."""
    path = decisions_file(ctx)
    decisions = Decisions.read(path)
    if fmt == "csv":
        click.echo(decisions.to_csv(), nl=False)
    elif fmt == "json":
        click.echo(to_json([d.row() for d in decisions.rows]))
    elif decisions:
        click.echo(format_rows([d.row() for d in decisions.rows], "table"), nl=False)
    else:
        click.echo(f"no decisions in {path}")
