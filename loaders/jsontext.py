"""JSON text to values, with every way `json.loads` can fail turned into one `JSONError`.

`json.loads` raises `JSONDecodeError` for bad syntax, but also `RecursionError` for deep
nesting (`[` × 100,000) and a plain `ValueError` for an integer of more than 4,300 digits; the
readers must report all of these as one line naming the file.
"""

from __future__ import annotations

import json
from typing import Any


class JSONError(ValueError):
    """Text that is not JSON we can read; `where` is "line L, column C" when that is known."""

    def __init__(self, msg: str, lineno: int | None = None, colno: int | None = None):
        self.msg, self.lineno, self.colno = msg, lineno, colno
        super().__init__(msg)

    @property
    def where(self) -> str:
        return f"line {self.lineno}, column {self.colno}" if self.lineno is not None else ""


def loads(text: str) -> Any:
    """The value of JSON `text`; `JSONError` whatever is wrong with it."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise JSONError(exc.msg, exc.lineno, exc.colno) from None
    except RecursionError:
        raise JSONError("nested too deeply") from None
    except ValueError as exc:  # an integer too long to convert
        message = " ".join(str(exc).split(":", 1)[0].split())
        raise JSONError(message or "not a JSON value") from None
