"""LadybugDB's results as plain Python: a result read as rows or as an Arrow table, and engine
values (nodes, relations, paths, decimals, dates) as plain dicts, numbers and text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pyarrow as pa

from .rows import Rows

_SCALARS = frozenset({str, float, int, bool})


def plain(value: Any) -> Any:
    """Engine values as plain Python: nodes and relations become property dicts."""
    if value is None or type(value) in _SCALARS:
        return value
    if isinstance(value, dict):
        if "_NODES" in value:
            return {
                "nodes": [plain(n) for n in value["_NODES"]],
                "relationships": [plain(r) for r in value["_RELS"]],
            }
        out: dict[str, Any] = {}
        if "_SRC" in value:
            out["_type"] = value.get("_LABEL")
        elif "_LABEL" in value:
            out["_label"] = value["_LABEL"]
        out.update({k: plain(v) for k, v in value.items() if not k.startswith("_")})
        return out
    if isinstance(value, list):
        # LadybugDB lists hold one type: a list of scalars (a STRING[] column) is plain already.
        if not value or (
            (value[0] is None or type(value[0]) in _SCALARS)
            and (value[-1] is None or type(value[-1]) in _SCALARS)
        ):
            return value
        return [plain(v) for v in value]
    if isinstance(value, Decimal):  # sum() of integers is a 128-bit integer
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return value


def result_rows(result: Any) -> Rows:
    """An engine result as dict rows, values as the engine gives them."""
    names = result.get_column_names()
    rows = []
    while result.has_next():
        rows.append(dict(zip(names, result.get_next(), strict=True)))
    return Rows(rows, names)


def arrow_table(result: Any) -> pa.Table:
    # without a chunk size the engine's Arrow export spends milliseconds choosing one
    return result.get_as_arrow(max(1, result.get_num_tuples()))
