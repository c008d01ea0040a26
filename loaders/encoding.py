"""Bytes to text for articles: UTF-8, UTF-16 (with or without a BOM), Windows-1258 and other
legacy encodings, then NFC."""

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


UTF16_SAMPLE = 8192  # bytes looked at to tell UTF-16 without a BOM
UTF16_ZERO_SHARE = 0.25  # code units whose high byte is zero: Vietnamese text has over 70 %
UTF16_STRAY_ZERO_SHARE = 0.05  # code units whose low byte is zero (U+0100, U+0300, U+1E00, ...)
UTF16_UNPRINTABLE_SHARE = 0.01  # control or unassigned characters in the decoded sample


def utf16_byte_order(data: bytes) -> str | None:
    """The byte order ("utf-16-le", "utf-16-be") of UTF-16 text without a BOM, else None.

    Latin-script text in UTF-16 has a zero high byte in most code units (ASCII and Latin-1
    letters, spaces, digits) and a zero low byte in almost none, so zeros sit in the odd
    positions (little-endian) or the even ones (big-endian). Binary data has its zeros in both
    or in neither; what passes must then decode into printable text.
    """
    sample = data[:UTF16_SAMPLE]
    units = len(sample) // 2
    if not units:
        return None
    even_zeros, odd_zeros = sample[0 : 2 * units : 2].count(0), sample[1 : 2 * units : 2].count(0)
    if odd_zeros >= UTF16_ZERO_SHARE * units and even_zeros <= UTF16_STRAY_ZERO_SHARE * units:
        encoding = "utf-16-le"
    elif even_zeros >= UTF16_ZERO_SHARE * units and odd_zeros <= UTF16_STRAY_ZERO_SHARE * units:
        encoding = "utf-16-be"
    else:
        return None
    try:  # not final: the sample may end inside a surrogate pair
        text = codecs.getincrementaldecoder(encoding)("strict").decode(sample[: 2 * units])
    except UnicodeDecodeError:  # a lone surrogate: not text
        return None
    unprintable = sum(not (c.isprintable() or c in "\t\n\r") for c in text)
    if not text or unprintable > UTF16_UNPRINTABLE_SHARE * len(text):
        return None
    return encoding


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
            utf16 = utf16_byte_order(data)
            if utf16:
                text = data.decode(utf16, errors="replace")
            else:
                try:
                    text = data.decode("utf-8")
                except UnicodeDecodeError:
                    text = _guess(data)
    except Exception:  # a detector failure must not lose the input
        text = data.decode("utf-8", errors="replace")
    return unicodedata.normalize("NFC", text.removeprefix("\ufeff"))
