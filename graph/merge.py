"""The merge rules: a row folded into another (within a batch, and a batch's row into the stored
one), and an article's support retracted from a row.

A fact (relation) is kept apart from its mentions: one row per (type, source, target), with the
articles that state it in `sources` and, aligned with them, the evidence sentence and confidence.
The same merge rules fold documents together within a batch and fold a batch into the store, so
loading twice changes nothing and a second article only adds its id and sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .provenance import (
    NODE_UNTRACKED,
    PROVENANCE_COLUMN,
    RELATION_UNTRACKED,
    Contributions,
    derive_node,
    derive_relation,
    encode_provenance,
    fold_node,
    merge_node_contribution,
    merge_relation_contribution,
    read_contributions,
    supplied,
)
from .stored_rows import LIST_COLUMNS, Row, normalise_row


def _union(first: list[str], second: Iterable[str]) -> list[str]:
    out = list(first)
    out.extend(x for x in second if x not in out)
    return out


def _combine(
    old: Contributions, new: Contributions, merge: Callable[[Row, Row], Row]
) -> Contributions | None:
    """`old` with the contributions of `new` added (an article already there has the two
    merged); None if that changes nothing."""
    out: Contributions | None = None
    for article, c in new.items():
        prev = old.get(article)
        if prev is None:
            merged = c
        elif prev == c or (merged := merge(prev, c)) == prev:
            continue
        if out is None:
            out = dict(old)
        out[article] = merged
    return out


def merge_node(old: Row | None, new: Row) -> Row:
    """Fold `new` into `old`: the first name stays canonical, other names become aliases,
    sources are united, and a property keeps its first known value. Neither is changed; the
    result may be `new` itself."""
    if old is None:
        return new
    return merge_node_given(old, new, supplied(new, NODE_UNTRACKED))


def merge_node_given(old: Row, new: Row, given: Row) -> Row:
    """`merge_node` of a row already there, with what `new` supplied (`given`) worked out."""
    out = normalise_row(old)
    out["aliases"] = list(out["aliases"])
    fold_node(out, (given,))
    out["sources"] = _union(out["sources"], new.get("sources") or [])
    return out


def merge_relation(old: Row | None, new: Row) -> Row:
    """Fold `new` into `old`: each source not yet present adds its sentence and confidence.
    Neither is changed; the result may be `new` itself."""
    if old is None:
        return new
    out = normalise_row(old)
    sources, evidence, confidences = (
        list(out["sources"]),
        list(out["evidence"]),
        list(out["confidences"]),
    )
    for source, sentence, confidence in zip(
        new["sources"], new["evidence"], new["confidences"], strict=True
    ):
        if source not in sources:
            sources.append(source)
            evidence.append(sentence)
            confidences.append(confidence)
    out.update(sources=sources, evidence=evidence, confidences=confidences)
    out["confidence"] = max(confidences) if confidences else None
    for key, value in new.items():
        if key not in LIST_COLUMNS and key != PROVENANCE_COLUMN and out.get(key) is None:
            out[key] = value
    return out


def merge_stored_node(old: Row, new: Row, contributions: Contributions | None) -> Row:
    """Fold a batch's row into the stored one (both normalised): `contributions` what each
    article of the batch supplied, None if the row itself says (one source, or not known)."""
    if contributions is None:
        contributions = read_contributions(new, NODE_UNTRACKED)
    combined = _combine(
        read_contributions(old, NODE_UNTRACKED), contributions, merge_node_contribution
    )
    return old if combined is None else derive_node(old, combined)


def merge_stored_relation(old: Row, new: Row, contributions: Contributions | None) -> Row:
    """Fold a batch's fact into the stored one, as merge_stored_node does for nodes."""
    merged = merge_relation(old, new)
    if PROVENANCE_COLUMN not in old:  # a type with no properties of its own
        return merged
    if contributions is None:
        contributions = read_contributions(new, RELATION_UNTRACKED)
    combined = _combine(
        read_contributions(old, RELATION_UNTRACKED), contributions, merge_relation_contribution
    )
    return merged if combined is None else derive_relation(merged, combined)


def with_provenance(row: Row, contributions: Contributions | None) -> Row:
    """A batch's new row as it is written: with what each article supplied, if several did."""
    if contributions is None:
        return row
    return {**row, PROVENANCE_COLUMN: encode_provenance(contributions)}


def retract_node(row: Row, article_id: str) -> Row | None:
    """The node as the articles but `article_id` give it; None if no other supports it."""
    row = normalise_row(row)
    contributions = read_contributions(row, NODE_UNTRACKED)
    contributions.pop(article_id, None)
    return derive_node(row, contributions) if contributions else None


def retract_source(row: Row, article_id: str) -> Row:
    """The row as it stands once `article_id` no longer supports it (sources may become empty)."""
    out = normalise_row(row)
    contributions = (
        read_contributions(out, RELATION_UNTRACKED) if PROVENANCE_COLUMN in out else None
    )
    keep = [i for i, s in enumerate(out["sources"]) if s != article_id]
    for key in ("sources", "evidence", "confidences"):
        if key in out:
            values = out[key]
            out[key] = [values[i] for i in keep if i < len(values)]
    if "confidence" in out:
        out["confidence"] = max(out["confidences"]) if out["confidences"] else None
    if contributions is not None and out["sources"]:
        contributions.pop(article_id, None)
        out = derive_relation(out, contributions)
    return out
