"""Bytes to text for articles: UTF-8, UTF-16, Windows-1258 and other legacy encodings, then NFC."""

from __future__ import annotations

import codecs
import unicodedata

import charset_normalizer

from .article import detect_lang

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _guess(data: bytes) -> str:
    """Legacy bytes: charset-normalizer's best guess, or Windows-1258 when that reads as Vietnamese.

    Short Vietnamese texts are sometimes taken for another Latin code page; Windows-1258 is the
    legacy encoding of Vietnamese pages, so it wins whenever it decodes cleanly into Vietnamese.
    """
    try:
        vietnamese = data.decode("cp1258")
    except UnicodeDecodeError:
        vietnamese = None
    if vietnamese is not None and detect_lang(unicodedata.normalize("NFC", vietnamese)) == "vi":
        return vietnamese
    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        return str(best)
    return data.decode("utf-8", errors="replace")


def decode_bytes(data: bytes) -> str:
    """Decode article bytes to NFC text; never raises (bad bytes become U+FFFD)."""
    try:
        for bom, encoding in _BOMS:
            if data.startswith(bom):
                text = data.decode(encoding, errors="replace")
                break
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = _guess(data)
    except Exception:  # a detector failure must not lose the input
        text = data.decode("utf-8", errors="replace")
    return unicodedata.normalize("NFC", text.removeprefix("\ufeff"))
