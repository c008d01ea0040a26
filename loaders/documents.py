"""Extraction documents on disk: the JSON that `ucn extract` prints, one document per file."""

from __future__ import annotations

import codecs
from pathlib import Path

from ..graph.document import Document, parse_document
from ..graph.errors import DocumentError
from .encoding import decode_bytes, utf16_byte_order
from .jsontext import JSONError, loads


def read_document(path: str | Path) -> Document:
    """Read and validate one extraction document; `DocumentError` names the file and field."""
    origin = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise DocumentError(origin, "", "no such file or folder") from None
    except OSError as exc:
        raise DocumentError(origin, "", f"cannot read ({exc.strerror})") from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_byte_order(raw):
        text = decode_bytes(raw)  # as `classify_path` reads it
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DocumentError(origin, "", f"not UTF-8 text (byte {exc.start})") from None
    try:
        data = loads(text)
    except JSONError as exc:
        raise DocumentError(origin, exc.where, f"invalid JSON ({exc.msg})") from None
    return parse_document(data, origin)
