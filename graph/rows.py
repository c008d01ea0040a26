"""Query results as a table: still a list of row dicts, with the column names and conversions
to a pandas DataFrame, an Arrow table and a Parquet file.

pandas is optional (`pip install 'ucn[pandas]'`); Arrow and Parquet need only pyarrow, which
ucn depends on anyway. Lists stay lists in all three: a DataFrame cell holds a Python list,
an Arrow or Parquet column is a list column.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any

from .errors import MissingDependencyError

if TYPE_CHECKING:
    import pandas
    import pyarrow as pa

PANDAS_EXTRA = "pip install 'ucn[pandas]'"


def require_pandas() -> Any:
    """The pandas module, or one error that says how to install it."""
    try:
        import pandas
    except ImportError:
        raise MissingDependencyError(
            f"pandas is not installed, and DataFrames need it: {PANDAS_EXTRA} "
            "(or pip install pandas)"
        ) from None
    return pandas


class Rows(list[dict[str, Any]]):
    """Rows of a query, as `GraphStore.run` returns them: a list of dicts (so code written for
    plain lists keeps working), which also knows its columns, in the query's order, even when
    there are no rows.

    >>> rows = Rows([{"city": "Huế", "networks": ["CityNet"]}])
    >>> rows.columns
    ['city', 'networks']
    >>> rows.to_pandas()  # doctest: +SKIP
      city   networks
    0  Huế  [CityNet]
    """

    def __init__(
        self, rows: Iterable[dict[str, Any]] = (), columns: Sequence[str] | None = None
    ) -> None:
        super().__init__(rows)
        self._columns = list(columns) if columns is not None else None

    @property
    def columns(self) -> list[str]:
        """The column names: the query's, else the first row's keys."""
        if self._columns is not None:
            return list(self._columns)
        return list(self[0]) if self else []

    def __repr__(self) -> str:
        return f"Rows({list.__repr__(self)}, columns={self.columns!r})"

    def to_pandas(self) -> pandas.DataFrame:
        """A pandas DataFrame, one row per result row and the columns in the query's order.
        Lists stay Python lists in their cells; dates stay ISO 8601 text as stored (`2017`,
        `2018-11`: reduced precision has no datetime), nodes and relations stay dicts."""
        pd = require_pandas()
        columns = self.columns
        return pd.DataFrame.from_records(
            [[row.get(c) for c in columns] for row in self], columns=columns
        )

    def to_arrow(self) -> pa.Table:
        """An Arrow table: each column typed from its values (text, integers, floats, lists,
        structs for nodes). A column whose values no one Arrow type holds (an integer beside
        text, say) is written as JSON text, so nothing is lost."""
        import pyarrow as pa

        arrays = {}
        for column in self.columns:
            values = [row.get(column) for row in self]
            arrays[column] = _arrow_column(values)
        return pa.table(arrays)

    def to_parquet(
        self,
        where: str | os.PathLike[str] | IO[bytes],
        metadata: Mapping[str, str] | None = None,
    ) -> None:
        """Write the rows as a Parquet file (`to_arrow`'s types); `metadata` is kept in the
        file's key-value metadata (`ucn query` records the query and its parameters)."""
        import pyarrow.parquet as pq

        table = self.to_arrow()
        if metadata:
            table = table.replace_schema_metadata(
                {**(table.schema.metadata or {}), **{k: str(v) for k, v in metadata.items()}}
            )
        pq.write_table(table, where)


def _arrow_column(values: list[Any]) -> pa.Array:
    import pyarrow as pa

    try:
        array = pa.array(values)
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        array = None
    if array is None or _has_empty_struct(array.type):
        text = [
            None if v is None else json.dumps(v, ensure_ascii=False, default=str) for v in values
        ]
        return pa.array(text, pa.string())
    return array


def _has_empty_struct(kind: pa.DataType) -> bool:
    """Parquet cannot hold a struct without fields (what `{}` gives)."""
    import pyarrow as pa

    if pa.types.is_struct(kind):
        return kind.num_fields == 0 or any(
            _has_empty_struct(kind.field(i).type) for i in range(kind.num_fields)
        )
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        return _has_empty_struct(kind.value_type)
    return False
