"""Extraction documents on disk: the JSON that `ucn extract` prints, one document per file."""

from __future__ import annotations

import json
from pathlib import Path

from ..graph.document import Document, parse_document
from ..graph.errors import DocumentError


def read_document(path: str | Path) -> Document:
    """Read and validate one extraction document; `DocumentError` names the file and field."""
    origin = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise DocumentError(origin, "", "no such file or folder") from None
    except OSError as exc:
        raise DocumentError(origin, "", f"cannot read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(origin, "", f"not UTF-8 text (byte {exc.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DocumentError(
            origin, f"line {exc.lineno}, column {exc.colno}", f"invalid JSON ({exc.msg})"
        ) from None
    return parse_document(data, origin)
