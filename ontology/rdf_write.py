"""The RDF export's writers: N-Triples and N-Quads written by ucn, a chunk of lines at a time;
Turtle, TriG, RDF/XML and JSON-LD by pyoxigraph's streaming writers; and the sink that holds the
first bytes back, so that an export failing early writes nothing. `rdf.export_rdf` uses them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import IO, Protocol

from .rdf_terms import (
    DATASET_FORMATS,
    EXPORT_PREFIXES,
    XSD_STRING,
    Quad,
    Term,
)
from .vocab import NAMESPACES

# -- N-Triples and N-Quads, streamed -----------------------------------------------------------
# In a string: quote and backslash escaped, line ends and tab as \n \r \t, other controls as
# \u00XX; everything else is UTF-8 as it is (N-Triples and N-Quads are UTF-8).
_ESCAPES = {i: f"\\u{i:04X}" for i in (*range(0x20), 0x7F)}
_ESCAPES.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})
_ESCAPES.update({ord('"'): '\\"', ord("\\"): "\\\\"})
# Most text needs no escape: a search is cheaper than translating it.
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]').search


def nt_term(term: Term) -> str:
    if isinstance(term, str):
        return f"<{term}>"
    text = term.lexical
    if _NEEDS_ESCAPE(text):
        text = text.translate(_ESCAPES)
    if term.lang:
        return f'"{text}"@{term.lang}'
    if term.datatype and term.datatype != XSD_STRING:
        return f'"{text}"^^<{term.datatype}>'
    return f'"{text}"'


def line_chunks(
    quads: Iterable[Quad], graphs: bool, flush_every: int = 4096
) -> Iterator[tuple[str, int]]:
    """`quads` as N-Triples (`graphs` false: each statement once) or N-Quads (once per named
    graph, default-graph statements without a graph), about `flush_every` lines at a time: each
    chunk of whole lines, and how many lines it holds."""
    lines: list[str] = []
    append = lines.append
    for s, p, o, gs in quads:
        triple = f"<{s}> <{p}> <{o}>" if type(o) is str else f"<{s}> <{p}> {nt_term(o)}"
        if graphs and gs:
            for g in gs:
                append(f"{triple} <{g}> .\n")
        else:
            append(f"{triple} .\n")
        if len(lines) >= flush_every:
            yield "".join(lines), len(lines)
            lines.clear()
    if lines:
        yield "".join(lines), len(lines)


class BinaryOut(Protocol):
    def write(self, data: bytes, /) -> int: ...


class FlushableOut(BinaryOut, Protocol):
    """What pyoxigraph's writers call of the stream they write to."""

    def flush(self) -> None: ...


def write_lines(quads: Iterable[Quad], out: BinaryOut, graphs: bool) -> int:
    """Write `quads` to `out` as N-Triples or N-Quads (see `line_chunks`), UTF-8; the number
    of lines written."""
    count = 0
    for text, lines in line_chunks(quads, graphs):
        out.write(text.encode("utf-8"))
        count += lines
    return count


# -- Turtle, TriG, RDF/XML and JSON-LD, streamed by pyoxigraph ---------------------------------
# pyoxigraph takes the statements as Python objects only: parsing our N-Triples (N-Quads for TriG)
# a chunk at a time makes them in Rust, cheaper than building its terms in Python. Its writers
# stream: Turtle and TriG group a subject's consecutive statements (`;`, `,`), RDF/XML and JSON-LD
# write them in one element or object. Turtle and TriG escape controls as \uXXXX (DEL too), JSON-LD
# as JSON does; RDF/XML writes them as they are, which is why UNWRITABLE refuses C0 controls there.
# JSON-LD is expanded (full IRIs): pyoxigraph does not compact, and the same statements read back.
OXIGRAPH_FORMATS = {"turtle": "TURTLE", "trig": "TRIG", "xml": "RDF_XML", "jsonld": "JSON_LD"}
# Bytes of output held back before the first write to `out`: an export refused for text in one of
# the first rows writes nothing, to stdout too (a file is only renamed into place when complete).
HOLD_BYTES = 1 << 20


def export_prefixes() -> dict[str, str]:
    """The prefixes the Turtle, TriG and RDF/XML exports shorten IRIs with."""
    return {p: NAMESPACES[p] for p in EXPORT_PREFIXES}


class _Sink:
    """The binary stream an export writes to: `out`, once HOLD_BYTES are written or `close`
    is called; in RDF/XML, carriage returns as `&#13;` (an XML parser reads a raw CR LF as
    LF). The error of a write to `out` is kept: pyoxigraph reports it as an OSError of its
    own, and a BrokenPipeError must stay one (`ucn export | head`)."""

    def __init__(self, out: IO[bytes], xml: bool = False):
        self.out = out
        self.xml = xml
        self.held: list[bytes] | None = []
        self.size = 0
        self.error: BaseException | None = None

    def write(self, data: bytes) -> int:
        n = len(data)
        chunk = bytes(data)
        if self.xml and b"\r" in chunk:
            # in this export a CR can only be in a literal's text (IRIs are percent-encoded)
            chunk = chunk.replace(b"\r", b"&#13;")
        if self.held is not None:
            self.held.append(chunk)
            self.size += n
            if self.size < HOLD_BYTES:
                return n
            chunk, self.held = b"".join(self.held), None
        try:
            self.out.write(chunk)
        except BaseException as exc:
            self.error = exc
            raise
        return n

    def flush(self) -> None:  # the export is complete at `close`, not before
        pass

    def close(self) -> None:
        """Write what is held: the export is complete."""
        if self.held:
            self.out.write(b"".join(self.held))
        self.held = None


def write_oxigraph(quads: Iterable[Quad], out: FlushableOut, fmt: str) -> int:
    """Write `quads` as `fmt` (a key of OXIGRAPH_FORMATS) with pyoxigraph's streaming writer:
    the union of the graphs, or for TriG each statement in its named graphs (or the default
    graph); the number of statements written (TriG: once per graph)."""
    import itertools

    import pyoxigraph as ox

    graphs = fmt in DATASET_FORMATS
    syntax = ox.RdfFormat.N_QUADS if graphs else ox.RdfFormat.N_TRIPLES
    count = 0

    def chunks() -> Iterator[bytes]:
        nonlocal count
        for text, lines in line_chunks(quads, graphs):
            count += lines
            yield text.encode("utf-8")

    # lenient: IRIs of our own making, not checked again (as the N-Triples export writes them)
    statements = itertools.chain.from_iterable(
        ox.parse(chunk, syntax, lenient=True) for chunk in chunks()
    )
    target = getattr(ox.RdfFormat, OXIGRAPH_FORMATS[fmt])
    try:
        # its stub asks for a whole IO[bytes]; it calls only write() and flush()
        ox.serialize(statements, out, target, prefixes=export_prefixes())  # type: ignore[arg-type]
    except Exception:
        error = getattr(out, "error", None)
        if error is not None:
            raise error from None
        raise
    return count
